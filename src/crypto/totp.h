// TOTP: time-based one-time passwords (RFC 6238 on HOTP, RFC 4226) for the second login
// factor. The time comes from a Clock&, so tests run at any instant. Verification accepts
// the current step and `window` steps either side (clock drift of phones), and refuses a
// step at or before the last one the user already used (replay protection): on success it
// returns the accepted step, which the caller stores with the user and passes back as
// `last_used_step` next time. Secrets are raw bytes; people and authenticator apps see them
// in base32 (crypto/base32.h) and in an otpauth:// URI. Thread-safe (no mutable state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace drieluik::crypto {

enum class TotpAlgorithm { kSha1, kSha256, kSha512 };

struct TotpOptions {
  TotpAlgorithm algorithm = TotpAlgorithm::kSha1;  ///< Default: SHA1 (what every app supports).
  int digits = 6;                                  ///< Default: 6. Requires: 6..8.
  int period_seconds = 30;                         ///< Default: 30. Requires: > 0.
  int window = 1;                                  ///< Steps accepted either side. Default: 1.
};

/// HOTP value (RFC 4226 section 5.3) of `key` at counter `step`, zero-padded to `digits`.
std::string TotpCode(std::string_view key, std::int64_t step, const TotpOptions& options = {});

/// A fresh random secret of 20 bytes (160 bits, RFC 4226's recommendation for SHA1).
std::string NewTotpSecret();

/// otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30,
/// the form authenticator apps read from a QR code. Issuer and account are percent-encoded.
std::string TotpProvisioningUri(std::string_view issuer, std::string_view account, std::string_view key,
                                const TotpOptions& options = {});

class Totp {
 public:
  explicit Totp(const Clock& clock, TotpOptions options = {});

  /// The time step now: floor(unix seconds / period).
  std::int64_t CurrentStep() const;

  /// The accepted step when `code` (digits; spaces ignored) is the code of a step within
  /// the window around now and later than `last_used_step`. Unauthenticated("totp: code
  /// mismatch") otherwise, Unauthenticated("totp: code already used") when it matches only
  /// a step at or before `last_used_step`. Every step of the window is compared in
  /// constant time, whatever matched.
  Result<std::int64_t> Verify(std::string_view key, std::string_view code,
                              std::optional<std::int64_t> last_used_step) const;

 private:
  const Clock& clock_;
  const TotpOptions options_;
};

}  // namespace drieluik::crypto
