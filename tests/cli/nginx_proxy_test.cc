// The documented reverse-proxy setup (deploy/nginx/drieluik.conf, docs/OPERATIONS.md section
// 10) with nginx from Debian in front of the real server: HTTPS through nginx reaches
// drieluik with its security headers plus nginx's HSTS, plain HTTP is redirected, and the
// access log keeps no query string. Skips when nginx is not installed (scripts/setup
// installs it).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/run_command.h"
#include "support/server_process.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

namespace fs = std::filesystem;
constexpr const char* kNginx = "/usr/sbin/nginx";

int FreePort() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << "deploy/nginx/drieluik.conf no longer has: " << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(NginxProxyTest, TheDocumentedConfigServesDrieluikOverHttps) {
  if (!fs::exists(kNginx)) GTEST_SKIP() << "nginx is not installed (scripts/setup installs it)";
  testing::TestStore db("sqlite");
  db.Close();
  auto server = testing::ServerProcess::Start(DRIELUIK_BIN, db.url());
  ASSERT_TRUE(server.ok()) << server.status().ToString();

  fs::path dir = fs::temp_directory_path() / ("drieluik-nginx-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout '" + key +
                         "' -out '" + cert + "' >/dev/null 2>&1")
                            .c_str()),
            0);
  int https = FreePort(), http = FreePort();
  // The shipped site config, with only addresses and paths changed for a test run.
  std::string site = Read(fs::path(DRIELUIK_SOURCE_DIR) / "deploy/nginx/drieluik.conf");
  site = Replace(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + std::to_string((*server)->port()) + ";");
  site = Replace(site, "    listen 80;\n    listen [::]:80;", "    listen 127.0.0.1:" + std::to_string(http) + ";");
  site = Replace(site, "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;",
                 "    listen 127.0.0.1:" + std::to_string(https) + " ssl http2;");
  site = Replace(site, "/etc/ssl/certs/drieluik.example.nl.pem", cert);
  site = Replace(site, "/etc/ssl/private/drieluik.example.nl.key", key);
  site = Replace(site, "/var/log/nginx/drieluik.access.log", (dir / "access.log").string());
  std::ofstream(dir / "drieluik.conf") << site;
  std::ofstream(dir / "nginx.conf") << "daemon off;\nmaster_process off;\npid " << (dir / "nginx.pid").string()
                                    << ";\nerror_log " << (dir / "error.log").string()
                                    << ";\nevents {}\nhttp {\n  client_body_temp_path " << dir.string()
                                    << ";\n  proxy_temp_path " << dir.string() << "/p;\n  fastcgi_temp_path "
                                    << dir.string() << "/f;\n  uwsgi_temp_path " << dir.string()
                                    << "/u;\n  scgi_temp_path " << dir.string() << "/s;\n  access_log off;\n  include "
                                    << (dir / "drieluik.conf").string() << ";\n}\n";
  pid_t nginx = ::fork();
  ASSERT_GE(nginx, 0);
  if (nginx == 0) {
    ::execl(kNginx, kNginx, "-p", dir.c_str(), "-c", (dir / "nginx.conf").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string curl = "curl -sk --max-time 5 -D - -o /dev/null ";
  std::string base = "https://127.0.0.1:" + std::to_string(https);
  testing::CommandRun r{-1, ""};
  for (int i = 0; i < 50 && r.output.find(" 200") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r = testing::RunCommand(curl, base + "/api/v1/health?q=Oosterhuis");
  }
  std::string redirect = testing::RunCommand(curl, "http://127.0.0.1:" + std::to_string(http) + "/api/v1/health").output;
  ::kill(nginx, SIGQUIT);
  int status = 0;
  ::waitpid(nginx, &status, 0);
  std::string access = Read(dir / "access.log");
  std::string errors = Read(dir / "error.log");
  fs::remove_all(dir);

  ASSERT_NE(r.output.find(" 200"), std::string::npos) << r.output << errors;
  std::string h = r.output;
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(h.find("strict-transport-security: max-age=31536000; includesubdomains"), std::string::npos) << h;
  EXPECT_NE(h.find("content-security-policy: default-src 'self'"), std::string::npos) << h;
  EXPECT_NE(h.find("x-frame-options: deny"), std::string::npos) << h;
  EXPECT_NE(h.find("x-content-type-options: nosniff"), std::string::npos) << h;
  EXPECT_NE(redirect.find("301"), std::string::npos) << redirect;
  EXPECT_NE(redirect.find("https://127.0.0.1"), std::string::npos) << redirect;
  EXPECT_NE(access.find("GET /api/v1/health"), std::string::npos) << access;
  EXPECT_EQ(access.find("Oosterhuis"), std::string::npos) << access;  // no query strings in the log
}

}  // namespace
}  // namespace drieluik
