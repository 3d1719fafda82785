#include "crypto/sodium_secrets.h"

#include <sodium.h>

#include <cstdlib>

namespace drieluik::crypto {
namespace {

constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 symbols, no 0/O/1/I

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

bool InitSodium() { return sodium_init() >= 0; }

SodiumSecrets::SodiumSecrets() {
  if (!InitSodium()) std::abort();  // no randomness: refusing to run is the only safe choice
}

std::string SodiumSecrets::RandomCode(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += kAlphabet[randombytes_uniform(32)];
  return out;
}

std::string SodiumSecrets::NewSecret() {
  // 32 symbols of 5 bits each = 160 bits, written in groups of four for copying.
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(32)];
  }
  return out;
}

std::string SodiumSecrets::HashSecret(std::string_view secret) {
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr, 0);
  return "b2:" + Hex(h, sizeof h);
}

bool SodiumSecrets::VerifySecret(std::string_view secret, std::string_view hash) {
  std::string expected = HashSecret(secret);
  if (expected.size() != hash.size()) return false;
  return sodium_memcmp(expected.data(), hash.data(), expected.size()) == 0;
}

}  // namespace drieluik::crypto
