// Encryption at rest in both stores (issue 3 point 4, docs/PRIVACY.md): known personal
// values never reach the database files or a table dump in the clear; free-text search
// works on whole words through keyed word indexes; rotate-key's ReencryptBatch moves every
// row to a new key without loss; a wrong key is refused before anything changes.
#include <gtest/gtest.h>

#include <filesystem>

#include "crypto/key_ring.h"
#include "support/sample_signal.h"
#include "support/table_rows.h"
#include "support/test_keys.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using domain::NewSignal;
using domain::SignalFilter;
using testing::SampleSignal;

// Values that appear nowhere else in the test data, so finding one means a leak.
constexpr const char* kName = "Jolanda Wijnbergen-Kuipers";
constexpr const char* kDateOfBirth = "1987-11-23";
constexpr const char* kPhone = "+31687654321";
constexpr const char* kPlate = "XK-917-Q";
constexpr const char* kStreet = "Zwanenbloemstraat";
constexpr const char* kReporter = "Gerrit Bosschaart";
constexpr const char* kDescriptionWord = "Kwartelkoning";
constexpr const char* kAddition = "Schapendoesweg gezien";
constexpr const char* kPoliceNote = "Aangifte tegen Barendsz-Oudkerk";
constexpr const char* kTotpSecret = "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF";  // base32, 32 symbols

// A user with an enrolled authenticator (secret kTotpSecret).
Result<domain::User> TotpUser(store::Store& db, const std::string& username) {
  domain::User u;
  u.username = username;
  u.display_name = "Zorgcoordinator";
  u.role = domain::Role::kZorgcoordinator;
  u.organisation = "zvhg";
  u.password_hash = "argon2id:$v=19$abc";
  u.totp_secret = kTotpSecret;
  u.created_at = u.updated_at = testing::At("2026-03-01T09:00:00Z");
  return db.accounts().CreateUser(u);
}

// A police compartment with a known note for signal `id`.
domain::CompartmentRecord PoliceNote(domain::SignalId id, std::int64_t version = 0) {
  domain::CompartmentRecord r;
  r.signal_id = id;
  r.compartment = domain::Compartment::kPolice;
  r.notes = kPoliceNote;
  r.reference = "PL0100-2026999111";
  r.version = version;
  r.updated_at = testing::At("2026-03-04T10:00:00Z");
  r.updated_by = "politie.tmm";
  return r;
}

NewSignal SecretSignal(const std::string& ref) {
  NewSignal n = SampleSignal(ref);
  auto& c = n.signal.content;
  c.reporter.name = kReporter;
  c.persons[0].name = kName;
  c.persons[0].date_of_birth = ParseDate(kDateOfBirth);
  c.phone_numbers[0].number = kPhone;
  c.vehicles[0].license_plate = kPlate;
  c.addresses[0].street = kStreet;
  c.description = std::string("Bij de ") + kDescriptionWord + " wonen zes vrouwen.";
  return n;
}

const std::vector<std::string>& Secrets() {
  static const std::vector<std::string> v = {kName,   "Wijnbergen", kDateOfBirth,     kPhone,   "87654321",
                                             kPlate,  kStreet,      kReporter,        kDescriptionWord,
                                             "Schapendoesweg", "Barendsz-Oudkerk", "2026999111", kTotpSecret};
  return v;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class EncryptionTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }
  std::unique_ptr<testing::TestStore> ts_;
};

INSTANTIATE_TEST_SUITE_P(Backends, EncryptionTest, ::testing::ValuesIn(testing::kBackends));

TEST_P(EncryptionTest, KnownValuesAppearInNoRowOfADump) {
  auto s = db().Insert(SecretSignal("MH-2026-ENC001"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(db().AddAddition(s->id, {testing::At("2026-03-02T10:00:00Z"), kAddition},
                               {testing::At("2026-03-02T10:00:00Z"), "addition", "public", {"additions"}})
                  .ok());
  ASSERT_TRUE(db().compartments().PutCompartment(PoliceNote(s->id)).ok());
  auto police = db().compartments().GetCompartment(s->id, domain::Compartment::kPolice);
  ASSERT_TRUE(police.ok()) << police.status().ToString();
  EXPECT_EQ(police->notes, kPoliceNote);
  auto user = TotpUser(db(), "zc.totp");
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  // What the store returns is the plain text...
  auto got = db().Get(s->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->content.persons[0].name, kName);
  EXPECT_EQ(got->additions.at(0).text, kAddition);
  EXPECT_EQ(db().accounts().FindUser("zc.totp")->totp_secret, kTotpSecret);
  EXPECT_EQ(db().accounts().GetUser(user->id)->totp_secret, kTotpSecret);
  EXPECT_EQ(db().accounts().ListUsers()->at(0).totp_secret, kTotpSecret);
  // ...what it holds is not, in any table, in any case.
  auto rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok());
  std::string all;
  for (const auto& [table, list] : *rows)
    for (const auto& row : list)
      for (const auto& v : row) all += (v ? *v : "") + "\n";
  for (const auto& secret : Secrets()) EXPECT_EQ(Lower(all).find(Lower(secret)), std::string::npos) << secret;
  EXPECT_EQ(rows->at("signals")[0][14], testing::TestKeys()->current_id());  // key_id
  EXPECT_EQ(rows->at("signals")[0][10]->rfind("v1:" + testing::TestKeys()->current_id() + ":", 0), 0u);
  EXPECT_EQ(*rows->at("users")[0][15], testing::TestKeys()->current_id());  // totp_key_id
  EXPECT_EQ(rows->at("users")[0][8]->rfind("v1:" + testing::TestKeys()->current_id() + ":", 0), 0u);
}

TEST_P(EncryptionTest, TotpSecretsSurviveAnUpdateAndStayEncrypted) {
  auto user = TotpUser(db(), "zc.update");
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  auto u = *user;
  u.totp_last_step = 42;
  auto saved = db().accounts().UpdateUser(u);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto got = db().accounts().GetUser(u.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->totp_secret, kTotpSecret);
  EXPECT_EQ(got->totp_last_step, 42);
  auto rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(testing::AllValuesText(*rows).find(kTotpSecret), std::string::npos);
  // Removing the authenticator leaves no ciphertext and no key id.
  got->totp_secret.clear();
  ASSERT_TRUE(db().accounts().UpdateUser(*got).ok());
  rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows->at("users")[0][8], "");
  EXPECT_EQ(*rows->at("users")[0][15], "");
  EXPECT_EQ(db().accounts().GetUser(u.id)->totp_secret, "");
}

TEST_P(EncryptionTest, PlainTotpSecretsFromBeforeMigration010AreEncryptedByTheFirstOpenWithKeys) {
  ASSERT_TRUE(TotpUser(db(), "zc.legacy").ok());
  auto rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok());
  // The same database as before migration 010: the secret in plain text, no key id.
  testing::TestStore legacy(GetParam());
  ASSERT_TRUE(legacy.store());
  auto load = legacy.store()->BeginLoad();
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  for (const auto& t : store::DumpTables())
    for (auto row : rows->at(t.name)) {
      if (t.name == "users") {
        row[8] = kTotpSecret;
        row[15] = "";
      }
      ASSERT_TRUE((*load)->Append(t, row).ok()) << t.name;
    }
  ASSERT_TRUE((*load)->Commit().ok());
  auto plain = testing::ReadAllRows(*legacy.store());
  ASSERT_TRUE(plain.ok());
  ASSERT_NE(testing::AllValuesText(*plain).find(kTotpSecret), std::string::npos);  // the test's premise
  EXPECT_EQ(legacy.store()->accounts().FindUser("zc.legacy")->totp_secret, kTotpSecret);  // read as it is

  ASSERT_TRUE(legacy.store()->Migrate().ok());
  auto after = testing::ReadAllRows(*legacy.store());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(testing::AllValuesText(*after).find(kTotpSecret), std::string::npos);
  EXPECT_EQ(*after->at("users")[0][15], testing::TestKeys()->current_id());
  EXPECT_EQ(legacy.store()->accounts().FindUser("zc.legacy")->totp_secret, kTotpSecret);
}

TEST(SqliteEncryptionTest, KnownValuesAppearNowhereInTheDatabaseFileOrWal) {
  testing::TestStore ts("sqlite");
  auto s = ts.store()->Insert(SecretSignal("MH-2026-ENC002"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(ts.store()->AddAddition(s->id, {testing::At("2026-03-02T10:00:00Z"), kAddition},
                                      {testing::At("2026-03-02T10:00:00Z"), "addition", "public", {"additions"}})
                  .ok());
  ASSERT_TRUE(ts.store()->compartments().PutCompartment(PoliceNote(s->id)).ok());
  ASSERT_TRUE(TotpUser(*ts.store(), "zc.file").ok());
  auto update = *s;
  update.content.summary = "Bijgewerkt bij de Zwanenbloemstraat";
  ASSERT_TRUE(ts.store()->Update(update, 2, "high", {testing::At("2026-03-03T10:00:00Z"), "updated", "zc1", {}}).ok());
  std::string path = ts.url().substr(7);
  std::string wal = testing::ReadBytes(path + "-wal");
  ASSERT_GT(wal.size(), 0u);  // the store is open: the writes are still in the WAL
  std::string main = testing::ReadBytes(path);
  for (const auto& secret : Secrets()) {
    EXPECT_EQ(main.find(secret), std::string::npos) << secret << " in the main file";
    EXPECT_EQ(wal.find(secret), std::string::npos) << secret << " in the WAL";
  }
  ts.Close();  // checkpoint: the main file now holds every page
  main = testing::ReadBytes(path);
  for (const auto& secret : Secrets()) EXPECT_EQ(main.find(secret), std::string::npos) << secret;
  EXPECT_NE(main.find("MH-2026-ENC002"), std::string::npos);  // the reference code is plain
}

TEST_P(EncryptionTest, FreeTextSearchMatchesWholeWords) {
  ASSERT_TRUE(db().Insert(SecretSignal("MH-2026-ENC003")).ok());
  NewSignal other = SampleSignal("MH-2026-ENC004", "2026-03-05T10:00:00Z");
  other.signal.content.description = "Vrouwen werken in een massagesalon aan de Kwartelkoningstraat.";
  ASSERT_TRUE(db().Insert(other).ok());
  auto find = [&](const std::string& text) {
    SignalFilter f;
    f.text = text;
    auto page = db().List(f);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> refs;
    if (page.ok())
      for (const auto& s : page->items) refs.push_back(s.reference_code);
    return refs;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(find("kwartelkoning"), V{"MH-2026-ENC003"});            // case folded
  EXPECT_EQ(find("KWARTELKONING vrouwen"), V{"MH-2026-ENC003"});    // every word must match
  EXPECT_EQ(find("kwartelkoningstraat"), V{"MH-2026-ENC004"});
  EXPECT_EQ(find("massagesalon"), V{"MH-2026-ENC004"});
  EXPECT_EQ(find("vrouwen"), (V{"MH-2026-ENC004", "MH-2026-ENC003"}));  // newest first
  EXPECT_EQ(find("loods"), (V{"MH-2026-ENC004", "MH-2026-ENC003"}));  // in both summaries
  EXPECT_EQ(find("kwartel"), V{});                                   // no prefix search
  EXPECT_EQ(find("paspoorten uitzender"), (V{"MH-2026-ENC004", "MH-2026-ENC003"}));  // indicator notes
  EXPECT_EQ(find("a"), V{});                                         // too short to be indexed
}

TEST_P(EncryptionTest, RotationReencryptsEverythingUnderTheNewKey) {
  for (int i = 0; i < 5; ++i) {
    auto s = db().Insert(SecretSignal("MH-2026-ROT00" + std::to_string(i)));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE(db().AddAddition(s->id, {testing::At("2026-03-02T10:00:00Z"), kAddition},
                                 {testing::At("2026-03-02T10:00:00Z"), "addition", "public", {"additions"}})
                    .ok());
    ASSERT_TRUE(db().compartments().PutCompartment(PoliceNote(s->id)).ok());
  }
  ASSERT_TRUE(TotpUser(db(), "zc.rotate").ok());
  std::string new_line = crypto::KeyRing::GenerateKeyLine("k2") + "\n";
  auto next = testing::RingOf(new_line);
  auto merged = testing::TestKeys()->Merge(*next);
  ASSERT_TRUE(merged.ok());
  auto both = std::make_shared<const crypto::KeyRing>(std::move(merged).value());
  auto rotating = store::OpenStore(ts_->url(), both);
  ASSERT_TRUE(rotating.ok());
  ASSERT_TRUE((*rotating)->Migrate().ok());
  // During the rotation the old store (old key only) and the new one both keep working,
  // for rows under either key.
  std::int64_t signals = 0, additions = 0, compartments = 0, totp_secrets = 0;
  int batches = 0;
  while (true) {
    auto step = (*rotating)->ReencryptBatch(3);
    ASSERT_TRUE(step.ok()) << step.status().ToString();
    signals += step->signals;
    additions += step->additions;
    compartments += step->compartments;
    totp_secrets += step->totp_secrets;
    ++batches;
    if (step->done) break;
    SignalFilter f;
    f.text = kDescriptionWord;
    auto page = (*rotating)->List(f);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->items.size(), 5u) << "search during rotation, batch " << batches;
  }
  EXPECT_EQ(signals, 5);
  EXPECT_EQ(additions, 5);
  EXPECT_EQ(compartments, 5);
  EXPECT_EQ(totp_secrets, 1);
  EXPECT_EQ(batches, 7);  // 16 rows in batches of 3, then the empty one

  auto rows = testing::ReadAllRows(**rotating);
  ASSERT_TRUE(rows.ok());
  for (const auto& r : rows->at("signals")) EXPECT_EQ(*r[14], "k2");
  for (const auto& r : rows->at("signal_additions")) EXPECT_EQ(*r[4], "k2");
  for (const auto& r : rows->at("signal_compartments")) EXPECT_EQ(*r[3], "k2");
  for (const auto& r : rows->at("users")) EXPECT_EQ(*r[15], "k2");
  EXPECT_EQ(testing::AllValuesText(*rows).find(kTotpSecret), std::string::npos);
  ASSERT_EQ(rows->at("encryption_keys").size(), 1u);  // the old key's check value is gone
  EXPECT_EQ(*rows->at("encryption_keys")[0][0], "k2");

  // The new key alone now reads and finds everything.
  auto only_new = store::OpenStore(ts_->url(), next);
  ASSERT_TRUE(only_new.ok());
  ASSERT_TRUE((*only_new)->Migrate().ok());
  SignalFilter f;
  f.text = kDescriptionWord;
  auto page = (*only_new)->List(f);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 5u);
  auto one = (*only_new)->Get(page->items[0].id);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->content.persons[0].name, kName);
  EXPECT_EQ(one->additions.at(0).text, kAddition);
  auto note = (*only_new)->compartments().GetCompartment(one->id, domain::Compartment::kPolice);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->notes, kPoliceNote);
  auto user = (*only_new)->accounts().FindUser("zc.rotate");
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(user->totp_secret, kTotpSecret);

  // The old key alone is refused, and changes nothing.
  auto only_old = store::OpenStore(ts_->url(), testing::TestKeys());
  ASSERT_TRUE(only_old.ok());
  Status refused = (*only_old)->Migrate();
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("encrypted with key \"k2\", which is not in the key ring"), std::string::npos)
      << refused.message();
}

TEST_P(EncryptionTest, AWrongKeyWithTheSameIdIsRefusedAndChangesNothing) {
  ASSERT_TRUE(db().Insert(SecretSignal("MH-2026-WRONG1")).ok());
  auto before = testing::ReadAllRows(db());
  ASSERT_TRUE(before.ok());
  auto wrong = store::OpenStore(
      ts_->url(), testing::RingOf(crypto::KeyRing::GenerateKeyLine(testing::TestKeys()->current_id())));
  ASSERT_TRUE(wrong.ok());
  Status s = (*wrong)->Migrate();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("is not the key this database was encrypted with"), std::string::npos) << s.message();
  // Reading with it fails clearly too, and nothing was written.
  auto page = (*wrong)->List(SignalFilter{});
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("cannot be decrypted"), std::string::npos) << page.status().message();
  auto after = testing::ReadAllRows(db());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*before, *after);
}

TEST_P(EncryptionTest, WithoutKeysSignalsCannotBeReadOrWritten) {
  auto keyless = store::OpenStore(ts_->url());
  ASSERT_TRUE(keyless.ok());
  ASSERT_TRUE((*keyless)->Migrate().ok());
  auto s = (*keyless)->Insert(SampleSignal("MH-2026-NOKEY1"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*(*keyless)->Count(), 0);
}

}  // namespace
}  // namespace drieluik
