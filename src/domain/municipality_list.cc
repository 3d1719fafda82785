#include "domain/municipality_list.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace drieluik::domain {

extern const std::string_view kEmbeddedMunicipalitiesNl;

namespace {

// The twelve provinces with their CBS codes (data/reference/README.md).
const std::map<std::string, std::string>& Provinces() {
  static const std::map<std::string, std::string> p = {
      {"PV20", "Groningen"}, {"PV21", "Friesland"},     {"PV22", "Drenthe"},      {"PV23", "Overijssel"},
      {"PV24", "Flevoland"}, {"PV25", "Gelderland"},    {"PV26", "Utrecht"},      {"PV27", "Noord-Holland"},
      {"PV28", "Zuid-Holland"}, {"PV29", "Zeeland"},    {"PV30", "Noord-Brabant"}, {"PV31", "Limburg"}};
  return p;
}

bool IsMunicipalityCode(std::string_view c) {
  if (c.size() != 6 || c.substr(0, 2) != "GM") return false;
  for (char ch : c.substr(2))
    if (ch < '0' || ch > '9') return false;
  return true;
}

std::vector<std::string> Split(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t p = line.find(';', start);
    out.emplace_back(line.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

}  // namespace

Result<std::vector<ReferenceMunicipality>> ParseMunicipalityList(std::string_view csv) {
  static const char* const kFields[] = {"code", "name", "province_code", "province"};
  std::vector<ReferenceMunicipality> out;
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  auto where = [](int line, const char* field) {
    return "municipalities-nl.csv:" + std::to_string(line) + ":" + field;
  };
  int number = 0;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    std::string_view line = csv.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? csv.size() : end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (number == 1) {
      if (line != "code;name;province_code;province")
        errors.push_back({where(1, "header"), "header", {{"expected", "code;name;province_code;province"}}});
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> f = Split(line);
    if (f.size() != 4) {
      errors.push_back({where(number, "line"), "field_count", {{"expected", "4"}, {"got", std::to_string(f.size())}}});
      continue;
    }
    bool ok = true;
    for (int i = 0; i < 4; ++i)
      if (f[i].empty()) {
        errors.push_back({where(number, kFields[i]), "required", {}});
        ok = false;
      }
    if (!f[0].empty() && !IsMunicipalityCode(f[0])) {
      errors.push_back({where(number, "code"), "invalid_code", {{"got", f[0]}}});
      ok = false;
    } else if (!f[0].empty() && !seen.insert(f[0]).second) {
      errors.push_back({where(number, "code"), "duplicate_code", {{"got", f[0]}}});
      ok = false;
    }
    auto prov = Provinces().find(f[2]);
    if (!f[2].empty() && !f[3].empty() && (prov == Provinces().end() || prov->second != f[3])) {
      errors.push_back({where(number, "province"), "unknown_province", {{"got", f[2] + ";" + f[3]}}});
      ok = false;
    }
    if (ok) out.push_back({f[0], f[1], f[2], f[3]});
  }
  if (number == 0) errors.push_back({where(1, "header"), "header", {{"expected", "code;name;province_code;province"}}});
  if (!errors.empty()) {
    std::string msg = errors.front().pointer + ": " + errors.front().key;
    return Status::InvalidArgument(msg, std::move(errors));
  }
  return out;
}

const std::vector<ReferenceMunicipality>& NetherlandsMunicipalities() {
  static const std::vector<ReferenceMunicipality> list = [] {
    auto r = ParseMunicipalityList(kEmbeddedMunicipalitiesNl);
    if (!r.ok()) {
      std::fprintf(stderr, "embedded municipality list: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return std::move(r).value();
  }();
  return list;
}

}  // namespace drieluik::domain
