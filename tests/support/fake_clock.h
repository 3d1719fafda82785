// A Clock for tests: starts at a given instant and moves only when told.
#pragma once

#include <atomic>

#include "base/clock.h"
#include "base/time.h"

namespace drieluik::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  /// Starts at the given RFC 3339 instant. Requires: a valid timestamp.
  explicit FakeClock(const char* rfc3339) : FakeClock(*ParseTimestamp(rfc3339)) {}

  TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(now_.load())); }
  void Set(TimePoint t) { now_ = t.time_since_epoch().count(); }
  void Advance(std::chrono::milliseconds d) { now_ += d.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace drieluik::testing
