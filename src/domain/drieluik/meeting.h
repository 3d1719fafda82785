// Meeting: a Drieluik, TVO or other configured meeting where signals and cases are
// assessed and followed up (PRODUCT.md step 3; REFERENCE.md §4.5). A MeetingType says how
// often a type recurs; the schedule is computed in Dutch civil time on an injected clock
// (base/time.h), so "every other Tuesday at 10:00" stays 10:00 across the switch to and
// from daylight saving time. Participants are listed per organisation with their
// attendance.
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
#include "domain/signal.h"

namespace drieluik::domain {

using MeetingId = std::int64_t;

/// A kind of meeting. Drieluik and TVO are built in; a region may configure others.
struct MeetingType {
  std::string code;      // "drieluik", "tvo", ...: lower case letters, digits, '_'
  std::string label_nl;
  std::string label_en;
  int interval_days = 0;  // recurrence; 0 = not recurring (planned one by one)
  std::chrono::minutes start_time{10 * 60};  // Dutch civil time of day
  std::vector<std::string> default_roles;    // role codes invited by default
};

/// The configured meeting types. Not thread-safe while being changed; read-only after setup.
class MeetingTypes {
 public:
  /// Drieluik (every 14 days, 10:00; ketenregisseur, zorgcoordinator, politie —
  /// REFERENCE.md §4.5) and TVO (every 28 days [interval unconfirmed], 14:00; handhaving,
  /// politie).
  static MeetingTypes Defaults();
  /// Adds a type. InvalidArgument for a malformed or duplicate code, an empty label or a
  /// negative interval.
  Status Add(MeetingType type);
  /// nullptr when unknown.
  const MeetingType* Find(std::string_view code) const;
  const std::vector<MeetingType>& all() const { return types_; }

 private:
  std::vector<MeetingType> types_;
};

enum class MeetingStatus { kPlanned, kHeld, kCancelled };

/// One invited participant. `organisation` is a catalog organisation id, `role` a role code.
struct Participant {
  std::string organisation;
  std::string role;
  std::string name;               // display name, may be empty
  std::optional<bool> attended;   // unknown until the meeting is held

  bool operator==(const Participant&) const = default;
};

struct Meeting {
  MeetingId id = 0;
  std::string type;                  // MeetingType code
  std::string title;
  TimePoint scheduled_at;
  MeetingStatus status = MeetingStatus::kPlanned;
  std::vector<Participant> participants;
  std::int64_t version = 1;          // optimistic concurrency
  TimePoint created_at;
  TimePoint updated_at;
};

/// The next `count` meetings of a recurring type strictly after `after`: the days
/// anchor, anchor ± k·interval_days, each at type.start_time in Dutch civil time.
/// Empty when the type does not recur or count <= 0.
std::vector<TimePoint> ScheduleMeetings(const MeetingType& type, Date anchor, TimePoint after, int count);

/// Checks a meeting before it is stored: a known type, title at most 200 characters,
/// participants with organisation and role (role a known code), at most 50.
/// InvalidArgument with every bad field (pointers /type, /title, /participants/N/role ...).
Status ValidateMeeting(const Meeting& m, const MeetingTypes& types);

std::string_view ToCode(MeetingStatus v);
template <>
std::optional<MeetingStatus> FromCode<MeetingStatus>(std::string_view code);

}  // namespace drieluik::domain
