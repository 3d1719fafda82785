// Normalisation tables and blind indexes.
#include "crypto/blind_index.h"

#include <gtest/gtest.h>

#include "crypto/test_keys.h"

namespace drieluik::crypto {
namespace {

using namespace test_keys;

struct NormalCase {
  IndexKind kind;
  const char* input;
  const char* expected;
};

TEST(NormalizeTest, Table) {
  const NormalCase cases[] = {
      // names: case, diacritics (composed and decomposed), apostrophes, punctuation, spaces
      {IndexKind::kName, "  José   GARCÍA ", "jose garcia"},
      {IndexKind::kName, "Jose\xCC\x81 Garci\xCC\x81" "a", "jose garcia"},  // combining acute accents
      {IndexKind::kName, "Jan-Willem van 't Hoff", "jan willem van t hoff"},
      {IndexKind::kName, "Jan–Willem van ’t Hoff", "jan willem van t hoff"},  // en dash, typographic apostrophe
      {IndexKind::kName, "Müller-Lüdenscheidt", "muller ludenscheidt"},
      {IndexKind::kName, "Straße", "strasse"},
      {IndexKind::kName, "ĲSSELSTEIJN", "ijsselsteijn"},
      {IndexKind::kName, "Łukasz Wałęsa", "lukasz walesa"},
      {IndexKind::kName, "Ştefan Ţăran", "stefan taran"},
      {IndexKind::kName, "Ștefan Țăran", "stefan taran"},
      {IndexKind::kName, "Søren Ærø", "soren aero"},
      {IndexKind::kName, "Đorđević", "dordevic"},
      {IndexKind::kName, "Çelik Öztürk", "celik ozturk"},
      {IndexKind::kName, "Nguyễn", "nguyễn"},  // outside the folded blocks: kept
      {IndexKind::kName, "Иван", "Иван"},       // other scripts: kept as typed
      {IndexKind::kName, " - ", ""},
      // phone numbers
      {IndexKind::kPhone, "06-12345678", "+31612345678"},
      {IndexKind::kPhone, "06 1234 5678", "+31612345678"},
      {IndexKind::kPhone, "+31 6 12345678", "+31612345678"},
      {IndexKind::kPhone, "+31 (0)6 12345678", "+31612345678"},
      {IndexKind::kPhone, "+3106 12345678", "+31612345678"},
      {IndexKind::kPhone, "0031 6 1234 5678", "+31612345678"},
      {IndexKind::kPhone, "31612345678", "+31612345678"},
      {IndexKind::kPhone, "612345678", "+31612345678"},
      {IndexKind::kPhone, "050-3678901", "+31503678901"},
      {IndexKind::kPhone, "+48 601 234 567", "+48601234567"},
      {IndexKind::kPhone, "0048 601 234 567", "+48601234567"},
      {IndexKind::kPhone, "112", "112"},
      {IndexKind::kPhone, "geen", ""},
      // plates, postcodes
      {IndexKind::kLicensePlate, "12-abc-3", "12ABC3"},
      {IndexKind::kLicensePlate, " XK 123 L ", "XK123L"},
      {IndexKind::kPostcode, "9712 ab", "9712AB"},
      {IndexKind::kPostcode, "9712AB", "9712AB"},
      // the rest
      {IndexKind::kEmail, "  A.de.Vries@Westerwolde.NL ", "a.de.vries@westerwolde.nl"},
      {IndexKind::kKvkNumber, "1234 5678", "12345678"},
      {IndexKind::kDate, " 2001-02-03 ", "2001-02-03"},
  };
  for (const NormalCase& c : cases) {
    EXPECT_EQ(Normalize(c.kind, c.input), c.expected) << IndexKindName(c.kind) << ": " << c.input;
  }
}

TEST(NormalizeTest, WordTokens) {
  EXPECT_EQ(WordTokens("Zij werkt in de nagelsalon, 7 dagen per week; de baas (Ömer) houdt haar paspoort."),
            (std::vector<std::string>{"zij", "werkt", "in", "de", "nagelsalon", "dagen", "per", "week", "baas",
                                      "omer", "houdt", "haar", "paspoort"}));
  EXPECT_TRUE(WordTokens("a . ; -").empty());
}

class BlindIndexTest : public ::testing::Test {
 protected:
  KeyRing k1_ = *KeyRing::Parse(kK1, "k1");
  KeyRing k12_ = *KeyRing::Parse(std::string(kK1) + kK2, "k1k2");
  KeyRing k2_ = *KeyRing::Parse(kK2, "k2");
};

// Known answers computed independently (Python hashlib: crypto_kdf is BLAKE2b-256 keyed with
// the master key, salt = subkey id little-endian, personal = context; then BLAKE2b-128 keyed
// with that subkey over the normalised value).
TEST_F(BlindIndexTest, KnownAnswers) {
  BlindIndex index(k1_);
  EXPECT_EQ(index.Compute(IndexKind::kName, "José García"), "k1:e2df9de9138f51a682248af0b7c7c6e4");
  EXPECT_EQ(index.Compute(IndexKind::kPhone, "06-12345678"), "k1:380f2e23ca961b6f667c73f3b54b8ed0");
}

TEST_F(BlindIndexTest, SameValueSameIndexAcrossSpellings) {
  BlindIndex index(k1_);
  EXPECT_EQ(index.Compute(IndexKind::kName, "JOSE  garcia"), index.Compute(IndexKind::kName, "José García"));
  EXPECT_EQ(index.Compute(IndexKind::kPhone, "+31 (0)6 1234 5678"), index.Compute(IndexKind::kPhone, "0612345678"));
  EXPECT_EQ(index.Compute(IndexKind::kLicensePlate, "12-ABC-3"), index.Compute(IndexKind::kLicensePlate, "12abc3"));
  EXPECT_NE(index.Compute(IndexKind::kName, "Jose Garcia"), index.Compute(IndexKind::kName, "Jose Garcias"));
  EXPECT_EQ(index.Compute(IndexKind::kName, "  "), "");
}

TEST_F(BlindIndexTest, KindsAndKeysSeparateIndexes) {
  BlindIndex a(k1_), b(k2_);
  EXPECT_NE(a.Compute(IndexKind::kPostcode, "9712AB"), a.Compute(IndexKind::kLicensePlate, "9712AB"));
  std::string ia = a.Compute(IndexKind::kName, "Maria"), ib = b.Compute(IndexKind::kName, "Maria");
  EXPECT_NE(ia.substr(3), ib.substr(3));
  EXPECT_EQ(ib.rfind("k2:", 0), 0u);
}

TEST_F(BlindIndexTest, SearchDuringRotationCoversEveryKey) {
  BlindIndex old_index(k1_), ring_index(k12_);
  std::string stored_old = old_index.Compute(IndexKind::kName, "Maria Jansen");
  std::vector<std::string> search = ring_index.SearchIndexes(IndexKind::kName, "maria jansen");
  ASSERT_EQ(search.size(), 2u);
  EXPECT_EQ(search[0], stored_old);
  EXPECT_EQ(search[1], ring_index.Compute(IndexKind::kName, "Maria Jansen"));
  EXPECT_EQ(search[1].rfind("k2:", 0), 0u);
  EXPECT_EQ(ring_index.ComputeWith("k1", IndexKind::kName, "Maria Jansen"), stored_old);
  EXPECT_TRUE(ring_index.SearchIndexes(IndexKind::kName, "").empty());
}

TEST_F(BlindIndexTest, WordIndexesFindAWordInEncryptedText) {
  BlindIndex index(k1_);
  std::vector<std::string> words = index.WordIndexes("De baas houdt haar paspoort in.");
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[4], index.Compute(IndexKind::kWord, "Paspoort"));
  EXPECT_NE(words[4], index.Compute(IndexKind::kName, "paspoort"));  // word and name indexes differ
}

}  // namespace
}  // namespace drieluik::crypto
