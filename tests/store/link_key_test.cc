// Link keys as keyed blind indexes in both stores (issue 8 point 3, docs/PRIVACY.md
// section 7): the stored key_hash is "<key id>:<hex>" under the ring, not an unkeyed hash a
// guess could be checked against; a search finds the signals that share a key; rotate-key
// moves every link key to the new key; signals queued by migration 009 get their keys the
// next time the store opens with keys, and not before.
#include <gtest/gtest.h>

#include <regex>

#include "crypto/key_ring.h"
#include "crypto/sodium_secrets.h"
#include "domain/link_keys.h"
#include "support/sample_signal.h"
#include "support/table_rows.h"
#include "support/test_keys.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using domain::LinkKind;
using domain::NewSignal;
using testing::SampleSignal;

// A signal keyed the way SignalService stores it: every link key hashed by the store.
NewSignal Keyed(store::Store& db, NewSignal n) {
  for (const auto& k : domain::LinkKeysOf(n.signal.content)) {
    auto h = db.HashLinkKey(k);
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    n.link_keys.push_back({k.kind, h.ok() ? *h : ""});
  }
  return n;
}

domain::LinkKey PhoneKey(const NewSignal& n) {
  for (const auto& k : domain::LinkKeysOf(n.signal.content))
    if (k.kind == LinkKind::kPhone) return k;
  ADD_FAILURE() << "the sample has no phone key";
  return {};
}

// The other signals that share `k` with `self`, as SignalService::Links asks.
std::vector<domain::SignalId> Sharing(store::Store& db, const domain::LinkKey& k, domain::SignalId self) {
  auto hashes = db.SearchHashesOf(k);
  EXPECT_TRUE(hashes.ok()) << hashes.status().ToString();
  if (!hashes.ok()) return {};
  auto hits = db.FindByHashes(*hashes, self);
  EXPECT_TRUE(hits.ok()) << hits.status().ToString();
  std::vector<domain::SignalId> out;
  if (hits.ok())
    for (const auto& h : *hits) out.push_back(h.signal_id);
  return out;
}

std::vector<store::Row> LinkRows(store::Store& db) {
  auto rows = testing::ReadAllRows(db);
  EXPECT_TRUE(rows.ok());
  return rows.ok() ? rows->at("signal_link_keys") : std::vector<store::Row>{};
}

class LinkKeyTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }

  // Two signals that share phone, address, business, plate and person.
  std::pair<domain::SignalId, domain::SignalId> InsertPair() {
    auto a = db().Insert(Keyed(db(), SampleSignal("MH-2026-LNK001", "2026-03-01T10:00:00Z")));
    auto b = db().Insert(Keyed(db(), SampleSignal("MH-2026-LNK002", "2026-03-02T10:00:00Z")));
    EXPECT_TRUE(a.ok() && b.ok());
    return {a.ok() ? a->id : 0, b.ok() ? b->id : 0};
  }
  std::unique_ptr<testing::TestStore> ts_;
};

INSTANTIATE_TEST_SUITE_P(Backends, LinkKeyTest, ::testing::ValuesIn(testing::kBackends));

TEST_P(LinkKeyTest, StoredKeysAreKeyedBlindIndexesUnderTheCurrentKey) {
  auto [a, b] = InsertPair();
  auto rows = LinkRows(db());
  ASSERT_EQ(rows.size(), 10u);  // 5 kinds x 2 signals
  const std::regex form(testing::TestKeys()->current_id() + ":[0-9a-f]{32}");
  crypto::SodiumSecrets sodium;
  const NewSignal sample = SampleSignal("x");
  for (const auto& r : rows) {
    ASSERT_TRUE(r[2]);
    EXPECT_TRUE(std::regex_match(*r[2], form)) << *r[2];
    // Not the unkeyed hash of before migration 009, which anyone could recompute from a guess.
    for (const auto& k : domain::LinkKeysOf(sample.signal.content))
      EXPECT_NE(*r[2], sodium.HashSecret("link:" + std::string(domain::ToCode(k.kind)) + ":" + k.normalised));
  }
  // Another key gives another hash for the same value: without the key file a guess
  // ("+31612345678") cannot be checked against the table.
  auto other = store::OpenStore(ts_->url(), testing::RingOf(crypto::KeyRing::GenerateKeyLine("zz") + "\n"));
  ASSERT_TRUE(other.ok());
  auto mine = db().HashLinkKey(PhoneKey(sample));
  auto theirs = (*other)->HashLinkKey(PhoneKey(sample));
  ASSERT_TRUE(mine.ok() && theirs.ok());
  EXPECT_NE(mine->substr(mine->find(':')), theirs->substr(theirs->find(':')));
  // And the search finds the signal that shares the phone number, both ways.
  EXPECT_EQ(Sharing(db(), PhoneKey(sample), a), std::vector<domain::SignalId>{b});
  EXPECT_EQ(Sharing(db(), PhoneKey(sample), b), std::vector<domain::SignalId>{a});
}

TEST_P(LinkKeyTest, WithoutKeysNoLinkKeyCanBeComputed) {
  auto bare = store::OpenStore(ts_->url(), nullptr);
  ASSERT_TRUE(bare.ok());
  auto h = (*bare)->HashLinkKey(PhoneKey(SampleSignal("x")));
  EXPECT_EQ(h.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*bare)->SearchHashesOf(PhoneKey(SampleSignal("x"))).status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(LinkKeyTest, RotationMovesEveryLinkKeyToTheNewKeyAndLinksKeepWorking) {
  auto [a, b] = InsertPair();
  auto next = testing::RingOf(crypto::KeyRing::GenerateKeyLine("k2") + "\n");
  auto merged = testing::TestKeys()->Merge(*next);
  ASSERT_TRUE(merged.ok());
  auto rotating = store::OpenStore(ts_->url(), std::make_shared<const crypto::KeyRing>(std::move(merged).value()));
  ASSERT_TRUE(rotating.ok());
  ASSERT_TRUE((*rotating)->Migrate().ok());
  const domain::LinkKey phone = PhoneKey(SampleSignal("x"));
  // Half way (one signal moved), a search under both keys still finds the other one.
  auto step = (*rotating)->ReencryptBatch(1);
  ASSERT_TRUE(step.ok()) << step.status().ToString();
  EXPECT_EQ(Sharing(**rotating, phone, a), std::vector<domain::SignalId>{b});
  while (true) {
    auto s = (*rotating)->ReencryptBatch(10);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    if (s->done) break;
  }
  auto rows = LinkRows(**rotating);
  ASSERT_EQ(rows.size(), 10u);
  for (const auto& r : rows) EXPECT_EQ(r[2]->rfind("k2:", 0), 0u) << *r[2];
  // The new key alone links them.
  auto only_new = store::OpenStore(ts_->url(), next);
  ASSERT_TRUE(only_new.ok());
  ASSERT_TRUE((*only_new)->Migrate().ok());
  EXPECT_EQ(Sharing(**only_new, phone, b), std::vector<domain::SignalId>{a});
}

// Migration 009 drops the unkeyed hashes and queues every signal in link_key_rebuild; the
// queue is modelled here by a copy of the database without its link keys.
TEST_P(LinkKeyTest, QueuedSignalsGetTheirKeysWhenTheStoreOpensWithKeys) {
  auto [a, b] = InsertPair();
  auto want = LinkRows(db());
  testing::TestStore copy(GetParam());
  ASSERT_TRUE(copy.store());
  {
    auto load = copy.store()->BeginLoad();
    ASSERT_TRUE(load.ok()) << load.status().ToString();
    const store::TableSpec* queue = nullptr;
    for (const auto& t : store::DumpTables())
      if (t.name == "link_key_rebuild") queue = &t;
    ASSERT_NE(queue, nullptr) << "link_key_rebuild is not in the dump (backup would lose the queue)";
    ASSERT_TRUE(db().Export([&](const store::TableSpec& t, const store::Row& row) {
                      if (t.name == "signal_link_keys") return Status::Ok();
                      if (t.name == "signals") DRIELUIK_RETURN_IF_ERROR((*load)->Append(*queue, {row[0]}));
                      return (*load)->Append(t, row);
                    })
                    .ok());
    // A signal deleted after it was queued leaves the queue without keys.
    ASSERT_TRUE((*load)->Append(*queue, {std::string("999")}).ok());
    ASSERT_TRUE((*load)->Commit().ok());
  }
  ASSERT_TRUE(LinkRows(*copy.store()).empty());
  // Opened without keys (e.g. for a backup) the queue waits.
  auto bare = store::OpenStore(copy.url(), nullptr);
  ASSERT_TRUE(bare.ok());
  ASSERT_TRUE((*bare)->Migrate().ok());
  auto rows = testing::ReadAllRows(**bare);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->at("link_key_rebuild").size(), 3u);
  EXPECT_TRUE(rows->at("signal_link_keys").empty());
  bare->reset();
  // With keys, the next open rebuilds them: the same rows as the store that wrote them.
  ASSERT_TRUE(copy.Reopen().ok());
  ASSERT_TRUE(copy.store()->Migrate().ok());
  rows = testing::ReadAllRows(*copy.store());
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->at("link_key_rebuild").empty());
  EXPECT_EQ(rows->at("signal_link_keys"), want);
  EXPECT_EQ(Sharing(*copy.store(), PhoneKey(SampleSignal("x")), a), std::vector<domain::SignalId>{b});
}

}  // namespace
}  // namespace drieluik
