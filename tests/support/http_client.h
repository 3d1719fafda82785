// A minimal blocking HTTP/1.1 client over one keep-alive TCP connection, for tests and
// benchmarks that drive a real drieluik server on loopback. Not thread-safe: one client
// per thread.
#pragma once

#include <string>

#include "base/status.h"

namespace drieluik::testing {

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpClient {
 public:
  HttpClient(std::string host, int port, int timeout_ms = 10000);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Sends one request and reads the whole response. Connects (again) when needed.
  /// Unavailable when the server cannot be reached or the connection breaks before a
  /// complete response (the request may or may not have been processed then).
  Result<HttpResponse> Request(const std::string& method, const std::string& target, const std::string& body = "");
  void Close();
  /// Sends "Authorization: Bearer <token>" with every request from now on.
  void SetBearer(std::string token) { bearer_ = std::move(token); }

 private:
  Status Connect();
  std::string host_;
  int port_;
  int timeout_ms_;
  int fd_ = -1;
  std::string bearer_;
  std::string buffer_;  // bytes received beyond the last response
};

}  // namespace drieluik::testing
