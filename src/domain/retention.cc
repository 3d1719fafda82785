#include "domain/retention.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "domain/link_keys.h"

namespace drieluik::domain {

extern const std::string_view kEmbeddedRetention;

namespace {

constexpr int kPage = 200;

// The first day of the month of t in Dutch time (the monitor counts per month).
TimePoint MonthOf(TimePoint t) {
  Date d = AmsterdamDate(t);
  return AmsterdamTime(Date{d.year(), d.month(), std::chrono::day{1}}, std::chrono::minutes(0));
}

// Hands every id that `next(after)` pages out (ascending, kPage at a time) to `each`; stops
// at the first error of either.
template <typename Id, typename Next, typename Each>
Status ForEachId(Next next, Each each) {
  for (Id after = 0;;) {
    auto ids = next(after);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return Status::Ok();
    for (Id id : *ids) {
      after = id;
      DRIELUIK_RETURN_IF_ERROR(each(id));
    }
  }
}

}  // namespace

Result<RetentionTerms> RetentionTerms::Parse(std::string_view text, std::string_view source) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument(std::string(source) + ": not a JSON object");
  RetentionTerms t;
  auto term = [&](const char* name, int& out, int min) -> Status {
    if (!j.contains(name) || !j[name].is_number_integer())
      return Status::InvalidArgument(std::string(source) + ": /" + name + " must be a whole number of days");
    long long v = j[name].get<long long>();
    if (v < min || v > 36500)
      return Status::InvalidArgument(std::string(source) + ": /" + name + " must be at least " + std::to_string(min) +
                                     " and at most 36500");
    out = static_cast<int>(v);
    return Status::Ok();
  };
  DRIELUIK_RETURN_IF_ERROR(term("signal_closed_days", t.signal_closed_days, 1));
  DRIELUIK_RETURN_IF_ERROR(term("reporter_contact_days", t.reporter_contact_days, 1));
  DRIELUIK_RETURN_IF_ERROR(term("audit_days", t.audit_days, 730));  // NEN 7513: at least two years
  DRIELUIK_RETURN_IF_ERROR(term("case_closed_days", t.case_closed_days, 1));
  return t;
}

const RetentionTerms& RetentionTerms::Default() {
  static const RetentionTerms terms = [] {
    auto t = Parse(kEmbeddedRetention, "retention.json");
    if (!t.ok()) std::abort();  // RetentionTest.DefaultsParse fails first
    return *t;
  }();
  return terms;
}

bool HasReporterContact(const SignalContent& c) {
  return !c.reporter.name.empty() || !c.reporter.phone.empty() || !c.reporter.email.empty() ||
         !c.reporter.organisation.empty();
}

SignalContent WithoutReporterContact(const SignalContent& c) {
  SignalContent out = c;
  out.reporter.name.clear();
  out.reporter.phone.clear();
  out.reporter.email.clear();
  out.reporter.organisation.clear();
  return out;
}

SignalContent AnonymisedContent(const SignalContent& c) {
  SignalContent out;
  out.channel = c.channel;
  out.received_at = c.received_at ? std::optional<TimePoint>(MonthOf(*c.received_at)) : std::nullopt;
  out.municipality = c.municipality;
  out.organisation = c.organisation;
  out.reporter.anonymous = true;
  out.reporter.professional = c.reporter.professional;
  out.summary = "[geanonimiseerd / anonymised]";
  out.forms = c.forms;
  for (const auto& i : c.indicators) out.indicators.push_back({i.code, ""});
  out.vulnerable_groups = c.vulnerable_groups;
  out.acute_danger = c.acute_danger;
  // Persons stay as counts by role and gender (victims and perpetrators per month).
  for (const auto& p : c.persons) {
    Person q;
    q.role = p.role;
    q.gender = p.gender;
    out.persons.push_back(q);
  }
  for (const auto& b : c.businesses) {
    if (b.sector.empty()) continue;
    Business q;
    q.sector = b.sector;
    out.businesses.push_back(q);
  }
  return out;
}

RetentionService::RetentionService(SignalRepository& signals, RetentionRepository& repo, const Clock& clock,
                                   RetentionTerms terms, std::function<std::string(const SignalContent&)> urgency)
    : signals_(signals), repo_(repo), clock_(clock), terms_(terms), urgency_(std::move(urgency)) {}

Result<bool> RetentionService::AnonymiseSignal(SignalId id, TimePoint now) {
  auto s = signals_.Get(id);
  if (!s.ok()) {
    if (s.error().code() == StatusCode::kNotFound) return false;
    return s.status();
  }
  Signal next = *s;
  next.content = AnonymisedContent(s->content);
  next.received_at = *next.content.received_at;
  next.updated_at = now;
  const std::vector<StoredLinkKey> none;
  auto saved = signals_.Update(next, s->version, urgency_(next.content), {now, "anonymised", "system", {}}, &none);
  if (!saved.ok()) {
    if (saved.error().code() == StatusCode::kConflict) return false;  // changed meanwhile: next run
    return saved.status();
  }
  DRIELUIK_RETURN_IF_ERROR(repo_.FinishAnonymisation(id));
  return true;
}

Result<RetentionReport> RetentionService::Run() {
  RetentionReport report;
  const TimePoint now = clock_.Now();
  const auto day = std::chrono::hours(24);

  // R-CASE (PRIVACY.md section 5): closed or merged cases past their term first, so their
  // signals, agenda items and meetings can follow in the same run.
  const TimePoint case_cutoff = now - terms_.case_closed_days * day;
  DRIELUIK_RETURN_IF_ERROR(ForEachId<CaseId>(
      [&](CaseId after) { return repo_.CasesClosedBefore(case_cutoff, after, kPage); },
      [&](CaseId id) -> Status {
        auto done = repo_.AnonymiseCase(id, case_cutoff, now);
        if (!done.ok()) return done.status();
        if (!done->done) return Status::Ok();  // reopened meanwhile
        ++report.cases_anonymised;
        report.drieluik_rows_cleared += done->rows_cleared;
        return Status::Ok();
      }));
  auto anonymise_signal = [&](SignalId id) -> Status {
    auto done = AnonymiseSignal(id, now);
    if (!done.ok()) return done.status();
    if (*done) ++report.signals_anonymised;
    return Status::Ok();
  };
  // The signals whose every case is anonymised now.
  DRIELUIK_RETURN_IF_ERROR(ForEachId<SignalId>(
      [&](SignalId after) { return repo_.SignalsOfAnonymisedCases(after, kPage); }, anonymise_signal));
  // R-SIG: closed signals past their term that are linked to no case.
  const TimePoint signal_cutoff = now - terms_.signal_closed_days * day;
  DRIELUIK_RETURN_IF_ERROR(ForEachId<SignalId>(
      [&](SignalId after) { return repo_.ClosedBefore(signal_cutoff, after, kPage); }, anonymise_signal));

  // The Drieluik rows about every anonymised signal and case (also those anonymised by an
  // earlier run or before R-CASE existed).
  for (;;) {
    auto n = repo_.ClearDrieluikRows(now, kPage);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    report.drieluik_rows_cleared += *n;
  }

  // R-CASE on meetings: old enough, and nothing on the agenda is still kept.
  DRIELUIK_RETURN_IF_ERROR(ForEachId<MeetingId>(
      [&](MeetingId after) { return repo_.MeetingsBefore(case_cutoff, after, kPage); },
      [&](MeetingId id) -> Status {
        auto done = repo_.AnonymiseMeeting(id, case_cutoff, now);
        if (!done.ok()) return done.status();
        if (!done->done) return Status::Ok();
        ++report.meetings_anonymised;
        report.drieluik_rows_cleared += done->rows_cleared;
        return Status::Ok();
      }));

  // R-REP: reporter contact details of closed signals, and of every signal past the term.
  const HistoryEntry erased{now, "reporter_erased", "system", {"reporter"}};
  const TimePoint reporter_cutoff = now - terms_.reporter_contact_days * day;
  DRIELUIK_RETURN_IF_ERROR(ForEachId<SignalId>(
      [&](SignalId after) { return repo_.ReporterCandidates(reporter_cutoff, after, kPage); },
      [&](SignalId id) -> Status {
        auto s = signals_.Get(id);
        if (!s.ok()) return s.error().code() == StatusCode::kNotFound ? Status::Ok() : s.status();
        if (!HasReporterContact(s->content)) return Status::Ok();
        Signal next = *s;
        next.content = WithoutReporterContact(s->content);
        next.updated_at = now;
        // Link keys stay: the reporter gives none.
        auto saved = signals_.Update(next, s->version, urgency_(next.content), erased, nullptr);
        if (!saved.ok()) return saved.error().code() == StatusCode::kConflict ? Status::Ok() : saved.status();
        ++report.reporters_erased;
        return Status::Ok();
      }));

  // R-AUD.
  auto removed = repo_.RemoveAuditBefore(now - terms_.audit_days * day);
  if (!removed.ok()) return removed.status();
  report.audit_entries_removed = *removed;
  return report;
}

}  // namespace drieluik::domain
