// KeyRing: the keys for encryption at rest and blind indexes, each with a short id. One
// key is current (new ciphertexts and indexes use it); every key decrypts, so that
// `drieluik rotate-key` can re-encrypt row by row under a new current key while the
// service keeps running. Keys come from a key file or the DRIELUIK_KEYS environment
// variable, never from the database.
//
// Key file format (docs/PRIVACY.md, "Keys"): UTF-8 text, one `id=base64key` per line, where
// id is 1–32 of [A-Za-z0-9_-] and the key is standard base64 (with or without padding) of at
// least 32 random bytes; blank lines and lines starting with '#' are ignored; ids are
// unique; the LAST key is the current one (rotation appends a line). The file must not be
// readable or writable by group or others (mode 0600 or 0400). DRIELUIK_KEYS holds the same
// entries separated by newlines, ';' or ','. Keys longer than 32 bytes are reduced to 32 with
// BLAKE2b-256. Each key is a master key: the cipher and each blind-index purpose use their
// own subkey derived with crypto_kdf, so no key is used for two purposes.
//
// Key bytes are wiped from memory when a KeyRing is destroyed and never appear in a
// Status message. Immutable after loading; thread-safe to share.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::crypto {

/// The environment variable read when no key file is given.
inline constexpr char kKeysEnvironmentVariable[] = "DRIELUIK_KEYS";
/// Also accepted (the same format) when DRIELUIK_KEYS is unset.
inline constexpr char kKeyEnvironmentVariableAlias[] = "DRIELUIK_KEY";

class KeyRing {
 public:
  using Key = std::array<unsigned char, 32>;

  KeyRing(const KeyRing& other) = default;
  KeyRing(KeyRing&& other) = default;
  KeyRing& operator=(const KeyRing&) = default;
  KeyRing& operator=(KeyRing&&) = default;
  ~KeyRing();

  /// Parses key-file text. `source` names it in errors ("keys.txt:3: ..."). InvalidArgument
  /// for a malformed line, a bad id, bad base64, a key shorter than 32 bytes, a duplicate
  /// id, or no key at all.
  static Result<KeyRing> Parse(std::string_view text, std::string_view source);
  /// Reads and parses a key file. FailedPrecondition when group or others may read or
  /// write it; NotFound when it cannot be opened.
  static Result<KeyRing> LoadFile(const std::string& path);
  /// Parses the value of DRIELUIK_KEYS (entries separated by newline, ';' or ',').
  static Result<KeyRing> FromEnvironmentValue(std::string_view value);
  /// The key file when `path` is not empty, else DRIELUIK_KEYS (or DRIELUIK_KEY);
  /// FailedPrecondition ("no keys: ...") when neither is given.
  static Result<KeyRing> Load(const std::string& path);
  /// True when DRIELUIK_KEYS or DRIELUIK_KEY is set and not empty.
  static bool EnvironmentHasKeys();

  /// This ring's keys followed by `next`'s, with `next`'s current key current: what
  /// rotate-key works with (every old key still decrypts, new values use the new key).
  /// An id in both must have the same key; InvalidArgument ("key id X differs ...") if not.
  Result<KeyRing> Merge(const KeyRing& next) const;

  /// A new line for a key file: "<id>=<base64 of 32 random bytes>". Requires: a valid id.
  static std::string GenerateKeyLine(std::string_view id);

  const std::string& current_id() const { return ids_.back(); }
  /// Every key id, oldest first (the current one last).
  const std::vector<std::string>& ids() const { return ids_; }
  bool Has(std::string_view id) const;

  /// A 32-byte subkey of key `id` for one purpose (crypto_kdf_derive_from_key with an
  /// 8-character context and a subkey number). Requires: Has(id), context.size() == 8.
  Key DeriveKey(std::string_view id, std::string_view context, std::uint64_t subkey) const;

 private:
  KeyRing() = default;
  std::vector<std::string> ids_;  // parallel to keys_; never empty once loaded
  std::vector<Key> keys_;
};

/// True for an id of 1–32 characters from [A-Za-z0-9_-].
bool IsValidKeyId(std::string_view id);

}  // namespace drieluik::crypto
