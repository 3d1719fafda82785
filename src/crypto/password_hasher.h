// PasswordHasher: argon2id password hashes (libsodium crypto_pwhash_str_alg with
// ALG_ARGON2ID13) in the self-describing "$argon2id$v=19$m=...,t=...,p=1$salt$hash" form,
// verification, and a check whether a stored hash was made with weaker settings than the
// current ones (so a login can re-hash it). An INTERACTIVE hash takes about a quarter of a
// second and 64 MiB, so at most max_concurrent hashes or verifications run at once; the
// others wait. Passwords never appear in a Status message. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"

namespace drieluik::crypto {

struct PasswordHashOptions {
  /// Default: crypto_pwhash_OPSLIMIT_INTERACTIVE (2 passes).
  unsigned long long ops_limit = 2;
  /// Default: crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB).
  std::size_t mem_limit = 64u * 1024 * 1024;
  /// Hashes or verifications running at the same time. Default: 2 (128 MiB at most).
  int max_concurrent = 2;

  /// OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE: for production.
  static PasswordHashOptions Interactive() { return {}; }
  /// OPSLIMIT_MIN / MEMLIMIT_MIN (1 pass, 8 KiB): for tests only, about 1 ms.
  static PasswordHashOptions Minimum() { return {1, 8192, 2}; }
};

/// Longest password accepted, in bytes (argon2 itself has no practical limit; this bounds
/// the work a request can cause).
inline constexpr std::size_t kMaxPasswordBytes = 1024;

class PasswordHasher {
 public:
  /// Requires: options within libsodium's limits, max_concurrent >= 1.
  explicit PasswordHasher(PasswordHashOptions options = PasswordHashOptions::Interactive());

  /// A new hash with a fresh random salt. InvalidArgument (field "/password", key
  /// "required" or "too_long") for an empty or over-long password; ResourceExhausted when
  /// the memory for the hash cannot be allocated.
  Result<std::string> Hash(std::string_view password);

  /// True when the password matches the stored hash (argon2id or argon2i, any settings).
  /// False for a wrong password and for a stored value that is not a hash. The comparison
  /// inside libsodium is constant-time.
  bool Verify(std::string_view password, std::string_view stored);

  /// Costs what Verify costs and returns false: call it when the user name is unknown, so
  /// a login's duration does not tell whether an account exists.
  bool VerifyUnknownUser(std::string_view password);

  /// True when `stored` is not an argon2id hash with exactly this hasher's limits
  /// (weaker or stronger), or is not a hash at all.
  bool NeedsRehash(std::string_view stored) const;

  /// Test-only: the most hashes that ever ran at the same time.
  int TEST_PeakConcurrent() const { return peak_.load(); }

 private:
  class Slot;  // RAII hold on one of the max_concurrent places

  const PasswordHashOptions options_;
  std::string dummy_hash_;  // hash of a random password, for VerifyUnknownUser
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;  // guarded by mu_
  std::atomic<int> peak_{0};
};

}  // namespace drieluik::crypto
