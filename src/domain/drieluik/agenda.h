// Agenda: what a meeting discusses, built for the chair (issue 5 item 2; PRODUCT.md step
// 3): signals received since the previous meeting of the same type and not yet assessed,
// cases with overdue actions, actions due before the next meeting (running deadlines),
// items carried over from the previous meeting, and open cases under follow-up or
// monitoring (they stay on the agenda until their tracks resolve, REFERENCE.md §5.1 step
// 6). Each item has a one-line summary and its triage (urgency, proposed routes). The
// chair reorders, adds and postpones items (DrieluikService).
//
// Compartments (REFERENCE.md §8.2): an item's general line is shown to every participant
// who may read its subject; the care details (vulnerable groups, care routes) only to who
// may read signal.care, the police details (police, inspectorate and RIEC routes) only to
// who may read signal.police — both decided by domain::Policy on the signal's scope.
// A participant who may not read the subject sees that an item exists, not what it is.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/drieluik/action.h"
#include "domain/drieluik/assessment.h"
#include "domain/drieluik/case.h"
#include "domain/drieluik/meeting.h"
#include "domain/policy.h"
#include "domain/principal.h"
#include "domain/signal.h"
#include "domain/triage.h"

namespace drieluik::domain {

enum class AgendaItemKind { kNewSignal, kOverdueAction, kDeadline, kCaseFollowUp, kCarriedOver, kAdded };
enum class AgendaItemStatus { kOpen, kAssessed, kPostponed };

struct AgendaItem {
  AgendaItemId id = 0;
  MeetingId meeting_id = 0;
  int position = 0;                    // 1-based order on the agenda
  AgendaItemKind kind = AgendaItemKind::kAdded;
  std::optional<SignalId> signal_id;   // subject: a signal ...
  std::optional<CaseId> case_id;       // ... or a case ...
  std::optional<ActionId> action_id;   // ... and for deadline items the action
  std::string summary;                 // one line, no compartment details
  std::string urgency;                 // triage urgency code of a signal, else empty
  std::vector<std::string> routes;     // proposed route codes (triage), care and police mixed
  AgendaItemStatus status = AgendaItemStatus::kOpen;
  std::optional<AgendaItemId> carried_from;  // the item of an earlier meeting it continues
};

struct AgendaSignal {
  Signal signal;
  Triage triage;
};

struct AgendaCase {
  Case c;
  std::vector<Action> actions;  // the case's actions (any status)
};

struct AgendaInputs {
  Meeting meeting;
  std::optional<TimePoint> next_meeting_at;   // default: meeting + the type's interval
  std::vector<AgendaSignal> new_signals;      // received since the previous meeting, not assessed
  std::vector<AgendaCase> cases;              // cases not closed or merged
  std::vector<AgendaItem> carried;            // open or postponed items of the previous meeting
  std::vector<AgendaItem> existing;           // already on this agenda: never added twice
};

/// The items to add to the agenda, positions following the existing ones: carried-over
/// items, then new signals (acute, high, normal, low urgency; oldest first within a
/// level), then cases with overdue actions, actions due before the next meeting, and the
/// other open cases under follow-up or monitoring. An item whose subject already has an
/// item on this agenda is not added again.
std::vector<AgendaItem> BuildAgenda(const AgendaInputs& in);

/// One line for a signal: its summary's first line, at most 120 characters (cut on a
/// UTF-8 character boundary, "…" appended), then " — " and the form codes.
std::string SignalSummaryLine(const Signal& s);

/// What one participant sees of an item.
struct AgendaItemView {
  AgendaItem item;                     // summary and routes emptied when restricted
  bool restricted = false;             // the participant may not read the subject
  std::vector<std::string> care;       // "group:<code>", "route:<code>" (care compartment)
  std::vector<std::string> police;     // "route:<code>" (police compartment)
  /// The item's assessment, when assessed and not restricted; referrals to police,
  /// inspectorate or RIEC only with police read, care decisions only with care read
  /// (filled by DrieluikService::AgendaFor).
  std::optional<Assessment> assessment;
};

/// Route codes of the care compartment (zorgcoordinator, veilig_thuis, nidos, comensha);
/// the rest (police, labour_inspectorate, riec) are the police compartment.
bool IsCareRoute(std::string_view route_code);

/// The view of `item` for `principal`. `signal` is the item's signal (nullptr for case
/// items); `scope` its policy scope. Signal items: restricted unless the policy allows
/// signal read; care details with signal.care read; police details with signal.police read.
/// Case items: restricted unless the policy allows case read; no compartment details.
AgendaItemView ViewAgendaItem(const AgendaItem& item, const Signal* signal, const ObjectScope& scope,
                              const Principal& principal, const Policy& policy);

std::string_view ToCode(AgendaItemKind v);
std::string_view ToCode(AgendaItemStatus v);
template <>
std::optional<AgendaItemKind> FromCode<AgendaItemKind>(std::string_view code);
template <>
std::optional<AgendaItemStatus> FromCode<AgendaItemStatus>(std::string_view code);

}  // namespace drieluik::domain
