#include "support/test_server.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

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
  std::string port_file = dir_ + "/port";
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {bin, "serve", "--database", db_->url(), "--data", dir_, "--port", "0",
                                   "--port-file", port_file, "--ui", dir_ + "/no-ui"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  std::string log = dir_ + "/server.log";
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  int rc = posix_spawn(&pid_, bin, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + std::string(bin));
  for (int i = 0; i < 300; ++i) {
    std::ifstream in(port_file);
    if (in >> port_) return;
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited at start:\n" + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("server did not report its port:\n" + Log());
}

void TestServer::Stop(bool kill) {
  if (pid_ <= 0) return;
  ::kill(pid_, kill ? SIGKILL : SIGTERM);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
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
