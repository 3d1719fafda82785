// Retention (issue 3 point 6; docs/PRIVACY.md section 5): what is past its term is
// anonymised or removed, keeping the aggregate counts intact.
//   - R-SIG: a closed signal, `signal_closed_days` after its closure (its last change), is
//     anonymised: every identifying field goes, and its additions, compartments, link keys,
//     word indexes and public secret with it; what the monitor counts stays (municipality,
//     month received, forms, vulnerable groups, indicator codes, status, channel), and the
//     reference code becomes "ANON-<id>".
//   - R-REP: the reporter's contact details (name, phone, e-mail, organisation), once the
//     signal is closed or `reporter_contact_days` after it was received.
//   - R-AUD: audit entries older than `audit_days` (never less than 730: NEN 7513), removed
//     from the start of the chain, the last removed entry kept as the verification anchor.
// Signals linked to a case are kept (R-CASE runs with the cases). Time is the injected
// clock; one run is idempotent (a crash halfway is finished by the next run).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/signal.h"
#include "domain/signal_repository.h"

namespace drieluik::domain {

struct RetentionTerms {
  int signal_closed_days = 730;
  int reporter_contact_days = 365;
  int audit_days = 1825;

  /// Parses the JSON configuration; InvalidArgument naming the member ("<source>: /audit_days
  /// must be at least 730") for a missing, non-integer or too small term.
  static Result<RetentionTerms> Parse(std::string_view json, std::string_view source);
  /// data/config/retention.json as compiled in.
  static const RetentionTerms& Default();
};

struct RetentionReport {
  std::int64_t signals_anonymised = 0;
  std::int64_t reporters_erased = 0;
  std::int64_t audit_entries_removed = 0;
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
  /// Ids of closed, not yet anonymised signals last changed before `t`, above `after`, ascending.
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
};

class RetentionService {
 public:
  /// `urgency` gives the triage urgency code the store keeps for sorting (SignalService::TriageOf).
  RetentionService(SignalRepository& signals, RetentionRepository& repo, const Clock& clock, RetentionTerms terms,
                   std::function<std::string(const SignalContent&)> urgency);
  /// One run over everything past its term.
  Result<RetentionReport> Run();

 private:
  SignalRepository& signals_;
  RetentionRepository& repo_;
  const Clock& clock_;
  const RetentionTerms terms_;
  const std::function<std::string(const SignalContent&)> urgency_;
};

}  // namespace drieluik::domain
