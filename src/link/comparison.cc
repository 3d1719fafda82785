#include "link/comparison.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "link/similarity.h"

namespace drieluik::link {
namespace {

struct KindInfo {
  ComparisonKind kind;
  const char* name;
};
constexpr KindInfo kKinds[] = {
    {ComparisonKind::kExact, "exact"},       {ComparisonKind::kName, "name"},
    {ComparisonKind::kString, "string"},     {ComparisonKind::kDate, "date"},
    {ComparisonKind::kNumeric, "numeric"},   {ComparisonKind::kPostcode, "postcode"},
    {ComparisonKind::kEmail, "email"},       {ComparisonKind::kPhone, "phone"},
    {ComparisonKind::kIdentifier, "identifier"},
};

std::vector<double> Thresholds(const ComparisonSpec& spec) {
  if (!spec.thresholds.empty()) return spec.thresholds;
  if (spec.kind == ComparisonKind::kName) return {0.92, 0.88, 0.70};
  if (spec.kind == ComparisonKind::kString) return {0.92, 0.80};
  return {};
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "Pseudo-days": months of 31 days and years of 372, so invalid dates such as day 00 or
// 31 February (FEBRL has them) still have a distance.
long PseudoDays(std::string_view ymd) {
  int y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
  int m = (ymd[4] - '0') * 10 + (ymd[5] - '0');
  int d = (ymd[6] - '0') * 10 + (ymd[7] - '0');
  return static_cast<long>(y) * 372 + m * 31 + d;
}

bool ParseNumber(std::string_view s, double& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e;
}

}  // namespace

const char* ComparisonKindName(ComparisonKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "string";
}

Result<ComparisonKind> ParseComparisonKind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  return Status::InvalidArgument("unknown comparison \"" + std::string(name) + "\"",
                                 {FieldError{"comparison", "enum", {{"value", std::string(name)}}}});
}

int LevelCount(const ComparisonSpec& spec) {
  return (spec.swap_column.empty() ? 0 : 1) + [&] {
  switch (spec.kind) {
    case ComparisonKind::kExact: return 2;
    case ComparisonKind::kName:
    case ComparisonKind::kString: return static_cast<int>(Thresholds(spec).size()) + 2;
    case ComparisonKind::kDate: return 7;
    case ComparisonKind::kNumeric: return 4;
    case ComparisonKind::kPostcode: return 4;
    case ComparisonKind::kEmail: return 4;
    case ComparisonKind::kPhone: return 4;
    case ComparisonKind::kIdentifier: return 3;
  }
  return 2;
  }();
}

std::string LevelLabel(const ComparisonSpec& spec, std::uint8_t level) {
  if (level == kMissingLevel) return "missing";
  if (level == 0) return "exact";
  if (level + 1 == LevelCount(spec)) return "else";
  if (!spec.swap_column.empty()) {
    if (level == 1) return "swapped-with-" + spec.swap_column;
    ComparisonSpec plain = spec;
    plain.swap_column.clear();
    return LevelLabel(plain, static_cast<std::uint8_t>(level - 1));
  }
  switch (spec.kind) {
    case ComparisonKind::kName:
    case ComparisonKind::kString: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "jw>=%.2f", Thresholds(spec)[level - 1]);
      return buf;
    }
    case ComparisonKind::kDate: {
      static const char* kLabels[] = {"", "typo", "day-month-swap", "within-31-days",
                                      "within-365-days", "two-typos"};
      return kLabels[level];
    }
    case ComparisonKind::kNumeric: return level == 1 ? "diff<=1" : "diff<=10%";
    case ComparisonKind::kPostcode: return level == 1 ? "typo" : "same-first-half";
    case ComparisonKind::kEmail: return level == 1 ? "same-user" : "jw>=0.88";
    case ComparisonKind::kPhone: return level == 1 ? "same-last-7" : "typo";
    case ComparisonKind::kIdentifier: return "typo";
    case ComparisonKind::kExact: break;
  }
  return "level" + std::to_string(level);
}

std::string NormaliseValue(ComparisonKind kind, std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (kind == ComparisonKind::kPhone) {
    std::string digits;
    for (char c : out) {
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    return digits;
  }
  if (kind == ComparisonKind::kDate) {
    std::string digits;
    for (char c : out) {
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    if (digits.size() != 8) return out;
    // DD-MM-YYYY or DD/MM/YYYY: year last.
    bool year_last = out.size() == 10 && !std::isdigit(static_cast<unsigned char>(out[2])) &&
                     !std::isdigit(static_cast<unsigned char>(out[5]));
    if (year_last) return digits.substr(4, 4) + digits.substr(2, 2) + digits.substr(0, 2);
    return digits;
  }
  return out;
}

std::uint8_t CompareValues(const ComparisonSpec& spec, std::string_view a, std::string_view b,
                           std::string_view a_swap, std::string_view b_swap) {
  if (a.empty() || b.empty()) return kMissingLevel;
  if (a == b) return 0;
  if (!spec.swap_column.empty()) {
    if (a == b_swap || b == a_swap) return 1;
    ComparisonSpec plain = spec;
    plain.swap_column.clear();
    return static_cast<std::uint8_t>(CompareValues(plain, a, b) + 1);
  }
  const std::uint8_t last = static_cast<std::uint8_t>(LevelCount(spec) - 1);
  switch (spec.kind) {
    case ComparisonKind::kExact: return 1;
    case ComparisonKind::kName:
    case ComparisonKind::kString: {
      double jw = JaroWinkler(a, b);
      auto t = Thresholds(spec);
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (jw >= t[i]) return static_cast<std::uint8_t>(i + 1);
      }
      return last;
    }
    case ComparisonKind::kDate: {
      if (DamerauLevenshtein(a, b) <= 1) return 1;
      if (a.size() == 8 && b.size() == 8 && AllDigits(a) && AllDigits(b)) {
        if (a.substr(0, 4) == b.substr(0, 4) && a.substr(4, 2) == b.substr(6, 2) &&
            a.substr(6, 2) == b.substr(4, 2)) {
          return 2;
        }
        long d = std::labs(PseudoDays(a) - PseudoDays(b));
        if (d <= 31) return 3;
        if (d <= 372) return 4;
      }
      if (DamerauLevenshtein(a, b) <= 2) return 5;
      return last;
    }
    case ComparisonKind::kNumeric: {
      double x, y;
      if (ParseNumber(a, x) && ParseNumber(b, y)) {
        if (x == y) return 0;
        double diff = std::fabs(x - y);
        if (diff <= 1) return 1;
        if (diff <= 0.1 * std::max(std::fabs(x), std::fabs(y))) return 2;
      }
      return last;
    }
    case ComparisonKind::kPostcode: {
      if (DamerauLevenshtein(a, b) <= 1) return 1;
      std::size_t half = (std::max(a.size(), b.size()) + 1) / 2;
      if (a.size() >= half && b.size() >= half && a.substr(0, half) == b.substr(0, half)) return 2;
      return last;
    }
    case ComparisonKind::kEmail: {
      auto user = [](std::string_view s) { return s.substr(0, s.find('@')); };
      if (user(a) == user(b)) return 1;
      if (JaroWinkler(a, b) >= 0.88) return 2;
      return last;
    }
    case ComparisonKind::kPhone: {
      if (a.size() >= 7 && b.size() >= 7 && a.substr(a.size() - 7) == b.substr(b.size() - 7)) {
        return 1;
      }
      if (DamerauLevenshtein(a, b) <= 1) return 2;
      return last;
    }
    case ComparisonKind::kIdentifier: return DamerauLevenshtein(a, b) <= 1 ? 1 : last;
  }
  return last;
}

}  // namespace drieluik::link
