// The authorization policy: the embedded CSV is walked cell by cell (every (resource,
// action) × every role and the anonymous principal), the requirements of issue 3 are checked
// as a literal table, and the CSV and route-table parsers report errors by line and column.
#include "domain/policy.h"

#include <gtest/gtest.h>

namespace drieluik::domain {

extern const std::string_view kEmbeddedAuthorization;

namespace {

Principal User(Role role, std::string municipality = "GM1950", std::string organisation = "westerwolde",
               std::int64_t id = 7) {
  Principal p;
  p.user_id = id;
  p.username = "u" + std::to_string(id);
  p.role = role;
  p.municipality = std::move(municipality);
  p.organisation = std::move(organisation);
  p.via = AuthMethod::kSession;
  return p;
}

// An object that satisfies `rule` for User(...), and one that satisfies no rule.
ObjectScope InScope(ScopeRule rule) {
  ObjectScope o;
  o.municipality = "GM0014";
  o.organisation = "politie";
  o.owner_user_id = 99;
  switch (rule) {
    case ScopeRule::kMunicipalityOrOrganisation: o.municipality = "GM1950"; break;
    case ScopeRule::kReferredToPolice: o.referred_to_police = true; break;
    case ScopeRule::kCareConsent: o.care_consent_shared = true; break;
    case ScopeRule::kOwnAccount: o.owner_user_id = 7; break;
    case ScopeRule::kNone: break;
  }
  return o;
}
ObjectScope OutOfScope() { return InScope(ScopeRule::kNone); }

bool IsCollection(const std::string& action) { return action == "create" || action == "list"; }

TEST(PolicyTest, EmbeddedParses) {
  Result<Policy> p = Policy::Parse(kEmbeddedAuthorization, "authorization.csv");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->rows().size(), 39u);
  EXPECT_EQ(Policy::Embedded().rows(), p->rows());
}

TEST(PolicyTest, EveryCellForEveryRoleDecidesAsTheTableSays) {
  const Policy& policy = Policy::Embedded();
  for (const auto& [resource, action] : policy.rows()) {
    std::string where = resource + "," + action;
    // The public route.
    Cell anon = *policy.CellFor(resource, action, std::nullopt);
    Decision a = policy.Decide(Principal::Anonymous(), resource, action, nullptr);
    if (anon == Cell::kAllow) {
      EXPECT_TRUE(a.allowed()) << where << " anonymous";
    } else {
      EXPECT_EQ(a.effect, Effect::kDeny) << where << " anonymous";
      EXPECT_EQ(a.ToStatus().code(), StatusCode::kUnauthenticated) << where;
    }
    for (Role role : AllRoles()) {
      std::string who = where + " " + std::string(ToCode(role));
      Principal p = User(role);
      Cell cell = *policy.CellFor(resource, action, role);
      ObjectScope out = OutOfScope();
      switch (cell) {
        case Cell::kAllow:
          EXPECT_TRUE(policy.Decide(p, resource, action, nullptr).allowed()) << who;
          EXPECT_TRUE(policy.Decide(p, resource, action, &out).allowed()) << who;
          break;
        case Cell::kDeny: {
          ObjectScope in = InScope(ScopeRuleFor(resource, role));
          Decision d = policy.Decide(p, resource, action, &in);
          EXPECT_EQ(d.effect, Effect::kDeny) << who;
          EXPECT_EQ(d.reason, "policy.role_denied") << who;
          EXPECT_EQ(d.ToStatus().code(), StatusCode::kPermissionDenied) << who;
          break;
        }
        case Cell::kScoped: {
          ScopeRule rule = ScopeRuleFor(resource, role);
          ASSERT_NE(rule, ScopeRule::kNone) << who << ": a scoped cell without a scope rule";
          ObjectScope in = InScope(rule);
          Decision yes = policy.Decide(p, resource, action, &in);
          EXPECT_TRUE(yes.allowed()) << who;
          EXPECT_EQ(yes.filter, rule) << who;
          Decision no = policy.Decide(p, resource, action, &out);
          EXPECT_EQ(no.effect, IsCollection(action) ? Effect::kDeny : Effect::kNotFound) << who;
          EXPECT_EQ(no.reason, "policy.out_of_scope") << who;
          Decision none = policy.Decide(p, resource, action, nullptr);
          EXPECT_EQ(none.allowed(), IsCollection(action)) << who;
          break;
        }
      }
    }
  }
}

TEST(PolicyTest, CaseContentStaysWithCaseRoles) {
  const Policy& policy = Policy::Embedded();
  for (const auto& [resource, action] : policy.rows()) {
    if (resource != "signal" && resource != "signal.care" && resource != "signal.police") continue;
    for (Role role : {Role::kBeleid, Role::kPrivacyOfficer, Role::kBeheerder}) {
      EXPECT_EQ(policy.CellFor(resource, action, role), Cell::kDeny) << resource << "," << action << " " << ToCode(role);
    }
    EXPECT_EQ(policy.CellFor(resource, action, std::nullopt), Cell::kDeny) << resource << "," << action;
  }
  // Compartments: only their own roles.
  for (Role role : AllRoles()) {
    bool care = role == Role::kZorgcoordinator || role == Role::kKetenregisseur;
    bool police = role == Role::kPolitie || role == Role::kKetenregisseur;
    EXPECT_EQ(policy.CellFor("signal.care", "read", role) != Cell::kDeny, care) << ToCode(role);
    EXPECT_EQ(policy.CellFor("signal.police", "read", role) != Cell::kDeny, police) << ToCode(role);
    EXPECT_EQ(policy.CellFor("audit", "read", role) != Cell::kDeny, role == Role::kPrivacyOfficer) << ToCode(role);
  }
}

struct Scenario {
  const char* why;
  Principal principal;
  const char* resource;
  const char* action;
  std::optional<ObjectScope> object;
  Effect expected;
  const char* reason;
};

ObjectScope Signal(std::string municipality, std::string organisation, bool referred = false, bool consent = false) {
  ObjectScope o;
  o.municipality = std::move(municipality);
  o.organisation = std::move(organisation);
  o.referred_to_police = referred;
  o.care_consent_shared = consent;
  return o;
}

TEST(PolicyTest, Issue3Scenarios) {
  const Principal af = User(Role::kAandachtsfunctionaris, "GM1950", "westerwolde");
  const Scenario scenarios[] = {
      {"AF reads a signal of her own municipality", af, "signal", "read", Signal("GM1950", "ggd"), Effect::kAllow,
       "policy.scoped"},
      {"AF reads a signal her organisation registered elsewhere", af, "signal", "read", Signal("GM0014", "westerwolde"),
       Effect::kAllow, "policy.scoped"},
      {"AF of municipality A reads a signal of municipality B: 404", af, "signal", "read", Signal("GM0014", "ggd"),
       Effect::kNotFound, "policy.out_of_scope"},
      {"AF updates a signal of another municipality: 404", af, "signal", "update", Signal("GM0014", "ggd"),
       Effect::kNotFound, "policy.out_of_scope"},
      {"AF registers a signal for another municipality: 403", af, "signal", "create", Signal("GM0014", "ggd"),
       Effect::kDeny, "policy.out_of_scope"},
      {"AF lists signals: allowed, filtered", af, "signal", "list", std::nullopt, Effect::kAllow, "policy.scoped"},
      {"AF asks for the police compartment of her own signal: 403", af, "signal.police", "read",
       Signal("GM1950", "westerwolde", true), Effect::kDeny, "policy.role_denied"},
      {"AF asks for the care compartment: 403", af, "signal.care", "read", Signal("GM1950", "westerwolde"),
       Effect::kDeny, "policy.role_denied"},
      {"AF without municipality or organisation sees nothing", User(Role::kAandachtsfunctionaris, "", ""), "signal",
       "read", Signal("", ""), Effect::kNotFound, "policy.out_of_scope"},
      {"beleid asks for a signal: 403", User(Role::kBeleid), "signal", "read", Signal("GM1950", "westerwolde"),
       Effect::kDeny, "policy.role_denied"},
      {"beleid lists signals: 403", User(Role::kBeleid), "signal", "list", std::nullopt, Effect::kDeny,
       "policy.role_denied"},
      {"beleid reads aggregates", User(Role::kBeleid), "aggregate", "read", std::nullopt, Effect::kAllow,
       "policy.allowed"},
      {"privacy officer reads the audit trail", User(Role::kPrivacyOfficer), "audit", "list", std::nullopt,
       Effect::kAllow, "policy.allowed"},
      {"privacy officer reads a signal: 403", User(Role::kPrivacyOfficer), "signal", "read", Signal("GM1950", ""),
       Effect::kDeny, "policy.role_denied"},
      {"beheerder creates users", User(Role::kBeheerder), "user", "create", std::nullopt, Effect::kAllow,
       "policy.allowed"},
      {"beheerder reads a signal: 403", User(Role::kBeheerder), "signal", "read", Signal("GM1950", ""), Effect::kDeny,
       "policy.role_denied"},
      {"zorgcoordinator sees the region", User(Role::kZorgcoordinator, "", "zvhg"), "signal", "read",
       Signal("GM0014", "ggd"), Effect::kAllow, "policy.allowed"},
      {"zorgcoordinator reads the care compartment", User(Role::kZorgcoordinator, "", "zvhg"), "signal.care", "read",
       Signal("GM0014", "ggd"), Effect::kAllow, "policy.allowed"},
      {"ketenregisseur reads care information only with consent", User(Role::kKetenregisseur, "", "zvhg"),
       "signal.care", "read", Signal("GM0014", "ggd"), Effect::kNotFound, "policy.out_of_scope"},
      {"ketenregisseur reads consented care information", User(Role::kKetenregisseur, "", "zvhg"), "signal.care",
       "read", Signal("GM0014", "ggd", false, true), Effect::kAllow, "policy.scoped"},
      {"ketenregisseur reads the police compartment", User(Role::kKetenregisseur, "", "zvhg"), "signal.police", "read",
       Signal("GM0014", "ggd"), Effect::kAllow, "policy.allowed"},
      {"politie reads a referred signal", User(Role::kPolitie, "", "politie"), "signal", "read",
       Signal("GM0014", "ggd", true), Effect::kAllow, "policy.scoped"},
      {"politie reads a signal not referred to them: 404", User(Role::kPolitie, "", "politie"), "signal", "read",
       Signal("GM0014", "ggd"), Effect::kNotFound, "policy.out_of_scope"},
      {"politie writes the police compartment of a referred signal", User(Role::kPolitie, "", "politie"),
       "signal.police", "update", Signal("GM0014", "ggd", true), Effect::kAllow, "policy.scoped"},
      {"a user reads her own account", User(Role::kBeleid, "", "", 7), "user", "read", [] {
         ObjectScope o;
         o.owner_user_id = 7;
         return o;
       }(), Effect::kAllow, "policy.scoped"},
      {"a user reads another account: 404", User(Role::kBeleid, "", "", 7), "user", "read", [] {
         ObjectScope o;
         o.owner_user_id = 8;
         return o;
       }(), Effect::kNotFound, "policy.out_of_scope"},
      {"anonymous reads a signal: 401", Principal::Anonymous(), "signal", "read", Signal("GM1950", ""), Effect::kDeny,
       "policy.unauthenticated"},
      {"anonymous uses the public form", Principal::Anonymous(), "public", "create", std::nullopt, Effect::kAllow,
       "policy.allowed"},
      {"a role without a session counts as anonymous", [] {
         Principal p = User(Role::kKetenregisseur);
         p.via = AuthMethod::kAnonymous;
         return p;
       }(), "signal", "read", Signal("GM1950", ""), Effect::kDeny, "policy.unauthenticated"},
      {"a token acts as its user", [] {
         Principal p = User(Role::kBeleid);
         p.via = AuthMethod::kToken;
         return p;
       }(), "aggregate", "export", std::nullopt, Effect::kAllow, "policy.allowed"},
      {"unknown action: denied", User(Role::kKetenregisseur), "signal", "shred", std::nullopt, Effect::kDeny,
       "policy.unknown_action"},
      {"unknown resource: denied", User(Role::kBeheerder), "settings", "update", std::nullopt, Effect::kDeny,
       "policy.unknown_action"},
      {"object action without an object under a scoped cell: denied", af, "signal", "read", std::nullopt,
       Effect::kDeny, "policy.out_of_scope"},
  };
  for (const Scenario& s : scenarios) {
    Decision d = Policy::Embedded().Decide(s.principal, s.resource, s.action, s.object ? &*s.object : nullptr);
    EXPECT_EQ(d.effect, s.expected) << s.why;
    EXPECT_EQ(d.reason, s.reason) << s.why;
  }
}

TEST(PolicyTest, DecisionToStatus) {
  EXPECT_TRUE((Decision{Effect::kAllow, "policy.allowed", ScopeRule::kNone}).ToStatus().ok());
  Status denied = Decision{Effect::kDeny, "policy.role_denied"}.ToStatus();
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(), "policy.role_denied");
  Status hidden = Decision{Effect::kNotFound, "policy.out_of_scope"}.ToStatus();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.message(), "not found");  // the same as a missing object
  Decision anon{Effect::kDeny, "policy.unauthenticated", ScopeRule::kNone};
  EXPECT_EQ(anon.ToStatus().code(), StatusCode::kUnauthenticated);
}

const std::string kHeader =
    "resource,action,anonymous,aandachtsfunctionaris,zorgcoordinator,ketenregisseur,politie,handhaving,beleid,"
    "privacy_officer,beheerder,note\n";

std::string ParseError(const std::string& csv) {
  Result<Policy> p = Policy::Parse(csv, "t.csv");
  return p.ok() ? "ok" : p.error().message();
}

TEST(PolicyTest, ParseErrors) {
  EXPECT_EQ(ParseError(kHeader + "signal,read,deny,allow,allow,allow,allow,allow,allow,allow,allow,a, b, c\n"), "ok");
  EXPECT_EQ(ParseError("resource,action\n"),
            "t.csv:1: header must be resource,action,anonymous,<8 role codes>,note");
  std::string twice = kHeader;
  twice.replace(twice.find("beheerder"), 9, "beleid");
  EXPECT_EQ(ParseError(twice), "t.csv:1: role \"beleid\" appears twice");
  std::string unknown = kHeader;
  unknown.replace(unknown.find("beheerder"), 9, "admin");
  EXPECT_EQ(ParseError(unknown), "t.csv:1: unknown role \"admin\"");
  EXPECT_EQ(ParseError(kHeader + "signal,read,deny,allow\n"), "t.csv:2: expected 12 columns, got 4");
  EXPECT_EQ(ParseError(kHeader + "\nsignal,read,deny,allow,allow,allow,allow,alow,allow,allow,allow,\n"),
            "t.csv:3: column handhaving: expected allow, deny or scoped, got \"alow\"");
  EXPECT_EQ(ParseError(kHeader + "signal,read,scoped,allow,allow,allow,allow,allow,allow,allow,allow,\n"),
            "t.csv:2: column anonymous: scoped has no meaning without a user");
  EXPECT_EQ(ParseError(kHeader + "signal,read,deny,allow,allow,allow,allow,allow,allow,allow,allow,\n" +
                       "signal,read,deny,allow,allow,allow,allow,allow,allow,allow,allow,\n"),
            "t.csv:3: duplicate row signal,read");
  EXPECT_EQ(ParseError(kHeader + ",read,deny,allow,allow,allow,allow,allow,allow,allow,allow,\n"),
            "t.csv:2: resource and action are required");
}

TEST(PolicyTest, ColumnsMayComeInAnyOrder) {
  std::string csv =
      "resource,action,anonymous,beheerder,privacy_officer,beleid,handhaving,politie,ketenregisseur,zorgcoordinator,"
      "aandachtsfunctionaris,note\n"
      "user,create,deny,allow,deny,deny,deny,deny,deny,deny,deny,\n";
  Policy p = *Policy::Parse(csv, "t.csv");
  EXPECT_EQ(p.CellFor("user", "create", Role::kBeheerder), Cell::kAllow);
  EXPECT_EQ(p.CellFor("user", "create", Role::kAandachtsfunctionaris), Cell::kDeny);
  EXPECT_EQ(p.CellFor("user", "read", Role::kBeheerder), std::nullopt);
}

TEST(RouteTableTest, ParseCheckAndDecide) {
  Result<std::vector<RouteDecision>> routes = ParseRouteTable(
      "method,path,resource,action,object\n"
      "GET,/api/v1/signals/{id},signal,read,yes\n"
      "GET,/api/v1/signals,signal,list,no\n"
      "POST,/api/v1/public/signals,public,create,no\n",
      "routes.csv");
  ASSERT_TRUE(routes.ok()) << routes.status().ToString();
  ASSERT_EQ(routes->size(), 3u);
  EXPECT_EQ((*routes)[0], (RouteDecision{"GET", "/api/v1/signals/{id}", "signal", "read", true}));
  const Policy& policy = Policy::Embedded();
  EXPECT_TRUE(policy.CheckRoutes(*routes).ok());

  ObjectScope other = Signal("GM0014", "ggd");
  Principal af = User(Role::kAandachtsfunctionaris);
  EXPECT_EQ(policy.DecideRoute(af, (*routes)[0], &other).effect, Effect::kNotFound);
  EXPECT_EQ(policy.DecideRoute(af, (*routes)[1], &other).effect, Effect::kAllow);  // list: object ignored
  EXPECT_EQ(policy.DecideRoute(Principal::Anonymous(), (*routes)[2], nullptr).effect, Effect::kAllow);

  std::vector<RouteDecision> extra = *routes;
  extra.push_back({"POST", "/api/v1/signals/{id}/shred", "signal", "shred", true});
  extra.push_back({"GET", "/api/v1/settings", "settings", "read", false});
  Status missing = policy.CheckRoutes(extra);
  EXPECT_EQ(missing.message(),
            "routes without a policy row: POST /api/v1/signals/{id}/shred (signal,shred); "
            "GET /api/v1/settings (settings,read)");
}

TEST(RouteTableTest, ParseErrors) {
  auto error = [](const std::string& csv) { return ParseRouteTable(csv, "routes.csv").error().message(); };
  EXPECT_EQ(error("method,path\n"), "routes.csv:1: header must be method,path,resource,action,object");
  EXPECT_EQ(error("method,path,resource,action,object\nGET,/x,signal,read\n"),
            "routes.csv:2: expected 5 columns, got 4");
  EXPECT_EQ(error("method,path,resource,action,object\nGET,/x,signal,read,maybe\n"),
            "routes.csv:2: column object: expected yes or no, got \"maybe\"");
  EXPECT_EQ(error("method,path,resource,action,object\nGET,/x,signal,read,no\nGET,/x,signal,list,no\n"),
            "routes.csv:3: duplicate route GET /x");
}

}  // namespace
}  // namespace drieluik::domain
