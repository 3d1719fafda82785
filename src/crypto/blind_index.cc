#include "crypto/blind_index.h"

#include <sodium.h>

#include <cstdlib>

#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {
namespace {

constexpr char kContext[] = "dlkbidx_";
constexpr std::size_t kIndexBytes = 16;  // crypto_generichash_BYTES_MIN

std::string IndexOf(const KeyRing& ring, std::string_view key_id, IndexKind kind, const std::string& normal) {
  KeyRing::Key key = ring.DeriveKey(key_id, kContext, 1 + static_cast<std::uint64_t>(kind));
  unsigned char out[kIndexBytes];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(normal.data()), normal.size(),
                     key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  char hex[kIndexBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(key_id) + ":" + hex;
}

std::int64_t WordKeyOf(const KeyRing::Key& key, const std::string& word) {
  unsigned char out[kIndexBytes];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(word.data()), word.size(), key.data(),
                     key.size());
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | out[i];
  return static_cast<std::int64_t>(v);
}

}  // namespace

BlindIndex::BlindIndex(const KeyRing& ring) : ring_(ring) {
  if (!InitSodium()) std::abort();
}

std::string BlindIndex::Compute(IndexKind kind, std::string_view value) const {
  return ComputeWith(ring_.current_id(), kind, value);
}

std::string BlindIndex::ComputeWith(std::string_view key_id, IndexKind kind, std::string_view value) const {
  std::string normal = Normalize(kind, value);
  if (normal.empty()) return "";
  return IndexOf(ring_, key_id, kind, normal);
}

std::vector<std::string> BlindIndex::SearchIndexes(IndexKind kind, std::string_view value) const {
  std::string normal = Normalize(kind, value);
  std::vector<std::string> out;
  if (normal.empty()) return out;
  for (const std::string& id : ring_.ids()) out.push_back(IndexOf(ring_, id, kind, normal));
  return out;
}

std::vector<std::string> BlindIndex::WordIndexes(std::string_view text) const {
  std::vector<std::string> out;
  for (const std::string& word : WordTokens(text)) {
    out.push_back(IndexOf(ring_, ring_.current_id(), IndexKind::kWord, word));
  }
  return out;
}

std::vector<std::int64_t> BlindIndex::WordKeys(std::string_view text) const {
  std::vector<std::int64_t> out;
  std::vector<std::string> words = WordTokens(text);
  if (words.empty()) return out;
  // One subkey for all words of the text (deriving it per word would double the cost).
  KeyRing::Key key = ring_.DeriveKey(ring_.current_id(), kContext, 1 + static_cast<std::uint64_t>(IndexKind::kWord));
  out.reserve(words.size());
  for (const std::string& word : words) out.push_back(WordKeyOf(key, word));
  sodium_memzero(key.data(), key.size());
  return out;
}

std::vector<std::int64_t> BlindIndex::SearchWordKeys(std::string_view word) const {
  std::vector<std::int64_t> out;
  std::vector<std::string> words = WordTokens(word);
  if (words.empty()) return out;
  for (const std::string& id : ring_.ids()) {
    KeyRing::Key key = ring_.DeriveKey(id, kContext, 1 + static_cast<std::uint64_t>(IndexKind::kWord));
    out.push_back(WordKeyOf(key, words.front()));
    sodium_memzero(key.data(), key.size());
  }
  return out;
}

}  // namespace drieluik::crypto
