// The audit trail for the privacy officer: search it (GET /api/v1/audit), export it as
// JSON Lines (GET /api/v1/audit/export) and verify its hash chain (GET /api/v1/audit/verify).
// Entries hold ids and codes, never case content.
#include <nlohmann/json.hpp>
#include <set>

#include "auth/audit_log.h"
#include "base/time.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/problem.h"
#include "web/api/secure_route.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

Result<AuditQuery> ReadAuditQuery(const Request& r, int max_limit) {
  static const std::set<std::string> known = {"actor", "objectType", "objectId", "from", "to", "after", "limit"};
  std::vector<FieldError> errors;
  AuditQuery q;
  q.limit = max_limit == 1000 ? 100 : max_limit;
  CheckQueryNames(r, known, errors);
  q.actor = r.Query("actor").value_or("");
  q.object_type = r.Query("objectType").value_or("");
  q.object_id = r.Query("objectId").value_or("");
  q.from = QueryInstant(r, "from", false, errors);
  q.to = QueryInstant(r, "to", true, errors);
  if (auto a = r.Query("after")) {
    auto n = ParseId(*a);
    if (!n && *a != "0") errors.push_back({"/after", "invalid_number", {}});
    else q.after_seq = n.value_or(0);
  }
  if (auto l = r.Query("limit")) {
    auto n = ParseId(*l);
    if (!n || *n > max_limit) errors.push_back({"/limit", "out_of_range", {{"min", "1"}, {"max", std::to_string(max_limit)}}});
    else q.limit = static_cast<int>(*n);
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid audit query", errors);
  return q;
}

}  // namespace

void RegisterAudit(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"GET", "/api/v1/audit", "audit", "list"}, [&ctx](Call& call) {
    auto q = ReadAuditQuery(call.request, 1000);
    if (!q.ok()) return ProblemFor(q.status());
    auto entries = ctx.audit->Query(*q);
    if (!entries.ok()) return ProblemFor(entries.status());
    json items = json::array();
    for (const auto& e : *entries) items.push_back(json::parse(auth::AuditEntryJson(e)));
    json next = entries->size() == static_cast<std::size_t>(q->limit) ? json(entries->back().seq) : json(nullptr);
    // Reading the trail is itself recorded (who looked at whose traces).
    if (auto denied = call.Audit(AuditAction::kSearch, "audit", q->object_id)) return *denied;
    return JsonResponse({{"items", items}, {"nextAfter", next}});
  });

  AddRoute(router, ctx, {"GET", "/api/v1/audit/export", "audit", "export"}, [&ctx](Call& call) {
    auto q = ReadAuditQuery(call.request, 1000);
    if (!q.ok()) return ProblemFor(q.status());
    // The whole selection, page by page, as JSON Lines.
    std::string body;
    AuditQuery page = *q;
    page.limit = 1000;
    for (;;) {
      auto entries = ctx.audit->Query(page);
      if (!entries.ok()) return ProblemFor(entries.status());
      for (const auto& e : *entries) body += auth::AuditEntryJson(e) + "\n";
      if (entries->size() < 1000) break;
      page.after_seq = entries->back().seq;
    }
    if (auto denied = call.Audit(AuditAction::kExport, "audit", q->object_id)) return *denied;
    Response resp = Response::Text(200, std::move(body), "application/x-ndjson");
    resp.SetHeader("Content-Disposition", "attachment; filename=\"audit.jsonl\"");
    resp.SetHeader("Cache-Control", "no-store");
    return resp;
  });

  AddRoute(router, ctx, {"GET", "/api/v1/audit/verify", "audit", "verify"}, [&ctx](Call&) {
    auto r = ctx.audit->Verify();
    if (!r.ok()) return ProblemFor(r.status());
    return JsonResponse({{"intact", r->ok()},
                         {"break", ToCode(r->kind)},
                         {"seq", r->ok() ? json(nullptr) : json(r->seq)},
                         {"message", r->message},
                         {"head", {{"seq", r->head.seq}, {"hash", r->head.hash}}}});
  });
}

}  // namespace drieluik::web::api
