// Signal-intake benchmark (issue "Foundation", benchmark): starts the real drieluik
// binary on a fresh SQLite database in a temporary directory, then puts a bounded load
// of 64 keep-alive connections on 127.0.0.1 against POST /api/v1/signals and against
// GET /api/v1/health of the same server, one after the other in one run, and prints
// requests/s, p50 and p99 of each and the ratio intake/health.
//
// Usage: intake_bench [--bin build/src/cli/drieluik] [--seconds 5] [--connections 64]
//                     [--database URL]
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/http_load.h"
#include "support/test_accounts.h"

extern char** environ;

namespace {

const char* kSignal =
    R"({"channel":"professional","municipality":"GM1950","organisation":"gem-westerwolde",)"
    R"("reporter":{"anonymous":false,"name":"Anja Bakker","professional":true},)"
    R"("summary":"Arbeidsmigranten slapen in loods","description":"Twaalf matrassen in een loods; paspoorten bij het uitzendbureau.",)"
    R"("forms":["ARBEID"],"indicators":[{"code":"ILO07","note":"paspoorten ingenomen"}],"vulnerableGroups":["labour_migrant"],)"
    R"("persons":[{"role":"possible_victim","name":"Piotr K.","estimatedAge":30,"nationality":"PL"}],)"
    R"("addresses":[{"street":"Hoofdstraat","houseNumber":"12a","postcode":"9561 AB","city":"Ter Apel"}]})";

}  // namespace

int main(int argc, char** argv) {
  std::string bin = "build/src/cli/drieluik", database;
  int seconds = 5, connections = 64;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--bin")) bin = argv[i + 1];
    else if (!std::strcmp(argv[i], "--seconds")) seconds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--connections")) connections = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--database")) database = argv[i + 1];
  }
  auto dir = std::filesystem::temp_directory_path() / ("drieluik-intake-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string port_file = (dir / "port").string();
  if (database.empty()) database = "sqlite:" + (dir / "bench.db").string();
  // A database with its key file (encryption at rest), as `make run` makes it.
  auto init = drieluik::testing::RunCommand(bin, "init --database '" + database + "' --data " + dir.string());
  if (init.exit_code != 0) {
    std::fprintf(stderr, "init failed: %s\n", init.output.c_str());
    return 1;
  }
  // Intake as a partner system would do it: with an API token (user "bench.intake").
  std::string bearer;
  try {
    bearer = drieluik::testing::CreateTestToken(bin, database, "ketenregisseur", "bench.intake");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::vector<std::string> args = {bin, "serve", "--database", database, "--data", dir.string(), "--port", "0",
                                   "--port-file", port_file, "--ui", (dir / "none").string()};
  std::vector<char*> av;
  for (auto& a : args) av.push_back(a.data());
  av.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  std::string log = (dir / "server.log").string();
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid;
  if (posix_spawn(&pid, bin.c_str(), &fa, nullptr, av.data(), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", bin.c_str());
    return 1;
  }
  int port = 0;
  for (int i = 0; i < 500 && !port; ++i) {
    std::ifstream in(port_file);
    if (!(in >> port)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!port) {
    std::fprintf(stderr, "server did not start; see %s\n", log.c_str());
    kill(pid, SIGKILL);
    return 1;
  }

  drieluik::bench::LoadOptions o;
  o.port = static_cast<uint16_t>(port);
  o.connections = connections;
  o.duration = std::chrono::seconds(seconds);
  o.threads = 1;
  o.next = [bearer](std::size_t) {
    drieluik::bench::LoadRequest r;
    r.method = "POST";
    r.target = "/api/v1/signals";
    r.headers = {{"Authorization", "Bearer " + bearer}};
    r.body = kSignal;
    return r;
  };
  auto intake = drieluik::bench::RunLoad(o);
  o.next = [](std::size_t) {
    drieluik::bench::LoadRequest r;
    r.target = "/api/v1/health";
    return r;
  };
  auto health = drieluik::bench::RunLoad(o);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  std::printf("signal intake benchmark: %d connections, %d s each, %s\n", connections, seconds,
              database.rfind("sqlite:", 0) == 0 ? "SQLite (WAL, synchronous=FULL)" : "PostgreSQL");
  std::printf("POST /api/v1/signals : %s\n", drieluik::bench::FormatLoadResult(intake).c_str());
  std::printf("GET  /api/v1/health  : %s\n", drieluik::bench::FormatLoadResult(health).c_str());
  std::printf("ratio intake/health  : %.3f (requests/s)\n",
              health.requests_per_second > 0 ? intake.requests_per_second / health.requests_per_second : 0.0);
  std::filesystem::remove_all(dir);
  return intake.errors == 0 && health.errors == 0 ? 0 : 1;
}
