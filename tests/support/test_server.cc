#include "support/test_server.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "support/run_command.h"
#include "support/test_accounts.h"

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
  TokenFor("ketenregisseur");
  Start();
}

std::string TestServer::database_url() const { return db_->url(); }

std::string TestServer::Cli(const std::string& args, int* exit_code) const {
  const char* bin = std::getenv("DRIELUIK_BIN");
  if (!bin) throw std::runtime_error("DRIELUIK_BIN is not set");
  auto r = RunCommand(bin, args + " --database '" + db_->url() + "' --data " + dir_);
  if (exit_code) *exit_code = r.exit_code;
  return r.output;
}

void TestServer::AddUser(const std::string& username, const std::string& role, const std::string& organisation,
                         const std::string& municipality, const std::string& password) {
  const char* bin = std::getenv("DRIELUIK_BIN");
  if (!bin) throw std::runtime_error("DRIELUIK_BIN is not set");
  auto r = RunCommand("printf '%s\\n' '" + password + "' | " + bin,
                      "user add --username " + username + " --role " + role + " --organisation " + organisation +
                          (municipality.empty() ? "" : " --municipality " + municipality) +
                          " --password-stdin --database '" + db_->url() + "' --data " + dir_);
  if (r.exit_code != 0) throw std::runtime_error("user add failed: " + r.output);
}

std::string TestServer::TokenFor(const std::string& role) {
  if (auto it = tokens_.find(role); it != tokens_.end()) return it->second;
  const char* bin = std::getenv("DRIELUIK_BIN");
  if (!bin) throw std::runtime_error("DRIELUIK_BIN is not set");
  std::string token = CreateTestToken(bin, db_->url(), role, "test." + role);
  tokens_[role] = token;
  return token;
}
std::unique_ptr<httplib::Client> TestServer::ClientAs(const std::string& role) {
  auto c = AnonymousClient();
  c->set_bearer_token_auth(TokenFor(role));
  return c;
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
  std::vector<std::string> args = {"--ui", dir_ + "/no-ui"};
  args.insert(args.end(), serve_args_.begin(), serve_args_.end());
  auto p = ServerProcess::Start(bin, db_->url(), args, dir_ + "/server.log");
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

std::unique_ptr<httplib::Client> TestServer::AnonymousClient() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_connection_timeout(10);
  c->set_read_timeout(10);
  return c;
}

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto c = AnonymousClient();
  c->set_bearer_token_auth(tokens_.at("ketenregisseur"));
  return c;
}

httplib::Result PostJson(httplib::Client& c, const std::string& path, const std::string& body) {
  return c.Post(path, body, "application/json");
}

httplib::Result PatchJson(httplib::Client& c, const std::string& path, const std::string& body) {
  return c.Patch(path, body, "application/json");
}

}  // namespace drieluik::testing
