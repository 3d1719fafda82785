#include "crypto/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstdlib>

#include "crypto/base32.h"
#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {
namespace {

const EVP_MD* Md(TotpAlgorithm a) {
  switch (a) {
    case TotpAlgorithm::kSha1: return EVP_sha1();
    case TotpAlgorithm::kSha256: return EVP_sha256();
    case TotpAlgorithm::kSha512: return EVP_sha512();
  }
  return EVP_sha1();
}

const char* AlgorithmName(TotpAlgorithm a) {
  switch (a) {
    case TotpAlgorithm::kSha1: return "SHA1";
    case TotpAlgorithm::kSha256: return "SHA256";
    case TotpAlgorithm::kSha512: return "SHA512";
  }
  return "SHA1";
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '@';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string TotpCode(std::string_view key, std::int64_t step, const TotpOptions& options) {
  unsigned char counter[8];
  auto c = static_cast<std::uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(c & 0xFF);
    c >>= 8;
  }
  if (options.digits < 1 || options.digits > 9) return "";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  static const unsigned char kEmpty = 0;  // OpenSSL wants a non-null key pointer
  const void* key_ptr = key.empty() ? static_cast<const void*>(&kEmpty) : key.data();
  if (HMAC(Md(options.algorithm), key_ptr, static_cast<int>(key.size()), counter, sizeof counter, mac, &mac_len) ==
          nullptr ||
      mac_len < 20) {
    return "";
  }
  // Dynamic truncation, RFC 4226 section 5.3.
  int offset = mac[mac_len - 1] & 0x0F;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulus = 1;
  for (int i = 0; i < options.digits; ++i) modulus *= 10;
  std::string digits = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(options.digits) - digits.size(), '0') + digits;
}

std::string NewTotpSecret() {
  if (!InitSodium()) std::abort();
  std::string key(20, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string TotpProvisioningUri(std::string_view issuer, std::string_view account, std::string_view key,
                                const TotpOptions& options) {
  std::string out = "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account);
  out += "?secret=" + Base32Encode(key, false);
  out += "&issuer=" + PercentEncode(issuer);
  out += std::string("&algorithm=") + AlgorithmName(options.algorithm);
  out += "&digits=" + std::to_string(options.digits);
  out += "&period=" + std::to_string(options.period_seconds);
  return out;
}

Totp::Totp(const Clock& clock, TotpOptions options) : clock_(clock), options_(options) {
  // Invalid options are a bug in the caller, not user input.
  if (options_.digits < 6 || options_.digits > 8 || options_.period_seconds <= 0 || options_.window < 0) std::abort();
}

std::int64_t Totp::CurrentStep() const {
  auto ms = clock_.Now().time_since_epoch().count();
  std::int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  std::int64_t p = options_.period_seconds;
  return seconds >= 0 ? seconds / p : (seconds - p + 1) / p;
}

Result<std::int64_t> Totp::Verify(std::string_view key, std::string_view code,
                                  std::optional<std::int64_t> last_used_step) const {
  std::string given;
  for (char c : code) {
    if (c != ' ') given += c;
  }
  bool well_formed = given.size() == static_cast<std::size_t>(options_.digits);
  for (char c : given) well_formed = well_formed && c >= '0' && c <= '9';
  if (!well_formed) return Status::Unauthenticated("totp: code mismatch");

  std::int64_t now = CurrentStep();
  std::optional<std::int64_t> fresh;   // earliest matching step after last_used_step
  bool matched_used = false;
  for (std::int64_t step = now - options_.window; step <= now + options_.window; ++step) {
    std::string expected = TotpCode(key, step, options_);
    bool match = expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
    bool used = last_used_step && step <= *last_used_step;
    if (match && used) matched_used = true;
    if (match && !used && !fresh) fresh = step;
  }
  if (fresh) return *fresh;
  if (matched_used) return Status::Unauthenticated("totp: code already used");
  return Status::Unauthenticated("totp: code mismatch");
}

}  // namespace drieluik::crypto
