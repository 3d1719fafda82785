#include "domain/drieluik/action.h"

#include <algorithm>

namespace drieluik::domain {

using std::chrono::sys_days;

DueState DueStateAt(const Action& a, TimePoint now, int soon_days) {
  if (a.status != ActionStatus::kOpen) return DueState::kClosed;
  // Whole Dutch calendar days, so the DST switch and month ends need no special case.
  long days_left = (sys_days(a.due) - sys_days(AmsterdamDate(now))).count();
  if (days_left < 0) return DueState::kOverdue;
  if (days_left == 0) return DueState::kDueToday;
  if (days_left <= soon_days) return DueState::kDueSoon;
  return DueState::kNotDue;
}

bool IsOverdue(const Action& a, TimePoint now) { return DueStateAt(a, now) == DueState::kOverdue; }

std::vector<ReminderSlot> ReminderSlots(const Action& a, const ReminderPlan& plan) {
  std::vector<ReminderSlot> out;
  for (int d : plan.days_before) {
    if (d < 0) continue;
    out.push_back({d == 0 ? std::string("due") : "before_" + std::to_string(d),
                   AmsterdamTime(AddDays(a.due, -d), plan.time_of_day)});
  }
  std::sort(out.begin(), out.end(), [](const ReminderSlot& x, const ReminderSlot& y) { return x.at < y.at; });
  return out;
}

Status ValidateAction(const Action& a) {
  std::vector<FieldError> errors;
  if (a.title.empty()) errors.push_back({"/title", "required", {}});
  if (a.title.size() > 300) errors.push_back({"/title", "too_long", {{"max", "300"}}});
  if (a.owner.empty()) errors.push_back({"/owner", "required", {}});
  if (a.owner.size() > 100) errors.push_back({"/owner", "too_long", {{"max", "100"}}});
  if (a.organisation.empty()) errors.push_back({"/organisation", "required", {}});
  if (a.organisation.size() > 100) errors.push_back({"/organisation", "too_long", {{"max", "100"}}});
  if (!a.due.ok()) errors.push_back({"/dueDate", "invalid_date", {}});
  if (!errors.empty()) return Status::InvalidArgument("invalid action", std::move(errors));
  return Status::Ok();
}

Date DueInMonths(TimePoint from, int months) { return AddMonths(AmsterdamDate(from), months); }
Date DueInDays(TimePoint from, int days) { return AddDays(AmsterdamDate(from), days); }

std::string_view ToCode(ActionStatus v) {
  switch (v) {
    case ActionStatus::kOpen: return "open";
    case ActionStatus::kDone: return "done";
    case ActionStatus::kCancelled: return "cancelled";
  }
  return "open";
}

std::string_view ToCode(DueState v) {
  switch (v) {
    case DueState::kNotDue: return "not_due";
    case DueState::kDueSoon: return "due_soon";
    case DueState::kDueToday: return "due_today";
    case DueState::kOverdue: return "overdue";
    case DueState::kClosed: return "closed";
  }
  return "not_due";
}

template <>
std::optional<ActionStatus> FromCode<ActionStatus>(std::string_view code) {
  for (auto v : {ActionStatus::kOpen, ActionStatus::kDone, ActionStatus::kCancelled})
    if (ToCode(v) == code) return v;
  return std::nullopt;
}

}  // namespace drieluik::domain
