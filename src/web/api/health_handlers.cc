#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/secure_route.h"
#include "web/api/problem.h"

namespace drieluik::web::api {

void RegisterHealth(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"GET", "/api/v1/health", "health", "read"}, [&ctx](Call&) {
    Status db = ctx.database_check ? ctx.database_check() : Status::Ok();
    nlohmann::json j = {{"status", db.ok() ? "ok" : "unavailable"}, {"version", ctx.version}, {"database", ctx.database}};
    return JsonResponse(j, db.ok() ? 200 : 503);
  });
  AddRoute(router, ctx, {"GET", "/api/v1/openapi.json", "health", "read"}, [](Call&) {
    Response r = Response::Json(200, std::string(OpenApiDocument()));
    r.SetHeader("Cache-Control", "no-cache");
    return r;
  });
}

}  // namespace drieluik::web::api
