// Secrets: where the domain gets unpredictable values and one-way hashes (reference
// codes, the public reporter's secret). Implemented with libsodium in src/crypto; an
// interface so the domain stays free of crypto libraries. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace drieluik::domain {

class Secrets {
 public:
  virtual ~Secrets() = default;
  /// n characters drawn uniformly from the unambiguous alphabet 23456789ABCDEFGHJKLMNPQRSTUVWXYZ.
  virtual std::string RandomCode(int n) = 0;
  /// A high-entropy secret (at least 128 bits) as text a person can copy.
  virtual std::string NewSecret() = 0;
  /// A one-way hash of a high-entropy secret, as text.
  virtual std::string HashSecret(std::string_view secret) = 0;
  /// Constant-time check of a secret against HashSecret's output.
  virtual bool VerifySecret(std::string_view secret, std::string_view hash) = 0;
};

}  // namespace drieluik::domain
