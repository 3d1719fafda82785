// Authorization is decided in one place (issue 3 point 3). Two checks keep it that way:
//  - every route the server registers is in docs/security/routes.csv with the policy row
//    (resource, action) that guards it, and every such row exists in
//    docs/security/authorization.csv: a new route without a decision fails here;
//  - the real server is asked EVERY route as EVERY role (and anonymously), and answers
//    403 (401 for anonymous) exactly where the table says deny.
#include <fstream>
#include <regex>
#include <sstream>

#include "api_test_util.h"
#include "base/clock.h"
#include "crypto/sodium_secrets.h"
#include "domain/policy.h"
#include "support/test_store.h"
#include "web/api/api.h"

namespace drieluik::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<domain::RouteDecision> RouteTable() {
  auto t = domain::ParseRouteTable(ReadFile(DRIELUIK_ROUTES_CSV), "routes.csv");
  if (!t.ok()) throw std::runtime_error(t.status().message());
  return *t;
}

std::vector<web::api::RouteSpec> RegisteredRoutes() {
  TestStore db("sqlite");
  SystemClock clock;
  crypto::SodiumSecrets secrets;
  domain::SignalService signals(*db.store(), domain::Catalog::Embedded(), clock, secrets, db.store());
  web::api::ApiContext ctx{signals, domain::Catalog::Embedded(), "test", "sqlite", {}};
  web::Router router;
  web::api::RegisterApi(router, ctx);
  EXPECT_EQ(router.Routes().size(), ctx.routes.size()) << "a route was added without AddRoute";
  return ctx.routes;
}

TEST(AuthorizationTableTest, EveryRouteHasADecisionInTheTables) {
  std::vector<domain::RouteDecision> table = RouteTable();
  std::set<std::string> documented, registered;
  for (const auto& r : table)
    documented.insert(r.method + " " + r.path + " " + r.resource + " " + r.action + (r.object_level ? " object" : ""));
  for (const auto& r : RegisteredRoutes())
    registered.insert(r.method + " " + r.pattern + " " + r.resource + " " + r.action + (r.object_level ? " object" : ""));
  EXPECT_EQ(registered, documented) << "docs/security/routes.csv and the server's routes differ";
  Status rows = domain::Policy::Embedded().CheckRoutes(table);
  EXPECT_TRUE(rows.ok()) << rows.message();
}

class AuthorizationWalkTest : public ApiTest {};

// Every route × every role against the table.
TEST_P(AuthorizationWalkTest, EveryRouteForEveryRoleAnswersAsTheTableSays) {
  const domain::Policy& policy = domain::Policy::Embedded();
  // Objects the object routes address: a Westerwolde signal, a throwaway user and a token.
  json signal = Body(PostJson(http(), "/api/v1/signals", ValidSignal().dump()));
  ASSERT_TRUE(signal.contains("id")) << signal.dump();
  server_->AddUser("walk.target", "beleid", "gem-groningen", "", "walk-wachtwoord-1");
  auto admin = server_->ClientAs("beheerder");
  json users = Body(admin->Get("/api/v1/users"));
  std::int64_t target_user = 0;
  for (const auto& u : users["items"])
    if (u["username"] == "walk.target") target_user = u["id"];
  ASSERT_GT(target_user, 0);
  json token = Body(PostJson(*admin, "/api/v1/tokens", R"({"username":"walk.target"})"));
  ASSERT_TRUE(token.contains("id")) << token.dump();

  std::vector<std::optional<std::string>> roles = {std::nullopt};
  for (domain::Role r : domain::AllRoles()) roles.push_back(std::string(domain::ToCode(r)));
  int checked = 0;
  for (const auto& route : RouteTable()) {
    std::string path = route.path;
    std::string id = route.path.find("/users/") != std::string::npos    ? std::to_string(target_user)
                     : route.path.find("/tokens/") != std::string::npos ? std::to_string(token["id"].get<long>())
                                                                        : std::to_string(signal["id"].get<long>());
    path = std::regex_replace(path, std::regex("\\{id\\}"), id);
    path = std::regex_replace(path, std::regex("\\{reference\\}"), "MH-2026-ZZZZZZ");
    path = std::regex_replace(path, std::regex("\\{role\\}"), "beleid");
    for (const auto& role : roles) {
      auto c = role ? server_->ClientAs(*role) : server_->AnonymousClient();
      httplib::Result r = route.method == "GET"      ? c->Get(path)
                          : route.method == "POST"   ? c->Post(path, "{}", "application/json")
                          : route.method == "PATCH"  ? c->Patch(path, "{}", "application/json")
                          : route.method == "PUT"    ? c->Put(path, "{}", "application/json")
                                                     : c->Delete(path);
      ASSERT_TRUE(r) << route.method << " " << path;
      auto cell = policy.CellFor(route.resource, route.action,
                                 role ? domain::RoleFromCode(*role) : std::optional<domain::Role>());
      ASSERT_TRUE(cell.has_value()) << route.resource << "," << route.action;
      const bool unauthenticated =
          r->status == 401 && r->body.find("problems/unauthenticated") != std::string::npos;
      const bool refused = r->status == 403 || unauthenticated;
      const std::string who = role.value_or("anonymous");
      if (*cell == domain::Cell::kDeny) {
        EXPECT_EQ(r->status, role ? 403 : 401) << route.method << " " << path << " as " << who << ": " << r->body;
      } else {
        EXPECT_FALSE(refused) << route.method << " " << path << " as " << who << " got " << r->status << ": "
                              << r->body;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(RouteTable().size() * roles.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationWalkTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
