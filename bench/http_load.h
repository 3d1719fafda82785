// A bounded HTTP load generator for benchmarks: N keep-alive connections to one
// server on 127.0.0.1, each sending its next request as soon as the previous response
// arrived (closed loop), for a duration or a total number of requests. Each request
// comes from a callback, so a benchmark can vary targets and bodies. Reports
// requests/s, latency percentiles and errors.
//
// Not thread-safe itself: call RunLoad from one thread; it blocks until done.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace drieluik::bench {

struct LoadRequest {
  std::string method = "GET";
  std::string target = "/";
  std::string body;
  std::string content_type = "application/json";  // sent only with a body
  std::vector<std::pair<std::string, std::string>> headers;
};

struct LoadOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  int connections = 64;
  /// Run this long. Default when neither limit is set: 1 s.
  std::chrono::milliseconds duration{0};
  /// Or stop after this many requests in total; whichever limit comes first.
  std::size_t requests = 0;
  /// Client I/O threads.
  int threads = 1;
  /// A request that takes longer counts as an error and its connection is reopened.
  std::chrono::milliseconds timeout{10000};
  /// Makes request number index (from 0). Called under a lock, so it need not be
  /// thread-safe. Default: GET /.
  std::function<LoadRequest(std::size_t index)> next;
};

struct LoadResult {
  std::size_t requests = 0;     // responses received (any status)
  std::size_t errors = 0;       // connect/read/write failures, timeouts, 5xx responses
  std::size_t client_errors = 0;  // 4xx responses
  double seconds = 0;
  double requests_per_second = 0;  // responses received / seconds
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

/// Runs the load; see LoadOptions. Requires: options.port set, connections >= 1.
LoadResult RunLoad(const LoadOptions& options);

/// "12345 req/s  p50 0.81 ms  p99 2.10 ms  max 5.00 ms  errors 0  4xx 0  (n=37035, 3.00 s)"
std::string FormatLoadResult(const LoadResult& result);

}  // namespace drieluik::bench
