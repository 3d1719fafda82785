#include "crypto/api_token.h"

#include <sodium.h>

#include <cstdlib>

#include "crypto/base32.h"
#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {
namespace {

constexpr std::string_view kPrefix = "dlk_";
constexpr std::size_t kSymbols = 52;  // ceil(256 / 5)

bool WellFormed(std::string_view token) {
  if (token.size() != kPrefix.size() + kSymbols || token.substr(0, kPrefix.size()) != kPrefix) return false;
  for (char c : token.substr(kPrefix.size())) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
  }
  return true;
}

std::string Sha256Text(std::string_view s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return std::string("sha256:") + hex;
}

}  // namespace

NewApiToken CreateApiToken() {
  if (!InitSodium()) std::abort();
  std::string bytes(32, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  NewApiToken t;
  t.token = std::string(kPrefix) + Base32Encode(bytes, false);
  sodium_memzero(bytes.data(), bytes.size());
  t.hash = Sha256Text(t.token);
  t.hint = t.token.substr(0, 8) + "\xE2\x80\xA6" + t.token.substr(t.token.size() - 4);
  return t;
}

Result<std::string> HashApiToken(std::string_view token) {
  if (!WellFormed(token)) return Status::InvalidArgument("api token: malformed");
  return Sha256Text(token);
}

bool VerifyApiToken(std::string_view token, std::string_view stored_hash) {
  if (!WellFormed(token)) return false;
  std::string h = Sha256Text(token);
  if (h.size() != stored_hash.size()) return false;
  return sodium_memcmp(h.data(), stored_hash.data(), h.size()) == 0;
}

std::optional<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return std::nullopt;
  }
  std::string_view rest = authorization.substr(kScheme.size());
  if (rest.front() != ' ') return std::nullopt;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  if (rest.empty()) return std::nullopt;
  return rest;
}

}  // namespace drieluik::crypto
