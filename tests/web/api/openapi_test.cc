// The OpenAPI document is what partners build against: every route the server has is
// in it, every path in it exists, every error key has texts, and every request example
// is accepted by the real server.
#include <regex>
#include <set>

#include "api_test_util.h"
#include "base/clock.h"
#include "crypto/sodium_secrets.h"
#include "support/test_store.h"
#include "web/api/api.h"
#include "web/api/messages.h"

namespace drieluik::testing {
namespace {

json Document() { return json::parse(web::api::OpenApiDocument()); }

std::set<std::string> ServerRoutes() {
  TestStore db("sqlite");
  SystemClock clock;
  crypto::SodiumSecrets secrets;
  domain::SignalService signals(*db.store(), domain::Catalog::Embedded(), clock, secrets, db.store());
  web::api::ApiContext ctx{signals, domain::Catalog::Embedded(), "test", "sqlite", {}};
  web::Router router;
  web::api::RegisterApi(router, ctx);
  std::set<std::string> out;
  for (const auto& r : router.Routes()) out.insert(r.method + " " + r.pattern);
  return out;
}

std::set<std::string> DocumentRoutes() {
  std::set<std::string> out;
  const json doc = Document();
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(m + " " + path);
    }
  return out;
}

TEST(OpenApiTest, DocumentAndServerHaveTheSameRoutes) {
  EXPECT_EQ(Document()["openapi"], "3.1.0");
  EXPECT_EQ(ServerRoutes(), DocumentRoutes());
}

TEST(OpenApiTest, EveryMessageKeyInTheCodeHasTexts) {
  // Keys the domain and wire layers can produce; a new key without texts fails here.
  for (const char* k : {"required", "too_long", "too_many", "unknown_code", "duplicate", "future_date", "after_received",
                        "too_early", "out_of_range", "invalid_country", "invalid_postcode", "invalid_kvk",
                        "invalid_phone", "invalid_plate", "invalid_email", "empty_entry", "transition_not_allowed",
                        "invalid_cursor", "before_from", "malformed_json", "wrong_type", "unknown_field", "read_only",
                        "invalid_value", "invalid_date", "invalid_timestamp", "invalid_number", "pattern",
                        "length", "taken", "not_in_future", "out_of_scope"})
    EXPECT_TRUE(web::api::HasMessage(k)) << k;
}

using OpenApiExamplesTest = ApiTest;

TEST_P(OpenApiExamplesTest, EveryRequestExampleIsAcceptedByTheRealServer) {
  json doc = Document();
  json created_public;  // for paths that need a reference code and secret
  int tried = 0;
  // Public report first: later examples refer to what it created.
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      // Account routes (tag "accounts") change users and sessions: their examples are
      // exercised by accounts_api_test.cc with the right roles.
      if (op.is_object() && op.contains("requestBody") &&
          !(op.contains("tags") && op["tags"].dump().find("\"accounts\"") != std::string::npos))
        order.push_back({path, method});
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return (a.first == "/api/v1/public/signals") > (b.first == "/api/v1/public/signals");
  });
  json last_created;
  for (const auto& [path, method] : order) {
    const json& op = doc["paths"][path][method];
    json example = op["requestBody"]["content"]["application/json"]["example"];
    ASSERT_FALSE(example.is_null()) << method << " " << path << " has no example";
    std::string url = path;
    if (url.find("{reference}") != std::string::npos) {
      url = std::regex_replace(url, std::regex("\\{reference\\}"), created_public["referenceCode"].get<std::string>());
      example["secret"] = created_public["secret"];
    }
    if (url.find("{id}") != std::string::npos) {
      if (last_created.is_null()) last_created = Create(ValidSignal());
      url = std::regex_replace(url, std::regex("\\{id\\}"), std::to_string(last_created["id"].get<long>()));
      if (example.contains("version")) example["version"] = last_created["version"];
    }
    httplib::Result r = method == "post" ? PostJson(http(), url, example.dump()) : PatchJson(http(), url, example.dump());
    ASSERT_TRUE(r) << method << " " << url;
    EXPECT_LT(r->status, 300) << method << " " << url << ": " << r->body;
    if (path == "/api/v1/public/signals") created_public = json::parse(r->body);
    ++tried;
  }
  EXPECT_EQ(tried, 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenApiExamplesTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
