#include "web/http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "web/http/server.h"
#include "web/http/test_client.h"

namespace drieluik::web {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// root/: index.html, app.json, assets/app-1a2b.js, assets/style.css, logo.svg,
// docs/index.html, .env, .git/config, link-out -> ../secret.txt; beside root: secret.txt.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("drieluik_static_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    WriteFile(root_ / "index.html", "<!doctype html><title>drieluik</title>");
    WriteFile(root_ / "app.json", "{\"a\":1}");
    WriteFile(root_ / "assets" / "app-1a2b.js", "console.log(1)");
    WriteFile(root_ / "assets" / "style.css", "body{}");
    WriteFile(root_ / "logo.svg", "<svg/>");
    WriteFile(root_ / "docs" / "index.html", "docs");
    WriteFile(root_ / ".env", "SECRET=1");
    WriteFile(root_ / ".git" / "config", "[core]");
    WriteFile(base_ / "secret.txt", "geheim");
    fs::create_symlink(base_ / "secret.txt", root_ / "link-out");
  }
  void TearDown() override { fs::remove_all(base_); }

  Response Get(const std::string& path, bool spa = true, const std::string& method = "GET") {
    Request r;
    r.method = method;
    r.target = path;
    r.path = path;
    return StaticFiles(root_, spa)(r);
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithContentTypeAndCaching) {
  Response index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>drieluik</title>");
  EXPECT_EQ(index.GetHeader("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.GetHeader("Cache-Control"), "no-cache");

  Response js = Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.GetHeader("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.GetHeader("Cache-Control"), "public, max-age=31536000, immutable");

  EXPECT_EQ(Get("/assets/style.css").GetHeader("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(Get("/logo.svg").GetHeader("Content-Type"), "image/svg+xml");
  EXPECT_EQ(Get("/app.json").GetHeader("Content-Type"), "application/json");
  EXPECT_EQ(Get("/docs/").body, "docs");
  EXPECT_EQ(Get("/index.html").GetHeader("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ContentTypesByExtension) {
  EXPECT_EQ(ContentTypeFor("a.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("a.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(ContentTypeFor("app.js.map"), "application/json");
  EXPECT_EQ(ContentTypeFor("INDEX.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("blob.bin"), "application/octet-stream");
}

TEST_F(StaticFilesTest, RefusesTraversalDotFilesAndSymlinksOut) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/.env", "/.git/config",
                           "/assets/./app-1a2b.js", "/link-out", "/..\\secret.txt",
                           "/C:/secret.txt"}) {
    Response r = Get(path, /*spa=*/false);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("geheim"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << path;
  }
  // With the SPA fallback these still never show the file.
  EXPECT_EQ(Get("/.env").status, 404);
  EXPECT_EQ(Get("/link-out").body, "<!doctype html><title>drieluik</title>");
}

TEST_F(StaticFilesTest, SpaFallbackServesIndexOutsideApiAndAssets) {
  Response route = Get("/signals/42/edit");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html><title>drieluik</title>");
  EXPECT_EQ(route.GetHeader("Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/api/v1/unknown").status, 404);
  EXPECT_EQ(Get("/api/v1/unknown").GetHeader("Content-Type"), "application/problem+json");
  EXPECT_EQ(Get("/assets/missing-9z.js").status, 404);
  EXPECT_EQ(Get("/signals/42", /*spa=*/false).status, 404);
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  Response post = Get("/index.html", true, "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.GetHeader("Allow"), "GET, HEAD");
  EXPECT_EQ(Get("/index.html", true, "HEAD").status, 200);
}

TEST_F(StaticFilesTest, EtagGives304) {
  Response first = Get("/assets/app-1a2b.js");
  std::string etag(first.GetHeader("ETag"));
  ASSERT_FALSE(etag.empty());
  Request r;
  r.method = "GET";
  r.path = r.target = "/assets/app-1a2b.js";
  r.headers = {{"if-none-match", etag}};
  Response again = StaticFiles(root_, true)(r);
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
}

TEST_F(StaticFilesTest, ThroughTheServerEncodedTraversalIsRefused) {
  Router router;
  router.Add("GET", "/api/v1/health", [](Request&) { return Response::Json(200, "{}"); });
  router.SetFallback(StaticFiles(root_, true));
  ServerOptions options;
  options.port = 0;
  HttpServer server(options, router);
  ASSERT_TRUE(server.Start().ok());
  std::thread runner([&] { server.Run(); });

  auto index = testing::Fetch(server.port(), "GET", "/signals/7");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->Header("content-type"), "text/html; charset=utf-8");
  for (const char* target : {"/%2e%2e/secret.txt", "/assets/%2E%2E/%2e%2e/secret.txt",
                             "/..%2fsecret.txt", "/%2eenv"}) {
    auto r = testing::Fetch(server.port(), "GET", target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 404) << target;
    EXPECT_EQ(r->body.find("geheim"), std::string::npos) << target;
  }
  auto head = testing::Fetch(server.port(), "HEAD", "/assets/app-1a2b.js");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("content-length"), "14");
  EXPECT_EQ(head->body, "");

  server.Stop();
  runner.join();
}

}  // namespace
}  // namespace drieluik::web
