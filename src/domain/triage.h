// Triage of a signal (PRODUCT.md step 2): how urgent it is, which elements of the legal
// definition of trafficking it shows (art. 273f Sr, REFERENCE.md §3), and which routes
// the system proposes, each with its reasons. A person decides; the system explains.
//
// Pure functions of the signal, the catalog and today's date (for ages); no I/O.
// Reasons are message keys with parameters; the edge renders them in Dutch and English.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "domain/catalog.h"
#include "domain/signal.h"

namespace drieluik::domain {

struct Reason {
  std::string key;  // e.g. "triage.urgency.minor"
  std::vector<std::pair<std::string, std::string>> params;

  bool operator==(const Reason&) const = default;
};

enum class UrgencyLevel { kLow, kNormal, kHigh, kAcute };
enum class ElementStatus { kNotIndicated, kIndicated, kNotApplicable };
enum class Route { kZorgcoordinator, kPolice, kLabourInspectorate, kVeiligThuis, kNidos, kComensha, kRiec };

struct Urgency {
  UrgencyLevel level = UrgencyLevel::kLow;
  int score = 0;  // 0..100
  std::vector<Reason> reasons;
};

struct ElementFinding {
  ElementStatus status = ElementStatus::kNotIndicated;
  std::vector<Reason> reasons;
};

struct ProposedRoute {
  Route route;
  Reason reason;
};

struct Triage {
  Urgency urgency;
  ElementFinding act;
  ElementFinding means;
  ElementFinding purpose;
  std::vector<ProposedRoute> routes;  // in order of the Route enum, each at most once
};

std::string_view ToCode(UrgencyLevel v);
std::string_view ToCode(ElementStatus v);
std::string_view ToCode(Route v);

/// True when any possible victim is under 18 on `today` (date of birth, else estimated
/// age), or the minor, AMV or runaway-minor flag is set.
bool InvolvesMinor(const SignalContent& s, Date today);

/// Urgency: acute danger first, then minors; points per rule (see triage.cc kRules).
Urgency AssessUrgency(const SignalContent& s, const Catalog& catalog, Date today);

/// The three elements. For a minor the means element is not applicable, for every form
/// (REFERENCE.md §3: HR 20 May 2014; ECLI:NL:HR:2019:40).
void AssessElements(const SignalContent& s, const Catalog& catalog, Date today, ElementFinding& act,
                    ElementFinding& means, ElementFinding& purpose);

/// Proposed routes (PRODUCT.md step 2). The zorgcoördinator is always proposed: every
/// signal goes through the regional intake and the Drieluik.
std::vector<ProposedRoute> ProposeRoutes(const SignalContent& s, const Catalog& catalog, Date today);

/// All of the above.
Triage ComputeTriage(const SignalContent& s, const Catalog& catalog, Date today);

}  // namespace drieluik::domain
