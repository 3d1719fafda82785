#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <thread>

#include "support/http_client.h"
#include "support/test_keys.h"

namespace drieluik::testing {

namespace fs = std::filesystem;

Result<std::unique_ptr<ServerProcess>> ServerProcess::Start(const std::string& binary, const std::string& database_url,
                                                            std::vector<std::string> extra,
                                                            const std::string& log_path) {
  (void)TestKeysText();  // DRIELUIK_KEYS for the child: the same key as the test's stores
  std::unique_ptr<ServerProcess> p(new ServerProcess());
  std::random_device rd;
  p->dir_ = (fs::temp_directory_path() / ("drieluik-serve-" + std::to_string(rd()))).string();
  fs::create_directories(p->dir_);
  std::string port_file = p->dir_ + "/port";
  std::vector<std::string> args = {binary,   "serve",     "--database", database_url, "--port",
                                   "0",      "--port-file", port_file,  "--data",     p->dir_};
  for (auto& e : extra) args.push_back(e);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return Status::Unavailable("fork failed");
  if (pid == 0) {
    int out = ::open(log_path.empty() ? "/dev/null" : log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  p->pid_ = pid;
  for (int i = 0; i < 400; ++i) {
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      p->pid_ = -1;
      return Status::Unavailable("drieluik serve exited during start (see " +
                                 (log_path.empty() ? std::string("its output") : log_path) + ")");
    }
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      HttpClient c("127.0.0.1", port, 2000);
      auto r = c.Request("GET", "/api/v1/health");
      if (r.ok() && r->status == 200) {
        p->port_ = port;
        return p;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::Unavailable("drieluik serve did not come up within 20 s");
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

bool ServerProcess::Stop() {
  if (pid_ <= 0) return false;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 200; ++i) {
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  return false;
}

long ServerProcess::RssKiB() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

}  // namespace drieluik::testing
