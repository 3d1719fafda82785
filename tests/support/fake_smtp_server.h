// FakeSmtpServer: the outside world's SMTP relay for tests, on 127.0.0.1 with a free port.
// It speaks enough of RFC 5321 for a client without TLS (EHLO/HELO, MAIL, RCPT, DATA, RSET,
// NOOP, QUIT), serves one connection at a time on its own thread, records every message
// it accepts, and refuses recipients listed in `refuse` with 550. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace drieluik::testing {

struct ReceivedMail {
  std::string mail_from;             // the envelope sender, without < >
  std::vector<std::string> rcpt_to;  // the envelope recipients, without < >
  std::string data;                  // the message as sent, dot-stuffing undone, CRLF kept
};

class FakeSmtpServer {
 public:
  FakeSmtpServer();
  ~FakeSmtpServer();

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  /// Recipients the server refuses with "550 no such user".
  void Refuse(const std::string& address);
  /// Waits up to `seconds` until at least n messages arrived; the messages so far.
  std::vector<ReceivedMail> WaitFor(std::size_t n, int seconds = 10);

 private:
  void Serve();
  void Session(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::set<std::string> refuse_;
  std::vector<ReceivedMail> received_;
  std::thread thread_;
};

}  // namespace drieluik::testing
