#include "cli/pg_tools.h"

#include <fmt/core.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/exit_codes.h"
#include "store/postgres/postgres_store.h"

extern char** environ;

namespace drieluik::cli {

Result<std::string> FindPgTool(const std::string& name) {
  namespace fs = std::filesystem;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      fs::path p = fs::path(dir.empty() ? "." : dir) / name;
      if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
  }
  // Debian keeps the client programs per major version outside PATH; the newest one
  // can dump every older server.
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path p = e.path() / "bin" / name;
    if (::access(p.c_str(), X_OK) == 0) found.emplace_back(std::atoi(e.path().filename().c_str()), p);
  }
  if (found.empty()) return Status::NotFound(name + " not found (install the postgresql-client package)");
  return std::max_element(found.begin(), found.end())->second.string();
}

Status RunPgTool(const std::string& tool, const std::string& conninfo, std::vector<std::string> args) {
  auto path = FindPgTool(tool);
  if (!path.ok()) return path.status();
  auto [without_password, password] = store::postgres::SplitPassword(conninfo);
  args.insert(args.begin(), {*path, "--dbname=" + without_password});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_store;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env_store.emplace_back(*e);
  if (!password.empty()) env_store.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, path->c_str(), nullptr, nullptr, argv.data(), envp.data());
  if (rc != 0) return Status::Unavailable("cannot start " + *path);
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return Status::Unavailable("lost " + tool);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Status::Unavailable(tool + " failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
  return Status::Ok();
}

int ReportFailure(const Status& s) {
  fmt::print(stderr, "drieluik: fout / error: {}\n", s.message());
  for (const auto& f : s.fields()) fmt::print(stderr, "  {}: {}\n", f.pointer, f.key);
  return ExitCodeFor(s);
}

}  // namespace drieluik::cli
