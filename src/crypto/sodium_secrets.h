// SodiumSecrets: domain::Secrets on libsodium — uniform random codes from the OS CSPRNG,
// 160-bit secrets in base32, and BLAKE2b hashes compared in constant time. (A public
// reporter's secret has full entropy, so a fast keyed hash is enough; passwords, which
// do not, get argon2id in the accounts code.) Thread-safe.
#pragma once

#include "domain/secrets.h"

namespace drieluik::crypto {

/// Initialises libsodium once; false when it cannot (the process must not go on).
bool InitSodium();

class SodiumSecrets final : public domain::Secrets {
 public:
  SodiumSecrets();
  std::string RandomCode(int n) override;
  std::string NewSecret() override;
  std::string HashSecret(std::string_view secret) override;
  bool VerifySecret(std::string_view secret, std::string_view hash) override;
};

}  // namespace drieluik::crypto
