// Action: a task the meeting gives someone — owner, organisation, due date, status — so
// that nothing agreed is forgotten (PRODUCT.md step 3; issue 5 item 5). A due date is a
// day in the Netherlands: an action is overdue from the first instant of the day after
// its due date, Dutch civil time, read from the injected clock. Reminders fall before and
// on the due date at a fixed Dutch time of day (ReminderPlan); the reminder service
// (drieluik_service.h) records each once, in-app, and mails it when a mail sender is
// configured.
//
// Plain data and pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"
#include "domain/drieluik/case.h"
#include "domain/drieluik/meeting.h"
#include "domain/signal.h"

namespace drieluik::domain {

using ActionId = std::int64_t;

enum class ActionStatus { kOpen, kDone, kCancelled };

struct Action {
  ActionId id = 0;
  std::optional<CaseId> case_id;
  std::optional<MeetingId> meeting_id;  // where it was agreed
  std::string title;
  std::string owner;          // user name of the person responsible
  std::string organisation;   // catalog organisation id
  Date due{};
  ActionStatus status = ActionStatus::kOpen;
  std::int64_t version = 1;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> completed_at;
};

/// Where an open action stands on a given instant.
enum class DueState { kNotDue, kDueSoon, kDueToday, kOverdue, kClosed };

/// kClosed for done/cancelled; kOverdue when the Dutch date of `now` is after the due
/// date; kDueToday on the due date; kDueSoon within `soon_days` days before; else kNotDue.
DueState DueStateAt(const Action& a, TimePoint now, int soon_days = 3);
/// True when open and past its due date in the Netherlands.
bool IsOverdue(const Action& a, TimePoint now);

/// When reminders fall. Default: 3 days before and on the due date, at 08:00 Dutch time.
struct ReminderPlan {
  std::vector<int> days_before = {3, 0};
  std::chrono::minutes time_of_day{8 * 60};
};

struct ReminderSlot {
  std::string kind;  // "before_3", "due" (days_before == 0)
  TimePoint at;
};

/// Every reminder instant of the action under the plan, in time order.
std::vector<ReminderSlot> ReminderSlots(const Action& a, const ReminderPlan& plan);

/// InvalidArgument: title required (at most 300), owner required (at most 100),
/// organisation required, status known. `due` must be a valid date.
Status ValidateAction(const Action& a);

/// A due date `months` calendar months after `from`'s Dutch date (clamped to the month end:
/// 31 January + 1 = 28 or 29 February).
Date DueInMonths(TimePoint from, int months);
/// A due date `days` days after `from`'s Dutch date.
Date DueInDays(TimePoint from, int days);

std::string_view ToCode(ActionStatus v);
std::string_view ToCode(DueState v);
template <>
std::optional<ActionStatus> FromCode<ActionStatus>(std::string_view code);

/// An e-mail for the outside world. Reminders carry no personal data: the action number,
/// its due date and a link, never the title.
struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8
};

/// Sends mail (the SMTP relay of issue 5; off by default). Implemented outside the
/// domain; tests use a recording fake. Implementations are thread-safe.
class MailSender {
 public:
  virtual ~MailSender() = default;
  /// Unavailable when the relay cannot be reached or refuses the message.
  virtual Status Send(const MailMessage& m) = 0;
};

}  // namespace drieluik::domain
