// Calendar and time-of-day helpers shared by every layer: ISO 8601 parsing and
// formatting, calendar dates, and the Europe/Amsterdam offset (CET/CEST, EU rules) that
// deadlines and displayed times use. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace drieluik {

using Date = std::chrono::year_month_day;

/// "2026-11-28T09:15:00Z" (UTC, seconds; milliseconds only when non-zero).
std::string FormatTimestamp(TimePoint t);
/// "2026-11-28".
std::string FormatDate(Date d);

/// Parses an RFC 3339 date-time with "Z" or a "+hh:mm"/"-hh:mm" offset, optional fraction.
/// nullopt on anything else (including impossible dates such as 2026-02-30).
std::optional<TimePoint> ParseTimestamp(std::string_view s);
/// Parses "YYYY-MM-DD"; nullopt for malformed or impossible dates.
std::optional<Date> ParseDate(std::string_view s);

/// Offset of Dutch civil time from UTC at instant t: +1h (CET) or +2h (CEST, from
/// 01:00 UTC on the last Sunday of March until 01:00 UTC on the last Sunday of October).
std::chrono::minutes AmsterdamOffset(TimePoint t);
/// The calendar date in the Netherlands at instant t.
Date AmsterdamDate(TimePoint t);
/// The instant at which the given Dutch civil date and time of day begins (for times in
/// the skipped hour of the spring change, the instant one hour later; for the repeated
/// autumn hour, the first occurrence).
TimePoint AmsterdamTime(Date d, std::chrono::minutes time_of_day);

/// Whole years of age on a date. Someone born on 29 February turns a year older on
/// 1 March in non-leap years. Requires: birth <= on.
int AgeOn(Date birth, Date on);

/// d plus n calendar months, clamped to the end of the month (31 Jan + 1 month = 28/29 Feb).
Date AddMonths(Date d, int n);
/// d plus n days (negative allowed).
Date AddDays(Date d, int n);

}  // namespace drieluik
