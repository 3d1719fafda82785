// Case (casus): one or more signals that the Drieluik decided to follow up together
// (PRODUCT.md step 4; REFERENCE.md §5.1). A case has a lifecycle whose allowed transitions
// are DATA — kCaseTransitions in case.cc, one row {from, to, reason key} each — and every
// other transition is refused with a reason the edge renders in Dutch and English. It
// keeps its participants per organisation, its links to signals and a decision log that
// is only ever appended to. Care trajectories and measures (later issues) attach to a
// CaseId.
//
// Plain data and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/signal.h"
#include "domain/triage.h"

namespace drieluik::domain {

using CaseId = std::int64_t;

/// REFERENCE.md §5.1 suggested states, plus `merged` for a case folded into another.
enum class CaseStatus { kOpen, kInFollowup, kMonitoring, kClosed, kMerged };

/// One allowed transition and the message key that names it in the decision log.
struct CaseTransition {
  CaseStatus from;
  CaseStatus to;
  std::string_view key;  // e.g. "case.transition.start_followup"
};

/// The transition table, in the order of case.cc.
const std::vector<CaseTransition>& CaseTransitions();

/// The row for from → to, or nullopt when the table has none.
std::optional<CaseTransition> FindCaseTransition(CaseStatus from, CaseStatus to);

/// OK when the table allows from → to. Otherwise InvalidArgument with one field error at
/// /to whose key says why: "case.transition.same_status", "case.transition.final"
/// (merged is final), "case.transition.reopen_first" (closed → anything but open), or
/// "case.transition.not_allowed"; params from, to and allowed (comma-separated codes, or
/// "-" when none).
Status CheckCaseTransition(CaseStatus from, CaseStatus to);

struct CaseParticipant {
  std::string organisation;  // catalog organisation id
  std::string role;          // role code
  bool operator==(const CaseParticipant&) const = default;
};

/// One line of the decision log. kind: "created", "transition", "decision",
/// "participant_added", "signal_linked", "merged".
struct CaseLogEntry {
  TimePoint at;
  std::string actor;        // user name or "system"; never personal data of the people in the case
  std::string kind;
  std::string key;          // message key (transition key, decision kind code, ...)
  std::string detail;       // free text (reasoning), may be empty
  std::string from_status;  // for transitions
  std::string to_status;
};

struct Case {
  CaseId id = 0;
  std::string title;
  CaseStatus status = CaseStatus::kOpen;
  std::string municipality;               // CBS code of the first signal, for scope
  std::optional<CaseId> merged_into;
  std::vector<SignalId> signals;          // linked signals, ascending
  std::vector<CaseParticipant> participants;
  std::vector<CaseLogEntry> log;          // oldest first (filled on read)
  std::int64_t version = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

/// InvalidArgument: title required and at most 200 characters, at least one signal,
/// participants with organisation and a known role code, at most 50.
Status ValidateCase(const Case& c);

std::string_view ToCode(CaseStatus v);
template <>
std::optional<CaseStatus> FromCode<CaseStatus>(std::string_view code);
const std::vector<CaseStatus>& AllCaseStatuses();

}  // namespace drieluik::domain
