// Audit trail as a pure component: an append-only log of every read and write of personal
// data and every refused access (issue 3; NEN 7513 as the model, REFERENCE.md §8.4), in
// which every entry carries the SHA-256 of its canonical form including the previous
// entry's hash. Changing, removing or reordering an entry breaks the chain at that place,
// and VerifyAuditChain says where and how. Storage is not here: the store appends sealed
// entries (one transaction: read the head, SealAuditEntry, insert with a unique seq) and
// `drieluik audit verify` reads them back in seq order.
//
// What a chain cannot show by itself: someone with write access who rewrites the whole
// tail from an entry onwards with fresh hashes. Against that the head (seq and hash, see
// VerifyResult) must be kept outside the database as well — printed by `audit verify`,
// sent to the privacy officer, or stored as an anchor — and compared.
//
// No personal data beyond ids: an entry names the acting user (username), the object by
// type and id (a signal id, never a name), a purpose code and the remote address. Search
// terms, field values and free text never go into an entry; the field patterns below are
// enforced so free text cannot slip in. Retention: ≥ 2 years (NEN 7513 §8.5,
// REFERENCE.md §8.6); older entries may be removed only from the start, keeping the last
// removed entry's seq and hash as the anchor for verification.
//
// The hash function comes through AuditHasher (SHA-256 in crypto/sha256_hasher.h), so the
// domain stays free of crypto libraries. Functions are pure; AuditChain is thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace drieluik::domain {

/// NEN 7513 event types.
enum class AuditAction {
  kRead,
  kCreate,
  kUpdate,
  kDelete,
  kSearch,
  kExport,
  kPrint,
  kLogin,
  kLoginFailed,
  kAccessDenied,
  kBreakGlass,
};

enum class AuditOutcome { kSuccess, kDenied, kFailed };

/// "read", "create", "update", "delete", "search", "export", "print", "login",
/// "login_failed", "access_denied", "break_glass".
std::string_view ToCode(AuditAction action);
/// "success", "denied", "failed".
std::string_view ToCode(AuditOutcome outcome);
std::optional<AuditAction> AuditActionFromCode(std::string_view code);
std::optional<AuditOutcome> AuditOutcomeFromCode(std::string_view code);

struct AuditEntry {
  std::int64_t seq = 0;         // 1, 2, 3, ... without gaps; set by sealing
  TimePoint at;                 // when it happened (UTC)
  std::string actor;            // username, "public" or "system"; [A-Za-z0-9._@-]{0,64}
  std::string on_behalf_of;     // responsible user when acting for someone; same pattern
  std::string role;             // role code, or "anonymous"; [a-z_]{0,32}
  AuditAction action = AuditAction::kRead;
  std::string object_type;      // "signal", "signal.care", "user", ...; [a-z_.]{0,32}
  std::string object_id;        // id of the object, never a name; [A-Za-z0-9._:-]{0,64}
  std::string purpose;          // purpose code, e.g. "triage", "drieluik"; [a-z0-9_.]{0,40}
  std::string remote_address;   // IPv4 or IPv6 text; [0-9A-Fa-f.:]{0,45}
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::string prev_hash;        // 64 hex digits; all zeros before the first entry
  std::string hash;             // 64 hex digits: SHA-256 of CanonicalAuditEntry

  bool operator==(const AuditEntry&) const = default;
};

/// The hash function of the chain. Implemented in crypto; thread-safe.
class AuditHasher {
 public:
  virtual ~AuditHasher() = default;
  /// Lower-case hex SHA-256 of the bytes (64 characters).
  virtual std::string Sha256Hex(std::string_view data) const = 0;
};

/// An entry for a repository to append in the same transaction as the write it records:
/// sealed after the stored head and inserted before the commit, so a change is never
/// committed without its entry and no entry names a change that was rolled back. When
/// draft.object_id is empty the repository fills in the id of the object it created. A
/// failed append fails the write (Unavailable) and changes nothing.
struct AuditIntent {
  AuditEntry draft;
  const AuditHasher* hasher = nullptr;  // must outlive the write
};

/// The previous entry's seq and hash (or an anchor left by retention).
struct ChainHead {
  std::int64_t seq = 0;
  std::string hash = std::string(64, '0');  // the genesis value

  bool operator==(const ChainHead&) const = default;
};

/// "prev" value of the first entry.
inline const std::string kAuditGenesisHash(64, '0');

/// The canonical form that is hashed: "drieluik-audit-v1\n" then one "name=value\n" line
/// per field in declaration order (seq, at as FormatTimestamp, actor, on_behalf_of, role,
/// action code, object_type, object_id, purpose, remote_address, outcome code, prev), with
/// '%', CR and LF in values written as %25, %0D, %0A so no two entries share a form.
std::string CanonicalAuditEntry(const AuditEntry& entry);

/// Checks the field patterns above. InvalidArgument with one FieldError per bad field
/// (pointer "/actor", "/objectId", ...; key "pattern").
Status ValidateAuditEntry(const AuditEntry& entry);

/// `draft` with seq = head.seq + 1, prev_hash = head.hash and its hash set. The errors of
/// ValidateAuditEntry; nothing else fails.
Result<AuditEntry> SealAuditEntry(AuditEntry draft, const ChainHead& head, const AuditHasher& hasher);

enum class ChainBreak {
  kNone,
  kAltered,       ///< an entry's content no longer matches its hash
  kRemoved,       ///< seq jumps forward: entries are missing
  kReordered,     ///< seq goes back or repeats, or a missing seq appears later
  kWrongGenesis,  ///< the first entry does not start the chain (or does not follow the anchor)
  kBrokenLink,    ///< prev_hash is not the previous entry's hash (re-hashed or inserted entry)
};

/// "none", "altered", "removed", "reordered", "wrong_genesis", "broken_link".
std::string_view ToCode(ChainBreak kind);

struct VerifyResult {
  ChainBreak kind = ChainBreak::kNone;
  std::size_t position = 0;  // index in the list of the first broken entry
  std::int64_t seq = 0;      // that entry's seq as stored
  std::string message;       // English, for logs and the CLI ("entry 3 (seq 3): altered")
  ChainHead head;            // the last entry's seq and hash when intact

  bool ok() const { return kind == ChainBreak::kNone; }
};

/// Checks entries in list order, starting from `start` (default: the genesis), and reports
/// the FIRST break. An empty list is intact with head == start.
VerifyResult VerifyAuditChain(const std::vector<AuditEntry>& entries, const AuditHasher& hasher,
                              const ChainHead& start = {});

/// An in-memory chain head for a single writer process (tests, tools); the store uses
/// SealAuditEntry inside its transaction instead. Thread-safe.
class AuditChain {
 public:
  explicit AuditChain(const AuditHasher& hasher, ChainHead head = {});
  /// Seals `draft` after the current head and advances the head. Errors as SealAuditEntry.
  Result<AuditEntry> Append(AuditEntry draft);
  ChainHead head() const;

 private:
  const AuditHasher& hasher_;
  mutable std::mutex mu_;
  ChainHead head_;  // guarded by mu_
};

}  // namespace drieluik::domain
