// /api/v1/signals: register, read, change (JSON merge patch with a version), list.
#include <nlohmann/json.hpp>
#include <set>

#include "base/time.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/problem.h"
#include "web/api/secure_route.h"
#include "web/api/signal_dto.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

Response NotFound() { return ProblemFor(Status::NotFound("signal")); }

// Parses the list filter from the query; every problem is a field error named after
// the parameter.
Result<SignalFilter> ReadFilter(const Request& r) {
  static const std::set<std::string> known = {"municipality", "form", "status", "from", "to", "q", "limit", "cursor"};
  std::vector<FieldError> errors;
  SignalFilter f;
  CheckQueryNames(r, known, errors);
  f.municipality = r.Query("municipality").value_or("");
  f.form = r.Query("form").value_or("");
  f.text = r.Query("q").value_or("");
  f.cursor = r.Query("cursor").value_or("");
  if (auto s = r.Query("status")) {
    f.status = FromCode<SignalStatus>(*s);
    if (!f.status) errors.push_back({"/status", "invalid_value", {{"allowed", "new, in_intake, for_drieluik, assessed, linked_to_case, closed"}}});
  }
  // A date is a day in the Netherlands: from = its first instant, to = the day after (inclusive).
  f.from = QueryInstant(r, "from", false, errors);
  f.to = QueryInstant(r, "to", true, errors);
  if (auto l = QueryLimit(r, 200, errors)) f.limit = *l;
  if (!errors.empty()) return Status::InvalidArgument("invalid filter", errors);
  return f;
}

}  // namespace

void RegisterSignals(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"POST", "/api/v1/signals", "signal", "create"}, [&ctx](Call& call) {
    Request& r = call.request;
    auto body = ReadJsonBody(r);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    SignalWriteResult partial;
    auto in = ReadSignalWrite(std::get<json>(body), SignalWrite::kCreate, &partial);
    if (!in.ok()) return ProblemFor(MergeErrors(in.status(), ctx.signals.Validate(partial.content)));
    // A scoped role registers only for its own municipality or organisation.
    ObjectScope scope = ScopeOfSignal(ctx, {in->content.municipality, in->content.organisation});
    Decision may = ctx.policy->Decide(call.principal, "signal", "create", &scope);
    if (!may.allowed()) {
      call.Audit(AuditAction::kAccessDenied, "signal", "new");
      return ProblemFor(Status::InvalidArgument("out of scope", {{"/municipality", "out_of_scope", {}}}));
    }
    auto s = ctx.signals.Create(std::move(in->content), call.principal.username,
                                call.Intent(AuditAction::kCreate, "signal"));
    if (!s.ok()) return ProblemFor(s.status());
    auto history = ctx.signals.History(s->id);
    Response resp = JsonResponse(SignalJson(*s, ctx.signals.TriageOf(s->content), history.ok() ? &*history : nullptr), 201);
    resp.SetHeader("Location", "/api/v1/signals/" + std::to_string(s->id));
    return resp;
  });

  AddRoute(router, ctx, {"GET", "/api/v1/signals", "signal", "list"}, [&ctx](Call& call) {
    auto filter = ReadFilter(call.request);
    if (!filter.ok()) return ProblemFor(filter.status());
    if (!ApplySignalScope(ctx, call.principal, call.decision, *filter))
      return JsonResponse({{"items", json::array()}, {"nextCursor", nullptr}});
    auto page = ctx.signals.List(*filter);
    if (!page.ok()) return ProblemFor(page.status());
    std::string ids;
    for (const auto& s : page->items) ids += (ids.empty() ? "" : ":") + std::to_string(s.id);
    // One entry per search, naming the ids it returned (cut to the entry's 64 characters;
    // each read of a whole signal is audited by itself).
    if (auto denied = call.Audit(AuditAction::kSearch, "signal", ids.substr(0, 64))) return *denied;
    json items = json::array();
    for (const auto& s : page->items) items.push_back(SignalSummaryJson(s, ctx.signals.TriageOf(s.content)));
    return JsonResponse({{"items", items},
                         {"nextCursor", page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor)}});
  });

  AddRoute(router, ctx, {"GET", "/api/v1/signals/{id}", "signal", "read", true}, [&ctx](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return NotFound();
    auto s = ctx.signals.Get(*id);
    if (!s.ok()) return ProblemFor(s.status());
    if (auto denied = call.Authorize(ScopeOfSignal(ctx, {s->content.municipality, s->content.organisation, s->id}), "signal",
                                     std::to_string(*id)))
      return *denied;
    auto history = ctx.signals.History(*id);
    if (!history.ok()) return ProblemFor(history.status());
    Response resp = JsonResponse(SignalJson(*s, ctx.signals.TriageOf(s->content), &*history));
    resp.SetHeader("ETag", "\"" + std::to_string(s->version) + "\"");
    return resp;
  });

  AddRoute(router, ctx, {"PATCH", "/api/v1/signals/{id}", "signal", "update", true}, [&ctx](Call& call) {
    Request& r = call.request;
    auto id = ParseId(r.PathParam("id"));
    if (!id) return NotFound();
    std::string_view ct = r.Header("content-type");
    if (ct.substr(0, 28) == "application/merge-patch+json") {
      // RFC 7396 media type: accepted like application/json.
      r.headers.push_back({"content-type", "application/json"});
      std::erase_if(r.headers, [](const auto& h) { return h.first == "content-type" && h.second != "application/json"; });
    }
    auto body = ReadJsonBody(r);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    json patch = std::get<json>(body);
    if (!patch.is_object())
      return ProblemFor(Status::Invalid({"", "wrong_type", {{"expected", "object"}}}));
    auto current = ctx.signals.Get(*id);
    if (!current.ok()) return ProblemFor(current.status());
    if (auto denied = call.Authorize(
            ScopeOfSignal(ctx, {current->content.municipality, current->content.organisation, current->id}), "signal",
            std::to_string(*id)))
      return *denied;
    json merged = SignalWriteJson(*current);
    merged["status"] = ToCode(current->status);
    merged.merge_patch(patch);
    SignalWriteResult partial;
    auto in = ReadSignalWrite(merged, SignalWrite::kPatch, &partial);
    if (!in.ok()) return ProblemFor(MergeErrors(in.status(), ctx.signals.Validate(partial.content)));
    auto s = ctx.signals.Update(*id, in->version, std::move(in->content), *in->status,
                                 call.principal.username);
    if (!s.ok()) {
      Response p = ProblemFor(s.status());
      if (s.status().code() == StatusCode::kConflict) {
        // Tell the client which version is current so it can reload and merge.
        auto latest = ctx.signals.Get(*id);
        if (latest.ok()) {
          json b = json::parse(p.body);
          b["currentVersion"] = latest->version;
          p.body = b.dump();
        }
      }
      return p;
    }
    auto history = ctx.signals.History(*id);
    Response resp = JsonResponse(SignalJson(*s, ctx.signals.TriageOf(s->content), history.ok() ? &*history : nullptr));
    resp.SetHeader("ETag", "\"" + std::to_string(s->version) + "\"");
    return resp;
  });
}

}  // namespace drieluik::web::api
