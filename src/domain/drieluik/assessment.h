// Assessment: what a meeting concluded about one agenda item (PRODUCT.md step 3;
// REFERENCE.md §5.1 step 4): the outcome category, the reasoning, and the decisions —
// referrals to partners (§4.4), a municipal measure, a care trajectory, opening a case,
// merging into an existing case, closing. The outcome categories are the product's.
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
#include "domain/drieluik/case.h"
#include "domain/drieluik/meeting.h"
#include "domain/signal.h"

namespace drieluik::domain {

using AgendaItemId = std::int64_t;

enum class Outcome { kNoIndication, kMoreInformationNeeded, kSuspicionFollowUp };

enum class DecisionKind {
  kReferPolitie,
  kReferArbeidsinspectie,
  kReferVeiligThuis,
  kReferComensha,
  kReferRiec,
  kMunicipalMeasure,
  kCareTrajectory,
  kOpenCase,
  kMergeIntoCase,
  kClose,
};

struct AssessmentDecision {
  DecisionKind kind = DecisionKind::kClose;
  std::optional<CaseId> case_id;  // the target of merge_into_case
  std::string note;               // optional, at most 1000 characters
  bool operator==(const AssessmentDecision&) const = default;
};

struct Assessment {
  std::int64_t id = 0;
  AgendaItemId item_id = 0;
  MeetingId meeting_id = 0;
  std::optional<SignalId> signal_id;  // the item's subject
  std::optional<CaseId> case_id;      // the item's case, or the case opened/merged into
  Outcome outcome = Outcome::kMoreInformationNeeded;
  std::string reasoning;
  std::vector<AssessmentDecision> decisions;
  std::string actor;
  TimePoint at;
};

/// Checks the outcome, reasoning and decisions. InvalidArgument with every problem:
/// reasoning required (at most 4000 characters); a decision at most once (merge: once);
/// merge_into_case needs caseId (and caseId is only for merge); open_case and
/// merge_into_case exclude each other; close excludes open_case/merge and is not a
/// decision for the outcome suspicion_follow_up (a suspicion is followed up); a suspicion
/// needs at least one follow-up decision. Pointers: /outcome, /reasoning,
/// /decisions/N/kind, /decisions/N/caseId.
Status ValidateAssessment(const Assessment& a);

/// True for the referrals that put a signal in the police compartment's scope
/// (politie, arbeidsinspectie, RIEC).
bool RefersToPolice(DecisionKind k);
/// The decisions that RefersToPolice: refer to politie, the labour inspectorate, the RIEC.
const std::vector<DecisionKind>& PoliceReferrals();
/// True for care-side decisions (Veilig Thuis, CoMensha, care trajectory).
bool IsCareDecision(DecisionKind k);

std::string_view ToCode(Outcome v);
std::string_view ToCode(DecisionKind v);
template <>
std::optional<Outcome> FromCode<Outcome>(std::string_view code);
template <>
std::optional<DecisionKind> FromCode<DecisionKind>(std::string_view code);
const std::vector<DecisionKind>& AllDecisionKinds();

}  // namespace drieluik::domain
