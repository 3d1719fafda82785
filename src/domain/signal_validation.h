// Validation of a signal's content against the catalog and the clock: required fields,
// lengths, known codes, dates not in the future, the shapes of postcodes, KvK numbers,
// phone numbers and licence plates. Every problem is reported (not only the first), each
// with the JSON pointer of its field and a message key, so a form can show them all.
// Pure; thread-safe.
#pragma once

#include "base/status.h"
#include "domain/catalog.h"
#include "domain/signal.h"

namespace drieluik::domain {

/// Limits, in characters (Unicode code points).
struct SignalLimits {
  static constexpr int kSummary = 200;
  static constexpr int kDescription = 20000;
  static constexpr int kLocation = 500;
  static constexpr int kName = 200;
  static constexpr int kNote = 2000;
  static constexpr int kShort = 100;
  static constexpr int kMaxEntries = 50;  // per list: persons, addresses, ...
  static constexpr int kAddition = 10000;
};

/// Number of Unicode code points in valid UTF-8 text.
int CodePoints(std::string_view utf8);

/// OK, or InvalidArgument with one FieldError per problem.
/// Requires: content.received_at is set (the service fills the default before).
Status ValidateSignal(const SignalContent& content, const Catalog& catalog, TimePoint now);

}  // namespace drieluik::domain
