// libFuzzer target for the request-target handling of web/http: percent-decoding, query
// parsing, target splitting and router dispatch on arbitrary bytes. Checks: no crash,
// no NUL in a decoded result, decoding is the identity on text without '%' and '+',
// and dispatch answers with one of the statuses the router can give.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DDRIELUIK_FUZZ=ON \
//     -DDRIELUIK_SANITIZE=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link
//   cmake --build build-fuzz --target drieluik_http_url_fuzz
//   build-fuzz/fuzz/drieluik_http_url_fuzz -max_total_time=60
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/http/router.h"
#include "web/http/url.h"

namespace {

using drieluik::web::Request;
using drieluik::web::Response;

const drieluik::web::Router& TestRouter() {
  static const drieluik::web::Router* router = [] {
    auto* r = new drieluik::web::Router();
    auto ok = [](Request& req) { return Response::Text(200, req.PathParam("id"), "text/plain"); };
    r->Add("GET", "/api/v1/signals", ok);
    r->Add("POST", "/api/v1/signals", ok);
    r->Add("GET", "/api/v1/signals/{id}", ok);
    r->Add("GET", "/api/v1/signals/export", ok);
    r->Add("PUT", "/api/v1/signals/{id}/persons/{index}", ok);
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  for (bool plus : {false, true}) {
    auto decoded = drieluik::web::PercentDecode(in, plus);
    if (decoded && decoded->find('\0') != std::string::npos) std::abort();
    bool plain = in.find_first_of(plus ? "%+" : "%") == std::string_view::npos &&
                 in.find('\0') == std::string_view::npos;
    if (plain && (!decoded || *decoded != in)) std::abort();
  }
  (void)drieluik::web::ParseQuery(in);

  if (size == 0) return 0;
  static const char* kMethods[] = {"GET", "POST", "PUT", "HEAD", "DELETE", "PATCH"};
  Request request;
  request.method = kMethods[data[0] % 6];
  request.target = std::string(in.substr(1));
  auto target = drieluik::web::SplitTarget(request.target);
  if (!target) return 0;
  auto path = drieluik::web::PercentDecode(target->raw_path, false);
  if (!path) return 0;
  request.path = *path;
  Response response = TestRouter().Dispatch(request);
  int s = response.status;
  if (s != 200 && s != 400 && s != 404 && s != 405) std::abort();
  return 0;
}
