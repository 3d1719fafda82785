#include "web/api/signal_dto.h"

#include <nlohmann/json.hpp>

#include "web/api/json_fields.h"
#include "web/api/messages.h"

namespace drieluik::web::api {
namespace {

using namespace drieluik::domain;

const std::set<std::string> kContentMembers = {
    "observedAt", "municipality", "reporter", "summary", "description", "location", "forms", "indicators",
    "vulnerableGroups", "acuteDanger", "persons", "addresses", "businesses", "phoneNumbers", "vehicles"};
const std::set<std::string> kReadOnly = {"id", "referenceCode", "createdAt", "updatedAt", "triage", "history",
                                         "additions"};

std::set<std::string> Known(SignalWrite kind) {
  std::set<std::string> k = kContentMembers;
  if (kind != SignalWrite::kPublic) k.insert({"channel", "receivedAt", "organisation"});
  if (kind == SignalWrite::kPatch) k.insert({"version", "status"});
  return k;
}

// Reads an array of objects at `key`, one JsonFields per element.
template <typename T, typename F>
std::vector<T> ReadList(JsonFields& f, const char* key, F read_one) {
  std::vector<T> out;
  const json* arr = f.Array(key);
  if (!arr) return out;
  for (size_t i = 0; i < arr->size(); ++i) {
    JsonFields item((*arr)[i], f.PointerOf(key) + "/" + std::to_string(i), f.errors());
    out.push_back(read_one(item));
  }
  return out;
}

json Reasons(const std::vector<Reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons)
    out.push_back({{"key", r.key}, {"nl", Message(r.key, r.params, Lang::kNl)}, {"en", Message(r.key, r.params, Lang::kEn)}});
  return out;
}

json Element(const ElementFinding& e) { return {{"status", ToCode(e.status)}, {"reasons", Reasons(e.reasons)}}; }

std::string Ts(TimePoint t) { return FormatTimestamp(t); }

const char* LevelNl(UrgencyLevel l) {
  switch (l) {
    case UrgencyLevel::kAcute: return "acuut";
    case UrgencyLevel::kHigh: return "hoog";
    case UrgencyLevel::kNormal: return "normaal";
    case UrgencyLevel::kLow: return "laag";
  }
  return "";
}
const char* ElementNl(ElementStatus s) {
  return s == ElementStatus::kIndicated ? "aanwijzing" : s == ElementStatus::kNotApplicable ? "n.v.t." : "nog niet";
}
const char* ElementEn(ElementStatus s) {
  return s == ElementStatus::kIndicated ? "indicated" : s == ElementStatus::kNotApplicable ? "n/a" : "not yet";
}

}  // namespace

Status MergeErrors(const Status& wire, const Status& domain) {
  if (domain.ok() || domain.code() != StatusCode::kInvalidArgument) return wire;
  std::vector<FieldError> all = wire.fields();
  for (const auto& d : domain.fields()) {
    bool covered = false;
    for (const auto& w : wire.fields())
      if (d.pointer.rfind(w.pointer, 0) == 0 && (w.pointer.empty() || d.pointer.size() == w.pointer.size() ||
                                                 d.pointer[w.pointer.size()] == '/'))
        covered = true;
    if (!covered) all.push_back(d);
  }
  return Status::InvalidArgument(wire.message(), all);
}

Result<SignalWriteResult> ReadSignalWrite(const json& body, SignalWrite kind, SignalWriteResult* partial) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  if (!errors.empty()) return Status::InvalidArgument("body is not an object", errors);
  f.CheckMembers(Known(kind), kind == SignalWrite::kPatch ? kReadOnly : std::set<std::string>{});

  SignalWriteResult out;
  SignalContent& c = out.content;
  if (kind == SignalWrite::kPublic) {
    c.channel = Channel::kPublicForm;
  } else {
    auto ch = f.Enum<Channel>("channel", kind == SignalWrite::kCreate);
    if (ch) c.channel = *ch;
    c.received_at = f.Timestamp("receivedAt");
    c.organisation = f.String("organisation");
  }
  if (kind == SignalWrite::kPatch) {
    auto v = f.Int64("version", true);
    if (v) out.version = *v;
    out.status = f.Enum<SignalStatus>("status", true);
  }
  c.observed_at = f.Timestamp("observedAt");
  c.municipality = f.String("municipality");
  if (const json* r = f.Object("reporter")) {
    JsonFields rf(*r, "/reporter", errors);
    rf.CheckMembers({"anonymous", "name", "organisation", "phone", "email", "professional"});
    c.reporter.anonymous = rf.Bool("anonymous", false);
    c.reporter.name = rf.String("name");
    c.reporter.organisation = rf.String("organisation");
    c.reporter.phone = rf.String("phone");
    c.reporter.email = rf.String("email");
    c.reporter.professional = rf.Bool("professional", false);
  } else {
    c.reporter.anonymous = true;
  }
  c.summary = f.String("summary");
  c.description = f.String("description", kind == SignalWrite::kPublic);
  c.location = f.String("location");
  c.forms = f.Strings("forms");
  c.indicators = ReadList<IndicatorRef>(f, "indicators", [](JsonFields& i) {
    i.CheckMembers({"code", "note"});
    return IndicatorRef{i.String("code", true), i.String("note")};
  });
  if (const json* groups = f.Array("vulnerableGroups")) {
    for (size_t i = 0; i < groups->size(); ++i) {
      const json holder = json::object({{"v", (*groups)[i]}});  // JsonFields keeps a reference
      JsonFields wrapper(holder, "/vulnerableGroups", errors);
      // Report as /vulnerableGroups/i rather than /vulnerableGroups/v.
      size_t before = errors.size();
      auto g = wrapper.Enum<VulnerableGroup>("v", true);
      for (size_t e = before; e < errors.size(); ++e) errors[e].pointer = "/vulnerableGroups/" + std::to_string(i);
      if (g) c.vulnerable_groups.push_back(*g);
    }
  }
  c.acute_danger = f.Bool("acuteDanger", false);
  c.persons = ReadList<Person>(f, "persons", [](JsonFields& p) {
    p.CheckMembers({"role", "name", "dateOfBirth", "estimatedAge", "gender", "nationality", "description"});
    Person person;
    if (auto r = p.Enum<PersonRole>("role", true)) person.role = *r;
    person.name = p.String("name");
    person.date_of_birth = p.DateValue("dateOfBirth");
    person.estimated_age = p.Int("estimatedAge");
    if (auto g = p.Enum<Gender>("gender")) person.gender = *g;
    person.nationality = p.String("nationality");
    person.description = p.String("description");
    return person;
  });
  c.addresses = ReadList<Address>(f, "addresses", [](JsonFields& a) {
    a.CheckMembers({"street", "houseNumber", "postcode", "city", "description"});
    return Address{a.String("street"), a.String("houseNumber"), a.String("postcode"), a.String("city"),
                   a.String("description")};
  });
  c.businesses = ReadList<Business>(f, "businesses", [](JsonFields& b) {
    b.CheckMembers({"name", "kvkNumber", "sector"});
    return Business{b.String("name"), b.String("kvkNumber"), b.String("sector")};
  });
  c.phone_numbers = ReadList<PhoneNumber>(f, "phoneNumbers", [](JsonFields& p) {
    p.CheckMembers({"number", "description"});
    return PhoneNumber{p.String("number", true), p.String("description")};
  });
  c.vehicles = ReadList<Vehicle>(f, "vehicles", [](JsonFields& v) {
    v.CheckMembers({"licensePlate", "description"});
    return Vehicle{v.String("licensePlate", true), v.String("description")};
  });
  if (!errors.empty()) {
    if (partial) *partial = out;
    return Status::InvalidArgument("invalid signal body", errors);
  }
  return out;
}

json SignalWriteJson(const Signal& s) {
  const SignalContent& c = s.content;
  json j;
  j["channel"] = ToCode(c.channel);
  if (c.received_at) j["receivedAt"] = Ts(*c.received_at);
  if (c.observed_at) j["observedAt"] = Ts(*c.observed_at);
  j["municipality"] = c.municipality;
  j["organisation"] = c.organisation;
  j["reporter"] = {{"anonymous", c.reporter.anonymous}, {"name", c.reporter.name},
                   {"organisation", c.reporter.organisation}, {"phone", c.reporter.phone},
                   {"email", c.reporter.email}, {"professional", c.reporter.professional}};
  j["summary"] = c.summary;
  j["description"] = c.description;
  j["location"] = c.location;
  j["forms"] = c.forms;
  j["indicators"] = json::array();
  for (const auto& i : c.indicators) j["indicators"].push_back({{"code", i.code}, {"note", i.note}});
  j["vulnerableGroups"] = json::array();
  for (auto g : c.vulnerable_groups) j["vulnerableGroups"].push_back(ToCode(g));
  j["acuteDanger"] = c.acute_danger;
  j["persons"] = json::array();
  for (const auto& p : c.persons) {
    json jp = {{"role", ToCode(p.role)}, {"name", p.name}, {"gender", ToCode(p.gender)},
               {"nationality", p.nationality}, {"description", p.description}};
    if (p.date_of_birth) jp["dateOfBirth"] = FormatDate(*p.date_of_birth);
    if (p.estimated_age) jp["estimatedAge"] = *p.estimated_age;
    j["persons"].push_back(jp);
  }
  j["addresses"] = json::array();
  for (const auto& a : c.addresses)
    j["addresses"].push_back({{"street", a.street}, {"houseNumber", a.house_number}, {"postcode", a.postcode},
                              {"city", a.city}, {"description", a.description}});
  j["businesses"] = json::array();
  for (const auto& b : c.businesses)
    j["businesses"].push_back({{"name", b.name}, {"kvkNumber", b.kvk_number}, {"sector", b.sector}});
  j["phoneNumbers"] = json::array();
  for (const auto& p : c.phone_numbers) j["phoneNumbers"].push_back({{"number", p.number}, {"description", p.description}});
  j["vehicles"] = json::array();
  for (const auto& v : c.vehicles)
    j["vehicles"].push_back({{"licensePlate", v.license_plate}, {"description", v.description}});
  return j;
}

json TriageJson(const Triage& t) {
  json routes = json::array();
  std::string routes_text;
  for (const auto& r : t.routes) {
    routes.push_back({{"route", ToCode(r.route)},
                      {"reason", {{"key", r.reason.key},
                                  {"nl", Message(r.reason.key, r.reason.params, Lang::kNl)},
                                  {"en", Message(r.reason.key, r.reason.params, Lang::kEn)}}}});
    if (!routes_text.empty()) routes_text += ", ";
    routes_text += ToCode(r.route);
  }
  std::string nl = std::string("Urgentie ") + LevelNl(t.urgency.level) + "; handeling: " + ElementNl(t.act.status) +
                   ", middel: " + ElementNl(t.means.status) + ", doel: " + ElementNl(t.purpose.status) +
                   "; voorgestelde routes: " + routes_text + ".";
  std::string en = std::string("Urgency ") + std::string(ToCode(t.urgency.level)) + "; act: " + ElementEn(t.act.status) +
                   ", means: " + ElementEn(t.means.status) + ", purpose: " + ElementEn(t.purpose.status) +
                   "; proposed routes: " + routes_text + ".";
  return {{"urgency", {{"level", ToCode(t.urgency.level)}, {"score", t.urgency.score}, {"reasons", Reasons(t.urgency.reasons)}}},
          {"elements", {{"act", Element(t.act)}, {"means", Element(t.means)}, {"purpose", Element(t.purpose)}}},
          {"routes", routes},
          {"summary", {{"nl", nl}, {"en", en}}}};
}

json SignalJson(const Signal& s, const Triage& t, const std::vector<HistoryEntry>* history) {
  json j = SignalWriteJson(s);
  j["id"] = s.id;
  j["referenceCode"] = s.reference_code;
  j["version"] = s.version;
  j["status"] = ToCode(s.status);
  j["receivedAt"] = Ts(s.received_at);
  j["createdAt"] = Ts(s.created_at);
  j["updatedAt"] = Ts(s.updated_at);
  j["triage"] = TriageJson(t);
  j["additions"] = json::array();
  for (const auto& a : s.additions) j["additions"].push_back({{"at", Ts(a.at)}, {"text", a.text}});
  if (history) {
    j["history"] = json::array();
    for (const auto& h : *history)
      j["history"].push_back({{"at", Ts(h.at)}, {"action", h.action}, {"actor", h.actor}, {"fields", h.fields}});
  }
  return j;
}

json SignalSummaryJson(const Signal& s, const Triage& t) {
  json groups = json::array();
  for (auto g : s.content.vulnerable_groups) groups.push_back(ToCode(g));
  return {{"id", s.id},
          {"referenceCode", s.reference_code},
          {"version", s.version},
          {"status", ToCode(s.status)},
          {"receivedAt", Ts(s.received_at)},
          {"municipality", s.content.municipality},
          {"organisation", s.content.organisation},
          {"summary", s.content.summary},
          {"forms", s.content.forms},
          {"vulnerableGroups", groups},
          {"acuteDanger", s.content.acute_danger},
          {"urgency", ToCode(t.urgency.level)}};
}

}  // namespace drieluik::web::api
