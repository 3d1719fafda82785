// DrieluikService: the use cases of the Drieluik and the TVO (issue 5; PRODUCT.md steps
// 3–4): plan meetings on the recurring schedule, build the agenda for the chair and show it
// per participant's compartments, assess items (which may open a case, merge into one, or
// close one), run cases through their transition table with a decision log, track actions
// with overdue state and reminders, and tell a reporter that their signal was assessed.
//
// Every rule on time reads the injected Clock. Storage goes through DrieluikRepository
// and SignalRepository. An assessment that opens or changes a case makes several
// repository calls; the assessment is written last, so a failure leaves the item open
// and the chair can assess it again (a case opened before a failure stays, logged).
//
// Thread-safe: holds only references to thread-safe collaborators.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/catalog.h"
#include "domain/drieluik/action.h"
#include "domain/drieluik/agenda.h"
#include "domain/drieluik/assessment.h"
#include "domain/drieluik/case.h"
#include "domain/drieluik/drieluik_repository.h"
#include "domain/drieluik/meeting.h"
#include "domain/drieluik/minutes.h"
#include "domain/policy.h"
#include "domain/principal.h"
#include "domain/signal_repository.h"

namespace drieluik::domain {

struct ReminderOptions {
  ReminderPlan plan;
  MailSender* mail = nullptr;  // nullptr: in-app only (the default: SMTP is off)
  /// The e-mail address of an owner (user name), or nullopt: then no mail for that owner.
  std::function<std::optional<std::string>(const std::string& owner)> address_of;
  std::string link_base;       // e.g. "https://drieluik.example/acties/"; the action id is appended
};

/// What a reporter (the professional who registered the signal, or the
/// aandachtsfunctionaris who forwarded it) may know: that it was assessed and the outcome
/// category — never the reasoning, decisions or case.
struct ReporterFeedback {
  bool assessed = false;
  std::optional<Outcome> outcome;
  std::optional<TimePoint> assessed_at;
};

/// A change to a case (API: POST /cases/{id}/transitions, decisions, participants, signals).
struct CaseChange {
  std::int64_t expected_version = 0;
  std::optional<CaseStatus> to;                 // a transition
  std::optional<CaseId> merge_into;             // with to == merged
  std::optional<DecisionKind> decision;         // a decision for the log
  std::optional<CaseParticipant> add_participant;
  std::optional<SignalId> link_signal;
  std::string note;                             // reasoning, at most 2000 characters
};

/// A change to an action (PATCH /actions/{id}).
struct ActionChange {
  std::int64_t expected_version = 0;
  std::optional<std::string> title;
  std::optional<std::string> owner;
  std::optional<std::string> organisation;
  std::optional<Date> due;
  std::optional<ActionStatus> status;
};

class DrieluikService {
 public:
  DrieluikService(DrieluikRepository& repo, SignalRepository& signals, const Catalog& catalog, const Clock& clock,
                  const MeetingTypes& types, ReminderOptions reminders = {});

  const MeetingTypes& types() const { return types_; }
  const Clock& clock() const { return clock_; }

  // --- Meetings ---
  /// Validates and stores a meeting. An empty title becomes "<type label> <date>"; no
  /// participants given: one per default role of the type (organisation "zvhg" for
  /// ZVHG roles, "politie" for politie, the role code otherwise).
  /// `audit` (may be null) is appended in the insert's transaction (AuditIntent), as for
  /// every Create below.
  Result<Meeting> CreateMeeting(Meeting m, const AuditIntent* audit = nullptr);
  /// Plans the next `count` meetings of a recurring type after now (ScheduleMeetings),
  /// skipping instants that already have a meeting of that type. Each meeting gets its own
  /// entry from `audit`.
  Result<std::vector<Meeting>> PlanMeetings(const std::string& type, Date anchor, int count,
                                            const AuditIntent* audit = nullptr);
  Result<Meeting> GetMeeting(MeetingId id);
  Result<std::vector<Meeting>> ListMeetings(const MeetingFilter& f);
  /// Replaces title, scheduled time, status and participants (attendance) at a version.
  Result<Meeting> UpdateMeeting(MeetingId id, std::int64_t expected_version, Meeting changed);

  // --- Agenda ---
  /// Adds what BuildAgenda proposes to the stored agenda and returns the whole agenda.
  /// Each new or in-intake signal put on the agenda moves to for_drieluik (MoveSignal).
  /// FailedPrecondition when the meeting was cancelled.
  Result<std::vector<AgendaItem>> BuildAgendaFor(MeetingId id, const std::string& actor = "system");
  Result<std::vector<AgendaItem>> Agenda(MeetingId id);
  /// The agenda as `principal` may see it (agenda.h, compartments).
  Result<std::vector<AgendaItemView>> AgendaFor(MeetingId id, const Principal& principal, const Policy& policy);
  /// Adds an item for a signal or a case at the end. InvalidArgument when neither or both
  /// are given or the summary is too long; NotFound when the subject does not exist.
  Result<AgendaItem> AddAgendaItem(MeetingId id, std::optional<SignalId> signal, std::optional<CaseId> c,
                                   std::string summary, const std::string& actor = "system");
  /// New order: `order` lists every item id of the agenda exactly once.
  /// InvalidArgument (/order) otherwise.
  Result<std::vector<AgendaItem>> ReorderAgenda(MeetingId id, const std::vector<AgendaItemId>& order);
  /// Marks an open item postponed: the next meeting's agenda carries it over.
  /// FailedPrecondition when already assessed.
  Result<AgendaItem> PostponeItem(AgendaItemId item);

  // --- Assessment ---
  /// Assesses an open item (see Assessment; validation in ValidateAssessment). open_case
  /// opens a case of the item's signal; merge_into_case links the signal to that case
  /// (NotFound when missing; FailedPrecondition when closed or merged); for a case item
  /// close closes the case through the transition table; every decision is logged on the
  /// case concerned. The item's signal moves to linked_to_case (a case opened or merged
  /// into), closed (a close decision) or else assessed (MoveSignal). FailedPrecondition
  /// when the item is assessed already.
  Result<Assessment> Assess(AgendaItemId item, Assessment a, const std::string& actor);
  Result<std::vector<Assessment>> Assessments(MeetingId id);
  /// Feedback for the reporter of a signal (the latest assessment's outcome).
  Result<ReporterFeedback> FeedbackFor(SignalId signal);
  /// The policy scope of a signal for agenda views and feedback: municipality and
  /// organisation; referred to police when an assessment referred it to politie,
  /// arbeidsinspectie or RIEC.
  Result<ObjectScope> ScopeOf(const Signal& s);

  /// The minutes of a meeting for `caller` and every participant of the meeting
  /// (minutes.h says what each may see). NotFound when the meeting does not exist.
  Result<Minutes> MinutesFor(MeetingId id, const Principal& caller, const Policy& policy);

  // --- Cases ---
  /// Opens a case (status open) from one or more signals. NotFound for an unknown signal.
  Result<Case> CreateCase(Case c, const std::string& actor, const AuditIntent* audit = nullptr);
  Result<Case> GetCase(CaseId id);
  Result<std::vector<Case>> ListCases(const CaseFilter& f);
  /// Applies one change at a version: a transition (checked against the table; merged
  /// needs merge_into, whose case receives the signals), a decision, a participant, or a
  /// linked signal — each logged. Conflict when stale.
  Result<Case> ChangeCase(CaseId id, const CaseChange& change, const std::string& actor);

  // --- Actions ---
  /// Stores an open action. NotFound when the case or meeting does not exist.
  Result<Action> CreateAction(Action a, const AuditIntent* audit = nullptr);
  Result<Action> GetAction(ActionId id);
  Result<Action> ChangeAction(ActionId id, const ActionChange& change);
  /// Actions matching the filter; with overdue_only, the open ones past their due date now.
  Result<std::vector<Action>> ListActions(ActionFilter f, bool overdue_only);

  // --- Reminders ---
  /// Records the reminders that fell due (ReminderSlots up to now; of several passed
  /// slots only the latest, so a late run sends one reminder, not a burst) and mails each
  /// to its owner when a mail sender is configured. Returns the reminders recorded now.
  /// A mail failure does not stop the run: the reminder stays in-app (mailed = false).
  Result<std::vector<Reminder>> RunReminders();
  /// In-app reminders of the open actions of an owner (user name), oldest first.
  Result<std::vector<Reminder>> RemindersForOwner(const std::string& owner);

 private:
  Result<Case> OpenCaseFor(const Signal& s, const std::string& title, const std::string& actor,
                           const std::string& reasoning);
  Result<Case> LinkSignal(const Case& c, SignalId signal, const std::string& actor, const std::string& note);
  /// Moves a signal's status forward along new → in_intake → for_drieluik → assessed →
  /// linked_to_case → closed (REFERENCE.md 5.1): never back, so a signal already linked to
  /// a case stays linked when a later meeting asks for more information. Writes a history
  /// entry `history_action` by `actor`; retries when a user saved the signal meanwhile.
  Status MoveSignal(SignalId id, SignalStatus to, const std::string& history_action, const std::string& actor);

  DrieluikRepository& repo_;
  SignalRepository& signals_;
  const Catalog& catalog_;
  const Clock& clock_;
  const MeetingTypes& types_;
  ReminderOptions reminders_;
};

}  // namespace drieluik::domain
