// Linked signals and hotspots: GET /api/v1/signals/{id}/links lists the signals that
// share a person, address, business, phone number or vehicle with one signal, with the
// reason for each, and the cases those signals belong to (a new signal about a person
// already in a running case is seen at once); GET /api/v1/hotspots lists keys that many
// signals share (for the ketenregisseur's overview).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

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
    // The cases of the linked signals that this signal is not in yet, by case id, with the
    // signals that lead there and the reasons. Only for roles that may read cases.
    struct CaseLink {
      Case c;
      std::vector<SignalId> via;
      json reasons = json::array();
    };
    std::map<CaseId, CaseLink> cases;
    std::set<CaseId> own_cases;
    if (ctx.drieluik) {
      auto own = ctx.drieluik->ListCases({std::nullopt, *id, 100});
      if (!own.ok()) return ProblemFor(own.status());
      for (const auto& c : *own) own_cases.insert(c.id);
    }
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
      json case_ids = json::array();
      if (ctx.drieluik) {
        auto in_cases = ctx.drieluik->ListCases({std::nullopt, l.signal.id, 100});
        if (!in_cases.ok()) return ProblemFor(in_cases.status());
        for (auto& c : *in_cases) {
          ObjectScope scope;
          scope.municipality = c.municipality;
          if (!call.Allows("case", "read", scope)) continue;
          case_ids.push_back(c.id);
          if (own_cases.count(c.id)) continue;
          CaseLink& cl = cases.try_emplace(c.id, CaseLink{c, {}, json::array()}).first->second;
          cl.via.push_back(l.signal.id);
          for (const auto& why : reasons)
            if (std::find(cl.reasons.begin(), cl.reasons.end(), why) == cl.reasons.end()) cl.reasons.push_back(why);
        }
      }
      items.push_back({{"signalId", l.signal.id},
                       {"referenceCode", l.signal.reference_code},
                       {"status", ToCode(l.signal.status)},
                       {"receivedAt", FormatTimestamp(l.signal.received_at)},
                       {"municipality", l.signal.content.municipality},
                       {"summary", l.signal.content.summary},
                       {"forms", l.signal.content.forms},
                       {"reasons", reasons},
                       {"caseIds", case_ids}});
    }
    json case_items = json::array();
    for (auto& [case_id, cl] : cases)
      case_items.push_back({{"caseId", case_id},
                            {"title", cl.c.title},
                            {"status", ToCode(cl.c.status)},
                            {"municipality", cl.c.municipality},
                            {"viaSignals", cl.via},
                            {"reasons", cl.reasons}});
    return JsonResponse({{"items", items}, {"cases", case_items}, {"hiddenCount", hidden}});
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
