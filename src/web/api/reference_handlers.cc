// Reference data for forms and filters: municipalities, organisations, forms of
// exploitation and the indicator catalog (all from the Catalog, i.e. data files).
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/secure_route.h"

namespace drieluik::web::api {

using nlohmann::json;

void RegisterReference(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"GET", "/api/v1/municipalities", "catalog", "read"}, [&ctx](Call&) {
    json items = json::array();
    for (const auto& m : ctx.catalog.municipalities())
      items.push_back({{"code", m.code}, {"name", m.name}, {"province", ctx.catalog.region_code()}});
    return JsonResponse({{"items", items}});
  });
  AddRoute(router, ctx, {"GET", "/api/v1/organisations", "catalog", "read"}, [&ctx](Call&) {
    json items = json::array();
    for (const auto& o : ctx.catalog.organisations())
      items.push_back({{"id", o.id}, {"name", o.name}, {"kind", o.kind},
                       {"municipality", o.municipality.empty() ? json(nullptr) : json(o.municipality)}});
    return JsonResponse({{"items", items}});
  });
  AddRoute(router, ctx, {"GET", "/api/v1/exploitation-forms", "catalog", "read"}, [&ctx](Call&) {
    json items = json::array();
    for (const auto& f : ctx.catalog.forms())
      items.push_back({{"code", f.code}, {"nl", f.nl}, {"en", f.en}, {"intakeOnly", f.intake_only}});
    return JsonResponse({{"version", ctx.catalog.forms_version()}, {"items", items}});
  });
  AddRoute(router, ctx, {"GET", "/api/v1/indicators", "catalog", "read"}, [&ctx](Call&) {
    json lists = json::array();
    for (const auto& l : ctx.catalog.indicator_lists()) {
      json groups = json::array();
      for (const auto& g : l.groups) {
        json inds = json::array();
        for (const auto& i : g.indicators) {
          json elements = json::array();
          for (auto e : i.elements)
            elements.push_back(e == domain::Element::kAct ? "act" : e == domain::Element::kMeans ? "means" : "purpose");
          inds.push_back({{"code", i.code}, {"nl", i.nl}, {"en", i.en}, {"forms", i.forms}, {"elements", elements}});
        }
        groups.push_back({{"code", g.code}, {"nl", g.nl}, {"en", g.en}, {"indicators", inds}});
      }
      lists.push_back({{"code", l.code}, {"nl", l.nl}, {"en", l.en}, {"source", l.source}, {"groups", groups}});
    }
    return JsonResponse({{"version", ctx.catalog.indicators_version()}, {"lists", lists}});
  });
}

}  // namespace drieluik::web::api
