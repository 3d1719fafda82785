#include "domain/drieluik/meeting.h"

#include <algorithm>

#include "domain/role.h"

namespace drieluik::domain {

namespace {

bool ValidCode(std::string_view c) {
  if (c.empty() || c.size() > 40) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
}

}  // namespace

MeetingTypes MeetingTypes::Defaults() {
  MeetingTypes t;
  (void)t.Add({"drieluik", "Drieluik", "Drieluik (regional case meeting)", 14, std::chrono::minutes(10 * 60),
               {"ketenregisseur", "zorgcoordinator", "politie"}});
  (void)t.Add({"tvo", "Tactisch Veiligheidsoverleg", "Tactical safety meeting (TVO)", 28, std::chrono::minutes(14 * 60),
               {"handhaving", "politie"}});
  return t;
}

Status MeetingTypes::Add(MeetingType type) {
  std::vector<FieldError> errors;
  if (!ValidCode(type.code)) errors.push_back({"/code", "invalid_code", {}});
  else if (Find(type.code)) errors.push_back({"/code", "duplicate", {{"value", type.code}}});
  if (type.label_nl.empty()) errors.push_back({"/labelNl", "required", {}});
  if (type.label_en.empty()) errors.push_back({"/labelEn", "required", {}});
  if (type.interval_days < 0 || type.interval_days > 366)
    errors.push_back({"/intervalDays", "out_of_range", {{"min", "0"}, {"max", "366"}}});
  if (type.start_time < std::chrono::minutes(0) || type.start_time >= std::chrono::minutes(24 * 60))
    errors.push_back({"/startTime", "out_of_range", {{"min", "00:00"}, {"max", "23:59"}}});
  for (std::size_t i = 0; i < type.default_roles.size(); ++i)
    if (!RoleFromCode(type.default_roles[i]))
      errors.push_back({"/defaultRoles/" + std::to_string(i), "unknown_code", {{"value", type.default_roles[i]}}});
  if (!errors.empty()) return Status::InvalidArgument("invalid meeting type", std::move(errors));
  types_.push_back(std::move(type));
  return Status::Ok();
}

const MeetingType* MeetingTypes::Find(std::string_view code) const {
  for (const auto& t : types_)
    if (t.code == code) return &t;
  return nullptr;
}

std::vector<TimePoint> ScheduleMeetings(const MeetingType& type, Date anchor, TimePoint after, int count) {
  std::vector<TimePoint> out;
  if (type.interval_days <= 0 || count <= 0) return out;
  // Start from the occurrence on or before the Dutch date of `after`, then walk forward:
  // whole days in the calendar, the instant from Dutch civil time each time.
  using std::chrono::sys_days;
  long diff = (sys_days(AmsterdamDate(after)) - sys_days(anchor)).count();
  long k = diff >= 0 ? diff / type.interval_days : -((-diff + type.interval_days - 1) / type.interval_days);
  for (long step = k - 1; static_cast<int>(out.size()) < count; ++step) {
    Date d = AddDays(anchor, static_cast<int>(step * type.interval_days));
    TimePoint t = AmsterdamTime(d, type.start_time);
    if (t > after) out.push_back(t);
  }
  return out;
}

Status ValidateMeeting(const Meeting& m, const MeetingTypes& types) {
  std::vector<FieldError> errors;
  if (m.type.empty()) errors.push_back({"/type", "required", {}});
  else if (!types.Find(m.type)) errors.push_back({"/type", "unknown_code", {{"value", m.type}}});
  if (m.title.size() > 200) errors.push_back({"/title", "too_long", {{"max", "200"}}});
  if (m.participants.size() > 50) errors.push_back({"/participants", "too_many", {{"max", "50"}}});
  for (std::size_t i = 0; i < m.participants.size() && i < 50; ++i) {
    const auto& p = m.participants[i];
    std::string at = "/participants/" + std::to_string(i);
    if (p.organisation.empty()) errors.push_back({at + "/organisation", "required", {}});
    if (p.organisation.size() > 100) errors.push_back({at + "/organisation", "too_long", {{"max", "100"}}});
    if (p.role.empty()) errors.push_back({at + "/role", "required", {}});
    else if (!RoleFromCode(p.role)) errors.push_back({at + "/role", "unknown_code", {{"value", p.role}}});
    if (p.name.size() > 200) errors.push_back({at + "/name", "too_long", {{"max", "200"}}});
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid meeting", std::move(errors));
  return Status::Ok();
}

std::string_view ToCode(MeetingStatus v) {
  switch (v) {
    case MeetingStatus::kPlanned: return "planned";
    case MeetingStatus::kHeld: return "held";
    case MeetingStatus::kCancelled: return "cancelled";
  }
  return "planned";
}

template <>
std::optional<MeetingStatus> FromCode<MeetingStatus>(std::string_view code) {
  for (auto v : {MeetingStatus::kPlanned, MeetingStatus::kHeld, MeetingStatus::kCancelled})
    if (ToCode(v) == code) return v;
  return std::nullopt;
}

}  // namespace drieluik::domain
