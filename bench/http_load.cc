#include "bench/http_load.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace drieluik::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Shared {
  Shared(const LoadOptions& o, tcp::endpoint e) : options(o), endpoint(std::move(e)) {}
  const LoadOptions& options;
  tcp::endpoint endpoint;
  Clock::time_point end;  // time limit
  std::atomic<std::size_t> next_index{0};
  std::atomic<std::size_t> errors{0};
  std::atomic<std::size_t> client_errors{0};
  std::mutex next_mu;
  std::mutex results_mu;
  std::vector<double> latencies_ms;
};

// One connection's closed loop: connect, then request, response, request, ...
class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& ioc, Shared& shared)
      : stream_(asio::make_strand(ioc)), shared_(shared) {}

  ~Client() {
    std::lock_guard lock(shared_.results_mu);
    shared_.latencies_ms.insert(shared_.latencies_ms.end(), latencies_.begin(),
                                latencies_.end());
  }

  void Connect() {
    stream_.expires_after(shared_.options.timeout);
    stream_.async_connect(shared_.endpoint, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        self->shared_.errors++;
        if (!self->Finished()) self->Reconnect();
        return;
      }
      beast::error_code ignored;
      self->stream_.socket().set_option(tcp::no_delay(true), ignored);
      self->Next();
    });
  }

 private:
  bool Finished() const {
    std::size_t limit = shared_.options.requests;
    return Clock::now() >= shared_.end ||
           (limit > 0 && shared_.next_index.load() >= limit);
  }

  void Reconnect() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    buffer_.consume(buffer_.size());
    Connect();
  }

  void Next() {
    if (Clock::now() >= shared_.end) return;
    std::size_t index = shared_.next_index++;
    if (shared_.options.requests > 0 && index >= shared_.options.requests) return;
    LoadRequest spec;
    if (shared_.options.next) {
      std::lock_guard lock(shared_.next_mu);
      spec = shared_.options.next(index);
    }
    request_ = {};
    request_.method_string(spec.method);
    request_.target(spec.target);
    request_.version(11);
    request_.set(http::field::host, shared_.options.host);
    for (const auto& [name, value] : spec.headers) request_.set(name, value);
    if (!spec.body.empty()) request_.set(http::field::content_type, spec.content_type);
    request_.body() = std::move(spec.body);
    request_.prepare_payload();
    head_ = spec.method == "HEAD";

    started_ = Clock::now();
    stream_.expires_after(shared_.options.timeout);
    http::async_write(stream_, request_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->Failed();
                        self->Read();
                      });
  }

  void Read() {
    parser_.emplace();
    parser_->body_limit(256 << 20);
    parser_->skip(head_);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->Failed();
                       self->OnResponse();
                     });
  }

  void OnResponse() {
    stream_.expires_never();
    latencies_.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - started_).count());
    unsigned status = parser_->get().result_int();
    if (status >= 500) shared_.errors++;
    else if (status >= 400) shared_.client_errors++;
    if (!parser_->get().keep_alive()) {
      if (!Finished()) Reconnect();
      return;
    }
    Next();
  }

  void Failed() {
    shared_.errors++;
    if (!Finished()) Reconnect();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  bool head_ = false;
  Clock::time_point started_;
  std::vector<double> latencies_;
};

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

LoadResult RunLoad(const LoadOptions& options) {
  int threads = std::max(1, options.threads);
  asio::io_context ioc(threads);
  Shared shared(options, tcp::endpoint(asio::ip::make_address(options.host), options.port));
  auto duration = options.duration;
  if (duration.count() <= 0 && options.requests == 0) duration = std::chrono::seconds(1);
  auto start = Clock::now();
  shared.end = duration.count() > 0 ? start + duration : Clock::time_point::max();

  for (int i = 0; i < std::max(1, options.connections); ++i) {
    std::make_shared<Client>(ioc, shared)->Connect();
  }
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& thread : pool) thread.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  LoadResult result;
  std::vector<double> latencies;
  {
    std::lock_guard lock(shared.results_mu);
    latencies = std::move(shared.latencies_ms);
  }
  std::sort(latencies.begin(), latencies.end());
  result.requests = latencies.size();
  result.errors = shared.errors;
  result.client_errors = shared.client_errors;
  result.seconds = seconds;
  result.requests_per_second = seconds > 0 ? static_cast<double>(result.requests) / seconds : 0;
  result.p50_ms = Percentile(latencies, 0.50);
  result.p99_ms = Percentile(latencies, 0.99);
  result.max_ms = latencies.empty() ? 0 : latencies.back();
  return result;
}

std::string FormatLoadResult(const LoadResult& r) {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "%8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %zu  4xx %zu  "
                "(n=%zu, %.2f s)",
                r.requests_per_second, r.p50_ms, r.p99_ms, r.max_ms, r.errors, r.client_errors,
                r.requests, r.seconds);
  return buf;
}

}  // namespace drieluik::bench
