#include "store/postgres/postgres_pool.h"

namespace drieluik::store::postgres {

// The password of a URL ("postgresql://user:PASS@host") or conninfo ("password=PASS").
std::string PasswordOf(const std::string& conninfo) {
  if (conninfo.rfind("postgresql://", 0) == 0 || conninfo.rfind("postgres://", 0) == 0) {
    auto start = conninfo.find("://") + 3;
    auto at = conninfo.find('@', start);
    auto slash = conninfo.find('/', start);
    auto colon = conninfo.find(':', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) && colon != std::string::npos &&
        colon < at)
      return conninfo.substr(colon + 1, at - colon - 1);
    // Or as a parameter: "...?sslmode=require&password=PASS".
    auto q = conninfo.find('?');
    for (auto p = conninfo.find("password=", q); q != std::string::npos && p != std::string::npos;
         p = conninfo.find("password=", p + 1)) {
      if (conninfo[p - 1] != '?' && conninfo[p - 1] != '&') continue;
      auto end = conninfo.find('&', p);
      return conninfo.substr(p + 9, end == std::string::npos ? std::string::npos : end - p - 9);
    }
    return "";
  }
  auto p = conninfo.find("password");
  while (p != std::string::npos) {
    auto q = p + 8;
    while (q < conninfo.size() && conninfo[q] == ' ') ++q;
    if (q < conninfo.size() && conninfo[q] == '=' && (p == 0 || conninfo[p - 1] == ' ')) {
      ++q;
      while (q < conninfo.size() && conninfo[q] == ' ') ++q;
      std::string value;
      if (q < conninfo.size() && conninfo[q] == '\'') {
        for (++q; q < conninfo.size() && conninfo[q] != '\''; ++q) {
          if (conninfo[q] == '\\' && q + 1 < conninfo.size()) ++q;
          value += conninfo[q];
        }
      } else {
        while (q < conninfo.size() && conninfo[q] != ' ') value += conninfo[q++];
      }
      return value;
    }
    p = conninfo.find("password", p + 1);
  }
  return "";
}

// Replaces every occurrence of the password in a message (libpq does not echo it, but a
// message must never be the place where it leaks).
std::string Scrub(std::string message, const std::string& password) {
  if (password.empty()) return message;
  for (auto p = message.find(password); p != std::string::npos; p = message.find(password, p + 3))
    message.replace(p, password.size(), "***");
  return message;
}

}  // namespace drieluik::store::postgres
