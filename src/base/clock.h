// Clock: time is an input. Domain code (deadlines, reflection periods, due actions,
// throttling windows) reads the time only through a Clock&, so tests can use a fake
// (tests/support/fake_clock.h). SystemClock is the real one; thread-safe.
#pragma once

#include <chrono>

namespace drieluik {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  /// The current time, UTC, millisecond precision.
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace drieluik
