#include "web/http/test_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <gtest/gtest.h>

namespace drieluik::web::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

RunningServer::RunningServer(ServerOptions options, const Router& router)
    : server_(std::move(options), router) {
  Status status = server_.Start();
  EXPECT_TRUE(status.ok()) << status.ToString();
  thread_ = std::thread([this] {
    server_.Run();
    stopped_ = true;
  });
}

RunningServer::~RunningServer() { StopAndJoin(); }

void RunningServer::StopAndJoin() {
  server_.Stop();
  if (thread_.joinable()) thread_.join();
}

struct Connection::Rep {
  asio::io_context ioc;
  tcp::socket socket{ioc};
  beast::flat_buffer buffer;
  bool connected = false;
};

Connection::Connection(uint16_t port, std::chrono::milliseconds receive_timeout)
    : rep_(std::make_unique<Rep>()) {
  beast::error_code ec;
  rep_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return;
  rep_->connected = true;
  timeval tv{};
  tv.tv_sec = static_cast<long>(receive_timeout.count() / 1000);
  tv.tv_usec = static_cast<long>((receive_timeout.count() % 1000) * 1000);
  ::setsockopt(rep_->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

Connection::~Connection() = default;

bool Connection::connected() const { return rep_->connected; }

bool Connection::Send(const std::string& bytes) {
  beast::error_code ec;
  asio::write(rep_->socket, asio::buffer(bytes), ec);
  return !ec;
}

std::optional<ClientResponse> Connection::Read(bool head) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(head);
  beast::error_code ec;
  http::read(rep_->socket, rep_->buffer, parser, ec);
  if (ec) return std::nullopt;
  auto& message = parser.get();
  ClientResponse out;
  out.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = std::move(message.body());
  return out;
}

std::string Connection::ReadAll() {
  std::string out(static_cast<const char*>(rep_->buffer.data().data()), rep_->buffer.size());
  rep_->buffer.consume(rep_->buffer.size());
  char chunk[4096];
  while (true) {
    beast::error_code ec;
    std::size_t n = rep_->socket.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) break;
  }
  return out;
}

bool Connection::ClosedByServer() {
  char chunk[4096];
  while (true) {
    beast::error_code ec;
    rep_->socket.read_some(asio::buffer(chunk), ec);
    if (ec == asio::error::eof || ec == asio::error::connection_reset) return true;
    if (ec) return false;  // timeout
  }
}

std::string RequestText(const std::string& method, const std::string& target,
                        const std::string& extra_headers, const std::string& body) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
  if (!body.empty() || method == "POST" || method == "PUT") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return out + "\r\n" + body;
}

std::optional<ClientResponse> Fetch(uint16_t port, const std::string& method,
                                    const std::string& target, const std::string& extra_headers,
                                    const std::string& body) {
  Connection connection(port);
  if (!connection.connected()) return std::nullopt;
  if (!connection.Send(RequestText(method, target, extra_headers, body))) return std::nullopt;
  return connection.Read(method == "HEAD");
}

}  // namespace drieluik::web::testing
