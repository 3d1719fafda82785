#include "domain/catalog.h"

#include <nlohmann/json.hpp>
#include <set>

namespace drieluik::domain {

extern const std::string_view kEmbeddedForms;
extern const std::string_view kEmbeddedIndicators;
extern const std::string_view kEmbeddedRegion;

namespace {

using nlohmann::json;

Status Bad(const std::string& doc, const std::string& pointer, const std::string& what) {
  return Status::InvalidArgument(doc + pointer + ": " + what,
                                 {{doc + pointer, "catalog_invalid", {{"detail", what}}}});
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<Catalog> Catalog::Parse(std::string_view forms_json, std::string_view indicators_json,
                               std::string_view region_json) {
  Catalog c;
  json forms, indicators, region;
  try {
    forms = json::parse(forms_json);
    indicators = json::parse(indicators_json);
    region = json::parse(region_json);
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("catalog: malformed JSON: ") + e.what());
  }
  try {
    c.forms_version_ = Str(forms, "version");
    std::set<std::string> seen;
    const json& fl = forms.at("forms");
    for (size_t i = 0; i < fl.size(); ++i) {
      ExploitationForm f{Str(fl[i], "code"), Str(fl[i], "nl"), Str(fl[i], "en"),
                         fl[i].value("intakeOnly", false)};
      std::string p = "/forms/" + std::to_string(i);
      if (f.code.empty() || f.nl.empty() || f.en.empty()) return Bad("forms", p, "code, nl and en are required");
      if (!seen.insert(f.code).second) return Bad("forms", p, "duplicate code " + f.code);
      c.forms_.push_back(std::move(f));
    }

    c.indicators_version_ = Str(indicators, "version");
    const json& ll = indicators.at("lists");
    for (size_t li = 0; li < ll.size(); ++li) {
      IndicatorList list{Str(ll[li], "code"), Str(ll[li], "nl"), Str(ll[li], "en"),
                         Str(ll[li], "source"), {}};
      const json& gl = ll[li].at("groups");
      for (size_t gi = 0; gi < gl.size(); ++gi) {
        IndicatorGroup g{Str(gl[gi], "code"), Str(gl[gi], "nl"), Str(gl[gi], "en"), {}};
        const json& il = gl[gi].at("indicators");
        for (size_t ii = 0; ii < il.size(); ++ii) {
          std::string p = "/lists/" + std::to_string(li) + "/groups/" + std::to_string(gi) +
                          "/indicators/" + std::to_string(ii);
          Indicator ind{Str(il[ii], "code"), Str(il[ii], "nl"), Str(il[ii], "en"), {}, {},
                        list.code, g.code};
          if (ind.code.empty() || ind.nl.empty() || ind.en.empty())
            return Bad("indicators", p, "code, nl and en are required");
          for (const auto& f : il[ii].at("forms")) {
            if (!c.FindForm(f.get<std::string>()))
              return Bad("indicators", p, "unknown form " + f.get<std::string>());
            ind.forms.push_back(f.get<std::string>());
          }
          for (const auto& e : il[ii].at("elements")) {
            std::string s = e.get<std::string>();
            if (s == "act") ind.elements.push_back(Element::kAct);
            else if (s == "means") ind.elements.push_back(Element::kMeans);
            else if (s == "purpose") ind.elements.push_back(Element::kPurpose);
            else return Bad("indicators", p, "unknown element " + s);
          }
          if (c.indicator_index_.count(ind.code)) return Bad("indicators", p, "duplicate code " + ind.code);
          c.indicator_index_[ind.code] = ind;
          g.indicators.push_back(std::move(ind));
        }
        list.groups.push_back(std::move(g));
      }
      c.lists_.push_back(std::move(list));
    }

    c.region_code_ = Str(region.at("region"), "code");
    c.region_name_ = Str(region.at("region"), "name");
    std::set<std::string> codes;
    const json& ml = region.at("municipalities");
    for (size_t i = 0; i < ml.size(); ++i) {
      Municipality m{Str(ml[i], "code"), Str(ml[i], "name"), ml[i].value("population", 0)};
      if (m.code.size() != 6 || m.code.rfind("GM", 0) != 0)
        return Bad("region", "/municipalities/" + std::to_string(i), "code must look like GM1950");
      if (!codes.insert(m.code).second)
        return Bad("region", "/municipalities/" + std::to_string(i), "duplicate code " + m.code);
      c.municipalities_.push_back(std::move(m));
    }
    std::set<std::string> ids;
    const json& ol = region.at("organisations");
    for (size_t i = 0; i < ol.size(); ++i) {
      Organisation o{Str(ol[i], "id"), Str(ol[i], "name"), Str(ol[i], "kind"),
                     Str(ol[i], "municipality")};
      std::string p = "/organisations/" + std::to_string(i);
      if (o.id.empty() || o.name.empty()) return Bad("region", p, "id and name are required");
      if (!ids.insert(o.id).second) return Bad("region", p, "duplicate id " + o.id);
      if (!o.municipality.empty() && !codes.count(o.municipality))
        return Bad("region", p, "unknown municipality " + o.municipality);
      c.organisations_.push_back(std::move(o));
    }
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("catalog: unexpected structure: ") + e.what());
  }
  return c;
}

const Catalog& Catalog::Embedded() {
  static const Catalog catalog = [] {
    Result<Catalog> r = Parse(kEmbeddedForms, kEmbeddedIndicators, kEmbeddedRegion);
    // The embedded data is checked by the catalog tests; failing here is a build bug.
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  return catalog;
}

const ExploitationForm* Catalog::FindForm(std::string_view code) const {
  for (const auto& f : forms_)
    if (f.code == code) return &f;
  return nullptr;
}

const Indicator* Catalog::FindIndicator(std::string_view code) const {
  auto it = indicator_index_.find(code);
  return it == indicator_index_.end() ? nullptr : &it->second;
}

const Municipality* Catalog::FindMunicipality(std::string_view code) const {
  for (const auto& m : municipalities_)
    if (m.code == code) return &m;
  return nullptr;
}

const Organisation* Catalog::FindOrganisation(std::string_view id) const {
  for (const auto& o : organisations_)
    if (o.id == id) return &o;
  return nullptr;
}

}  // namespace drieluik::domain
