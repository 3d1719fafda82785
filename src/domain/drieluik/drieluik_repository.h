// DrieluikRepository: the storage seam for meetings, agenda items, assessments, cases,
// actions and reminders, declared by the domain and implemented by store/sqlite and
// store/postgres (sqlite_drieluik.cc, postgres_drieluik.cc), reached through
// store::Store::drieluik(). One call is one transaction.
//
// Implementations are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/audit_chain.h"
#include "domain/drieluik/action.h"
#include "domain/drieluik/agenda.h"
#include "domain/drieluik/assessment.h"
#include "domain/drieluik/case.h"
#include "domain/drieluik/meeting.h"

namespace drieluik::domain {

struct MeetingFilter {
  std::string type;                // empty: every type
  std::optional<TimePoint> from;   // scheduled_at >= from
  std::optional<TimePoint> to;     // scheduled_at < to
  int limit = 100;                 // 1..500
};

struct CaseFilter {
  std::optional<CaseStatus> status;
  std::optional<SignalId> signal_id;  // cases linked to this signal
  int limit = 100;
};

struct ActionFilter {
  std::optional<CaseId> case_id;
  std::optional<MeetingId> meeting_id;
  std::optional<ActionStatus> status;
  std::optional<Date> due_before;   // due < due_before
  std::string organisation;         // empty: every organisation
  std::string owner;                // empty: every owner
  int limit = 200;
};

/// A reminder that was sent (in-app, and by mail when configured).
struct Reminder {
  ActionId action_id = 0;
  std::string kind;     // ReminderSlot::kind
  TimePoint at;         // when it was recorded
  bool mailed = false;
};

class DrieluikRepository {
 public:
  virtual ~DrieluikRepository() = default;

  // Meetings. Update: Conflict when the stored version differs from expected_version.
  // An insert given an AuditIntent appends its entry (object id: the new id) in the same
  // transaction; a failed append fails the insert.
  virtual Result<Meeting> InsertMeeting(const Meeting& m, const AuditIntent* audit = nullptr) = 0;
  virtual Result<Meeting> GetMeeting(MeetingId id) = 0;
  virtual Result<Meeting> UpdateMeeting(const Meeting& m, std::int64_t expected_version) = 0;
  /// Ordered by scheduled_at, then id.
  virtual Result<std::vector<Meeting>> ListMeetings(const MeetingFilter& f) = 0;
  /// The latest meeting of the type scheduled before `before` that was not cancelled.
  virtual Result<std::optional<Meeting>> PreviousMeeting(const std::string& type, TimePoint before) = 0;

  // Agenda items, in position order.
  virtual Result<std::vector<AgendaItem>> AgendaItems(MeetingId meeting) = 0;
  virtual Result<AgendaItem> GetAgendaItem(AgendaItemId id) = 0;
  /// Adds items (ids ignored) in one transaction; returns them with their ids.
  virtual Result<std::vector<AgendaItem>> InsertAgendaItems(const std::vector<AgendaItem>& items) = 0;
  /// Stores position, status and summary of each item, in one transaction.
  virtual Status UpdateAgendaItems(const std::vector<AgendaItem>& items) = 0;

  // Assessments. Insert: Conflict when the item already has one. The item's status
  // becomes assessed in the same transaction.
  virtual Result<Assessment> InsertAssessment(const Assessment& a) = 0;
  virtual Result<std::vector<Assessment>> AssessmentsForMeeting(MeetingId meeting) = 0;
  /// The latest assessments of a signal, newest first.
  virtual Result<std::vector<Assessment>> AssessmentsForSignal(SignalId signal) = 0;

  // Cases. Insert writes the case, its signals and the log entries (the case's own log);
  // Update replaces title, status, merged_into, signals and participants when the version
  // matches (Conflict otherwise, NotFound when missing) and appends `entries`.
  virtual Result<Case> InsertCase(const Case& c, const AuditIntent* audit = nullptr) = 0;
  virtual Result<Case> GetCase(CaseId id) = 0;
  virtual Result<Case> UpdateCase(const Case& c, std::int64_t expected_version,
                                  const std::vector<CaseLogEntry>& entries) = 0;
  /// Newest first (highest id), without log entries.
  virtual Result<std::vector<Case>> ListCases(const CaseFilter& f) = 0;

  // Actions. Update: Conflict when stale.
  virtual Result<Action> InsertAction(const Action& a, const AuditIntent* audit = nullptr) = 0;
  virtual Result<Action> GetAction(ActionId id) = 0;
  virtual Result<Action> UpdateAction(const Action& a, std::int64_t expected_version) = 0;
  /// Ordered by due date, then id.
  virtual Result<std::vector<Action>> ListActions(const ActionFilter& f) = 0;

  /// Records a reminder once: true when recorded now, false when it already was.
  virtual Result<bool> RecordReminder(const Reminder& r) = 0;
  /// The reminders of the given actions, oldest first.
  virtual Result<std::vector<Reminder>> RemindersFor(const std::vector<ActionId>& actions) = 0;
};

}  // namespace drieluik::domain
