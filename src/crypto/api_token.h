// API tokens: bearer credentials for integrations (a partner system posting signals, a
// reporting tool reading aggregates). A token is "dlk_" + base32 (RFC 4648, no padding)
// of 32 random bytes: 56 characters, 256 bits of entropy, recognisable by secret scanners
// through its prefix. Only its hash is stored: "sha256:" + hex of SHA-256 of the whole token.
//
// Why plain SHA-256 and not a peppered (keyed) hash or argon2: the token is 256 random bits,
// so no dictionary or brute-force attack on a leaked hash is possible and a slow or keyed
// hash adds nothing; a keyed hash would instead tie every token to a key-ring key, so a key
// rotation would silently revoke all integrations. The hash is also the lookup key (the
// store finds the token row by hash), so the secret is never compared byte by byte against
// stored data; VerifyApiToken still compares in constant time. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace drieluik::crypto {

struct NewApiToken {
  std::string token;  // shown once to the person who created it, never stored
  std::string hash;   // "sha256:<64 hex>", stored
  std::string hint;   // "dlk_ABCD…WXYZ": first and last four symbols, for listings
};

/// A fresh token with its hash and hint.
NewApiToken CreateApiToken();

/// "sha256:<hex>" of a well-formed token. InvalidArgument("api token: malformed") for
/// anything that is not "dlk_" + 52 base32 symbols (so garbage never reaches the store).
Result<std::string> HashApiToken(std::string_view token);

/// True when `token` is well formed and hashes to `stored_hash` (constant-time compare).
bool VerifyApiToken(std::string_view token, std::string_view stored_hash);

/// The token of an "Authorization: Bearer <token>" header value (scheme case-insensitive,
/// one or more spaces); nullopt for another scheme or an empty token.
std::optional<std::string_view> BearerToken(std::string_view authorization);

}  // namespace drieluik::crypto
