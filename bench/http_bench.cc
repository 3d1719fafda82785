// HTTP server benchmark: an in-process HttpServer with a trivial GET /health route,
// loaded over loopback by bench/http_load, side by side: one connection, 64
// keep-alive connections, and 64 connections with the access log written (to
// /dev/null) as in production. Proves the harness; real-endpoint benchmarks build on it.
//
//   drieluik_http_bench [seconds per run, default 3]
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "bench/http_load.h"
#include "web/http/server.h"

namespace {

using drieluik::bench::FormatLoadResult;
using drieluik::bench::LoadOptions;
using drieluik::bench::LoadRequest;
using drieluik::bench::LoadResult;
using drieluik::bench::RunLoad;

LoadResult Measure(uint16_t port, int connections, std::chrono::milliseconds duration) {
  LoadOptions options;
  options.port = port;
  options.connections = connections;
  options.duration = duration;
  options.next = [](std::size_t) {
    LoadRequest r;
    r.target = "/api/v1/health";
    return r;
  };
  return RunLoad(options);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  auto duration = std::chrono::milliseconds(static_cast<long>(seconds * 1000));

  drieluik::web::Router router;
  router.Add("GET", "/api/v1/health", [](drieluik::web::Request&) {
    return drieluik::web::Response::Json(200, R"({"status":"ok"})");
  });
  drieluik::web::ServerOptions server_options;
  server_options.port = 0;
  drieluik::web::HttpServer server(server_options, router);
  auto null_logger = std::make_shared<spdlog::logger>(
      "null", std::make_shared<spdlog::sinks::null_sink_mt>());
  null_logger->set_level(spdlog::level::off);
  spdlog::set_default_logger(null_logger);
  if (auto status = server.Start(); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  std::thread runner([&] { server.Run(); });

  std::printf("HttpServer GET /api/v1/health on 127.0.0.1, io_threads %d, worker_threads %d, "
              "%.1f s per run, client on 1 thread (machine: %u cores)\n",
              server_options.io_threads, server_options.worker_threads, seconds,
              std::thread::hardware_concurrency());
  Measure(server.port(), 8, std::chrono::milliseconds(300));  // warm up
  LoadResult one = Measure(server.port(), 1, duration);
  std::printf("  1 connection                 %s\n", FormatLoadResult(one).c_str());
  LoadResult many = Measure(server.port(), 64, duration);
  std::printf("  64 connections               %s\n", FormatLoadResult(many).c_str());
  spdlog::set_default_logger(spdlog::basic_logger_mt("access", "/dev/null"));
  LoadResult logged = Measure(server.port(), 64, duration);
  std::printf("  64 connections, access log   %s\n", FormatLoadResult(logged).c_str());
  std::printf("ratios: 64/1 connections throughput %.2fx; access log costs %.1f%% throughput\n",
              one.requests_per_second > 0 ? many.requests_per_second / one.requests_per_second : 0,
              many.requests_per_second > 0
                  ? 100.0 * (1.0 - logged.requests_per_second / many.requests_per_second)
                  : 0);

  server.Stop();
  runner.join();
  return many.errors == 0 && one.errors == 0 ? 0 : 1;
}
