#include "domain/triage.h"

#include <algorithm>
#include <array>
#include <functional>
#include <span>

namespace drieluik::domain {
namespace {

bool Has(const std::vector<VulnerableGroup>& v, VulnerableGroup g) {
  return std::find(v.begin(), v.end(), g) != v.end();
}
bool HasForm(const SignalContent& s, std::string_view f) {
  return std::find(s.forms.begin(), s.forms.end(), f) != s.forms.end();
}
bool HasIndicator(const SignalContent& s, std::span<const std::string_view> codes) {
  for (const auto& i : s.indicators)
    for (auto c : codes)
      if (i.code == c) return true;
  return false;
}
bool HasRole(const SignalContent& s, PersonRole r) {
  return std::any_of(s.persons.begin(), s.persons.end(), [r](const Person& p) { return p.role == r; });
}
int CountRole(const SignalContent& s, PersonRole r) {
  return static_cast<int>(std::count_if(s.persons.begin(), s.persons.end(),
                                        [r](const Person& p) { return p.role == r; }));
}
bool IndicatesElement(const SignalContent& s, const Catalog& c, Element e) {
  for (const auto& i : s.indicators)
    if (const Indicator* ind = c.FindIndicator(i.code))
      if (std::find(ind->elements.begin(), ind->elements.end(), e) != ind->elements.end()) return true;
  return false;
}

// Indicators of physical violence or threats against the person or family.
constexpr std::array<std::string_view, 5> kViolence = {"ILO05", "ILO06", "NL-4-01", "ARB-06", "SEKS-U-03"};
constexpr std::array<std::string_view, 3> kDocuments = {"ILO07", "NL-2-02", "ARB-04"};

struct Context {
  const SignalContent& s;
  const Catalog& catalog;
  Date today;
  bool minor;
};

// Urgency rules: each adds points when it holds. Acute danger overrides everything.
struct UrgencyRule {
  const char* key;
  int points;
  std::function<bool(const Context&)> holds;
};

const std::vector<UrgencyRule>& Rules() {
  static const std::vector<UrgencyRule> rules = {
      {"triage.urgency.minor", 45, [](const Context& c) { return c.minor; }},
      {"triage.urgency.violence", 25, [](const Context& c) { return HasIndicator(c.s, kViolence); }},
      {"triage.urgency.amv", 10, [](const Context& c) { return Has(c.s.vulnerable_groups, VulnerableGroup::kAmv); }},
      {"triage.urgency.lvb", 15, [](const Context& c) { return Has(c.s.vulnerable_groups, VulnerableGroup::kLvb); }},
      {"triage.urgency.documents", 10, [](const Context& c) { return HasIndicator(c.s, kDocuments); }},
      {"triage.urgency.organ", 30, [](const Context& c) { return HasForm(c.s, "ORGAAN"); }},
  };
  return rules;
}

Reason R(std::string key, std::vector<std::pair<std::string, std::string>> params = {}) {
  return Reason{std::move(key), std::move(params)};
}

std::string IndicatorCodes(const SignalContent& s, const Catalog& c, Element e) {
  std::string out;
  for (const auto& i : s.indicators) {
    const Indicator* ind = c.FindIndicator(i.code);
    if (!ind || std::find(ind->elements.begin(), ind->elements.end(), e) == ind->elements.end()) continue;
    if (!out.empty()) out += ", ";
    out += i.code;
  }
  return out;
}

}  // namespace

std::string_view ToCode(UrgencyLevel v) {
  switch (v) {
    case UrgencyLevel::kLow: return "low";
    case UrgencyLevel::kNormal: return "normal";
    case UrgencyLevel::kHigh: return "high";
    case UrgencyLevel::kAcute: return "acute";
  }
  return "";
}
std::string_view ToCode(ElementStatus v) {
  switch (v) {
    case ElementStatus::kNotIndicated: return "not_indicated";
    case ElementStatus::kIndicated: return "indicated";
    case ElementStatus::kNotApplicable: return "not_applicable";
  }
  return "";
}
std::string_view ToCode(Route v) {
  switch (v) {
    case Route::kZorgcoordinator: return "zorgcoordinator";
    case Route::kPolice: return "police";
    case Route::kLabourInspectorate: return "labour_inspectorate";
    case Route::kVeiligThuis: return "veilig_thuis";
    case Route::kNidos: return "nidos";
    case Route::kComensha: return "comensha";
    case Route::kRiec: return "riec";
  }
  return "";
}

bool InvolvesMinor(const SignalContent& s, Date today) {
  if (Has(s.vulnerable_groups, VulnerableGroup::kMinor) || Has(s.vulnerable_groups, VulnerableGroup::kAmv) ||
      Has(s.vulnerable_groups, VulnerableGroup::kRunawayMinor))
    return true;
  for (const auto& p : s.persons) {
    if (p.role != PersonRole::kPossibleVictim) continue;
    if (p.date_of_birth) {
      if (AgeOn(*p.date_of_birth, today) < 18) return true;
    } else if (p.estimated_age && *p.estimated_age < 18) {
      return true;
    }
  }
  return false;
}

Urgency AssessUrgency(const SignalContent& s, const Catalog& catalog, Date today) {
  Context ctx{s, catalog, today, InvolvesMinor(s, today)};
  Urgency u;
  if (s.acute_danger) {
    u.level = UrgencyLevel::kAcute;
    u.score = 100;
    u.reasons.push_back(R("triage.urgency.acute_danger"));
  }
  int score = 10;
  for (const auto& rule : Rules()) {
    if (rule.holds(ctx)) {
      score += rule.points;
      if (!s.acute_danger) u.reasons.push_back(R(rule.key));
    }
  }
  // More independent indicators make a signal more concrete: 4 points each, at most 20.
  int n = static_cast<int>(s.indicators.size());
  if (n > 0) {
    score += std::min(20, 4 * n);
    if (!s.acute_danger) u.reasons.push_back(R("triage.urgency.indicators", {{"count", std::to_string(n)}}));
  }
  if (s.acute_danger) return u;
  u.score = std::min(score, 89);  // only acute danger reaches the acute band
  u.level = u.score >= 55 ? UrgencyLevel::kHigh : u.score >= 20 ? UrgencyLevel::kNormal : UrgencyLevel::kLow;
  if (ctx.minor && u.level < UrgencyLevel::kHigh) u.level = UrgencyLevel::kHigh;  // minors first
  if (u.reasons.empty()) u.reasons.push_back(R("triage.urgency.little_information"));
  return u;
}

void AssessElements(const SignalContent& s, const Catalog& catalog, Date today, ElementFinding& act,
                    ElementFinding& means, ElementFinding& purpose) {
  act = means = purpose = ElementFinding{};
  if (IndicatesElement(s, catalog, Element::kAct)) {
    act.status = ElementStatus::kIndicated;
    act.reasons.push_back(R("triage.element.by_indicators", {{"codes", IndicatorCodes(s, catalog, Element::kAct)}}));
  } else {
    act.reasons.push_back(R("triage.element.act_missing"));
  }

  if (InvolvesMinor(s, today)) {
    means.status = ElementStatus::kNotApplicable;
    means.reasons.push_back(R("triage.element.means_minor"));
  } else if (IndicatesElement(s, catalog, Element::kMeans)) {
    means.status = ElementStatus::kIndicated;
    means.reasons.push_back(R("triage.element.by_indicators", {{"codes", IndicatorCodes(s, catalog, Element::kMeans)}}));
  } else {
    means.reasons.push_back(R("triage.element.means_missing"));
  }

  if (IndicatesElement(s, catalog, Element::kPurpose)) {
    purpose.status = ElementStatus::kIndicated;
    purpose.reasons.push_back(R("triage.element.by_indicators", {{"codes", IndicatorCodes(s, catalog, Element::kPurpose)}}));
  }
  std::string forms;
  for (const auto& f : s.forms) {
    if (f == "ONBEKEND") continue;
    if (!forms.empty()) forms += ", ";
    forms += f;
  }
  if (!forms.empty()) {
    purpose.status = ElementStatus::kIndicated;
    purpose.reasons.push_back(R("triage.element.purpose_form", {{"forms", forms}}));
  }
  if (purpose.status == ElementStatus::kNotIndicated) purpose.reasons.push_back(R("triage.element.purpose_missing"));
}

std::vector<ProposedRoute> ProposeRoutes(const SignalContent& s, const Catalog& catalog, Date today) {
  std::vector<ProposedRoute> out;
  bool minor = InvolvesMinor(s, today);
  out.push_back({Route::kZorgcoordinator, HasRole(s, PersonRole::kPossibleVictim)
                                              ? R("triage.route.zorgcoordinator_victim")
                                              : R("triage.route.zorgcoordinator_intake")});
  if (s.acute_danger) {
    out.push_back({Route::kPolice, R("triage.route.police_acute")});
  } else if (HasRole(s, PersonRole::kPossiblePerpetrator)) {
    out.push_back({Route::kPolice, R("triage.route.police_perpetrator")});
  } else if (HasIndicator(s, kViolence)) {
    out.push_back({Route::kPolice, R("triage.route.police_violence")});
  } else if (HasForm(s, "SEKS") || HasForm(s, "CRIMINEEL") || HasForm(s, "ORGAAN")) {
    out.push_back({Route::kPolice, R("triage.route.police_form")});
  }
  bool labour_indicator = std::any_of(s.indicators.begin(), s.indicators.end(), [&](const IndicatorRef& i) {
    const Indicator* ind = catalog.FindIndicator(i.code);
    return ind && ind->forms.size() == 1 && ind->forms[0] == "ARBEID";
  });
  if (HasForm(s, "ARBEID") || labour_indicator) {
    out.push_back({Route::kLabourInspectorate, HasForm(s, "ARBEID") ? R("triage.route.nla_form")
                                                                    : R("triage.route.nla_indicators")});
  }
  if (minor) out.push_back({Route::kVeiligThuis, R("triage.route.veilig_thuis_minor")});
  if (Has(s.vulnerable_groups, VulnerableGroup::kAmv)) out.push_back({Route::kNidos, R("triage.route.nidos_amv")});
  if (HasRole(s, PersonRole::kPossibleVictim))
    out.push_back({Route::kComensha, R("triage.route.comensha_registration")});
  if (!s.businesses.empty() || CountRole(s, PersonRole::kPossiblePerpetrator) >= 2)
    out.push_back({Route::kRiec, !s.businesses.empty() ? R("triage.route.riec_business")
                                                       : R("triage.route.riec_network")});
  return out;
}

Triage ComputeTriage(const SignalContent& s, const Catalog& catalog, Date today) {
  Triage t;
  t.urgency = AssessUrgency(s, catalog, today);
  AssessElements(s, catalog, today, t.act, t.means, t.purpose);
  t.routes = ProposeRoutes(s, catalog, today);
  return t;
}

}  // namespace drieluik::domain
