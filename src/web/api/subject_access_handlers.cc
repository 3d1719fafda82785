// POST /api/v1/subject-access and POST /api/v1/retention/run: the privacy officer's tools.
// POST /api/v1/subject-access: everything drieluik holds about one data subject (art. 15
// AVG), for the privacy officer: the signals that name the person (by name and date of
// birth, phone number or licence plate, normalised as for linkage), each with its history,
// its police and care compartments and the audit trail of who accessed it. JSON, or with
// ?format=html a readable document, or ?format=pdf the same as a PDF. The request is a POST so the
// person's details never appear in a URL; the export itself is audited.
#include <nlohmann/json.hpp>

#include "auth/audit_log.h"
#include "base/time.h"
#include "minutes/minutes_export.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/json_fields.h"
#include "web/api/problem.h"
#include "web/api/secure_route.h"
#include "web/api/signal_dto.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A readable document: one section per signal with its fields as a definition list.
std::string Html(const json& doc) {
  std::string h =
      "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Inzageverzoek / Subject access</title>"
      "</head><body><main><h1>Inzage persoonsgegevens / Subject access (art. 15 AVG)</h1>";
  h += "<p>Opgemaakt / made: " + Escape(doc["madeAt"].get<std::string>()) + ". Aantal meldingen / signals: " +
       std::to_string(doc["signals"].size()) + ".</p>";
  for (const auto& s : doc["signals"]) {
    h += "<section><h2>Melding / signal " + Escape(s["signal"]["referenceCode"].get<std::string>()) + "</h2><dl>";
    for (const auto& [k, v] : s["signal"].items())
      h += "<dt>" + Escape(k) + "</dt><dd>" + Escape(v.is_string() ? v.get<std::string>() : v.dump()) + "</dd>";
    h += "</dl>";
    for (const char* c : {"police", "care"})
      if (s["compartments"].contains(c))
        h += "<h3>" + std::string(c) + "</h3><pre>" + Escape(s["compartments"][c].dump(2)) + "</pre>";
    h += "<h3>Toegang / access</h3><table><thead><tr><th>wanneer / when</th><th>wie / who</th><th>wat / what</th>"
         "</tr></thead><tbody>";
    for (const auto& e : s["accessLog"])
      h += "<tr><td>" + Escape(e["at"].get<std::string>()) + "</td><td>" + Escape(e["actor"].get<std::string>()) +
           " (" + Escape(e["role"].get<std::string>()) + ")</td><td>" + Escape(e["action"].get<std::string>()) +
           "</td></tr>";
    h += "</tbody></table></section>";
  }
  h += "</main></body></html>";
  return h;
}

std::string Plain(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The same document as PDF paragraphs: a heading per signal, a line per field, the
// compartments and one line per access.
std::vector<minutes::Block> Blocks(const json& doc) {
  using minutes::Block;
  std::vector<Block> b;
  b.push_back({Block::Style::kTitle, "Inzage persoonsgegevens / Subject access (art. 15 AVG)"});
  b.push_back({Block::Style::kText, "Opgemaakt / made: " + doc["madeAt"].get<std::string>() +
                                        ". Aantal meldingen / signals: " + std::to_string(doc["signals"].size()) +
                                        "."});
  for (const auto& s : doc["signals"]) {
    b.push_back({Block::Style::kHeading, "Melding / signal " + s["signal"]["referenceCode"].get<std::string>()});
    for (const auto& [k, v] : s["signal"].items()) b.push_back({Block::Style::kText, k + ": " + Plain(v)});
    for (const char* c : {"police", "care"})
      if (s["compartments"].contains(c))
        b.push_back({Block::Style::kNote, std::string(c) + ": " + s["compartments"][c].dump()});
    b.push_back({Block::Style::kHeading, "Toegang / access"});
    for (const auto& e : s["accessLog"])
      b.push_back({Block::Style::kNote,
                   Plain(e["at"]) + "  " + Plain(e["actor"]) + " (" + Plain(e["role"]) + ")  " + Plain(e["action"])});
  }
  return b;
}

}  // namespace

void RegisterSubjectAccess(Router& router, ApiContext& ctx) {
  AddRoute(router, ctx, {"POST", "/api/v1/subject-access", "subject_access", "export"}, [&ctx](Call& call) {
    const std::string format = call.request.Query("format").value_or("json");
    if (format != "json" && format != "html" && format != "pdf")
      return ProblemFor(Status::Invalid({"/format", "invalid_value", {{"allowed", "json, html, pdf"}}}));
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    std::vector<FieldError> errors;
    JsonFields f(std::get<json>(body), "", errors);
    f.CheckMembers({"name", "dateOfBirth", "phone", "licensePlate"});
    std::string name = f.String("name"), dob = f.String("dateOfBirth"), phone = f.String("phone"),
                plate = f.String("licensePlate");
    SignalContent probe;
    if (!name.empty() || !dob.empty()) {
      Person p;
      p.name = name;
      if (!dob.empty()) {
        p.date_of_birth = ParseDate(dob);
        if (!p.date_of_birth) errors.push_back({"/dateOfBirth", "invalid_date", {}});
      }
      if (name.empty()) errors.push_back({"/name", "required", {}});
      if (dob.empty()) errors.push_back({"/dateOfBirth", "required", {}});
      probe.persons.push_back(p);
    }
    if (!phone.empty()) probe.phone_numbers.push_back({phone, ""});
    if (!plate.empty()) probe.vehicles.push_back({plate, ""});
    if (probe.persons.empty() && probe.phone_numbers.empty() && probe.vehicles.empty())
      errors.push_back({"/name", "required", {}});
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid subject access request", errors));

    auto signals = ctx.signals.SignalsMatching(probe);
    if (!signals.ok()) return ProblemFor(signals.status());
    json items = json::array();
    for (const auto& s : *signals) {
      auto history = ctx.signals.History(s.id);
      json entry = {{"signal", SignalJson(s, ctx.signals.TriageOf(s.content), history.ok() ? &*history : nullptr)},
                    {"compartments", json::object()},
                    {"accessLog", json::array()}};
      if (ctx.compartments)
        for (Compartment c : {Compartment::kPolice, Compartment::kCare}) {
          auto rec = ctx.compartments->GetCompartment(s.id, c);
          if (rec.ok())
            entry["compartments"][std::string(ToCode(c))] = {
                {"notes", rec->notes}, {"reference", rec->reference}, {"outcome", rec->outcome}};
        }
      AuditQuery q;
      q.object_type = "signal";
      q.object_id = std::to_string(s.id);
      q.limit = 1000;
      auto log = ctx.audit->Query(q);
      if (log.ok())
        for (const auto& e : *log) entry["accessLog"].push_back(json::parse(auth::AuditEntryJson(e)));
      items.push_back(entry);
      if (auto denied = call.Audit(AuditAction::kExport, "signal", std::to_string(s.id))) return *denied;
    }
    const TimePoint now = ctx.clock ? ctx.clock->Now() : SystemClock().Now();
    json doc = {{"madeAt", FormatTimestamp(now)}, {"signals", items}};
    Response resp = JsonResponse(doc);
    if (format == "html") resp = Response::Text(200, Html(doc), "text/html; charset=utf-8");
    if (format == "pdf") {
      auto pdf = minutes::RenderBlocksPdf(Blocks(doc), "Inzage persoonsgegevens / Subject access");
      if (!pdf.ok()) return ProblemFor(pdf.status());
      resp = Response::Text(200, *pdf, "application/pdf");
      resp.SetHeader("Content-Disposition", "attachment; filename=\"inzage.pdf\"");
    }
    resp.SetHeader("Cache-Control", "no-store");
    return resp;
  });
}

void RegisterRetention(Router& router, ApiContext& ctx) {
  // POST /api/v1/retention/run: the retention job by hand (privacy officer, beheerder).
  AddRoute(router, ctx, {"POST", "/api/v1/retention/run", "retention", "run"}, [&ctx](Call&) {
    if (!ctx.run_retention) return ProblemFor(Status::Unavailable("retention is not configured"));
    auto r = ctx.run_retention();
    if (!r.ok()) return ProblemFor(r.status());
    return JsonResponse({{"signalsAnonymised", r->signals_anonymised},
                         {"reportersErased", r->reporters_erased},
                         {"auditEntriesRemoved", r->audit_entries_removed},
                         {"casesAnonymised", r->cases_anonymised},
                         {"meetingsAnonymised", r->meetings_anonymised},
                         {"drieluikRowsCleared", r->drieluik_rows_cleared}});
  });
}

}  // namespace drieluik::web::api
