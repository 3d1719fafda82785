// Router: maps (method, path) to a Handler. Patterns are literal segments and {name}
// parameters ("/api/v1/signals/{id}"); a parameter matches one non-empty segment, is
// percent-decoded on its own (so "%2F" inside an id stays inside it) and lands in
// Request::path_params. When several patterns match, the one with a literal segment at
// the first place where they differ wins ("/signals/export" before "/signals/{id}").
// HEAD falls back to the GET route. A path that matches no pattern goes to the
// fallback (static files, the SPA) or gets 404; a path that matches but not for this
// method gets 405 with Allow.
//
// Thread-safety: Add and SetFallback during setup only; after that Dispatch and Routes
// may be called from any number of threads at once.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "web/http/message.h"

namespace drieluik::web {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  /// Adds a route. Requires: pattern starts with '/'; method upper case ("GET").
  void Add(std::string method, std::string pattern, Handler h);
  /// The handler for paths no pattern matches (e.g. static files / the SPA).
  /// Default: none, such paths get a 404 problem.
  void SetFallback(Handler h);

  struct RouteInfo {
    std::string method;
    std::string pattern;
  };
  /// Every route in the order added.
  std::vector<RouteInfo> Routes() const;

  /// Runs the matching handler and returns its response: 404 problem when the path
  /// matches nothing and there is no fallback, 405 problem with Allow when the path
  /// matches but not the method. Exceptions from handlers pass through (the server
  /// turns them into a 500).
  Response Dispatch(Request& r) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" kept as is; literal segments verbatim
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace drieluik::web
