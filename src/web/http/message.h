// Request and Response: the plain structs that cross between the HTTP server and the
// handlers. The server parses the wire request into a Request (method, decoded path,
// decoded query, lower-case header names, body, peer address); a handler returns a
// Response, and the server adds Date, Server, Content-Length, Connection and the
// security headers before writing it. No Boost types appear here, so handlers and
// their tests compile without Beast.
//
// Plain values; a Request belongs to one handler call, a Response is copied or moved.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drieluik::web {

struct Request {
  std::string method;  // "GET", upper case as sent
  std::string target;  // raw request target, e.g. "/api/v1/signals?status=open"
  std::string path;    // percent-decoded path, without query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string remote_address;                      // "127.0.0.1"
  std::map<std::string, std::string> path_params;  // filled by the router from {name}

  /// The first value of the header, "" when absent. Requires: lower_name is lower case.
  std::string_view Header(std::string_view lower_name) const;
  /// The first value of the query parameter, nullopt when absent.
  std::optional<std::string> Query(std::string_view name) const;
  /// The path parameter the router bound to {name}, "" when absent.
  const std::string& PathParam(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // in order, as written
  std::string body;

  /// Replaces every header of that name (compared case-insensitively), or adds it.
  void SetHeader(std::string name, std::string value);
  /// The first value of the header (name compared case-insensitively), "" when absent.
  std::string_view GetHeader(std::string_view name) const;
  /// True when the header is present (name compared case-insensitively).
  bool HasHeader(std::string_view name) const;

  /// A response with Content-Type application/json; body must already be JSON.
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type);
  /// An RFC 9457 problem (application/problem+json):
  /// {"type":"https://drieluik.example/problems/<kind>","title":<title>,"status":<status>}.
  /// title is "Dutch / English"; kind a short slug such as "not-found".
  static Response Problem(int status, std::string_view kind, std::string_view title);
};

/// True when a and b are equal ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace drieluik::web
