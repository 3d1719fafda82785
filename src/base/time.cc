#include "base/time.h"

#include <cstdio>

namespace drieluik {
namespace {

using namespace std::chrono;

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

sys_days LastSunday(int y, unsigned m) {
  year_month_day_last last{year{y} / month{m} / std::chrono::last};
  sys_days d{last};
  weekday wd{d};
  return d - days{(wd.c_encoding() - Sunday.c_encoding() + 7) % 7};
}

}  // namespace

std::string FormatTimestamp(TimePoint t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<milliseconds> tod{t - day};
  char buf[40];
  long ms = static_cast<long>(tod.subseconds().count());
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(tod.hours().count()),
                  long(tod.minutes().count()), long(tod.seconds().count()), ms);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(tod.hours().count()),
                  long(tod.minutes().count()), long(tod.seconds().count()));
  }
  return buf;
}

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::optional<Date> ParseDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) || !Digits(s, 8, 2, d)) return std::nullopt;
  Date date{year{y}, month{unsigned(m)}, day{unsigned(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<TimePoint> ParseTimestamp(std::string_view s) {
  if (s.size() < 20) return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  int hh, mm, ss;
  if (!Digits(s, 11, 2, hh) || s[13] != ':' || !Digits(s, 14, 2, mm) || s[16] != ':' ||
      !Digits(s, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  size_t pos = 19;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    int scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  TimePoint t = time_point_cast<milliseconds>(sys_days{*date}) + hours{hh} + minutes{mm} +
                seconds{ss} + milliseconds{ms} - minutes{offset_min};
  return t;
}

minutes AmsterdamOffset(TimePoint t) {
  int y = int(year_month_day{floor<days>(t)}.year());
  auto start = LastSunday(y, 3) + hours{1};
  auto end = LastSunday(y, 10) + hours{1};
  return (t >= start && t < end) ? minutes{120} : minutes{60};
}

Date AmsterdamDate(TimePoint t) { return year_month_day{floor<days>(t + AmsterdamOffset(t))}; }

TimePoint AmsterdamTime(Date d, minutes time_of_day) {
  TimePoint local = time_point_cast<milliseconds>(sys_days{d}) + time_of_day;
  // Try the winter offset first, then summer; pick the reading that round-trips.
  TimePoint as_cet = local - minutes{60};
  TimePoint as_cest = local - minutes{120};
  if (AmsterdamOffset(as_cest) == minutes{120}) return as_cest;  // summer time (and the first of a repeated hour)
  if (AmsterdamOffset(as_cet) == minutes{60}) return as_cet;
  return as_cet;  // skipped hour in spring: the instant one hour later in local terms
}

int AgeOn(Date birth, Date on) {
  int age = int(on.year()) - int(birth.year());
  unsigned bm = unsigned(birth.month()), bd = unsigned(birth.day());
  unsigned om = unsigned(on.month()), od = unsigned(on.day());
  if (om < bm || (om == bm && od < bd)) --age;
  return age;
}

Date AddMonths(Date d, int n) {
  year_month ym = year_month{d.year(), d.month()} + months{n};
  unsigned last_day = unsigned(year_month_day_last{ym.year() / ym.month() / std::chrono::last}.day());
  unsigned dd = std::min(unsigned(d.day()), last_day);
  return Date{ym.year(), ym.month(), day{dd}};
}

Date AddDays(Date d, int n) { return year_month_day{sys_days{d} + days{n}}; }

}  // namespace drieluik
