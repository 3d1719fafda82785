// Retention (issue 3 point 6; docs/PRIVACY.md section 5): what is past its term is
// anonymised or removed, keeping the aggregate counts intact.
//   - R-CASE: a closed or merged case, `case_closed_days` after its closure (its last
//     change), is anonymised: its title becomes "ANON-<id>", its log details are cleared,
//     its actions' titles become "ANON-<action id>"; ids, status, municipality,
//     participants (organisation and role), codes, times and counts stay. A signal linked
//     to cases is anonymised as under R-SIG once every one of its cases is (and it is closed
//     or linked to a case); a signal linked to an open case, or to one inside its term, is
//     kept. A meeting older than `case_closed_days` loses its title and participants once
//     every signal and case its agenda refers to is anonymised.
//   - R-SIG: a closed signal not linked to any case, `signal_closed_days` after its closure
//     (its last change), is anonymised: every identifying field goes, and its additions,
//     compartments, link keys, word indexes and public secret with it; what the monitor
//     counts stays (municipality, month received, forms, vulnerable groups, indicator codes,
//     status, channel), and the reference code becomes "ANON-<id>".
//   - The Drieluik rows about an anonymised signal or case (under either term): agenda
//     item summaries, assessment reasoning and decision notes are cleared; outcome and
//     decision codes stay (the police's lists and the counts use them).
//   - R-REP: the reporter's contact details (name, phone, e-mail, organisation), once the
//     signal is closed or `reporter_contact_days` after it was received.
//   - R-AUD: audit entries older than `audit_days` (never less than 730: NEN 7513), removed
//     from the start of the chain, the last removed entry kept as the verification anchor.
// Time is the injected clock; one run is idempotent (a crash halfway is finished by the
// next run).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/drieluik/case.h"
#include "domain/drieluik/meeting.h"
#include "domain/signal.h"
#include "domain/signal_repository.h"

namespace drieluik::domain {

struct RetentionTerms {
  int signal_closed_days = 730;
  int reporter_contact_days = 365;
  int audit_days = 1825;
  int case_closed_days = 1825;

  /// Parses the JSON configuration; InvalidArgument naming the member ("<source>: /audit_days
  /// must be at least 730") for a missing, non-integer or too small term. Every member is
  /// required.
  static Result<RetentionTerms> Parse(std::string_view json, std::string_view source);
  /// data/config/retention.json as compiled in.
  static const RetentionTerms& Default();
};

struct RetentionReport {
  std::int64_t signals_anonymised = 0;
  std::int64_t reporters_erased = 0;
  std::int64_t audit_entries_removed = 0;
  std::int64_t cases_anonymised = 0;     // R-CASE
  std::int64_t meetings_anonymised = 0;  // R-CASE
  /// Drieluik rows besides the cases and meetings themselves whose free text was cleared:
  /// log entries, actions, agenda items and assessments (about an anonymised signal, case
  /// or meeting), each counted once.
  std::int64_t drieluik_rows_cleared = 0;
};

/// What one R-CASE step changed in the store.
struct DrieluikAnonymisation {
  bool done = false;              // false: it no longer qualifies (changed meanwhile, or done)
  std::int64_t rows_cleared = 0;  // as RetentionReport::drieluik_rows_cleared
};

/// The content with every identifying field removed (see the header comment).
SignalContent AnonymisedContent(const SignalContent& c);
/// The content without the reporter's contact details.
SignalContent WithoutReporterContact(const SignalContent& c);
/// True when the reporter left any contact detail.
bool HasReporterContact(const SignalContent& c);

class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;
  /// Ids of closed, not yet anonymised signals last changed before `t` and linked to no
  /// case (those follow R-CASE), above `after`, ascending.
  virtual Result<std::vector<SignalId>> ClosedBefore(TimePoint t, SignalId after, int limit) = 0;
  /// Ids of not yet anonymised signals received before `t`, or closed, above `after`, ascending.
  virtual Result<std::vector<SignalId>> ReporterCandidates(TimePoint t, SignalId after, int limit) = 0;
  /// In one transaction: reference code "ANON-<id>", no public secret, and no additions,
  /// compartments, link keys or word indexes. (The content itself is replaced first through
  /// SignalRepository::Update.)
  virtual Status FinishAnonymisation(SignalId id) = 0;
  /// Removes audit entries before `t` from the start of the chain and keeps the last removed
  /// one as the anchor, in one transaction. Returns how many were removed.
  virtual Result<std::int64_t> RemoveAuditBefore(TimePoint t) = 0;

  // R-CASE. Each step is one transaction of its own.
  /// Ids of closed or merged, not yet anonymised cases last changed before `t`, above
  /// `after`, ascending.
  virtual Result<std::vector<CaseId>> CasesClosedBefore(TimePoint t, CaseId after, int limit) = 0;
  /// Anonymises case `id` if it is still closed or merged, last changed before `t` and not
  /// anonymised: title "ANON-<id>", log details cleared, its actions' titles
  /// "ANON-<action id>", its agenda items and their assessments cleared; marked with `now`.
  /// FailedPrecondition without keys.
  virtual Result<DrieluikAnonymisation> AnonymiseCase(CaseId id, TimePoint t, TimePoint now) = 0;
  /// Ids of not yet anonymised signals, closed or linked to a case, that are linked to at
  /// least one case and only to anonymised cases, above `after`, ascending.
  virtual Result<std::vector<SignalId>> SignalsOfAnonymisedCases(SignalId after, int limit) = 0;
  /// Clears up to `max_rows` agenda items (with their assessments) about an anonymised
  /// signal, case or action of an anonymised case that are not yet cleared, marked with
  /// `now`; how many rows (items and assessments) it cleared, 0 when none are left.
  virtual Result<std::int64_t> ClearDrieluikRows(TimePoint now, int max_rows) = 0;
  /// Ids of not yet anonymised meetings scheduled before `t` whose agenda refers to no
  /// signal, case or action of a case that is not anonymised, and none of whose actions
  /// belongs to a case that is not anonymised, above `after`, ascending.
  virtual Result<std::vector<MeetingId>> MeetingsBefore(TimePoint t, MeetingId after, int limit) = 0;
  /// Anonymises meeting `id` if it still qualifies (as MeetingsBefore): title "", no
  /// participants, its remaining agenda items and their assessments cleared, the titles of
  /// its actions that belong to no case "ANON-<action id>"; marked with `now`.
  virtual Result<DrieluikAnonymisation> AnonymiseMeeting(MeetingId id, TimePoint t, TimePoint now) = 0;
};

class RetentionService {
 public:
  /// `urgency` gives the triage urgency code the store keeps for sorting (SignalService::TriageOf).
  RetentionService(SignalRepository& signals, RetentionRepository& repo, const Clock& clock, RetentionTerms terms,
                   std::function<std::string(const SignalContent&)> urgency);
  /// One run over everything past its term.
  Result<RetentionReport> Run();

 private:
  // R-SIG's anonymisation of one signal; false when it is gone or changed meanwhile.
  Result<bool> AnonymiseSignal(SignalId id, TimePoint now);

  SignalRepository& signals_;
  RetentionRepository& repo_;
  const Clock& clock_;
  const RetentionTerms terms_;
  const std::function<std::string(const SignalContent&)> urgency_;
};

}  // namespace drieluik::domain
