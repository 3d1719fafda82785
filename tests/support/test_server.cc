#include "support/test_server.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace drieluik::testing {

TestServer::TestServer(const std::string& backend) {
  db_ = std::make_unique<TestStore>(backend);
  if (!db_->store()) {
    skip_reason_ = db_->skip_reason();
    return;
  }
  db_->Close();  // the server opens the database itself
  std::random_device rd;
  dir_ = (std::filesystem::temp_directory_path() / ("drieluik-srv-" + std::to_string(rd()) + std::to_string(rd()))).string();
  std::filesystem::create_directories(dir_);
  Start();
}

TestServer::~TestServer() {
  Stop(true);
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

void TestServer::Start() {
  const char* bin = std::getenv("DRIELUIK_BIN");
  if (!bin) throw std::runtime_error("DRIELUIK_BIN is not set");
  auto p = ServerProcess::Start(bin, db_->url(), {"--ui", dir_ + "/no-ui"}, dir_ + "/server.log");
  if (!p.ok()) throw std::runtime_error(p.status().message() + "\n" + Log());
  process_ = std::move(p).value();
  port_ = process_->port();
}

void TestServer::Stop(bool kill) {
  if (!process_) return;
  if (kill) process_->Kill();
  else process_->Stop();
  process_.reset();
}

std::string TestServer::Log() const {
  std::ifstream in(dir_ + "/server.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_connection_timeout(10);
  c->set_read_timeout(10);
  return c;
}

httplib::Result PostJson(httplib::Client& c, const std::string& path, const std::string& body) {
  return c.Post(path, body, "application/json");
}

httplib::Result PatchJson(httplib::Client& c, const std::string& path, const std::string& body) {
  return c.Patch(path, body, "application/json");
}

}  // namespace drieluik::testing
