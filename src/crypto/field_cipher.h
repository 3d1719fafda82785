// FieldCipher: encryption at rest of one identifying field (a name, a date of birth, a
// phone number, free text) with XChaCha20-Poly1305 (libsodium
// crypto_aead_xchacha20poly1305_ietf_*), under the KeyRing's current key.
//
// Stored form, self-describing and plain ASCII so it fits a TEXT column:
//     v1:<key id>:<base64 of 24-byte random nonce || ciphertext || 16-byte tag>
// The associated data binds a ciphertext to its place: "drieluik.field.v1", the key id, the
// table, the column and the row id, each length-prefixed. A value copied to another row or
// column, or with its key id edited, fails to decrypt. The cipher's key is a subkey of the
// ring key (crypto_kdf, context "dlkfield", subkey 1), distinct from the blind-index keys.
//
// Errors never contain the plaintext. Immutable; thread-safe to share.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "crypto/key_ring.h"

namespace drieluik::crypto {

/// Where a ciphertext lives. `row` is the row's stable id (its primary key as text), so it
/// must exist before encrypting; a value that moves to another row is re-encrypted.
struct FieldPlace {
  std::string_view table;   // "signal_person"
  std::string_view column;  // "name"
  std::string_view row;     // "42"
};

class FieldCipher {
 public:
  /// Keeps a reference: `ring` must outlive the cipher.
  explicit FieldCipher(const KeyRing& ring);

  /// "v1:<current key id>:<base64>" with a fresh random nonce (so equal plaintexts give
  /// different ciphertexts; use a BlindIndex for equality search).
  std::string Encrypt(std::string_view plaintext, const FieldPlace& place) const;

  /// The plaintext. InvalidArgument("field cipher: not a v1 ciphertext") for text of another
  /// form; NotFound("field cipher: key <id> is not in the key ring") for an unknown key id;
  /// InvalidArgument("field cipher: authentication failed ...") when the ciphertext was
  /// altered, or belongs to another table/column/row, or the key with that id changed.
  Result<std::string> Decrypt(std::string_view stored, const FieldPlace& place) const;

  /// True when `stored` is a ciphertext under a key other than the current one, i.e. a row
  /// `rotate-key` still has to re-encrypt. False for the current key and for non-ciphertexts.
  bool NeedsReencrypt(std::string_view stored) const;

  /// Decrypt and Encrypt under the current key (what rotate-key does per value); the same
  /// errors as Decrypt.
  Result<std::string> Reencrypt(std::string_view stored, const FieldPlace& place) const;

  /// The key id of a v1 ciphertext, or empty for anything else.
  static std::string_view KeyIdOf(std::string_view stored);

 private:
  const KeyRing& ring_;
};

}  // namespace drieluik::crypto
