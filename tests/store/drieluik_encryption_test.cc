// Encryption at rest of the Drieluik's free text in both stores (issue 3 point 4,
// migration 011, docs/PRIVACY.md): meeting titles and participant names, agenda summaries,
// assessment reasoning and decision notes, case titles and decision-log details, action
// titles never reach a table dump or the SQLite files in the clear; they read back as
// written; rows from before migration 011 are encrypted by the first open with keys;
// rotate-key moves them to a new key; a ciphertext moved to another row, a wrong key file
// and a missing key are refused.
#include <gtest/gtest.h>

#include "crypto/key_ring.h"
#include "support/sample_signal.h"
#include "support/table_rows.h"
#include "support/test_keys.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using namespace domain;
using testing::At;

// Values that appear nowhere else in the test data, so finding one means a leak.
constexpr const char* kMeetingTitle = "Drieluik over Vlinderhofstede";
constexpr const char* kParticipant = "Hendrika Zonnebloem-Tjoelker";
constexpr const char* kItemSummary = "Meisje bij de Knotwilgenlaan";
constexpr const char* kReasoning = "Verklaring van Tjitske Ruisvoorn";
constexpr const char* kDecisionNote = "Gesprek met Ouderkerk-Wisselaar";
constexpr const char* kCaseTitle = "Casus Meelzwaluwhof";
constexpr const char* kLogDetail = "Broer Sipke Hangelbroek bedreigt haar";
constexpr const char* kActionTitle = "Huisarts aan het Zilverreigerpad bellen";

const std::vector<std::string>& Secrets() {
  static const std::vector<std::string> v = {"Vlinderhofstede", "Zonnebloem-Tjoelker", "Knotwilgenlaan",
                                             "Ruisvoorn",       "Ouderkerk-Wisselaar", "Meelzwaluwhof",
                                             "Hangelbroek",     "Zilverreigerpad"};
  return v;
}

// The index of `column` in the dump's row of `table`.
std::size_t Col(const std::string& table, const std::string& column) {
  for (const auto& t : store::DumpTables())
    if (t.name == table)
      for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (t.columns[i] == column) return i;
  ADD_FAILURE() << table << "." << column << " is not in the dump";
  return 0;
}

constexpr const char* kSealedTables[] = {"meetings", "cases", "case_log", "actions", "agenda_items", "assessments"};

// One of everything the Drieluik stores, with a known text in every free-text field.
struct Written {
  Meeting meeting;
  AgendaItem item;
  Assessment assessment;
  Case kase;
  Action action;
};

Result<Written> WriteAll(store::Store& db, bool with_signal = true) {
  Written w;
  std::optional<SignalId> signal;
  if (with_signal) {
    auto s = db.Insert(testing::SampleSignal("MH-2026-DLENC1"));
    if (!s.ok()) return s.status();
    signal = s->id;
  }
  DrieluikRepository& repo = db.drieluik();
  Meeting m;
  m.type = "drieluik";
  m.title = kMeetingTitle;
  m.scheduled_at = At("2026-03-17T09:00:00Z");
  m.participants = {{"zvhg", "ketenregisseur", kParticipant, std::nullopt}, {"politie", "politie", "", true}};
  m.created_at = m.updated_at = At("2026-03-01T09:00:00Z");
  auto mr = repo.InsertMeeting(m);
  if (!mr.ok()) return mr.status();
  w.meeting = *mr;

  Case c;
  c.title = kCaseTitle;
  c.municipality = "GM0014";
  if (signal) c.signals = {*signal};
  c.participants = {{"zvhg", "zorgcoordinator"}};
  c.log = {{At("2026-03-17T10:00:00Z"), "kr.zvhg", "opened", "case.opened", kLogDetail, "", "open"}};
  c.created_at = c.updated_at = At("2026-03-17T10:00:00Z");
  auto cr = repo.InsertCase(c);
  if (!cr.ok()) return cr.status();
  w.kase = *cr;

  AgendaItem i;
  i.meeting_id = w.meeting.id;
  i.position = 1;
  i.kind = AgendaItemKind::kAdded;
  i.signal_id = signal;
  i.summary = kItemSummary;
  i.routes = {"zorg"};
  auto ir = repo.InsertAgendaItems({i});
  if (!ir.ok()) return ir.status();
  w.item = ir->at(0);

  Assessment a;
  a.item_id = w.item.id;
  a.meeting_id = w.meeting.id;
  a.signal_id = signal;
  a.case_id = w.kase.id;
  a.outcome = Outcome::kSuspicionFollowUp;
  a.reasoning = kReasoning;
  a.decisions = {{DecisionKind::kReferPolitie, std::nullopt, kDecisionNote}};
  a.actor = "kr.zvhg";
  a.at = At("2026-03-17T10:00:00Z");
  auto ar = repo.InsertAssessment(a);
  if (!ar.ok()) return ar.status();
  w.assessment = *ar;

  Action x;
  x.case_id = w.kase.id;
  x.meeting_id = w.meeting.id;
  x.title = kActionTitle;
  x.owner = "zc.zvhg";
  x.organisation = "zvhg";
  x.due = *ParseDate("2026-03-24");
  x.created_at = x.updated_at = At("2026-03-17T10:00:00Z");
  auto xr = repo.InsertAction(x);
  if (!xr.ok()) return xr.status();
  w.action = *xr;
  return w;
}

// Reads everything back through `db` and checks every known text.
void ExpectReadsBack(store::Store& db, const Written& w) {
  DrieluikRepository& repo = db.drieluik();
  auto m = repo.GetMeeting(w.meeting.id);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->title, kMeetingTitle);
  ASSERT_EQ(m->participants.size(), 2u);
  EXPECT_EQ(m->participants[0].name, kParticipant);
  EXPECT_EQ(m->participants[1].attended, std::optional<bool>(true));
  auto items = repo.AgendaItems(w.meeting.id);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].summary, kItemSummary);
  auto as = repo.AssessmentsForMeeting(w.meeting.id);
  ASSERT_TRUE(as.ok()) << as.status().ToString();
  ASSERT_EQ(as->size(), 1u);
  EXPECT_EQ((*as)[0].reasoning, kReasoning);
  ASSERT_EQ((*as)[0].decisions.size(), 1u);
  EXPECT_EQ((*as)[0].decisions[0].note, kDecisionNote);
  auto c = repo.GetCase(w.kase.id);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->title, kCaseTitle);
  ASSERT_FALSE(c->log.empty());
  EXPECT_EQ(c->log[0].detail, kLogDetail);
  auto x = repo.GetAction(w.action.id);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->title, kActionTitle);
  auto list = repo.ListActions({});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].title, kActionTitle);
}

class DrieluikEncryptionTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }
  std::unique_ptr<testing::TestStore> ts_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DrieluikEncryptionTest, ::testing::ValuesIn(testing::kBackends));

TEST_P(DrieluikEncryptionTest, KnownTextsAppearInNoRowOfADumpAndReadBack) {
  auto w = WriteAll(db());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ExpectReadsBack(db(), *w);

  // Updates keep the fields encrypted too.
  DrieluikRepository& repo = db().drieluik();
  Meeting m = w->meeting;
  m.title = std::string(kMeetingTitle) + " (verplaatst)";
  ASSERT_TRUE(repo.UpdateMeeting(m, m.version).ok());
  AgendaItem i = w->item;
  i.summary = std::string(kItemSummary) + " opnieuw";
  ASSERT_TRUE(repo.UpdateAgendaItems({i}).ok());
  Case c = *repo.GetCase(w->kase.id);
  c.title = std::string(kCaseTitle) + " II";
  auto cu = repo.UpdateCase(c, c.version, {{At("2026-03-18T10:00:00Z"), "kr.zvhg", "note", "case.note",
                                            std::string(kLogDetail) + " opnieuw", "", ""}});
  ASSERT_TRUE(cu.ok()) << cu.status().ToString();
  EXPECT_EQ(cu->log.size(), 2u);
  EXPECT_EQ(cu->log[1].detail, std::string(kLogDetail) + " opnieuw");
  Action x = w->action;
  x.title = std::string(kActionTitle) + " vandaag";
  ASSERT_TRUE(repo.UpdateAction(x, x.version).ok());
  EXPECT_EQ(repo.GetMeeting(m.id)->title, m.title);
  EXPECT_EQ((*repo.AgendaItems(m.id))[0].summary, i.summary);
  EXPECT_EQ(repo.GetCase(c.id)->title, c.title);
  EXPECT_EQ(repo.GetAction(x.id)->title, x.title);

  auto rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::string all = testing::AllValuesText(*rows);
  for (const auto& secret : Secrets()) EXPECT_EQ(all.find(secret), std::string::npos) << secret;
  for (const char* table : kSealedTables) {
    ASSERT_FALSE(rows->at(table).empty()) << table;
    for (const auto& r : rows->at(table)) EXPECT_EQ(*r[Col(table, "key_id")], testing::TestKeys()->current_id()) << table;
  }
  EXPECT_EQ(*rows->at("meetings")[0][Col("meetings", "type")], "drieluik");  // codes stay plain
  EXPECT_EQ(*rows->at("case_log")[0][Col("case_log", "actor")], "kr.zvhg");
}

TEST(SqliteDrieluikEncryptionTest, KnownTextsAppearNowhereInTheDatabaseFileOrWal) {
  testing::TestStore ts("sqlite");
  auto w = WriteAll(*ts.store());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
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
  EXPECT_NE(main.find("zorgcoordinator"), std::string::npos);  // a case's role codes stay plain (the premise)
}

TEST_P(DrieluikEncryptionTest, PlainRowsFromBeforeMigration011AreEncryptedByTheFirstOpenWithKeys) {
  auto w = WriteAll(db());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  auto rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok());
  // The same database as before migration 011: the texts in plain, no key ids.
  const std::map<std::string, std::vector<std::pair<std::string, std::string>>> plain = {
      {"meetings",
       {{"title", kMeetingTitle},
        {"participants",
         R"([{"organisation":"zvhg","role":"ketenregisseur","name":"Hendrika Zonnebloem-Tjoelker","attended":null},)"
         R"({"organisation":"politie","role":"politie","name":"","attended":true}])"}}},
      {"agenda_items", {{"summary", kItemSummary}}},
      {"assessments",
       {{"reasoning", kReasoning},
        {"decisions", R"([{"kind":"refer_politie","caseId":null,"note":"Gesprek met Ouderkerk-Wisselaar"}])"}}},
      {"cases", {{"title", kCaseTitle}}},
      {"case_log", {{"detail", kLogDetail}}},
      {"actions", {{"title", kActionTitle}}},
  };
  testing::TestStore legacy(GetParam());
  ASSERT_TRUE(legacy.store());
  auto load = legacy.store()->BeginLoad();
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  for (const auto& t : store::DumpTables())
    for (auto row : rows->at(t.name)) {
      if (auto p = plain.find(t.name); p != plain.end()) {
        for (const auto& [column, value] : p->second) row[Col(t.name, column)] = value;
        row[Col(t.name, "key_id")] = "";
      }
      ASSERT_TRUE((*load)->Append(t, row).ok()) << t.name;
    }
  ASSERT_TRUE((*load)->Commit().ok());
  auto before = testing::ReadAllRows(*legacy.store());
  ASSERT_TRUE(before.ok());
  for (const auto& secret : Secrets()) ASSERT_NE(testing::AllValuesText(*before).find(secret), std::string::npos) << secret;
  ExpectReadsBack(*legacy.store(), *w);  // plain rows are read as they are

  ASSERT_TRUE(legacy.store()->Migrate().ok());
  auto after = testing::ReadAllRows(*legacy.store());
  ASSERT_TRUE(after.ok());
  std::string all = testing::AllValuesText(*after);
  for (const auto& secret : Secrets()) EXPECT_EQ(all.find(secret), std::string::npos) << secret;
  for (const char* table : kSealedTables)
    for (const auto& r : after->at(table))
      EXPECT_EQ(*r[Col(table, "key_id")], testing::TestKeys()->current_id()) << table;
  ExpectReadsBack(*legacy.store(), *w);
}

TEST_P(DrieluikEncryptionTest, RotationMovesEveryRowToTheNewKey) {
  auto w = WriteAll(db(), /*with_signal=*/false);  // only Drieluik rows hold the old key
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  auto next = testing::RingOf(crypto::KeyRing::GenerateKeyLine("k2") + "\n");
  auto merged = testing::TestKeys()->Merge(*next);
  ASSERT_TRUE(merged.ok());
  auto both = std::make_shared<const crypto::KeyRing>(std::move(merged).value());
  auto rotating = store::OpenStore(ts_->url(), both);
  ASSERT_TRUE(rotating.ok());
  ASSERT_TRUE((*rotating)->Migrate().ok());
  std::int64_t moved = 0;
  int batches = 0;
  while (true) {
    auto step = (*rotating)->ReencryptBatch(2);
    ASSERT_TRUE(step.ok()) << step.status().ToString();
    moved += step->drieluik_rows;
    ++batches;
    if (step->done) break;
    ExpectReadsBack(**rotating, *w);  // rows under either key read during the rotation
  }
  EXPECT_EQ(moved, 6);   // a meeting, a case, a log entry, an action, an agenda item, an assessment
  EXPECT_EQ(batches, 4);  // 6 rows in batches of 2, then the empty one
  auto rows = testing::ReadAllRows(**rotating);
  ASSERT_TRUE(rows.ok());
  for (const char* table : kSealedTables)
    for (const auto& r : rows->at(table)) EXPECT_EQ(*r[Col(table, "key_id")], "k2") << table;
  ASSERT_EQ(rows->at("encryption_keys").size(), 1u);  // the old key's check value is gone
  EXPECT_EQ(*rows->at("encryption_keys")[0][0], "k2");

  auto only_new = store::OpenStore(ts_->url(), next);
  ASSERT_TRUE(only_new.ok());
  ASSERT_TRUE((*only_new)->Migrate().ok());
  ExpectReadsBack(**only_new, *w);

  // The old key alone is refused before anything changes: the meetings need k2.
  auto only_old = store::OpenStore(ts_->url(), testing::TestKeys());
  ASSERT_TRUE(only_old.ok());
  Status refused = (*only_old)->Migrate();
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("encrypted with key \"k2\", which is not in the key ring"), std::string::npos)
      << refused.message();
}

TEST_P(DrieluikEncryptionTest, AWrongKeyFileIsRefusedWhenOnlyTheDrieluikHoldsData) {
  ASSERT_TRUE(WriteAll(db(), /*with_signal=*/false).ok());
  auto wrong = store::OpenStore(
      ts_->url(), testing::RingOf(crypto::KeyRing::GenerateKeyLine(testing::TestKeys()->current_id())));
  ASSERT_TRUE(wrong.ok());
  Status s = (*wrong)->Migrate();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("is not the key this database was encrypted with"), std::string::npos) << s.message();
  auto list = (*wrong)->drieluik().ListMeetings({});
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(list.status().message().find("meetings.title of row"), std::string::npos) << list.status().message();
}

TEST_P(DrieluikEncryptionTest, ACiphertextMovedToAnotherRowDoesNotDecrypt) {
  auto w = WriteAll(db());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  Meeting other = w->meeting;
  other.title = "Tweede overleg";
  other.scheduled_at = At("2026-03-31T08:00:00Z");
  auto second = db().drieluik().InsertMeeting(other);
  ASSERT_TRUE(second.ok());
  // Copy the first meeting's ciphertexts onto the second through a dump and a load.
  auto rows = testing::ReadAllRows(db());
  ASSERT_TRUE(rows.ok());
  testing::TestStore copy(GetParam());
  ASSERT_TRUE(copy.store());
  auto load = copy.store()->BeginLoad();
  ASSERT_TRUE(load.ok());
  for (const auto& t : store::DumpTables())
    for (auto row : rows->at(t.name)) {
      if (t.name == "meetings" && *row[0] == std::to_string(second->id))
        row[Col("meetings", "title")] = rows->at("meetings")[0][Col("meetings", "title")];
      ASSERT_TRUE((*load)->Append(t, row).ok()) << t.name;
    }
  ASSERT_TRUE((*load)->Commit().ok());
  auto moved = copy.store()->drieluik().GetMeeting(second->id);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(copy.store()->drieluik().GetMeeting(w->meeting.id)->title, kMeetingTitle);  // the original still reads
}

TEST_P(DrieluikEncryptionTest, WithoutKeysNothingIsWrittenAndEncryptedRowsAreNotRead) {
  auto w = WriteAll(db(), /*with_signal=*/false);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  auto keyless = store::OpenStore(ts_->url());
  ASSERT_TRUE(keyless.ok());
  ASSERT_TRUE((*keyless)->Migrate().ok());
  Meeting m = w->meeting;
  m.title = "Zonder sleutel";
  auto ins = (*keyless)->drieluik().InsertMeeting(m);
  ASSERT_FALSE(ins.ok());
  EXPECT_EQ(ins.status().code(), StatusCode::kFailedPrecondition);
  auto read = (*keyless)->drieluik().GetMeeting(w->meeting.id);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(db().drieluik().ListMeetings({})->size(), 1u);  // the refused insert left nothing
}

}  // namespace
}  // namespace drieluik
