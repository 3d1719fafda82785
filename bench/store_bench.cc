// drieluik_store_bench: the figures of issue 6, SQLite and PostgreSQL side by side in one
// run, each against a real `drieluik serve` on loopback:
//   intake      POST /api/v1/signals from 64 keep-alive connections: requests/s, p50, p99
//   list        GET /api/v1/signals with filters over a large dataset (loaded straight
//               through the store): p50 and p99 per kind of query
//   crash       the crash-safety experiment: kills, acknowledged, found, lost, half-written
//   memory      server VmRSS at rest and the peak under intake load
// PostgreSQL runs when DRIELUIK_TEST_PG names a server (as `make test` sets it; each part
// gets its own database). Usage:
//   drieluik_store_bench [--signals N] [--seconds S] [--connections C] [--kills K]
#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "bench/http_load.h"
#include "store_bench_data.h"
#include "support/crash_harness.h"
#include "support/http_client.h"
#include "support/test_accounts.h"
#include "support/server_process.h"
#include "support/test_store.h"

namespace drieluik::bench {
namespace {

using Clock = std::chrono::steady_clock;
using testing::HttpClient;
using testing::ServerProcess;
using testing::TestStore;

struct Options {
  std::int64_t signals = 1000000;
  int seconds = 10;
  int connections = 64;
  int kills = 20;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

// Results of one backend, by row name, printed side by side at the end.
using Column = std::map<std::string, std::string>;

void Fail(Column& col, const std::string& what, const Status& s) {
  col["failed: " + what] = "yes";
  fmt::print(stderr, "{}: {}\n", what, s.ToString());
}

void Intake(const std::string& backend, const Options& o, Column& col) {
  TestStore db(backend);
  db.Close();  // the server owns the database
  const std::string bearer = testing::CreateTestToken(DRIELUIK_BIN, db.url(), "ketenregisseur", "bench.intake");
  auto server = ServerProcess::Start(DRIELUIK_BIN, db.url());
  if (!server.ok()) return Fail(col, "intake: server", server.status());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  col["rss at rest, empty (MiB)"] = fmt::format("{:.1f}", (*server)->RssKiB() / 1024.0);

  // bench/http_load: 64 keep-alive connections, closed loop, each POST a new signal.
  LoadOptions lo;
  lo.port = static_cast<uint16_t>((*server)->port());
  lo.connections = o.connections;
  lo.duration = std::chrono::seconds(o.seconds);
  lo.threads = 2;
  lo.next = [bearer](std::size_t i) {
    LoadRequest r;
    r.method = "POST";
    r.target = "/api/v1/signals";
    r.headers = {{"Authorization", "Bearer " + bearer}};
    r.body = testing::SignalBody("bench" + std::to_string(i));
    return r;
  };
  LoadResult result;
  std::atomic<bool> done{false};
  std::thread load([&] {
    result = RunLoad(lo);
    done = true;
  });
  long peak = 0;
  while (!done) {
    peak = std::max(peak, (*server)->RssKiB());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  load.join();
  col["intake requests/s"] = fmt::format("{:.0f}", result.requests_per_second);
  col["intake p50 (ms)"] = fmt::format("{:.1f}", result.p50_ms);
  col["intake p99 (ms)"] = fmt::format("{:.1f}", result.p99_ms);
  col["intake errors (5xx, transport / 4xx)"] = fmt::format("{} / {}", result.errors, result.client_errors);
  col["rss peak under intake (MiB)"] = fmt::format("{:.1f}", peak / 1024.0);
}

void List(const std::string& backend, const Options& o, Column& col) {
  TestStore db(backend);
  auto t0 = Clock::now();
  Status g = GenerateSignals(*db.store(), o.signals);
  if (!g.ok()) return Fail(col, "list: generate", g);
  col["load dataset (s)"] = fmt::format("{:.0f}", std::chrono::duration<double>(Clock::now() - t0).count());
  db.Close();
  const std::string bearer = testing::CreateTestToken(DRIELUIK_BIN, db.url(), "ketenregisseur", "bench.list");
  auto server = ServerProcess::Start(DRIELUIK_BIN, db.url());
  if (!server.ok()) return Fail(col, "list: server", server.status());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  col["rss at rest, dataset (MiB)"] = fmt::format("{:.1f}", (*server)->RssKiB() / 1024.0);

  HttpClient http("127.0.0.1", (*server)->port(), 60000);
  http.SetBearer(bearer);
  std::mt19937 rng(7);
  const char* statuses[] = {"new", "in_intake", "closed"};
  auto measure = [&](const std::string& name, auto make_target) {
    std::vector<double> ms;
    long bad = 0;
    for (int i = 0; i < 100; ++i) {
      std::string target = make_target();
      auto s = Clock::now();
      auto r = http.Request("GET", target);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
      if (!r.ok() || r->status != 200) {
        if (bad++ == 0)
          fmt::print(stderr, "{}: {} -> {}\n", name, target,
                     r.ok() ? std::to_string(r->status) + " " + r->body.substr(0, 300) : r.status().ToString());
      }
    }
    col[name] = fmt::format("{:.1f} / {:.1f}{}", Percentile(ms, 0.5), Percentile(ms, 0.99),
                            bad ? fmt::format(" ({} failed)", bad) : "");
  };
  measure("list newest 50 p50/p99 (ms)", [&] { return std::string("/api/v1/signals?limit=50"); });
  measure("list municipality+status p50/p99", [&] {
    return "/api/v1/signals?limit=50&municipality=" + MunicipalityCode(static_cast<int>(rng() % MunicipalityCount())) +
           "&status=" + statuses[rng() % 3];
  });
  measure("list form+year p50/p99", [&] {
    int y = 2016 + static_cast<int>(rng() % 10);
    return fmt::format("/api/v1/signals?limit=50&form=ORGAAN&from={}-01-01T00:00:00Z&to={}-01-01T00:00:00Z", y, y + 1);
  });
  measure("list text search p50/p99", [&] {
    return "/api/v1/signals?limit=50&q=" + SearchWords()[rng() % SearchWords().size()];
  });
  measure("list page 20 via cursor p50/p99", [&] {
    // The 20th page of one municipality: the cursor keeps each page an index range.
    std::string base = "/api/v1/signals?limit=50&municipality=" + MunicipalityCode(static_cast<int>(rng() % MunicipalityCount()));
    std::string cursor;
    for (int p = 0; p < 19; ++p) {
      auto r = http.Request("GET", base + (cursor.empty() ? "" : "&cursor=" + cursor));
      if (!r.ok()) break;
      auto j = nlohmann::json::parse(r->body, nullptr, false);
      if (j.is_discarded() || !j.contains("nextCursor") || !j["nextCursor"].is_string()) break;
      cursor = j["nextCursor"].get<std::string>();
    }
    return base + "&cursor=" + cursor;
  });
  col["rss after queries (MiB)"] = fmt::format("{:.1f}", (*server)->RssKiB() / 1024.0);
}

void Crash(const std::string& backend, const Options& o, Column& col) {
  TestStore db(backend);
  db.Close();
  testing::CrashOptions co;
  co.binary = DRIELUIK_BIN;
  co.database_url = db.url();
  co.rounds = o.kills;
  co.clients = 16;
  co.seed = 2026;
  auto t = testing::RunCrashRounds(co);
  if (!t.ok()) return Fail(col, "crash", t.status());
  col["crash kills"] = std::to_string(t->kills);
  col["crash acknowledged"] = std::to_string(t->acknowledged);
  col["crash found intact"] = std::to_string(t->found);
  col["crash lost"] = std::to_string(t->lost);
  col["crash damaged"] = std::to_string(t->damaged);
  col["crash half-written"] = std::to_string(t->half_written);
  col["crash stored (incl. unacknowledged)"] = std::to_string(t->stored);
  col["crash stored without link keys (acked)"] =
      fmt::format("{} ({})", t->without_link_keys, t->acknowledged_without_link_keys);
  for (const auto& p : t->problems) fmt::print(stderr, "crash ({}): {}\n", backend, p);
}

}  // namespace
}  // namespace drieluik::bench

int main(int argc, char** argv) {
  using namespace drieluik::bench;
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    long long v = std::atoll(argv[i + 1]);
    if (k == "--signals") o.signals = v;
    else if (k == "--seconds") o.seconds = static_cast<int>(v);
    else if (k == "--connections") o.connections = static_cast<int>(v);
    else if (k == "--kills") o.kills = static_cast<int>(v);
    else {
      fmt::print(stderr, "usage: {} [--signals N] [--seconds S] [--connections C] [--kills K]\n", argv[0]);
      return 2;
    }
  }
  std::vector<std::string> backends = {"sqlite"};
  const char* pg = std::getenv("DRIELUIK_TEST_PG");
  if (pg && *pg) backends.push_back("postgres");
  else fmt::print(stderr, "DRIELUIK_TEST_PG is not set: SQLite only\n");

  std::map<std::string, Column> cols;
  std::vector<std::string> order;
  for (const auto& b : backends) {
    fmt::print(stderr, "[{}] intake: {} connections, {} s\n", b, o.connections, o.seconds);
    Intake(b, o, cols[b]);
    fmt::print(stderr, "[{}] list: loading {} signals\n", b, o.signals);
    List(b, o, cols[b]);
    fmt::print(stderr, "[{}] crash: {} kills\n", b, o.kills);
    Crash(b, o, cols[b]);
  }
  for (const auto& b : backends)
    for (const auto& [k, v] : cols[b])
      if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);

  fmt::print("drieluik store benchmark: {} signals in the list dataset, intake {} connections × {} s, {} kills "
             "per backend\n\n",
             o.signals, o.connections, o.seconds, o.kills);
  fmt::print("{:<40}", "");
  for (const auto& b : backends) fmt::print("{:>22}", b);
  fmt::print("\n");
  for (const auto& k : order) {
    fmt::print("{:<40}", k);
    for (const auto& b : backends) fmt::print("{:>22}", cols[b].count(k) ? cols[b][k] : "-");
    fmt::print("\n");
  }
  return 0;
}
