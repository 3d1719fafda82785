// FieldCipher: round trips, tampering, associated data, key rotation.
#include "crypto/field_cipher.h"

#include <gtest/gtest.h>

#include "crypto/test_keys.h"

namespace drieluik::crypto {
namespace {

using namespace test_keys;

const FieldPlace kName{"signal_person", "name", "42"};

class FieldCipherTest : public ::testing::Test {
 protected:
  KeyRing old_ring_ = *KeyRing::Parse(kK1, "old");
  KeyRing new_ring_ = *KeyRing::Parse(std::string(kK1) + kK2, "new");
};

TEST_F(FieldCipherTest, RoundTrip) {
  FieldCipher cipher(old_ring_);
  for (std::string plain : {std::string("Maria Łukasiewicz"), std::string(""), std::string(10000, 'x'),
                            std::string("nul\0byte", 8)}) {
    std::string stored = cipher.Encrypt(plain, kName);
    Result<std::string> back = cipher.Decrypt(stored, kName);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, plain);
  }
}

TEST_F(FieldCipherTest, StoredFormIsSelfDescribingAndHidesThePlaintext) {
  FieldCipher cipher(old_ring_);
  std::string stored = cipher.Encrypt("Maria Jansen", kName);
  EXPECT_EQ(stored.rfind("v1:k1:", 0), 0u) << stored;
  // 24-byte nonce + 12 bytes + 16-byte tag = 52 bytes = 72 base64 characters.
  EXPECT_EQ(stored.size(), 6u + 72u);
  EXPECT_EQ(stored.find("Maria"), std::string::npos);
  EXPECT_EQ(FieldCipher::KeyIdOf(stored), "k1");
  EXPECT_NE(cipher.Encrypt("Maria Jansen", kName), stored);  // fresh nonce every time
}

TEST_F(FieldCipherTest, AnyChangedByteIsRejected) {
  FieldCipher cipher(old_ring_);
  std::string stored = cipher.Encrypt("Maria Jansen", kName);
  for (std::size_t i = 6; i < stored.size() - 1; ++i) {  // every base64 character but padding
    std::string t = stored;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    Result<std::string> r = cipher.Decrypt(t, kName);
    ASSERT_FALSE(r.ok()) << i;
    EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
  }
  std::string truncated = stored.substr(0, 20);
  EXPECT_FALSE(cipher.Decrypt(truncated, kName).ok());
}

TEST_F(FieldCipherTest, ValueCopiedToAnotherPlaceFails) {
  FieldCipher cipher(old_ring_);
  std::string stored = cipher.Encrypt("Maria Jansen", kName);
  const std::string expected = "field cipher: authentication failed (altered, wrong key, or another row)";
  EXPECT_EQ(cipher.Decrypt(stored, {"signal_person", "name", "43"}).error().message(), expected);
  EXPECT_EQ(cipher.Decrypt(stored, {"signal_person", "description", "42"}).error().message(), expected);
  EXPECT_EQ(cipher.Decrypt(stored, {"signal_reporter", "name", "42"}).error().message(), expected);
  // Length prefixes: moving a character between table and column does not collide.
  std::string s2 = cipher.Encrypt("x", {"ab", "c", "1"});
  EXPECT_FALSE(cipher.Decrypt(s2, {"a", "bc", "1"}).ok());
}

TEST_F(FieldCipherTest, WrongKeyWithTheSameIdFails) {
  KeyRing other = *KeyRing::Parse("k1=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=", "other");
  std::string stored = FieldCipher(old_ring_).Encrypt("Maria Jansen", kName);
  EXPECT_EQ(FieldCipher(other).Decrypt(stored, kName).error().code(), StatusCode::kInvalidArgument);
}

TEST_F(FieldCipherTest, MalformedAndUnknownKey) {
  FieldCipher cipher(old_ring_);
  EXPECT_EQ(cipher.Decrypt("Maria Jansen", kName).error().message(), "field cipher: not a v1 ciphertext");
  EXPECT_EQ(cipher.Decrypt("v2:k1:AAAA", kName).error().message(), "field cipher: not a v1 ciphertext");
  EXPECT_EQ(cipher.Decrypt("v1:k1:@@@@", kName).error().message(), "field cipher: not a v1 ciphertext (bad base64)");
  EXPECT_EQ(cipher.Decrypt("v1:k1:AAAA", kName).error().message(), "field cipher: not a v1 ciphertext (too short)");
  Result<std::string> unknown = cipher.Decrypt(FieldCipher(new_ring_).Encrypt("x", kName), kName);
  EXPECT_EQ(unknown.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.error().message(), "field cipher: key k2 is not in the key ring");
}

TEST_F(FieldCipherTest, RotationDecryptsOldAndReencryptsUnderTheNewKey) {
  std::string old_stored = FieldCipher(old_ring_).Encrypt("Maria Jansen", kName);
  FieldCipher cipher(new_ring_);
  // During rotation both kinds of row are readable.
  EXPECT_EQ(*cipher.Decrypt(old_stored, kName), "Maria Jansen");
  EXPECT_TRUE(cipher.NeedsReencrypt(old_stored));
  Result<std::string> rotated = cipher.Reencrypt(old_stored, kName);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(FieldCipher::KeyIdOf(*rotated), "k2");
  EXPECT_FALSE(cipher.NeedsReencrypt(*rotated));
  EXPECT_EQ(*cipher.Decrypt(*rotated, kName), "Maria Jansen");
  // Once every row is rotated, k1 can leave the ring; the rotated value still reads.
  KeyRing only_k2 = *KeyRing::Parse(kK2, "k2 only");
  EXPECT_EQ(*FieldCipher(only_k2).Decrypt(*rotated, kName), "Maria Jansen");
  EXPECT_FALSE(FieldCipher(only_k2).Decrypt(old_stored, kName).ok());
  // A rotated value is still bound to its row.
  EXPECT_FALSE(cipher.Reencrypt(old_stored, {"signal_person", "name", "7"}).ok());
  EXPECT_FALSE(cipher.NeedsReencrypt("plain text"));
}

}  // namespace
}  // namespace drieluik::crypto
