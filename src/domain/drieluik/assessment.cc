#include "domain/drieluik/assessment.h"

#include <algorithm>

#include <array>
#include <set>
#include <utility>

namespace drieluik::domain {

namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 3> kOutcomes{{
    {Outcome::kNoIndication, "no_indication"},
    {Outcome::kMoreInformationNeeded, "more_information_needed"},
    {Outcome::kSuspicionFollowUp, "suspicion_follow_up"},
}};

constexpr std::array<std::pair<DecisionKind, std::string_view>, 10> kKinds{{
    {DecisionKind::kReferPolitie, "refer_politie"},
    {DecisionKind::kReferArbeidsinspectie, "refer_arbeidsinspectie"},
    {DecisionKind::kReferVeiligThuis, "refer_veilig_thuis"},
    {DecisionKind::kReferComensha, "refer_comensha"},
    {DecisionKind::kReferRiec, "refer_riec"},
    {DecisionKind::kMunicipalMeasure, "municipal_measure"},
    {DecisionKind::kCareTrajectory, "care_trajectory"},
    {DecisionKind::kOpenCase, "open_case"},
    {DecisionKind::kMergeIntoCase, "merge_into_case"},
    {DecisionKind::kClose, "close"},
}};

}  // namespace

Status ValidateAssessment(const Assessment& a) {
  std::vector<FieldError> errors;
  if (a.reasoning.empty()) errors.push_back({"/reasoning", "required", {}});
  if (a.reasoning.size() > 4000) errors.push_back({"/reasoning", "too_long", {{"max", "4000"}}});
  std::set<DecisionKind> seen;
  bool follow_up = false;
  for (std::size_t i = 0; i < a.decisions.size(); ++i) {
    const auto& d = a.decisions[i];
    std::string at = "/decisions/" + std::to_string(i);
    if (!seen.insert(d.kind).second) errors.push_back({at + "/kind", "duplicate", {{"value", std::string(ToCode(d.kind))}}});
    if (d.kind == DecisionKind::kMergeIntoCase && !d.case_id) errors.push_back({at + "/caseId", "required", {}});
    if (d.kind != DecisionKind::kMergeIntoCase && d.case_id) errors.push_back({at + "/caseId", "assessment.case_only_for_merge", {}});
    if (d.note.size() > 1000) errors.push_back({at + "/note", "too_long", {{"max", "1000"}}});
    if (d.kind != DecisionKind::kClose) follow_up = true;
  }
  for (std::size_t i = 0; i < a.decisions.size(); ++i) {
    std::string at = "/decisions/" + std::to_string(i) + "/kind";
    DecisionKind k = a.decisions[i].kind;
    if (k == DecisionKind::kMergeIntoCase && seen.count(DecisionKind::kOpenCase))
      errors.push_back({at, "assessment.open_or_merge", {}});
    if (k == DecisionKind::kClose) {
      if (seen.count(DecisionKind::kOpenCase) || seen.count(DecisionKind::kMergeIntoCase))
        errors.push_back({at, "assessment.close_excludes_case", {}});
      if (a.outcome == Outcome::kSuspicionFollowUp) errors.push_back({at, "assessment.suspicion_not_closed", {}});
    }
  }
  if (a.outcome == Outcome::kSuspicionFollowUp && !follow_up)
    errors.push_back({"/decisions", "assessment.suspicion_needs_follow_up", {}});
  if (!errors.empty()) return Status::InvalidArgument("invalid assessment", std::move(errors));
  return Status::Ok();
}

const std::vector<DecisionKind>& PoliceReferrals() {
  static const std::vector<DecisionKind> kinds = {DecisionKind::kReferPolitie, DecisionKind::kReferArbeidsinspectie,
                                                  DecisionKind::kReferRiec};
  return kinds;
}

bool RefersToPolice(DecisionKind k) { return std::ranges::find(PoliceReferrals(), k) != PoliceReferrals().end(); }

bool IsCareDecision(DecisionKind k) {
  return k == DecisionKind::kReferVeiligThuis || k == DecisionKind::kReferComensha || k == DecisionKind::kCareTrajectory;
}

std::string_view ToCode(Outcome v) {
  for (const auto& [e, c] : kOutcomes)
    if (e == v) return c;
  return "";
}
std::string_view ToCode(DecisionKind v) {
  for (const auto& [e, c] : kKinds)
    if (e == v) return c;
  return "";
}
template <>
std::optional<Outcome> FromCode<Outcome>(std::string_view code) {
  for (const auto& [e, c] : kOutcomes)
    if (c == code) return e;
  return std::nullopt;
}
template <>
std::optional<DecisionKind> FromCode<DecisionKind>(std::string_view code) {
  for (const auto& [e, c] : kKinds)
    if (c == code) return e;
  return std::nullopt;
}
const std::vector<DecisionKind>& AllDecisionKinds() {
  static const std::vector<DecisionKind> all = [] {
    std::vector<DecisionKind> v;
    for (const auto& [e, c] : kKinds) v.push_back(e);
    return v;
  }();
  return all;
}

}  // namespace drieluik::domain
