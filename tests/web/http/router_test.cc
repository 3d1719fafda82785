#include "web/http/router.h"

#include <gtest/gtest.h>

namespace drieluik::web {
namespace {

Request Make(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  return r;
}

Handler Echo(std::string name) {
  return [name](Request& r) {
    std::string body = name;
    for (const auto& [k, v] : r.path_params) body += " " + k + "=" + v;
    return Response::Text(200, body, "text/plain");
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/signals", Echo("list"));
    router_.Add("POST", "/api/v1/signals", Echo("create"));
    router_.Add("GET", "/api/v1/signals/{id}", Echo("get"));
    router_.Add("GET", "/api/v1/signals/export", Echo("export"));
    router_.Add("PUT", "/api/v1/signals/{id}/persons/{index}", Echo("person"));
  }
  std::string Body(std::string method, std::string target) {
    Request r = Make(std::move(method), std::move(target));
    return router_.Dispatch(r).body;
  }
  Router router_;
};

TEST_F(RouterTest, BindsPathParams) {
  EXPECT_EQ(Body("GET", "/api/v1/signals/42"), "get id=42");
  EXPECT_EQ(Body("PUT", "/api/v1/signals/7/persons/0"), "person id=7 index=0");
}

TEST_F(RouterTest, DecodesEachSegmentOnItsOwn) {
  EXPECT_EQ(Body("GET", "/api/v1/signals/a%2Fb%20c"), "get id=a/b c");
}

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  EXPECT_EQ(Body("GET", "/api/v1/signals/export"), "export");
  EXPECT_EQ(Body("GET", "/api/v1/signals"), "list");
  EXPECT_EQ(Body("POST", "/api/v1/signals"), "create");
}

TEST_F(RouterTest, UnknownPathIs404Problem) {
  Request r = Make("GET", "/api/v1/nothing");
  Response response = router_.Dispatch(r);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.GetHeader("content-type"), "application/problem+json");
  EXPECT_EQ(response.body,
            R"({"type":"https://drieluik.example/problems/not-found",)"
            R"("title":"Niet gevonden / Not found","status":404})");
  // An empty segment does not bind a parameter.
  Request empty = Make("GET", "/api/v1/signals/");
  EXPECT_EQ(router_.Dispatch(empty).status, 404);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Request r = Make("DELETE", "/api/v1/signals");
  Response response = router_.Dispatch(r);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.GetHeader("Allow"), "GET, HEAD, POST");
}

TEST_F(RouterTest, HeadUsesGetRoute) {
  EXPECT_EQ(Body("HEAD", "/api/v1/signals/9"), "get id=9");
}

TEST_F(RouterTest, FallbackTakesUnmatchedPathsOnly) {
  router_.SetFallback([](Request& r) { return Response::Text(200, "spa " + r.path, "text/html"); });
  EXPECT_EQ(Body("GET", "/signals/42"), "spa /signals/42");
  Request r = Make("DELETE", "/api/v1/signals");
  EXPECT_EQ(router_.Dispatch(r).status, 405);
}

TEST_F(RouterTest, MalformedEscapeIs400) {
  Request r = Make("GET", "/api/v1/signals/%zz");
  EXPECT_EQ(router_.Dispatch(r).status, 400);
}

TEST_F(RouterTest, RoutesListsInOrder) {
  auto routes = router_.Routes();
  ASSERT_EQ(routes.size(), 5u);
  EXPECT_EQ(routes[0].method, "GET");
  EXPECT_EQ(routes[0].pattern, "/api/v1/signals");
  EXPECT_EQ(routes[4].pattern, "/api/v1/signals/{id}/persons/{index}");
}

TEST(ResponseTest, SetHeaderReplacesIgnoringCase) {
  Response r = Response::Json(201, "{}");
  r.SetHeader("content-type", "application/problem+json");
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.GetHeader("Content-Type"), "application/problem+json");
  EXPECT_EQ(r.status, 201);
}

TEST(RequestTest, AccessorsReturnFirstOrEmpty) {
  Request r;
  r.headers = {{"x-a", "1"}, {"x-a", "2"}};
  r.query = {{"q", "a"}, {"q", "b"}};
  r.path_params = {{"id", "7"}};
  EXPECT_EQ(r.Header("x-a"), "1");
  EXPECT_EQ(r.Header("x-b"), "");
  EXPECT_EQ(r.Query("q"), "a");
  EXPECT_EQ(r.Query("z"), std::nullopt);
  EXPECT_EQ(r.PathParam("id"), "7");
  EXPECT_EQ(r.PathParam("nope"), "");
}

}  // namespace
}  // namespace drieluik::web
