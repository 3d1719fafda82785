#include "domain/link_keys.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace drieluik::domain {
namespace {

// Folds the Latin-1 Supplement and Latin Extended-A letters that occur in Dutch, Polish,
// Romanian, Bulgarian (transliterated), Turkish and Vietnamese (transliterated) names to
// ASCII. Other multi-byte characters are kept as they are.
std::string FoldDiacritics(std::string_view s) {
  static const std::pair<const char*, char> kFold[] = {
      {"à", 'a'}, {"á", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"å", 'a'}, {"ą", 'a'}, {"ă", 'a'},
      {"ç", 'c'}, {"ć", 'c'}, {"č", 'c'}, {"è", 'e'}, {"é", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"ę", 'e'},
      {"ì", 'i'}, {"í", 'i'}, {"î", 'i'}, {"ï", 'i'}, {"ł", 'l'}, {"ñ", 'n'}, {"ń", 'n'}, {"ò", 'o'},
      {"ó", 'o'}, {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'}, {"ø", 'o'}, {"ș", 's'}, {"ş", 's'}, {"ś", 's'},
      {"š", 's'}, {"ț", 't'}, {"ţ", 't'}, {"ù", 'u'}, {"ú", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ý", 'y'},
      {"ÿ", 'y'}, {"ź", 'z'}, {"ż", 'z'}, {"ž", 'z'}, {"À", 'a'}, {"Á", 'a'}, {"Ä", 'a'}, {"Ç", 'c'},
      {"È", 'e'}, {"É", 'e'}, {"Ë", 'e'}, {"Ï", 'i'}, {"Ł", 'l'}, {"Ó", 'o'}, {"Ö", 'o'}, {"Ś", 's'},
      {"Š", 's'}, {"Ü", 'u'}, {"Ž", 'z'}, {"Ż", 'z'}, {"ß", 's'}, {"Ș", 's'}, {"Ş", 's'}, {"Ț", 't'},
      {"Ţ", 't'}, {"Ă", 'a'}, {"Â", 'a'}, {"Î", 'i'}, {"Ą", 'a'}, {"Ć", 'c'}, {"Č", 'c'}, {"Ę", 'e'},
      {"Ń", 'n'}, {"Ñ", 'n'}, {"Ź", 'z'}, {"Ò", 'o'}, {"Ô", 'o'}, {"Ú", 'u'}, {"Û", 'u'}, {"Ê", 'e'},
  };
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool folded = false;
    if (static_cast<unsigned char>(s[i]) >= 0x80) {
      for (const auto& [from, to] : kFold) {
        std::string_view f(from);
        if (s.substr(i, f.size()) == f) {
          out += to;
          i += f.size();
          folded = true;
          break;
        }
      }
    }
    if (!folded) out += s[i++];
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

int Words(const std::string& s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    if (c == ' ') in = false;
    else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

}  // namespace

std::string_view ToCode(LinkKind k) {
  switch (k) {
    case LinkKind::kPerson: return "person";
    case LinkKind::kAddress: return "address";
    case LinkKind::kBusiness: return "business";
    case LinkKind::kPhone: return "phone";
    case LinkKind::kVehicle: return "vehicle";
  }
  return "";
}

std::string NormaliseName(std::string_view s) {
  std::string folded = FoldDiacritics(s), out;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out += static_cast<char>(std::tolower(u));
    else if ((c == ' ' || c == '-' || c == '\t') && !out.empty() && out.back() != ' ') out += ' ';
    // Apostrophes and dots vanish: "'t Hart" = "t hart", "J.P." = "jp".
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string NormalisePhone(std::string_view s) {
  std::string digits;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  bool plus = !s.empty() && s.find('+') != std::string_view::npos;
  if (!plus && digits.rfind("00", 0) == 0) return digits.substr(2);          // 0048... → 48...
  if (!plus && digits.rfind("0", 0) == 0) return "31" + digits.substr(1);    // 0599... → 31599...
  // "+31 (0)599 ..." writes a trunk 0 after the country code: drop it.
  if (plus && digits.rfind("310", 0) == 0) return "31" + digits.substr(3);
  return digits;
}

std::string NormalisePlate(std::string_view s) { return Upper(s); }
std::string NormalisePostcode(std::string_view s) { return Upper(s); }

std::vector<LinkKey> LinkKeysOf(const SignalContent& c) {
  std::vector<LinkKey> out;
  std::set<std::pair<LinkKind, std::string>> seen;
  auto add = [&](LinkKind kind, std::string key, std::string label) {
    if (key.empty() || !seen.insert({kind, key}).second) return;
    out.push_back({kind, std::move(key), std::move(label)});
  };
  for (const auto& p : c.persons) {
    std::string name = NormaliseName(p.name);
    if (Words(name) >= 2 && p.date_of_birth)
      add(LinkKind::kPerson, name + "|" + FormatDate(*p.date_of_birth), p.name + " (" + FormatDate(*p.date_of_birth) + ")");
  }
  for (const auto& a : c.addresses) {
    std::string number = Upper(a.house_number);
    std::string label = a.street + " " + a.house_number + ", " + a.postcode + " " + a.city;
    if (!a.postcode.empty() && !number.empty()) add(LinkKind::kAddress, NormalisePostcode(a.postcode) + "|" + number, label);
    else if (!a.street.empty() && !number.empty() && !a.city.empty())
      add(LinkKind::kAddress, NormaliseName(a.street) + "|" + number + "|" + NormaliseName(a.city), label);
  }
  for (const auto& b : c.businesses) {
    if (!b.kvk_number.empty()) add(LinkKind::kBusiness, "kvk|" + b.kvk_number, b.name + " (KvK " + b.kvk_number + ")");
    else if (Words(NormaliseName(b.name)) >= 1) add(LinkKind::kBusiness, "name|" + NormaliseName(b.name), b.name);
  }
  for (const auto& p : c.phone_numbers) {
    std::string n = NormalisePhone(p.number);
    if (n.size() >= 8) add(LinkKind::kPhone, n, p.number);
  }
  for (const auto& v : c.vehicles) {
    std::string n = NormalisePlate(v.license_plate);
    if (n.size() >= 4) add(LinkKind::kVehicle, n, v.license_plate);
  }
  return out;
}

}  // namespace drieluik::domain
