#include "domain/drieluik/case.h"

#include "domain/role.h"

namespace drieluik::domain {

namespace {

using S = CaseStatus;

// The case lifecycle (REFERENCE.md §5.1: open → in_followup → monitoring → closed).
// Every transition not listed here is refused. A closed case is reopened to `open` first;
// a merged case is final (its signals live on in the target case).
const std::vector<CaseTransition> kCaseTransitions = {
    {S::kOpen, S::kInFollowup, "case.transition.start_followup"},
    {S::kOpen, S::kClosed, "case.transition.close"},
    {S::kOpen, S::kMerged, "case.transition.merge"},
    {S::kInFollowup, S::kMonitoring, "case.transition.start_monitoring"},
    {S::kInFollowup, S::kClosed, "case.transition.close"},
    {S::kInFollowup, S::kMerged, "case.transition.merge"},
    {S::kMonitoring, S::kInFollowup, "case.transition.resume_followup"},
    {S::kMonitoring, S::kClosed, "case.transition.close"},
    {S::kMonitoring, S::kMerged, "case.transition.merge"},
    {S::kClosed, S::kOpen, "case.transition.reopen"},
};

}  // namespace

const std::vector<CaseTransition>& CaseTransitions() { return kCaseTransitions; }

std::optional<CaseTransition> FindCaseTransition(CaseStatus from, CaseStatus to) {
  for (const auto& t : kCaseTransitions)
    if (t.from == from && t.to == to) return t;
  return std::nullopt;
}

Status CheckCaseTransition(CaseStatus from, CaseStatus to) {
  if (FindCaseTransition(from, to)) return Status::Ok();
  std::string allowed;
  for (const auto& t : kCaseTransitions)
    if (t.from == from) allowed += (allowed.empty() ? "" : ", ") + std::string(ToCode(t.to));
  if (allowed.empty()) allowed = "-";
  std::string key = "case.transition.not_allowed";
  if (from == to) key = "case.transition.same_status";
  else if (from == S::kMerged) key = "case.transition.final";
  else if (from == S::kClosed) key = "case.transition.reopen_first";
  return Status::InvalidArgument(
      "case transition " + std::string(ToCode(from)) + " -> " + std::string(ToCode(to)) + " not allowed",
      {{"/to", key, {{"from", std::string(ToCode(from))}, {"to", std::string(ToCode(to))}, {"allowed", allowed}}}});
}

Status ValidateCase(const Case& c) {
  std::vector<FieldError> errors;
  if (c.title.empty()) errors.push_back({"/title", "required", {}});
  if (c.title.size() > 200) errors.push_back({"/title", "too_long", {{"max", "200"}}});
  if (c.signals.empty()) errors.push_back({"/signals", "required", {}});
  if (c.participants.size() > 50) errors.push_back({"/participants", "too_many", {{"max", "50"}}});
  for (std::size_t i = 0; i < c.participants.size() && i < 50; ++i) {
    std::string at = "/participants/" + std::to_string(i);
    if (c.participants[i].organisation.empty()) errors.push_back({at + "/organisation", "required", {}});
    if (!RoleFromCode(c.participants[i].role))
      errors.push_back({at + "/role", "unknown_code", {{"value", c.participants[i].role}}});
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid case", std::move(errors));
  return Status::Ok();
}

const std::vector<CaseStatus>& AllCaseStatuses() {
  static const std::vector<CaseStatus> all = {S::kOpen, S::kInFollowup, S::kMonitoring, S::kClosed, S::kMerged};
  return all;
}

std::string_view ToCode(CaseStatus v) {
  switch (v) {
    case S::kOpen: return "open";
    case S::kInFollowup: return "in_followup";
    case S::kMonitoring: return "monitoring";
    case S::kClosed: return "closed";
    case S::kMerged: return "merged";
  }
  return "open";
}

template <>
std::optional<CaseStatus> FromCode<CaseStatus>(std::string_view code) {
  for (auto v : AllCaseStatuses())
    if (ToCode(v) == code) return v;
  return std::nullopt;
}

}  // namespace drieluik::domain
