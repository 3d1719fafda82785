// URL helpers for the HTTP layer: percent-decoding of paths and query strings
// (RFC 3986 section 2.1; '+' as space only in application/x-www-form-urlencoded
// queries) and splitting a request target into path and query. Malformed escapes and
// NUL bytes are rejected rather than passed on, so handlers never see them.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drieluik::web {

/// Decodes %XX escapes (and '+' as a space when plus_as_space). nullopt when a '%' is
/// not followed by two hex digits, or the result contains a NUL byte.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space);

/// Parses "a=1&b=x+y&c" into {{"a","1"},{"b","x y"},{"c",""}}, in order; empty pieces
/// ("a=1&&b=2") are skipped. nullopt when any name or value fails PercentDecode.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(
    std::string_view query);

/// The parts of an origin-form request target ("/a/b?x=1").
struct Target {
  std::string_view raw_path;   // "/a/b", still encoded
  std::string_view raw_query;  // "x=1", "" when there is no '?'
};

/// Splits an origin-form target; nullopt unless it starts with '/'. A '#' fragment
/// (which clients should not send) ends the query.
std::optional<Target> SplitTarget(std::string_view target);

}  // namespace drieluik::web
