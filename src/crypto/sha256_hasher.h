// Sha256Hasher: the audit chain's hash function (domain::AuditHasher) on libsodium's
// crypto_hash_sha256. Stateless; thread-safe.
#pragma once

#include "domain/audit_chain.h"

namespace drieluik::crypto {

class Sha256Hasher final : public domain::AuditHasher {
 public:
  Sha256Hasher();
  std::string Sha256Hex(std::string_view data) const override;
};

}  // namespace drieluik::crypto
