#include "store/signal_codec.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace drieluik::store {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

template <typename E>
E EnumOr(const json& j, const char* key, E fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return fallback;
  auto v = FromCode<E>(it->get<std::string>());
  return v ? *v : fallback;
}

std::string S(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string EncodeSignalDocument(const SignalContent& c) {
  json d;
  d["v"] = 1;
  d["reporter"] = {{"anonymous", c.reporter.anonymous}, {"name", c.reporter.name},
                   {"organisation", c.reporter.organisation}, {"phone", c.reporter.phone},
                   {"email", c.reporter.email}, {"professional", c.reporter.professional}};
  d["description"] = c.description;
  d["location"] = c.location;
  if (c.observed_at) d["observedAt"] = c.observed_at->time_since_epoch().count();
  d["forms"] = c.forms;
  json ind = json::array();
  for (const auto& i : c.indicators) ind.push_back({{"code", i.code}, {"note", i.note}});
  d["indicators"] = ind;
  json groups = json::array();
  for (auto g : c.vulnerable_groups) groups.push_back(std::string(ToCode(g)));
  d["vulnerableGroups"] = groups;
  d["acuteDanger"] = c.acute_danger;
  json persons = json::array();
  for (const auto& p : c.persons) {
    json jp = {{"role", ToCode(p.role)}, {"name", p.name}, {"gender", ToCode(p.gender)},
               {"nationality", p.nationality}, {"description", p.description}};
    if (p.date_of_birth) jp["dateOfBirth"] = FormatDate(*p.date_of_birth);
    if (p.estimated_age) jp["estimatedAge"] = *p.estimated_age;
    persons.push_back(std::move(jp));
  }
  d["persons"] = persons;
  json addresses = json::array();
  for (const auto& a : c.addresses)
    addresses.push_back({{"street", a.street}, {"houseNumber", a.house_number}, {"postcode", a.postcode},
                         {"city", a.city}, {"description", a.description}});
  d["addresses"] = addresses;
  json businesses = json::array();
  for (const auto& b : c.businesses)
    businesses.push_back({{"name", b.name}, {"kvkNumber", b.kvk_number}, {"sector", b.sector}});
  d["businesses"] = businesses;
  json phones = json::array();
  for (const auto& p : c.phone_numbers) phones.push_back({{"number", p.number}, {"description", p.description}});
  d["phoneNumbers"] = phones;
  json vehicles = json::array();
  for (const auto& v : c.vehicles)
    vehicles.push_back({{"licensePlate", v.license_plate}, {"description", v.description}});
  d["vehicles"] = vehicles;
  return d.dump();
}

Status DecodeSignalDocument(const std::string& document, SignalContent& c) {
  try {
    json d = json::parse(document);
    const json& r = d.at("reporter");
    c.reporter = Reporter{r.value("anonymous", true), S(r, "name"), S(r, "organisation"), S(r, "phone"),
                          S(r, "email"), r.value("professional", false)};
    c.description = S(d, "description");
    c.location = S(d, "location");
    if (d.contains("observedAt")) c.observed_at = TimePoint(std::chrono::milliseconds(d["observedAt"].get<long long>()));
    c.forms = d.at("forms").get<std::vector<std::string>>();
    c.indicators.clear();
    for (const auto& i : d.at("indicators")) c.indicators.push_back({S(i, "code"), S(i, "note")});
    c.vulnerable_groups.clear();
    for (const auto& g : d.at("vulnerableGroups"))
      if (auto v = FromCode<VulnerableGroup>(g.get<std::string>())) c.vulnerable_groups.push_back(*v);
    c.acute_danger = d.value("acuteDanger", false);
    c.persons.clear();
    for (const auto& p : d.at("persons")) {
      Person person;
      person.role = EnumOr(p, "role", PersonRole::kOther);
      person.name = S(p, "name");
      if (p.contains("dateOfBirth")) person.date_of_birth = ParseDate(S(p, "dateOfBirth"));
      if (p.contains("estimatedAge")) person.estimated_age = p["estimatedAge"].get<int>();
      person.gender = EnumOr(p, "gender", Gender::kUnknown);
      person.nationality = S(p, "nationality");
      person.description = S(p, "description");
      c.persons.push_back(std::move(person));
    }
    c.addresses.clear();
    for (const auto& a : d.at("addresses"))
      c.addresses.push_back({S(a, "street"), S(a, "houseNumber"), S(a, "postcode"), S(a, "city"), S(a, "description")});
    c.businesses.clear();
    for (const auto& b : d.at("businesses")) c.businesses.push_back({S(b, "name"), S(b, "kvkNumber"), S(b, "sector")});
    c.phone_numbers.clear();
    for (const auto& p : d.at("phoneNumbers")) c.phone_numbers.push_back({S(p, "number"), S(p, "description")});
    c.vehicles.clear();
    for (const auto& v : d.at("vehicles")) c.vehicles.push_back({S(v, "licensePlate"), S(v, "description")});
  } catch (const json::exception& e) {
    return Status::Internal(std::string("stored signal document is malformed: ") + e.what());
  }
  return Status::Ok();
}

std::string EncodeFieldList(const std::vector<std::string>& fields) { return json(fields).dump(); }

std::vector<std::string> DecodeFieldList(const std::string& text) {
  try {
    return json::parse(text).get<std::vector<std::string>>();
  } catch (const json::exception&) {
    return {};
  }
}

std::string EncodeCursor(TimePoint received_at, SignalId id) {
  return std::to_string(received_at.time_since_epoch().count()) + "." + std::to_string(id);
}

Status DecodeCursor(const std::string& cursor, TimePoint& received_at, SignalId& id) {
  auto dot = cursor.find('.');
  long long ms = 0;
  long long sid = 0;
  auto bad = Status::Invalid({"/cursor", "invalid_cursor", {}});
  if (dot == std::string::npos) return bad;
  auto r1 = std::from_chars(cursor.data(), cursor.data() + dot, ms);
  auto r2 = std::from_chars(cursor.data() + dot + 1, cursor.data() + cursor.size(), sid);
  if (r1.ec != std::errc() || r1.ptr != cursor.data() + dot || r2.ec != std::errc() ||
      r2.ptr != cursor.data() + cursor.size() || sid <= 0)
    return bad;
  received_at = TimePoint(std::chrono::milliseconds(ms));
  id = sid;
  return Status::Ok();
}

}  // namespace drieluik::store
