// BlindIndex: keyed hashes of normalised identifying values, stored beside their
// ciphertexts, so an exact-match search ("this phone number", "this plate", "this name")
// and word search in encrypted free text work without decrypting. Index = key id + ":" +
// hex of BLAKE2b-128 (crypto_generichash) keyed with a subkey of the ring key derived per
// kind (crypto_kdf, context "dlkbidx_", subkey = 1 + the kind's number), over
// Normalize(kind, value) (crypto/normalize.h).
//
// What an index gives away (docs/PRIVACY.md): whoever reads the database sees which rows
// share a value (and word frequencies in free text), never the value; without the key the
// index cannot be computed from a guess. During a key rotation rows carry indexes under the
// old or the new key, so a search computes SearchIndexes (one per key in the ring) and
// matches any. Immutable; thread-safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/key_ring.h"
#include "crypto/normalize.h"

namespace drieluik::crypto {

class BlindIndex {
 public:
  /// Keeps a reference: `ring` must outlive the index.
  explicit BlindIndex(const KeyRing& ring);

  /// "<current key id>:<32 hex digits>"; empty when the normalised value is empty.
  std::string Compute(IndexKind kind, std::string_view value) const;
  /// The same under key `key_id`. Requires: the ring has it.
  std::string ComputeWith(std::string_view key_id, IndexKind kind, std::string_view value) const;
  /// One index per key in the ring (oldest key first): what a search must match during a
  /// rotation. Empty when the normalised value is empty.
  std::vector<std::string> SearchIndexes(IndexKind kind, std::string_view value) const;
  /// The kWord index of every WordTokens(text) word, under the current key, in token order.
  std::vector<std::string> WordIndexes(std::string_view text) const;

  /// Compact word indexes for the store's word table: for every WordTokens(text) word, the
  /// first 8 bytes of its kWord index under the current key, read little-endian as a signed
  /// integer (64 bits: a false match between two of a region's words is negligible).
  std::vector<std::int64_t> WordKeys(std::string_view text) const;
  /// What a search for one query word must match: its WordKeys value under every key in the
  /// ring (oldest first). Empty when WordTokens(word) is empty; only its first token counts.
  std::vector<std::int64_t> SearchWordKeys(std::string_view word) const;

 private:
  const KeyRing& ring_;
};

}  // namespace drieluik::crypto
