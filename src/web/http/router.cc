#include "web/http/router.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "web/http/url.h"

namespace drieluik::web {
namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path[0] == '/') path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// The decoded segments of the request's path. The raw target is split before decoding
// so that an encoded '/' stays inside its segment.
std::optional<std::vector<std::string>> DecodedSegments(const Request& r) {
  std::string_view raw = r.path;
  bool encoded = false;
  if (auto target = SplitTarget(r.target)) {
    raw = target->raw_path;
    encoded = true;
  }
  std::vector<std::string> out;
  for (std::string_view segment : SplitPath(raw)) {
    if (!encoded) {
      out.emplace_back(segment);
      continue;
    }
    auto decoded = PercentDecode(segment, false);
    if (!decoded) return std::nullopt;
    out.push_back(std::move(*decoded));
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler h) {
  Route route;
  for (std::string_view segment : SplitPath(pattern)) route.segments.emplace_back(segment);
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = std::move(h);
  routes_.push_back(std::move(route));
}

void Router::SetFallback(Handler h) { fallback_ = std::move(h); }

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& route : routes_) out.push_back({route.method, route.pattern});
  return out;
}

Response Router::Dispatch(Request& r) const {
  auto segments = DecodedSegments(r);
  if (!segments) {
    return Response::Problem(400, "bad-request", "Ongeldig verzoek / Bad request");
  }
  // Specificity: a literal segment beats a parameter at the first difference.
  auto more_specific = [](const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      bool pa = IsParam(a.segments[i]);
      bool pb = IsParam(b.segments[i]);
      if (pa != pb) return !pa;
    }
    return false;
  };
  auto matches = [&](const Route& route) {
    if (route.segments.size() != segments->size()) return false;
    for (std::size_t i = 0; i < route.segments.size(); ++i) {
      if (IsParam(route.segments[i])) {
        if ((*segments)[i].empty()) return false;
      } else if (route.segments[i] != (*segments)[i]) {
        return false;
      }
    }
    return true;
  };

  const Route* best = nullptr;       // for r.method
  const Route* best_get = nullptr;   // for GET, used by HEAD
  std::set<std::string> allowed;
  for (const Route& route : routes_) {
    if (!matches(route)) continue;
    allowed.insert(route.method);
    if (route.method == r.method && (!best || more_specific(route, *best))) best = &route;
    if (route.method == "GET" && (!best_get || more_specific(route, *best_get))) {
      best_get = &route;
    }
  }
  if (!best && r.method == "HEAD") best = best_get;
  if (best) {
    r.path_params.clear();
    for (std::size_t i = 0; i < best->segments.size(); ++i) {
      const std::string& segment = best->segments[i];
      if (IsParam(segment)) {
        r.path_params[segment.substr(1, segment.size() - 2)] = (*segments)[i];
      }
    }
    return best->handler(r);
  }
  if (allowed.empty()) {
    if (fallback_) return fallback_(r);
    return Response::Problem(404, "not-found", "Niet gevonden / Not found");
  }
  if (allowed.count("GET")) allowed.insert("HEAD");
  std::string allow;
  for (const std::string& method : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  }
  Response response =
      Response::Problem(405, "method-not-allowed", "Methode niet toegestaan / Method not allowed");
  response.SetHeader("Allow", allow);
  return response;
}

}  // namespace drieluik::web
