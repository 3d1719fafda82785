// /api/v1/signals/{id}/police and /api/v1/signals/{id}/care: the compartments of a signal
// (domain/compartment.h). Read and written only by the roles of the policy rows
// signal.police and signal.care; for the care compartment the person's consent to share
// (consentToShare) opens it to the ketenregisseur. Optimistic concurrency with `version`.
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "domain/compartment.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/json_fields.h"
#include "web/api/problem.h"
#include "web/api/secure_route.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

json CompartmentJson(const CompartmentRecord& r) {
  json j = {{"signalId", r.signal_id},
            {"compartment", ToCode(r.compartment)},
            {"notes", r.notes},
            {"reference", r.reference},
            {"outcome", r.outcome},
            {"version", r.version},
            {"updatedAt", r.version ? json(FormatTimestamp(r.updated_at)) : json(nullptr)},
            {"updatedBy", r.version ? json(r.updated_by) : json(nullptr)}};
  if (r.compartment == Compartment::kCare) j["consentToShare"] = r.consent_to_share;
  return j;
}

// The stored record, or an empty one (version 0) when nothing is stored yet.
Result<CompartmentRecord> Load(ApiContext& ctx, SignalId id, Compartment c) {
  auto r = ctx.compartments->GetCompartment(id, c);
  if (r.ok() || r.error().code() != StatusCode::kNotFound) return r;
  CompartmentRecord empty;
  empty.signal_id = id;
  empty.compartment = c;
  return empty;
}

void Register(Router& router, ApiContext& ctx, Compartment c) {
  const std::string path = "/api/v1/signals/{id}/" + std::string(ToCode(c));
  const std::string resource(PolicyResource(c));

  AddRoute(router, ctx, {"GET", path, resource, "read", true}, [&ctx, c, resource](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("signal"));
    auto s = ctx.signals.Get(*id);
    if (!s.ok()) return ProblemFor(s.status());
    auto rec = Load(ctx, *id, c);
    if (!rec.ok()) return ProblemFor(rec.status());
    ObjectScope scope = ScopeOfSignal(ctx, {s->content.municipality, s->content.organisation, s->id});
    scope.care_consent_shared = rec->consent_to_share;
    if (auto denied = call.Authorize(scope, resource, std::to_string(*id))) return *denied;
    return JsonResponse(CompartmentJson(*rec));
  });

  AddRoute(router, ctx, {"PUT", path, resource, "update", true}, [&ctx, c, resource](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("signal"));
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    std::vector<FieldError> errors;
    JsonFields f(std::get<json>(body), "", errors);
    std::set<std::string> known = {"notes", "reference", "outcome", "version"};
    if (c == Compartment::kCare) known.insert("consentToShare");
    f.CheckMembers(known);
    CompartmentRecord in;
    in.signal_id = *id;
    in.compartment = c;
    in.notes = f.String("notes");
    in.reference = f.String("reference");
    in.outcome = f.String("outcome");
    const json& j = std::get<json>(body);
    if (j.is_object() && j.contains("consentToShare")) {
      if (!j["consentToShare"].is_boolean()) errors.push_back({"/consentToShare", "wrong_type", {{"expected", "boolean"}}});
      else in.consent_to_share = j["consentToShare"].get<bool>();
    }
    if (!j.is_object() || !j.contains("version") || !j["version"].is_number_integer() || j["version"].get<long long>() < 0)
      errors.push_back({"/version", "required", {}});
    else in.version = j["version"].get<std::int64_t>();
    Status valid = ValidateCompartment(in);
    for (const auto& e : valid.fields()) errors.push_back(e);
    auto s = ctx.signals.Get(*id);
    if (!s.ok()) return ProblemFor(s.status());
    auto stored = Load(ctx, *id, c);
    if (!stored.ok()) return ProblemFor(stored.status());
    ObjectScope scope = ScopeOfSignal(ctx, {s->content.municipality, s->content.organisation, s->id});
    scope.care_consent_shared = stored->consent_to_share;
    if (auto denied = call.Authorize(scope, resource, std::to_string(*id))) return *denied;
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid compartment", errors));
    in.updated_at = ctx.clock ? ctx.clock->Now() : SystemClock().Now();
    in.updated_by = call.principal.username;
    auto saved = ctx.compartments->PutCompartment(in);
    if (!saved.ok()) {
      Response p = ProblemFor(saved.status());
      if (saved.status().code() == StatusCode::kConflict) {
        json b = json::parse(p.body);
        b["currentVersion"] = stored->version;
        p.body = b.dump();
      }
      return p;
    }
    return JsonResponse(CompartmentJson(*saved));
  });
}

}  // namespace

void RegisterCompartments(Router& router, ApiContext& ctx) {
  Register(router, ctx, Compartment::kPolice);
  Register(router, ctx, Compartment::kCare);
}

}  // namespace drieluik::web::api
