#include "crypto/field_cipher.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {
namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr char kContext[] = "dlkfield";
constexpr std::uint64_t kSubkey = 1;

void AppendField(std::string& out, std::string_view s) {
  std::uint32_t n = static_cast<std::uint32_t>(s.size());
  for (int i = 0; i < 4; ++i) out += static_cast<char>((n >> (8 * i)) & 0xFF);
  out.append(s);
}

std::string AssociatedData(std::string_view key_id, const FieldPlace& place) {
  std::string ad = "drieluik.field.v1";
  AppendField(ad, key_id);
  AppendField(ad, place.table);
  AppendField(ad, place.column);
  AppendField(ad, place.row);
  return ad;
}

}  // namespace

FieldCipher::FieldCipher(const KeyRing& ring) : ring_(ring) {
  if (!InitSodium()) std::abort();
}

std::string_view FieldCipher::KeyIdOf(std::string_view stored) {
  if (stored.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view rest = stored.substr(kPrefix.size());
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || !IsValidKeyId(rest.substr(0, colon))) return {};
  return rest.substr(0, colon);
}

std::string FieldCipher::Encrypt(std::string_view plaintext, const FieldPlace& place) const {
  const std::string& id = ring_.current_id();
  KeyRing::Key key = ring_.DeriveKey(id, kContext, kSubkey);
  std::string ad = AssociatedData(id, place);
  std::vector<unsigned char> blob(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                  crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = blob.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      blob.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce, key.data());
  sodium_memzero(key.data(), key.size());
  std::string b64(sodium_base64_ENCODED_LEN(blob.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), blob.data(), blob.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.pop_back();  // the terminating NUL
  return std::string(kPrefix) + id + ":" + b64;
}

Result<std::string> FieldCipher::Decrypt(std::string_view stored, const FieldPlace& place) const {
  std::string_view id = KeyIdOf(stored);
  if (id.empty()) return Status::InvalidArgument("field cipher: not a v1 ciphertext");
  if (!ring_.Has(id)) {
    return Status::NotFound("field cipher: key " + std::string(id) + " is not in the key ring");
  }
  std::string_view b64 = stored.substr(kPrefix.size() + id.size() + 1);
  std::vector<unsigned char> blob(b64.size());
  std::size_t blob_len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(blob.data(), blob.size(), b64.data(), b64.size(), nullptr, &blob_len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size()) {
    return Status::InvalidArgument("field cipher: not a v1 ciphertext (bad base64)");
  }
  if (blob_len < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Status::InvalidArgument("field cipher: not a v1 ciphertext (too short)");
  }
  KeyRing::Key key = ring_.DeriveKey(id, kContext, kSubkey);
  std::string ad = AssociatedData(id, place);
  std::size_t clen = blob_len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string plain(clen - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plen = 0;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
      blob.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, clen,
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), blob.data(), key.data());
  sodium_memzero(key.data(), key.size());
  if (rc != 0) {
    return Status::InvalidArgument("field cipher: authentication failed (altered, wrong key, or another row)");
  }
  plain.resize(plen);
  return plain;
}

bool FieldCipher::NeedsReencrypt(std::string_view stored) const {
  std::string_view id = KeyIdOf(stored);
  return !id.empty() && id != ring_.current_id();
}

Result<std::string> FieldCipher::Reencrypt(std::string_view stored, const FieldPlace& place) const {
  Result<std::string> plain = Decrypt(stored, place);
  if (!plain.ok()) return plain.error();
  std::string out = Encrypt(*plain, place);
  sodium_memzero(plain->data(), plain->size());
  return out;
}

}  // namespace drieluik::crypto
