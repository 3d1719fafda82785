// The hash-chained audit log: canonical form (known answer), sealing, and Verify finding
// the first break of each kind.
#include "domain/audit_chain.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/time.h"
#include "crypto/sha256_hasher.h"

namespace drieluik::domain {
namespace {

const crypto::Sha256Hasher kHasher;

AuditEntry Draft(std::string object_id, AuditAction action = AuditAction::kRead) {
  AuditEntry e;
  e.at = *ParseTimestamp("2026-11-28T09:15:00Z");
  e.actor = "a.de.vries";
  e.role = "aandachtsfunctionaris";
  e.action = action;
  e.object_type = "signal";
  e.object_id = std::move(object_id);
  e.purpose = "triage";
  e.remote_address = "192.0.2.10";
  return e;
}

// Five sealed entries, seq 1..5.
std::vector<AuditEntry> Chain() {
  AuditChain chain(kHasher);
  std::vector<AuditEntry> out;
  for (int i = 1; i <= 5; ++i) out.push_back(*chain.Append(Draft(std::to_string(16 + i))));
  return out;
}

TEST(AuditChainTest, CanonicalFormAndKnownHash) {
  AuditEntry e = *SealAuditEntry(Draft("17"), ChainHead{}, kHasher);
  EXPECT_EQ(CanonicalAuditEntry(e),
            "drieluik-audit-v1\nseq=1\nat=2026-11-28T09:15:00Z\nactor=a.de.vries\non_behalf_of=\n"
            "role=aandachtsfunctionaris\naction=read\nobject_type=signal\nobject_id=17\npurpose=triage\n"
            "remote_address=192.0.2.10\noutcome=success\nprev=" +
                std::string(64, '0') + "\n");
  // python3: hashlib.sha256(<the text above>.encode()).hexdigest()
  EXPECT_EQ(e.hash, "966b6abbb1ba47820c727f262524bcc1083f02a880013c0bea89cb967a737a12");
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.prev_hash, kAuditGenesisHash);
}

TEST(AuditChainTest, EscapingKeepsFormsApart) {
  AuditEntry a = Draft("1"), b = Draft("1");
  a.actor = "x\non_behalf_of=y";  // would be refused by Seal; Verify must still tell them apart
  b.actor = "x";
  b.on_behalf_of = "y\non_behalf_of=";
  EXPECT_NE(CanonicalAuditEntry(a), CanonicalAuditEntry(b));
}

TEST(AuditChainTest, AppendLinksEntries) {
  std::vector<AuditEntry> c = Chain();
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(c[i].seq, static_cast<std::int64_t>(i + 1));
    if (i > 0) {
      EXPECT_EQ(c[i].prev_hash, c[i - 1].hash);
    }
  }
  VerifyResult r = VerifyAuditChain(c, kHasher);
  EXPECT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.head, (ChainHead{5, c[4].hash}));
  EXPECT_TRUE(VerifyAuditChain({}, kHasher).ok());
}

TEST(AuditChainTest, ValidationKeepsFreeTextOut) {
  AuditEntry e = Draft("Maria Jansen");  // a name where an id belongs
  e.purpose = "zoekt naar Maria";
  e.remote_address = "host.example";
  e.actor = "a b";
  Result<AuditEntry> r = SealAuditEntry(e, ChainHead{}, kHasher);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields(), (std::vector<FieldError>{{"/actor", "pattern", {}},
                                                         {"/objectId", "pattern", {}},
                                                         {"/purpose", "pattern", {}},
                                                         {"/remoteAddress", "pattern", {}}}));
  AuditEntry ok = Draft("MH-2026-7K3QXP");
  ok.remote_address = "2001:db8::1";
  ok.on_behalf_of = "k.bakker";
  EXPECT_TRUE(SealAuditEntry(ok, ChainHead{}, kHasher).ok());
}

TEST(AuditChainTest, AlteredEntry) {
  std::vector<AuditEntry> c = Chain();
  c[2].object_id = "99";  // someone edits the row
  VerifyResult r = VerifyAuditChain(c, kHasher);
  EXPECT_EQ(r.kind, ChainBreak::kAltered);
  EXPECT_EQ(r.position, 2u);
  EXPECT_EQ(r.seq, 3);
  EXPECT_EQ(r.message, "entry 3 (seq 3): altered: content does not match its hash");
  // Every field counts, including the outcome and time.
  std::vector<AuditEntry> d = Chain();
  d[4].outcome = AuditOutcome::kDenied;
  EXPECT_EQ(VerifyAuditChain(d, kHasher).kind, ChainBreak::kAltered);
  std::vector<AuditEntry> t = Chain();
  t[0].at += std::chrono::seconds(1);
  EXPECT_EQ(VerifyAuditChain(t, kHasher).position, 0u);
  std::vector<AuditEntry> h = Chain();
  h[1].hash = "zz";
  EXPECT_EQ(VerifyAuditChain(h, kHasher).kind, ChainBreak::kAltered);
}

TEST(AuditChainTest, RemovedEntries) {
  std::vector<AuditEntry> c = Chain();
  c.erase(c.begin() + 1, c.begin() + 3);  // seq 2 and 3
  VerifyResult r = VerifyAuditChain(c, kHasher);
  EXPECT_EQ(r.kind, ChainBreak::kRemoved);
  EXPECT_EQ(r.position, 1u);
  EXPECT_EQ(r.seq, 4);
  EXPECT_EQ(r.message, "entry 2 (seq 4): removed: seq 2 to 3 missing");
  std::vector<AuditEntry> last = Chain();
  last.erase(last.begin() + 3);
  EXPECT_EQ(VerifyAuditChain(last, kHasher).message, "entry 4 (seq 5): removed: seq 4 missing");
}

TEST(AuditChainTest, ReorderedEntries) {
  std::vector<AuditEntry> c = Chain();
  std::swap(c[1], c[3]);  // 1 4 3 2 5
  VerifyResult r = VerifyAuditChain(c, kHasher);
  EXPECT_EQ(r.kind, ChainBreak::kReordered);
  EXPECT_EQ(r.position, 1u);
  EXPECT_EQ(r.message, "entry 2 (seq 4): reordered: seq 2 comes later");
  std::vector<AuditEntry> d = Chain();
  d.push_back(d[2]);  // a duplicate at the end
  VerifyResult dup = VerifyAuditChain(d, kHasher);
  EXPECT_EQ(dup.kind, ChainBreak::kReordered);
  EXPECT_EQ(dup.message, "entry 6 (seq 3): reordered: follows seq 5");
}

TEST(AuditChainTest, WrongGenesis) {
  std::vector<AuditEntry> c = Chain();
  c.erase(c.begin());
  VerifyResult r = VerifyAuditChain(c, kHasher);
  EXPECT_EQ(r.kind, ChainBreak::kWrongGenesis);
  EXPECT_EQ(r.position, 0u);
  EXPECT_EQ(r.message, "entry 1 (seq 2): wrong_genesis: expected seq 1 after the genesis");
  // With the anchor that retention keeps, the same suffix verifies...
  ChainHead anchor{1, Chain()[0].hash};
  EXPECT_TRUE(VerifyAuditChain(c, kHasher, anchor).ok());
  // ...and a wrong anchor hash does not.
  ChainHead wrong{1, std::string(64, 'a')};
  EXPECT_EQ(VerifyAuditChain(c, kHasher, wrong).message,
            "entry 1 (seq 2): wrong_genesis: expected seq 2 after anchor seq 1");
}

TEST(AuditChainTest, RehashedEntryBreaksTheNextLink) {
  std::vector<AuditEntry> c = Chain();
  // An attacker edits entry 3 and recomputes its own hash, but not the rest of the chain.
  c[2].object_id = "99";
  c[2].hash = kHasher.Sha256Hex(CanonicalAuditEntry(c[2]));
  VerifyResult r = VerifyAuditChain(c, kHasher);
  EXPECT_EQ(r.kind, ChainBreak::kBrokenLink);
  EXPECT_EQ(r.position, 3u);
  EXPECT_EQ(r.message, "entry 4 (seq 4): broken_link: prev hash is not the hash of seq 3");
}

TEST(AuditChainTest, ResumesFromAStoredHead) {
  std::vector<AuditEntry> c = Chain();
  AuditChain resumed(kHasher, ChainHead{5, c[4].hash});
  c.push_back(*resumed.Append(Draft("40", AuditAction::kExport)));
  EXPECT_EQ(c.back().seq, 6);
  EXPECT_TRUE(VerifyAuditChain(c, kHasher).ok());
  EXPECT_EQ(resumed.head().seq, 6);
}

TEST(AuditChainTest, ActionCodes) {
  const std::pair<AuditAction, const char*> codes[] = {
      {AuditAction::kRead, "read"},         {AuditAction::kCreate, "create"},
      {AuditAction::kUpdate, "update"},     {AuditAction::kDelete, "delete"},
      {AuditAction::kSearch, "search"},     {AuditAction::kExport, "export"},
      {AuditAction::kPrint, "print"},       {AuditAction::kLogin, "login"},
      {AuditAction::kLoginFailed, "login_failed"}, {AuditAction::kAccessDenied, "access_denied"},
      {AuditAction::kBreakGlass, "break_glass"},
  };
  for (auto [action, code] : codes) {
    EXPECT_EQ(ToCode(action), code);
    EXPECT_EQ(AuditActionFromCode(code), action);
  }
  EXPECT_EQ(AuditActionFromCode("view"), std::nullopt);
  EXPECT_EQ(AuditOutcomeFromCode("denied"), AuditOutcome::kDenied);
  EXPECT_EQ(ToCode(AuditOutcome::kFailed), "failed");
}

}  // namespace
}  // namespace drieluik::domain
