#include "crypto/sha256_hasher.h"

#include <sodium.h>

#include <cstdlib>

#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {

Sha256Hasher::Sha256Hasher() {
  if (!InitSodium()) std::abort();
}

std::string Sha256Hasher::Sha256Hex(std::string_view data) const {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

}  // namespace drieluik::crypto
