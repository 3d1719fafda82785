#include "support/fake_smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace drieluik::testing {
namespace {

void SendLine(int fd, const std::string& line) {
  std::string out = line + "\r\n";
  (void)!::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
}

// Reads one CRLF-terminated line into `line` (without CRLF); false on EOF, error or 10 s
// of silence.
bool ReadLine(int fd, std::string& buffer, std::string& line) {
  while (true) {
    auto pos = buffer.find("\r\n");
    if (pos != std::string::npos) {
      line = buffer.substr(0, pos);
      buffer.erase(0, pos + 2);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string Angle(const std::string& arg) {
  auto open = arg.find('<');
  auto close = arg.find('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return arg;
  return arg.substr(open + 1, close - open - 1);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

FakeSmtpServer::FakeSmtpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake smtp: socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("fake smtp: bind/listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
  stop_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  if (thread_.joinable()) thread_.join();
}

void FakeSmtpServer::Refuse(const std::string& address) {
  std::lock_guard lock(mu_);
  refuse_.insert(address);
}

std::vector<ReceivedMail> FakeSmtpServer::WaitFor(std::size_t n, int seconds) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::seconds(seconds), [&] { return received_.size() >= n; });
  return received_;
}

void FakeSmtpServer::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    Session(fd);
    ::close(fd);
  }
}

void FakeSmtpServer::Session(int fd) {
  std::string buffer, line;
  ReceivedMail mail;
  SendLine(fd, "220 fake.smtp.test ESMTP");
  while (ReadLine(fd, buffer, line)) {
    std::string verb = Upper(line.substr(0, line.find(' ')));
    if (verb == "EHLO") {
      SendLine(fd, "250-fake.smtp.test");
      SendLine(fd, "250 8BITMIME");
    } else if (verb == "HELO") {
      SendLine(fd, "250 fake.smtp.test");
    } else if (Upper(line).starts_with("MAIL FROM:")) {
      mail = {};
      mail.mail_from = Angle(line.substr(10));
      SendLine(fd, "250 OK");
    } else if (Upper(line).starts_with("RCPT TO:")) {
      std::string to = Angle(line.substr(8));
      bool refused;
      {
        std::lock_guard lock(mu_);
        refused = refuse_.count(to) > 0;
      }
      if (refused) {
        SendLine(fd, "550 no such user");
      } else {
        mail.rcpt_to.push_back(to);
        SendLine(fd, "250 OK");
      }
    } else if (verb == "DATA") {
      SendLine(fd, "354 end with <CRLF>.<CRLF>");
      std::string data;
      while (ReadLine(fd, buffer, line) && line != ".")
        data += (line.starts_with(".") ? line.substr(1) : line) + "\r\n";
      mail.data = data;
      {
        std::lock_guard lock(mu_);
        received_.push_back(mail);
      }
      cv_.notify_all();
      SendLine(fd, "250 OK queued");
    } else if (verb == "QUIT") {
      SendLine(fd, "221 bye");
      return;
    } else if (verb == "RSET" || verb == "NOOP") {
      SendLine(fd, "250 OK");
    } else {
      SendLine(fd, "502 command not implemented");
    }
  }
}

}  // namespace drieluik::testing
