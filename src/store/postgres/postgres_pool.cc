#include "store/postgres/postgres_pool.h"

#include <cctype>

namespace drieluik::store::postgres {

namespace {

// Where the password sits in a URL or conninfo: the text to erase to drop it, and its value
// as written there (percent-encoded in a URL).
struct PasswordSpan {
  std::size_t erase_begin = std::string::npos, erase_end = std::string::npos;
  std::string value;
};

PasswordSpan FindPassword(const std::string& c) {
  PasswordSpan span;
  if (c.rfind("postgresql://", 0) == 0 || c.rfind("postgres://", 0) == 0) {
    auto start = c.find("://") + 3;
    auto at = c.find('@', start);
    auto slash = c.find('/', start);
    auto colon = c.find(':', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) && colon != std::string::npos &&
        colon < at) {
      span.erase_begin = colon;
      span.erase_end = at;
      span.value = c.substr(colon + 1, at - colon - 1);
      return span;
    }
    // Or as a parameter: "...?sslmode=require&password=PASS".
    auto q = c.find('?');
    if (q == std::string::npos) return span;
    for (auto p = c.find("password=", q); p != std::string::npos; p = c.find("password=", p + 1)) {
      if (c[p - 1] != '?' && c[p - 1] != '&') continue;
      auto end = c.find('&', p);
      span.value = c.substr(p + 9, end == std::string::npos ? std::string::npos : end - p - 9);
      if (c[p - 1] == '&') {
        span.erase_begin = p - 1;
        span.erase_end = end == std::string::npos ? c.size() : end;
      } else {
        span.erase_begin = end == std::string::npos ? p - 1 : p;
        span.erase_end = end == std::string::npos ? c.size() : end + 1;
      }
      return span;
    }
    return span;
  }
  for (auto p = c.find("password"); p != std::string::npos; p = c.find("password", p + 1)) {
    auto q = p + 8;
    while (q < c.size() && c[q] == ' ') ++q;
    if (q >= c.size() || c[q] != '=' || (p != 0 && c[p - 1] != ' ')) continue;
    ++q;
    while (q < c.size() && c[q] == ' ') ++q;
    if (q < c.size() && c[q] == '\'') {
      for (++q; q < c.size() && c[q] != '\''; ++q) {
        if (c[q] == '\\' && q + 1 < c.size()) ++q;
        span.value += c[q];
      }
      if (q < c.size()) ++q;
    } else {
      while (q < c.size() && c[q] != ' ') span.value += c[q++];
    }
    while (q < c.size() && c[q] == ' ') ++q;
    span.erase_begin = p;
    span.erase_end = q;
    return span;
  }
  return span;
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string PasswordOf(const std::string& conninfo) { return FindPassword(conninfo).value; }

std::pair<std::string, std::string> SplitPassword(const std::string& conninfo) {
  PasswordSpan span = FindPassword(conninfo);
  if (span.erase_begin == std::string::npos) return {conninfo, ""};
  std::string rest = conninfo;
  rest.erase(span.erase_begin, span.erase_end - span.erase_begin);
  while (!rest.empty() && rest.back() == ' ') rest.pop_back();
  bool url = conninfo.rfind("postgres", 0) == 0 && conninfo.find("://") != std::string::npos;
  return {rest, url ? PercentDecode(span.value) : span.value};
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
