#include "domain/throttle.h"

namespace drieluik::domain {

AttemptThrottle::AttemptThrottle(const Clock& clock, int max_failures, std::chrono::milliseconds window)
    : clock_(clock), max_failures_(max_failures), window_(window) {}

std::chrono::milliseconds AttemptThrottle::BlockedFor(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::chrono::milliseconds(0);
  TimePoint now = clock_.Now();
  auto end = it->second.window_start + window_;
  if (now >= end) {
    entries_.erase(it);
    return std::chrono::milliseconds(0);
  }
  if (it->second.failures < max_failures_) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(end - now);
}

void AttemptThrottle::RecordFailure(const std::string& key) {
  std::lock_guard lock(mu_);
  TimePoint now = clock_.Now();
  if (entries_.size() > 100000) Prune(now);
  auto& e = entries_[key];
  if (e.failures == 0 || now >= e.window_start + window_) {
    e.failures = 0;
    e.window_start = now;
  }
  ++e.failures;
}

void AttemptThrottle::Prune(TimePoint now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (now >= it->second.window_start + window_) it = entries_.erase(it);
    else ++it;
  }
}

}  // namespace drieluik::domain
