// /api/v1/public/signals: the route without an account.
#include "api_test_util.h"

namespace drieluik::testing {
namespace {

using PublicApiTest = ApiTest;

json Report() {
  return {{"description", "Bij het pand aan de Markt komen elke nacht busjes met jonge vrouwen aan."},
          {"location", "Markt 3, Winschoten"},
          {"municipality", "GM1895"},
          {"forms", {"SEKS"}}};
}

TEST_P(PublicApiTest, AnonymousReportGetsReferenceAndSecretOnce) {
  auto r = PostJson(http(), "/api/v1/public/signals", Report().dump());
  ASSERT_EQ(r->status, 201) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["referenceCode"].get<std::string>().substr(0, 3), "MH-");
  EXPECT_EQ(j["secret"].get<std::string>().size(), 39u);
  EXPECT_FALSE(j.contains("id"));
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  json list = Body(http().Get("/api/v1/signals?q=busjes"));
  ASSERT_EQ(list["items"].size(), 1u);
  json s = Body(http().Get("/api/v1/signals/" + std::to_string(list["items"][0]["id"].get<long>())));
  EXPECT_EQ(s["channel"], "public_form");
  EXPECT_EQ(s["reporter"]["anonymous"], true);
  EXPECT_EQ(s["summary"], "Bij het pand aan de Markt komen elke nacht busjes met jonge vrouwen aan.");
}

TEST_P(PublicApiTest, PublicCannotSetInternalFields) {
  json r = Report();
  r["organisation"] = "politie-tmm";
  r["channel"] = "partner";
  auto resp = PostJson(http(), "/api/v1/public/signals", r.dump());
  ASSERT_EQ(resp->status, 422);
  EXPECT_EQ(ErrorPointers(Body(resp)), (std::vector<std::string>{"/channel unknown_field", "/organisation unknown_field"}));
  auto empty = PostJson(http(), "/api/v1/public/signals", "{}");
  ASSERT_EQ(empty->status, 422);
  EXPECT_EQ(ErrorPointers(Body(empty)), (std::vector<std::string>{"/description required"}));
}

TEST_P(PublicApiTest, AdditionNeedsTheSecretAndWrongGuessesAreThrottled) {
  json receipt = Body(PostJson(http(), "/api/v1/public/signals", Report().dump()));
  std::string ref = receipt["referenceCode"];
  std::string path = "/api/v1/public/signals/" + ref + "/additions";
  auto ok = PostJson(http(), path, json({{"secret", receipt["secret"]}, {"text", "Kenteken 12-ABC-3"}}).dump());
  ASSERT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(Body(ok)["referenceCode"], ref);

  auto wrong = PostJson(http(), path, R"({"secret":"AAAA-BBBB","text":"x"})");
  auto unknown = PostJson(http(), "/api/v1/public/signals/MH-2026-ZZZZZZ/additions",
                          json({{"secret", receipt["secret"]}, {"text", "x"}}).dump());
  ASSERT_EQ(wrong->status, 404);
  ASSERT_EQ(unknown->status, 404);
  EXPECT_EQ(wrong->body, unknown->body);  // existence must not leak

  int throttled = 0;
  for (int i = 0; i < 6; ++i) {
    auto r = PostJson(http(), path, R"({"secret":"guess","text":"x"})");
    if (r->status == 429) {
      ++throttled;
      EXPECT_FALSE(r->get_header_value("Retry-After").empty());
    }
  }
  EXPECT_GE(throttled, 1);

  json list = Body(http().Get("/api/v1/signals?q=busjes"));
  json s = Body(http().Get("/api/v1/signals/" + std::to_string(list["items"][0]["id"].get<long>())));
  ASSERT_EQ(s["additions"].size(), 1u);
  EXPECT_EQ(s["additions"][0]["text"], "Kenteken 12-ABC-3");
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicApiTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
