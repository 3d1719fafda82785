#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace drieluik::testing {

HttpClient::HttpClient(std::string host, int port, int timeout_ms)
    : host_(std::move(host)), port_(port), timeout_ms_(timeout_ms) {}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

Status HttpClient::Connect() {
  Close();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return Status::Unavailable("socket");
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval tv{timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  ::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Close();
    return Status::Unavailable("connect: " + std::string(std::strerror(errno)));
  }
  return Status::Ok();
}

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Result<HttpResponse> HttpClient::Request(const std::string& method, const std::string& target,
                                         const std::string& body) {
  if (fd_ < 0) DRIELUIK_RETURN_IF_ERROR(Connect());
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\nConnection: keep-alive\r\n";
  if (!bearer_.empty()) req += "Authorization: Bearer " + bearer_ + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  for (std::size_t sent = 0; sent < req.size();) {
    ssize_t n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      Close();
      return Status::Unavailable("send failed");
    }
    sent += static_cast<std::size_t>(n);
  }
  auto fill = [&]() -> bool {
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) {
      Close();
      return Status::Unavailable("connection closed before the response");
    }
  std::string head = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);
  HttpResponse resp;
  if (head.size() < 12 || head.rfind("HTTP/1.", 0) != 0) {
    Close();
    return Status::Internal("malformed status line");
  }
  resp.status = std::atoi(head.c_str() + 9);
  std::string lower = Lower(head);
  bool close_after = lower.find("\r\nconnection: close") != std::string::npos;
  auto cl = lower.find("\r\ncontent-length:");
  if (cl != std::string::npos) {
    std::size_t len = std::strtoull(head.c_str() + cl + 17, nullptr, 10);
    while (buffer_.size() < len)
      if (!fill()) {
        Close();
        return Status::Unavailable("connection closed in the body");
      }
    resp.body = buffer_.substr(0, len);
    buffer_.erase(0, len);
  } else if (lower.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    while (true) {
      std::size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos)
        if (!fill()) return Close(), Status::Unavailable("connection closed in a chunk");
      std::size_t size = std::strtoull(buffer_.c_str(), nullptr, 16);
      while (buffer_.size() < eol + 2 + size + 2)
        if (!fill()) return Close(), Status::Unavailable("connection closed in a chunk");
      resp.body += buffer_.substr(eol + 2, size);
      buffer_.erase(0, eol + 2 + size + 2);
      if (size == 0) break;
    }
  }
  if (close_after) Close();
  return resp;
}

}  // namespace drieluik::testing
