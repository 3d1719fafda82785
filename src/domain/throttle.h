// AttemptThrottle: counts failed attempts per key (a reference code, an address) in a
// sliding window and blocks a key that failed too often, so secrets cannot be guessed.
// Memory is bounded: expired keys are dropped. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "base/clock.h"

namespace drieluik::domain {

class AttemptThrottle {
 public:
  /// Default: 5 failures within 15 minutes block the key for the rest of the window.
  AttemptThrottle(const Clock& clock, int max_failures = 5,
                  std::chrono::milliseconds window = std::chrono::minutes(15));

  /// How long the key is still blocked; zero when it is not.
  std::chrono::milliseconds BlockedFor(const std::string& key);
  void RecordFailure(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    TimePoint window_start;
  };
  void Prune(TimePoint now);

  const Clock& clock_;
  const int max_failures_;
  const std::chrono::milliseconds window_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace drieluik::domain
