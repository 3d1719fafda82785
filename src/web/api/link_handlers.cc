// Linked signals and hotspots: GET /api/v1/signals/{id}/links lists the signals that
// share a person, address, business, phone number or vehicle with one signal, with the
// reason for each; GET /api/v1/hotspots lists keys that many signals share (for the
// ketenregisseur's overview).
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/secure_route.h"
#include "web/api/problem.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

struct KindText {
  LinkKind kind;
  const char* nl;
  const char* en;
};
constexpr KindText kKinds[] = {
    {LinkKind::kPerson, "Zelfde persoon", "Same person"},
    {LinkKind::kAddress, "Zelfde adres", "Same address"},
    {LinkKind::kBusiness, "Zelfde bedrijf", "Same business"},
    {LinkKind::kPhone, "Zelfde telefoonnummer", "Same phone number"},
    {LinkKind::kVehicle, "Zelfde voertuig", "Same vehicle"},
};

const KindText& TextOf(LinkKind k) {
  for (const auto& t : kKinds)
    if (t.kind == k) return t;
  return kKinds[0];
}

}  // namespace

void RegisterLinks(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"GET", "/api/v1/signals/{id}/links", "signal", "read", true}, [&ctx](Call& call) {
    Request& r = call.request;
    auto id = ParseId(r.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("signal"));
    auto self = ctx.signals.Get(*id);
    if (!self.ok()) return ProblemFor(self.status());
    if (auto denied = call.Authorize(ScopeOfSignal(ctx, {self->content.municipality, self->content.organisation, self->id}),
                                     "signal", std::to_string(*id)))
      return *denied;
    auto links = ctx.signals.Links(*id);
    if (!links.ok()) return ProblemFor(links.status());
    json items = json::array();
    int hidden = 0;  // linked signals outside the caller's need-to-know: counted, not shown
    for (const auto& l : *links) {
      if (!call.Allows("signal", "read", ScopeOfSignal(ctx, {l.signal.content.municipality, l.signal.content.organisation, l.signal.id}))) {
        ++hidden;
        continue;
      }
      json reasons = json::array();
      for (const auto& why : l.reasons) {
        const KindText& t = TextOf(why.kind);
        reasons.push_back({{"kind", ToCode(why.kind)},
                           {"value", why.label},
                           {"nl", std::string(t.nl) + ": " + why.label},
                           {"en", std::string(t.en) + ": " + why.label}});
      }
      items.push_back({{"signalId", l.signal.id},
                       {"referenceCode", l.signal.reference_code},
                       {"status", ToCode(l.signal.status)},
                       {"receivedAt", FormatTimestamp(l.signal.received_at)},
                       {"municipality", l.signal.content.municipality},
                       {"summary", l.signal.content.summary},
                       {"forms", l.signal.content.forms},
                       {"reasons", reasons}});
    }
    return JsonResponse({{"items", items}, {"hiddenCount", hidden}});
  });

  AddRoute(router, ctx, {"GET", "/api/v1/hotspots", "hotspot", "read"}, [&ctx](Call& call) {
    Request& r = call.request;
    std::vector<FieldError> errors;
    for (const auto& [k, v] : r.query)
      if (k != "kind" && k != "min" && k != "limit") errors.push_back({"/" + k, "unknown_field", {}});
    LinkKind kind = LinkKind::kAddress;
    if (auto k = r.Query("kind")) {
      bool found = false;
      for (const auto& t : kKinds)
        if (ToCode(t.kind) == *k) {
          kind = t.kind;
          found = true;
        }
      if (!found) errors.push_back({"/kind", "invalid_value", {{"allowed", "person, address, business, phone, vehicle"}}});
    }
    int min = 3, limit = 50;
    if (auto m = r.Query("min")) {
      auto n = ParseId(*m);
      if (!n || *n < 2 || *n > 1000) errors.push_back({"/min", "out_of_range", {{"min", "2"}, {"max", "1000"}}});
      else min = static_cast<int>(*n);
    }
    if (auto l = r.Query("limit")) {
      auto n = ParseId(*l);
      if (!n || *n > 200) errors.push_back({"/limit", "out_of_range", {{"min", "1"}, {"max", "200"}}});
      else limit = static_cast<int>(*n);
    }
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid hotspot query", errors));
    auto spots = ctx.signals.Hotspots(kind, min, limit);
    if (!spots.ok()) return ProblemFor(spots.status());
    if (auto denied = call.Audit(AuditAction::kSearch, "hotspot", std::string(ToCode(kind)))) return *denied;
    json items = json::array();
    for (const auto& h : *spots)
      items.push_back({{"kind", ToCode(h.kind)}, {"value", h.label}, {"count", h.signals.size()}, {"signalIds", h.signals}});
    return JsonResponse({{"items", items}});
  });
}

}  // namespace drieluik::web::api
