#include "web/http/server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <csignal>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "web/http/url.h"

namespace drieluik::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// Sent unless the handler set the header itself. The policy allows no inline script or
// style and no plugin, frame, <base> or foreign form target (issue 3 point 8).
constexpr std::array<std::pair<const char*, const char*>, 4> kSecurityHeaders = {{
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
}};
// Under TLS only: browsers must use https for the next year (RFC 6797).
constexpr const char* kHsts = "max-age=31536000; includeSubDomains";

// One connection's byte stream: plain TCP, or TLS over TCP. A minimal AsyncStream for
// Beast's http::async_read/async_write; the deadline and socket calls go to lowest().
class SessionStream {
 public:
  using executor_type = beast::tcp_stream::executor_type;

  SessionStream(tcp::socket socket, asio::ssl::context* tls) {
    if (tls) tls_.emplace(std::move(socket), *tls);
    else plain_.emplace(std::move(socket));
  }
  bool is_tls() const { return tls_.has_value(); }
  beast::tcp_stream& lowest() { return tls_ ? tls_->next_layer() : *plain_; }
  beast::ssl_stream<beast::tcp_stream>& tls() { return *tls_; }
  executor_type get_executor() { return lowest().get_executor(); }

  template <class MutableBuffers, class Handler>
  void async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    if (tls_) tls_->async_read_some(buffers, std::forward<Handler>(handler));
    else plain_->async_read_some(buffers, std::forward<Handler>(handler));
  }
  template <class ConstBuffers, class Handler>
  void async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    if (tls_) tls_->async_write_some(buffers, std::forward<Handler>(handler));
    else plain_->async_write_some(buffers, std::forward<Handler>(handler));
  }

 private:
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
};

// After a response that closes the connection, unread request bytes are read and
// dropped for at most this long (and this many bytes) before the socket closes, so that
// the client sees the response rather than a reset (nginx calls this lingering close).
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kLingerBytes = 1 << 20;

// IMF-fixdate (RFC 9110 section 5.6.7), independent of the C locale.
std::string HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t now = std::time(nullptr);
  std::tm t{};
  gmtime_r(&now, &t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[t.tm_wday],
                t.tm_mday, kMonths[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
  return buf;
}

// The still-encoded path of a request, for logs: it holds no query string and no
// control characters (the parser rejects them in targets).
std::string_view LogPath(const Request& request) {
  auto target = SplitTarget(request.target);
  return target ? target->raw_path : std::string_view("-");
}

bool IsHttpParseError(const beast::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_target).category();
}

// A header name is an RFC 9110 token; a value has no CR, LF or NUL.
bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token) return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// A header name fit for the log (control characters replaced).
std::string SafeName(std::string_view name) {
  std::string out(name.substr(0, 64));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

// Headers the server owns; a handler's values for them are ignored.
bool IsFramingHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Connection") ||
         EqualsIgnoreCase(name, "Transfer-Encoding") || EqualsIgnoreCase(name, "Keep-Alive");
}

}  // namespace

class Session;

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, const Router& router)
      : options_(std::move(options)),
        router_(router),
        ioc_(std::max(1, options_.io_threads)),
        strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        drain_timer_(strand_),
        accept_retry_timer_(strand_),
        pool_(static_cast<std::size_t>(std::max(1, options_.worker_threads))) {}

  ~Impl() {
    if (!ran_) {
      pool_.stop();
      pool_.join();
    }
  }

  Status Start();
  void Run();
  void Stop();
  void DoAccept();
  void BeginDrain();
  void CheckDrain();
  void Finish();
  void WaitForSignal();
  Response Handle(Request& request) const;

  void Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);
  std::vector<std::shared_ptr<Session>> Snapshot();
  std::size_t SessionCount() {
    std::lock_guard lock(sessions_mu_);
    return sessions_.size();
  }

  const ServerOptions options_;
  const Router& router_;
  std::optional<asio::ssl::context> tls_;  // set by Start() when options_.tls_cert_file is
  std::atomic<bool> stopping_{false};
  std::atomic<bool> handle_signals_{false};
  std::atomic<uint16_t> port_{0};
  bool ran_ = false;

  // Declared before ioc_: sessions destroyed while ioc_ shuts down unregister here.
  std::mutex sessions_mu_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;

  asio::io_context ioc_;
  // The acceptor, drain timer and signal set live on one strand.
  asio::strand<asio::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  asio::steady_timer drain_timer_;
  asio::steady_timer accept_retry_timer_;
  std::optional<asio::signal_set> signals_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  SteadyClock::time_point drain_deadline_;
  bool forced_ = false;
  // Declared after ioc_ so that it is joined before ioc_ is destroyed.
  asio::thread_pool pool_;
};

// One TCP connection: reads requests one at a time, hands each to the worker pool and
// writes the response. Every member is touched only on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server)
      : server_(server),
        stream_(std::move(socket), server.tls_ ? &*server.tls_ : nullptr),
        deadline_(stream_.get_executor()) {
    beast::error_code ec;
    auto endpoint = stream_.lowest().socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
    stream_.lowest().socket().set_option(tcp::no_delay(true), ec);
  }

  ~Session() { server_.Unregister(this); }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->stream_.is_tls()) self->Handshake();
      else self->WaitForRequest();
    });
  }

  /// The server is stopping: close when idle, else answer the current request with
  /// Connection: close.
  void OnServerStop() {
    stopping_ = true;
    if (phase_ == Phase::kIdle) Close();
  }

  /// The grace period is over.
  void ForceClose() { Close(); }

  auto executor() { return stream_.get_executor(); }

 private:
  enum class Phase { kIdle, kReading, kHandling, kWriting, kLingering, kClosed };

  // What the access log and the response need of the request being served.
  struct Current {
    std::string method = "-";
    std::string raw_path = "-";
    bool head = false;
    bool keep_alive = false;
    unsigned version = 11;
    SteadyClock::time_point started;
  };

  // TLS: the handshake must complete within read_timeout. A client speaking plain HTTP
  // to a TLS port fails it and is closed without an answer (it would not be TLS).
  void Handshake() {
    phase_ = Phase::kReading;
    ArmDeadline(server_.options_.read_timeout);
    stream_.tls().async_handshake(asio::ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
      self->DisarmDeadline();
      if (ec || self->phase_ == Phase::kClosed) {
        spdlog::debug("http: TLS-handshake mislukt / TLS handshake failed: {}", ec.message());
        self->Close();
        return;
      }
      self->WaitForRequest();
    });
  }

  void WaitForRequest() {
    if (phase_ == Phase::kClosed) return;
    if (stopping_ || server_.stopping_) {
      Close();
      return;
    }
    parser_.emplace();
    parser_->body_limit(server_.options_.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(server_.options_.max_header_bytes, UINT32_MAX)));
    current_ = Current{};
    if (buffer_.size() > 0) {  // a pipelined request is already here
      ReadRequest();
      return;
    }
    phase_ = Phase::kIdle;
    ArmDeadline(first_request_ ? server_.options_.read_timeout
                               : server_.options_.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          self->DisarmDeadline();
          if (ec || self->phase_ == Phase::kClosed) {
            self->Close();
            return;
          }
          self->buffer_.commit(n);
          self->ReadRequest();
        });
  }

  void ReadRequest() {
    phase_ = Phase::kReading;
    current_.started = SteadyClock::now();
    ArmDeadline(server_.options_.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  // A client that sent "Expect: 100-continue" waits for a go-ahead before the body
  // (curl does so for large bodies). A body over the limit was already refused by its
  // Content-Length, before this point.
  void OnHeader(beast::error_code ec) {
    if (ec || parser_->is_done()) {
      DisarmDeadline();
      OnRead(ec);
      return;
    }
    const auto& message = parser_->get();
    auto expect = message[http::field::expect];
    if (message.version() >= 11 &&
        EqualsIgnoreCase(std::string_view(expect.data(), expect.size()), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                          if (write_ec) {
                            self->DisarmDeadline();
                            self->OnRead(write_ec);
                            return;
                          }
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->DisarmDeadline();
                       self->OnRead(ec);
                     });
  }

  void OnRead(beast::error_code ec) {
    if (phase_ == Phase::kClosed) return;
    if (ec && timed_out_) {
      Fail(408, "request-timeout", "Verzoek duurde te lang / Request timeout");
      return;
    }
    if (ec == http::error::body_limit) {
      Fail(413, "request-too-large", "Verzoek te groot / Request too large");
      return;
    }
    if (ec == http::error::header_limit) {
      Fail(431, "headers-too-large",
           "Kopregels te groot / Request header fields too large");
      return;
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
      Close();
      return;
    }
    if (IsHttpParseError(ec)) {
      Fail(400, "bad-request", "Ongeldig verzoek / Bad request");
      return;
    }
    if (ec) {
      Close();
      return;
    }

    auto& message = parser_->get();
    // RFC 9112 section 3.2: an HTTP/1.1 request without Host gets 400.
    if (message.version() >= 11 && message.find(http::field::host) == message.end()) {
      Fail(400, "bad-request", "Ongeldig verzoek / Bad request");
      return;
    }
    current_.method = std::string(message.method_string());
    current_.head = message.method() == http::verb::head;
    current_.keep_alive = message.keep_alive();
    current_.version = message.version();

    Request request;
    request.method = current_.method;
    request.target = std::string(message.target());
    auto target = SplitTarget(request.target);
    if (target) current_.raw_path = std::string(target->raw_path);
    std::optional<std::string> path =
        target ? PercentDecode(target->raw_path, false) : std::nullopt;
    auto query = target ? ParseQuery(target->raw_query) : std::nullopt;
    if (!path || !query) {
      Fail(400, "bad-request", "Ongeldig verzoek / Bad request");
      return;
    }
    request.path = std::move(*path);
    request.query = std::move(*query);
    request.headers.reserve(std::distance(message.begin(), message.end()));
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address_;

    phase_ = Phase::kHandling;
    asio::post(server_.pool_, [self = shared_from_this(), request = std::move(request)]() mutable {
      Response response = self->server_.Handle(request);
      asio::post(self->executor(), [self, response = std::move(response)]() mutable {
        self->Write(std::move(response), false);
      });
    });
  }

  // Answers a request the server could not read, then closes.
  void Fail(int status, std::string_view kind, std::string_view title) {
    // The request line may have been parsed even when the headers failed (413 is found
    // from Content-Length): then the log can name method and path.
    if (parser_ && current_.method == "-" && !parser_->get().target().empty()) {
      const auto& message = parser_->get();
      current_.method = std::string(message.method_string());
      current_.version = message.version();
      if (auto target = SplitTarget(std::string_view(message.target().data(),
                                                     message.target().size()))) {
        current_.raw_path = std::string(target->raw_path);
      }
    }
    Write(Response::Problem(status, kind, title), true);
  }

  void Write(Response response, bool close) {
    if (phase_ == Phase::kClosed) return;
    bool keep_alive = current_.keep_alive && !close && !stopping_ && !server_.stopping_;
    response_.emplace();
    auto& res = *response_;
    res.version(current_.version);
    if (response.status < 100 || response.status > 599) {
      spdlog::error("http: handler voor / handler for {} {} gaf ongeldige status / returned "
                    "invalid status {}",
                    current_.method, current_.raw_path, response.status);
      response = Response::Problem(500, "internal", "Interne fout / Internal server error");
    }
    res.result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) {
      if (IsFramingHeader(name)) continue;
      if (!IsSafeHeader(name, value)) {
        // Response splitting: a CR or LF from user data must never reach the wire.
        spdlog::error("http: kopregel met stuurteken weggelaten / header with control "
                      "character dropped: {} on {} {}",
                      SafeName(name), current_.method, current_.raw_path);
        continue;
      }
      res.insert(name, value);
    }
    if (!response.HasHeader("Date")) res.set(http::field::date, HttpDate());
    if (!response.HasHeader("Server")) res.set(http::field::server, "drieluik");
    if (stream_.is_tls() && !response.HasHeader("Strict-Transport-Security"))
      res.insert("Strict-Transport-Security", kHsts);
    for (const auto& [name, value] : kSecurityHeaders) {
      if (!response.HasHeader(name)) res.insert(name, value);
    }
    res.keep_alive(keep_alive);
    bool no_body = response.status == 204 || response.status == 304 ||
                   (response.status >= 100 && response.status < 200);
    body_bytes_ = no_body || current_.head ? 0 : response.body.size();
    if (no_body) {
      // RFC 9110 section 8.6: no Content-Length with 1xx and 204.
    } else if (current_.head) {
      res.content_length(response.body.size());
    } else {
      res.body() = std::move(response.body);
      res.content_length(res.body().size());
    }
    status_ = response.status;
    close_after_write_ = !keep_alive;

    phase_ = Phase::kWriting;
    stream_.lowest().expires_after(server_.options_.write_timeout);
    http::async_write(stream_, res,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->OnWrite(ec);
                      });
  }

  void OnWrite(beast::error_code ec) {
    stream_.lowest().expires_never();
    auto duration = std::chrono::duration<double, std::milli>(SteadyClock::now() -
                                                             current_.started);
    // Never the query string or the body: they may hold personal data.
    spdlog::info("http {} {} {} {:.1f}ms {}B{}", current_.method, current_.raw_path, status_,
                 current_.started == SteadyClock::time_point{} ? 0.0 : duration.count(),
                 body_bytes_, ec ? " (write failed)" : "");
    response_.reset();
    if (phase_ == Phase::kClosed) return;
    if (ec) {
      Close();
      return;
    }
    first_request_ = false;
    if (close_after_write_) {
      Linger();
      return;
    }
    WaitForRequest();
  }

  // Half-closes, then reads and drops what the client still sends, then closes.
  void Linger() {
    beast::error_code ec;
    stream_.lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      Close();
      return;
    }
    phase_ = Phase::kLingering;
    buffer_.consume(buffer_.size());
    ArmDeadline(kLingerTime);
    LingerRead();
  }

  void LingerRead() {
    stream_.async_read_some(
        buffer_.prepare(16384),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          self->lingered_ += n;
          if (ec || self->phase_ == Phase::kClosed || self->lingered_ > kLingerBytes) {
            self->Close();
            return;
          }
          self->LingerRead();
        });
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    DisarmDeadline();
    beast::error_code ec;
    stream_.lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.lowest().socket().close(ec);
  }

  // The request-phase deadline. On expiry the socket's operations are cancelled (not
  // the socket closed, as beast::tcp_stream would), so that a 408 can still be sent.
  void ArmDeadline(std::chrono::milliseconds timeout) {
    ++deadline_generation_;
    timed_out_ = false;
    deadline_.expires_after(timeout);
    deadline_.async_wait(
        [self = shared_from_this(), generation = deadline_generation_](beast::error_code ec) {
          if (ec || generation != self->deadline_generation_) return;
          self->timed_out_ = true;
          beast::error_code ignored;
          self->stream_.lowest().socket().cancel(ignored);
        });
  }

  void DisarmDeadline() {
    ++deadline_generation_;
    deadline_.cancel();
  }

  HttpServer::Impl& server_;
  SessionStream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  asio::steady_timer deadline_;
  std::uint64_t deadline_generation_ = 0;
  bool timed_out_ = false;
  Phase phase_ = Phase::kIdle;
  bool stopping_ = false;
  bool first_request_ = true;
  bool close_after_write_ = false;
  int status_ = 0;
  std::size_t body_bytes_ = 0;
  std::size_t lingered_ = 0;
  std::string remote_address_;
  Current current_;
};

Status HttpServer::Impl::Start() {
  beast::error_code ec;
  if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty()) {
    if (options_.tls_cert_file.empty() || options_.tls_key_file.empty())
      return Status::InvalidArgument("TLS: certificaat en sleutel zijn allebei nodig / TLS needs both a certificate "
                                     "and a key (--tls-cert, --tls-key)");
    tls_.emplace(asio::ssl::context::tls_server);
    // TLS 1.2 and 1.3 only (BSI/NCSC guidance); no compression, no renegotiation.
    tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1 | asio::ssl::context::no_compression |
                          asio::ssl::context::single_dh_use,
                      ec);
    if (!ec) SSL_CTX_set_min_proto_version(tls_->native_handle(), TLS1_2_VERSION);
    if (!ec) tls_->use_certificate_chain_file(options_.tls_cert_file, ec);
    if (ec)
      return Status::InvalidArgument("TLS-certificaat / TLS certificate " + options_.tls_cert_file + ": " +
                                     ec.message());
    tls_->use_private_key_file(options_.tls_key_file, asio::ssl::context::pem, ec);
    if (ec)
      return Status::InvalidArgument("TLS-sleutel / TLS key " + options_.tls_key_file + ": " + ec.message());
    if (SSL_CTX_check_private_key(tls_->native_handle()) != 1)
      return Status::InvalidArgument("TLS-sleutel past niet bij het certificaat / TLS key does not match the "
                                     "certificate");
  }
  auto address = asio::ip::make_address(options_.bind, ec);
  if (ec) {
    return Status::Unavailable("ongeldig adres / invalid address \"" + options_.bind +
                               "\": " + ec.message());
  }
  tcp::endpoint endpoint(address, options_.port);
  std::string where = options_.bind + ":" + std::to_string(options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (ec == asio::error::address_in_use) {
    acceptor_.close(ec);
    return Status::Unavailable("kan niet luisteren op " + where +
                               ": adres al in gebruik / cannot listen on " + where +
                               ": address already in use");
  }
  if (!ec) acceptor_.listen(options_.backlog, ec);
  if (ec) {
    std::string message = ec.message();
    acceptor_.close(ec);
    return Status::Unavailable("kan niet luisteren op " + where + " / cannot listen on " +
                               where + ": " + message);
  }
  port_ = acceptor_.local_endpoint(ec).port();
  spdlog::info("http: luistert op / listening on {}:{}{}", options_.bind, port_.load(), tls_ ? " (TLS)" : "");
  return Status::Ok();
}

void HttpServer::Impl::Run() {
  if (!acceptor_.is_open()) {
    spdlog::error("http: Run() zonder geslaagde Start() / Run() without a successful Start()");
    return;
  }
  ran_ = true;
  work_.emplace(ioc_.get_executor());
  // No I/O thread runs yet, so the strand's objects may be set up from here; the signal
  // handlers are in place before the first request can be served.
  if (handle_signals_) {
    signals_.emplace(strand_, SIGINT, SIGTERM);
    WaitForSignal();
  }
  if (!stopping_) DoAccept();
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& thread : threads) thread.join();
  // Handlers still running finish before Run returns (the caller may then close the
  // database); queued ones whose connections are gone are dropped.
  pool_.stop();
  pool_.join();
  spdlog::info("http: gestopt / stopped");
}

void HttpServer::Impl::WaitForSignal() {
  signals_->async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    if (!stopping_) {
      spdlog::info("http: signaal {} ontvangen, stoppen / signal {} received, stopping", signal,
                   signal);
      Stop();
    } else {
      // A second signal: do not wait for the rest of the grace period.
      drain_deadline_ = SteadyClock::now();
    }
    WaitForSignal();
  });
}

void HttpServer::Impl::DoAccept() {
  acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec,
                                                         tcp::socket socket) {
    if (stopping_ || !acceptor_.is_open()) return;
    if (ec) {
      // Out of file descriptors and the like: back off instead of spinning.
      spdlog::warn("http: accept mislukt / accept failed: {}", ec.message());
      accept_retry_timer_.expires_after(std::chrono::milliseconds(50));
      accept_retry_timer_.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec && !stopping_) DoAccept();
      });
      return;
    }
    if (SessionCount() >= options_.max_connections) {
      spdlog::warn("http: te veel verbindingen / too many connections ({}), verbinding gesloten",
                   options_.max_connections);
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      auto session = std::make_shared<Session>(std::move(socket), *this);
      Register(session);
      session->Start();
    }
    DoAccept();
  });
}

void HttpServer::Impl::Stop() {
  if (stopping_.exchange(true)) return;
  asio::post(strand_, [this] { BeginDrain(); });
}

void HttpServer::Impl::BeginDrain() {
  beast::error_code ec;
  acceptor_.close(ec);
  accept_retry_timer_.cancel();
  for (auto& session : Snapshot()) {
    asio::post(session->executor(), [session] { session->OnServerStop(); });
  }
  drain_deadline_ = SteadyClock::now() + options_.shutdown_grace;
  CheckDrain();
}

void HttpServer::Impl::CheckDrain() {
  auto now = SteadyClock::now();
  if (SessionCount() == 0) {
    Finish();
    return;
  }
  if (!forced_ && now >= drain_deadline_) {
    forced_ = true;
    spdlog::warn("http: {} verbindingen na de wachttijd gesloten / connections closed after "
                 "the grace period",
                 SessionCount());
    for (auto& session : Snapshot()) {
      asio::post(session->executor(), [session] { session->ForceClose(); });
    }
    drain_deadline_ = now + std::chrono::seconds(1);
  } else if (forced_ && now >= drain_deadline_) {
    Finish();
    return;
  }
  drain_timer_.expires_after(std::chrono::milliseconds(10));
  drain_timer_.async_wait([this](beast::error_code ec) {
    if (!ec) CheckDrain();
  });
}

void HttpServer::Impl::Finish() {
  if (signals_) {
    beast::error_code ec;
    signals_->cancel(ec);
  }
  work_.reset();
  ioc_.stop();
}

Response HttpServer::Impl::Handle(Request& request) const {
  try {
    return router_.Dispatch(request);
  } catch (const nlohmann::json::exception& e) {
    // Its what() may quote the request body: log only the id.
    spdlog::error("http: handler voor / handler for {} {} gooide / threw json exception {}",
                  request.method, LogPath(request), e.id);
  } catch (const std::exception& e) {
    spdlog::error("http: handler voor / handler for {} {} gooide / threw {}: {}",
                  request.method, LogPath(request), typeid(e).name(), e.what());
  } catch (...) {
    spdlog::error("http: handler voor / handler for {} {} gooide / threw an unknown exception",
                  request.method, LogPath(request));
  }
  return Response::Problem(500, "internal", "Interne fout / Internal server error");
}

void HttpServer::Impl::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mu_);
  sessions_.emplace(session.get(), session);
}

void HttpServer::Impl::Unregister(Session* session) {
  std::lock_guard lock(sessions_mu_);
  sessions_.erase(session);
}

std::vector<std::shared_ptr<Session>> HttpServer::Impl::Snapshot() {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(sessions_mu_);
  out.reserve(sessions_.size());
  for (auto& [ptr, weak] : sessions_) {
    if (auto session = weak.lock()) out.push_back(std::move(session));
  }
  return out;
}

HttpServer::HttpServer(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Start() { return impl_->Start(); }
uint16_t HttpServer::port() const { return impl_->port_; }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::HandleSignals(bool on) { impl_->handle_signals_ = on; }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace drieluik::web
