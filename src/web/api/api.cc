#include "web/api/api.h"

namespace drieluik::web::api {

extern const std::string_view kOpenApiJson;

std::string_view OpenApiDocument() { return kOpenApiJson; }

void RegisterApi(Router& router, ApiContext& ctx) {
  RegisterHealth(router, ctx);
  RegisterReference(router, ctx);
  RegisterSignals(router, ctx);
  RegisterPublicSignals(router, ctx);
  RegisterLinks(router, ctx);
  RegisterAccounts(router, ctx);
  RegisterAudit(router, ctx);
}

}  // namespace drieluik::web::api
