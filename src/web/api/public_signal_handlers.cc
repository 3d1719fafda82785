// /api/v1/public/signals: the route for anyone, without an account. A report returns
// a reference code and a one-time secret; with both the reporter can add information
// later. Unknown code and wrong secret get the same 404; repeated failures get 429.
// Nothing about the sender (address, browser) is stored with the report.
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/secure_route.h"
#include "web/api/json_fields.h"
#include "web/api/problem.h"
#include "web/api/signal_dto.h"

namespace drieluik::web::api {

using nlohmann::json;

void RegisterPublicSignals(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"POST", "/api/v1/public/signals", "public", "create"}, [&ctx](Call& call) {
    Request& r = call.request;
    auto body = ReadJsonBody(r);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    SignalWriteResult partial;
    auto in = ReadSignalWrite(std::get<json>(body), SignalWrite::kPublic, &partial);
    if (!in.ok()) return ProblemFor(MergeErrors(in.status(), ctx.signals.Validate(partial.content)));
    auto receipt = ctx.signals.CreatePublic(std::move(in->content), call.Intent(domain::AuditAction::kCreate, "signal"));
    if (!receipt.ok()) return ProblemFor(receipt.status());
    json j = {{"referenceCode", receipt->reference_code},
              {"secret", receipt->secret},
              {"message",
               {{"nl", "Dank u voor uw melding. Bewaar de referentiecode en de geheime code: u ziet de code maar één "
                       "keer. Hiermee kunt u later informatie toevoegen. Bij acuut gevaar: bel 112."},
                {"en", "Thank you for your report. Keep the reference code and the secret: the secret is shown only "
                       "once. With them you can add information later. In acute danger: call 112."}}}};
    Response resp = JsonResponse(j, 201);
    resp.SetHeader("Cache-Control", "no-store");
    return resp;
  });

  AddRoute(router, ctx, {"POST", "/api/v1/public/signals/{reference}/additions", "public", "update"}, [&ctx](Call& call) {
    Request& r = call.request;
    auto body = ReadJsonBody(r);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    std::vector<FieldError> errors;
    JsonFields f(std::get<json>(body), "", errors);
    f.CheckMembers({"secret", "text"});
    std::string secret = f.String("secret", true);
    std::string text = f.String("text", true);
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid addition", errors));
    std::chrono::milliseconds retry{0};
    auto at = ctx.signals.AddPublicAddition(r.PathParam("reference"), secret, std::move(text), r.remote_address, &retry,
                                            call.Intent(domain::AuditAction::kUpdate, "signal"));
    if (!at.ok()) {
      Response p = ProblemFor(at.status());
      if (at.status().code() == StatusCode::kResourceExhausted)
        p.SetHeader("Retry-After", std::to_string(std::max<long long>(1, retry.count() / 1000)));
      return p;
    }
    return JsonResponse({{"referenceCode", r.PathParam("reference")}, {"addedAt", FormatTimestamp(*at)}}, 201);
  });
}

}  // namespace drieluik::web::api
