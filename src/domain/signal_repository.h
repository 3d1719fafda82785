// SignalRepository: the storage seam for signals, declared by the domain and implemented
// by store/sqlite and store/postgres. One call is one transaction: a signal, its forms,
// history entry and public secret are written together or not at all, and so is the audit
// entry a write is given (AuditIntent: a change is never committed without its entry).
//
// Implementations are thread-safe (each call may come from another worker thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/audit_chain.h"
#include "domain/link_keys.h"
#include "domain/signal.h"

namespace drieluik::domain {

struct SignalFilter {
  std::string municipality;              // CBS code, or empty for all
  std::string form;                      // exploitation form code, or empty
  std::optional<SignalStatus> status;
  std::optional<TimePoint> from;         // received_at >= from
  std::optional<TimePoint> to;           // received_at < to
  std::string text;                      // free-text search in summary, description, location
  int limit = 50;                        // 1..200
  std::string cursor;                    // opaque, from SignalPage::next_cursor
  // Need-to-know scope, set by the edge from the policy (never from the query string):
  // when `scoped`, only signals of scope_municipality or registered by one of
  // scope_organisations (ids without commas).
  bool scoped = false;
  std::string scope_municipality;
  std::vector<std::string> scope_organisations;
  // With `scoped`: also the signals that a Drieluik assessment referred to the police, the
  // labour inspectorate or the RIEC (the police's view, policy.h).
  bool scope_referred_to_police = false;
};

struct SignalPage {
  std::vector<Signal> items;             // newest received first, then highest id
  std::string next_cursor;               // empty on the last page
};

/// What the service hands to Insert: a signal without id, plus what is stored beside it.
struct NewSignal {
  Signal signal;                         // id ignored
  std::string urgency;                   // triage urgency level code, stored for sorting
  std::string public_secret_hash;        // empty unless reported through the public route
  HistoryEntry created;
  std::vector<StoredLinkKey> link_keys;  // written in the same transaction
  const AuditIntent* audit = nullptr;    // appended in the same transaction (object id: the new id)
};

class SignalRepository {
 public:
  virtual ~SignalRepository() = default;

  /// Stores a new signal; returns it with its id. Conflict when the reference code is
  /// taken (the caller draws another), Unavailable when the database is.
  virtual Result<Signal> Insert(const NewSignal& s) = 0;
  /// NotFound when no such id.
  virtual Result<Signal> Get(SignalId id) = 0;
  /// NotFound when no such reference code.
  virtual Result<Signal> FindByReference(std::string_view reference_code) = 0;
  /// Replaces content and status when the stored version equals expected_version, then
  /// stores version expected_version + 1, the history entry and (when given) replaces
  /// the signal's link keys, all in one transaction. Conflict when stale, NotFound when
  /// the signal does not exist.
  virtual Result<Signal> Update(const Signal& s, std::int64_t expected_version, const std::string& urgency,
                                const HistoryEntry& entry, const std::vector<StoredLinkKey>* link_keys = nullptr) = 0;
  /// One page of signals matching the filter. InvalidArgument for a malformed cursor.
  virtual Result<SignalPage> List(const SignalFilter& filter) = 0;
  /// The history of a signal, oldest first.
  virtual Result<std::vector<HistoryEntry>> History(SignalId id) = 0;
  /// Appends an addition from the public reporter (and its history entry, and the audit
  /// entry when given), in one transaction.
  virtual Status AddAddition(SignalId id, const Addition& addition, const HistoryEntry& entry,
                             const AuditIntent* audit = nullptr) = 0;
  /// The stored hash of the public reporter's secret; NotFound when there is none.
  virtual Result<std::string> PublicSecretHash(SignalId id) = 0;
  /// Number of stored signals (for health and tests).
  virtual Result<std::int64_t> Count() = 0;
};

}  // namespace drieluik::domain
