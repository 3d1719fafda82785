// /api/v1/meetings: plan meetings (one, or the recurring schedule), read and change them
// (attendance), build and arrange the agenda, assess its items, download the minutes;
// and /api/v1/signals/{id}/feedback, what the reporter may know of the assessment.
#include <nlohmann/json.hpp>
#include <set>

#include "base/time.h"
#include "domain/audit_chain.h"
#include "domain/policy.h"
#include "minutes/minutes_export.h"
#include "web/api/drieluik_dto.h"
#include "web/api/drieluik_route.h"
#include "web/api/handler_util.h"
#include "web/api/json_fields.h"
#include "web/api/problem.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

Response NotFound(const char* what) { return ProblemFor(Status::NotFound(what)); }

Response AgendaResponse(DrieluikCall& c, MeetingId id) {
  auto views = c.service.AgendaFor(id, c.principal, Policy::Embedded());
  if (!views.ok()) return ProblemFor(views.status());
  json items = json::array();
  for (const auto& v : *views) items.push_back(AgendaItemViewJson(v));
  return JsonResponse({{"meetingId", id}, {"items", items}});
}

// The item `item` of meeting `id`, or the problem to send.
std::variant<AgendaItem, Response> ItemOf(DrieluikCall& c, MeetingId id, const std::string& item_param) {
  auto item_id = ParseId(item_param);
  if (!item_id) return NotFound("agenda item");
  auto items = c.service.Agenda(id);
  if (!items.ok()) return ProblemFor(items.status());
  for (const auto& i : *items)
    if (i.id == *item_id) return i;
  return NotFound("agenda item");
}

Result<MeetingFilter> ReadFilter(const Request& r) {
  static const std::set<std::string> known = {"type", "from", "to", "limit"};
  std::vector<FieldError> errors;
  CheckQueryNames(r, known, errors);
  MeetingFilter f;
  f.type = r.Query("type").value_or("");
  f.from = QueryInstant(r, "from", false, errors);
  f.to = QueryInstant(r, "to", true, errors);
  if (auto l = QueryLimit(r, 500, errors)) f.limit = *l;
  if (!errors.empty()) return Status::InvalidArgument("invalid filter", errors);
  return f;
}

}  // namespace

void RegisterMeetings(Router& router, ApiContext& ctx) {
  AddDrieluikRoute(router, ctx, "GET", "/api/v1/meetings", "meeting", "list", [](DrieluikCall& c) {
    auto f = ReadFilter(c.request);
    if (!f.ok()) return ProblemFor(f.status());
    auto list = c.service.ListMeetings(*f);
    if (!list.ok()) return ProblemFor(list.status());
    json items = json::array();
    std::string ids;
    for (const auto& m : *list) {
      items.push_back(MeetingJson(m));
      ids += (ids.empty() ? "" : ",") + std::to_string(m.id);
    }
    if (auto denied = c.call.Audit(AuditAction::kSearch, "meeting", ids.substr(0, 64))) return *denied;
    return JsonResponse({{"items", items}});
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/meetings", "meeting", "create", [](DrieluikCall& c) {
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    auto in = ReadMeetingCreate(std::get<json>(body));
    if (!in.ok()) return ProblemFor(in.status());
    auto m = c.service.CreateMeeting(std::move(in).value(), c.call.Intent(AuditAction::kCreate, "meeting"));
    if (!m.ok()) return ProblemFor(m.status());
    Response r = JsonResponse(MeetingJson(*m), 201);
    r.SetHeader("Location", "/api/v1/meetings/" + std::to_string(m->id));
    return r;
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/meetings/plan", "meeting", "create", [](DrieluikCall& c) {
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    std::vector<FieldError> errors;
    JsonFields f(std::get<json>(body), "", errors);
    f.CheckMembers({"type", "anchor", "count"});
    std::string type = f.String("type", true);
    if (!f.Has("anchor")) errors.push_back({"/anchor", "required", {}});
    auto anchor = f.DateValue("anchor");
    auto count = f.Int("count");
    if (!f.Has("count")) errors.push_back({"/count", "required", {}});
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid plan", errors));
    auto planned = c.service.PlanMeetings(type, *anchor, *count, c.call.Intent(AuditAction::kCreate, "meeting"));
    if (!planned.ok()) return ProblemFor(planned.status());
    json items = json::array();
    for (const auto& m : *planned) items.push_back(MeetingJson(m));
    return JsonResponse({{"items", items}}, 201);
  });

  AddDrieluikRoute(router, ctx, "GET", "/api/v1/meetings/{id}", "meeting", "read", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    auto m = c.service.GetMeeting(*id);
    if (!m.ok()) return ProblemFor(m.status());
    return JsonResponse(MeetingJson(*m));
  });

  AddDrieluikRoute(router, ctx, "PATCH", "/api/v1/meetings/{id}", "meeting", "update", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    auto current = c.service.GetMeeting(*id);
    if (!current.ok()) return ProblemFor(current.status());
    std::int64_t version = 0;
    auto in = ReadMeetingPatch(std::get<json>(body), *current, version);
    if (!in.ok()) return ProblemFor(in.status());
    auto m = c.service.UpdateMeeting(*id, version, std::move(in).value());
    if (!m.ok()) return DrieluikProblem(m.status(), current->version);
    return JsonResponse(MeetingJson(*m));
  });

  AddDrieluikRoute(router, ctx, "GET", "/api/v1/meetings/{id}/agenda", "meeting", "read", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    return AgendaResponse(c, *id);
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/meetings/{id}/agenda/build", "meeting", "update", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    auto built = c.service.BuildAgendaFor(*id, c.principal.username);
    if (!built.ok()) return ProblemFor(built.status());
    return AgendaResponse(c, *id);
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/meetings/{id}/agenda/items", "meeting", "update", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    std::vector<FieldError> errors;
    JsonFields f(std::get<json>(body), "", errors);
    f.CheckMembers({"signalId", "caseId", "summary"});
    auto signal = f.Int64("signalId");
    auto cs = f.Int64("caseId");
    std::string summary = f.String("summary");
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid agenda item", errors));
    auto item = c.service.AddAgendaItem(*id, signal, cs, summary, c.principal.username);
    if (!item.ok()) return ProblemFor(item.status());
    return JsonResponse(AgendaItemJson(*item), 201);
  });

  AddDrieluikRoute(router, ctx, "PUT", "/api/v1/meetings/{id}/agenda/order", "meeting", "update", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    std::vector<FieldError> errors;
    JsonFields f(std::get<json>(body), "", errors);
    f.CheckMembers({"order"});
    std::vector<AgendaItemId> order;
    if (const json* arr = f.Array("order")) {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        if (!(*arr)[i].is_number_integer()) errors.push_back({"/order/" + std::to_string(i), "wrong_type", {{"expected", "integer"}}});
        else order.push_back((*arr)[i].get<std::int64_t>());
      }
    } else if (!f.Has("order")) {
      errors.push_back({"/order", "required", {}});
    }
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid order", errors));
    auto items = c.service.ReorderAgenda(*id, order);
    if (!items.ok()) return ProblemFor(items.status());
    return AgendaResponse(c, *id);
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/meetings/{id}/agenda/items/{itemId}/postpone", "meeting", "update",
                   [](DrieluikCall& c) {
                     auto id = ParseId(c.request.PathParam("id"));
                     if (!id) return NotFound("meeting");
                     if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
                     auto item = ItemOf(c, *id, c.request.PathParam("itemId"));
                     if (auto* p = std::get_if<Response>(&item)) return *p;
                     auto done = c.service.PostponeItem(std::get<AgendaItem>(item).id);
                     if (!done.ok()) return ProblemFor(done.status());
                     return JsonResponse(AgendaItemJson(*done));
                   });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/meetings/{id}/agenda/items/{itemId}/assessment", "meeting", "assess",
                   [](DrieluikCall& c) {
                     auto id = ParseId(c.request.PathParam("id"));
                     if (!id) return NotFound("meeting");
                     if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
                     auto item = ItemOf(c, *id, c.request.PathParam("itemId"));
                     if (auto* p = std::get_if<Response>(&item)) return *p;
                     auto body = ReadJsonBody(c.request);
                     if (auto* p = std::get_if<Response>(&body)) return *p;
                     auto in = ReadAssessment(std::get<json>(body));
                     if (!in.ok()) return ProblemFor(in.status());
                     auto a = c.service.Assess(std::get<AgendaItem>(item).id, std::move(in).value(), c.principal.username);
                     if (!a.ok()) return ProblemFor(a.status());
                     return JsonResponse(AssessmentJson(*a), 201);
                   });

  AddDrieluikRoute(router, ctx, "GET", "/api/v1/meetings/{id}/minutes", "meeting", "export", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("meeting");
    if (auto denied = AuthorizeMeeting(c, *id)) return *denied;
    std::string format = c.request.Query("format").value_or("pdf");
    if (format != "pdf" && format != "docx")
      return ProblemFor(Status::Invalid({"/format", "invalid_value", {{"allowed", "pdf, docx"}}}));
    auto m = c.service.MinutesFor(*id, c.principal, Policy::Embedded());
    if (!m.ok()) return ProblemFor(m.status());
    auto bytes = format == "pdf" ? minutes::RenderPdf(*m) : minutes::RenderDocx(*m);
    if (!bytes.ok()) return ProblemFor(bytes.status());
    Response r = Response::Text(
        200, std::move(bytes).value(),
        format == "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    r.SetHeader("Content-Disposition", "attachment; filename=\"" + minutes::MinutesFileName(*m) + "." + format + "\"");
    return r;
  });

  // What the reporter of a signal (a professional, or the forwarding aandachtsfunctionaris)
  // may know: assessed or not, and the outcome category — no reasoning, decisions or case.
  AddDrieluikRoute(router, ctx, "GET", "/api/v1/signals/{id}/feedback", "signal", "read", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound("signal");
    auto s = c.ctx.signals.Get(*id);
    if (!s.ok()) return ProblemFor(s.status());
    ObjectScope scope = ScopeOfSignal(c.ctx, {s->content.municipality, s->content.organisation});
    auto referred = c.service.ScopeOf(*s);
    if (!referred.ok()) return ProblemFor(referred.status());
    scope.referred_to_police = scope.referred_to_police || referred->referred_to_police;
    if (auto denied = c.call.Authorize(scope, "signal", std::to_string(*id))) return *denied;
    auto f = c.service.FeedbackFor(*id);
    if (!f.ok()) return ProblemFor(f.status());
    return JsonResponse(FeedbackJson(*f));
  });
}

}  // namespace drieluik::web::api
