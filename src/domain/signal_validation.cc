#include "domain/signal_validation.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace drieluik::domain {
namespace {

class Errors {
 public:
  void Add(std::string pointer, std::string key, std::vector<std::pair<std::string, std::string>> params = {}) {
    list_.push_back({std::move(pointer), std::move(key), std::move(params)});
  }
  void Length(const std::string& pointer, const std::string& value, int max, bool required) {
    if (required && value.find_first_not_of(" \t\r\n") == std::string::npos) {
      Add(pointer, "required");
      return;
    }
    if (CodePoints(value) > max) Add(pointer, "too_long", {{"max", std::to_string(max)}});
  }
  void Count(const std::string& pointer, size_t n) {
    if (n > static_cast<size_t>(SignalLimits::kMaxEntries))
      Add(pointer, "too_many", {{"max", std::to_string(SignalLimits::kMaxEntries)}});
  }
  Status ToStatus() const {
    if (list_.empty()) return Status::Ok();
    return Status::InvalidArgument("signal has " + std::to_string(list_.size()) + " invalid field(s)", list_);
  }

 private:
  std::vector<FieldError> list_;
};

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string Compact(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '-') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Dutch postcode "1234 AB"; foreign postcodes are accepted when they do not start with
// four digits (a Dutch-looking code must be well formed).
bool PostcodeOk(const std::string& p) {
  std::string c = Compact(p);
  bool dutch_like = c.size() >= 4 && std::all_of(c.begin(), c.begin() + 4, ::isdigit);
  if (!dutch_like) return c.size() <= 12;
  return c.size() == 6 && c[0] != '0' && std::isalpha(static_cast<unsigned char>(c[4])) &&
         std::isalpha(static_cast<unsigned char>(c[5]));
}

bool PhoneOk(const std::string& p) {
  int digits = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != ' ' && c != '-' && c != '(' && c != ')') return false;
  }
  return digits >= 6 && digits <= 15;
}

bool PlateOk(const std::string& p) {
  std::string c = Compact(p);
  return c.size() >= 2 && c.size() <= 10 && std::all_of(c.begin(), c.end(), ::isalnum);
}

bool EmailOk(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos && e.find(' ') == std::string::npos &&
         e.size() <= 254;
}

}  // namespace

int CodePoints(std::string_view utf8) {
  int n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Status ValidateSignal(const SignalContent& s, const Catalog& catalog, TimePoint now) {
  Errors e;
  // Clocks of partner systems drift a little; allow five minutes before calling a time future.
  const TimePoint latest = now + std::chrono::minutes(5);
  const Date today = AmsterdamDate(now);

  // A member of the public may not know the municipality; the intake fills it in.
  if (Blank(s.municipality)) {
    if (s.channel != Channel::kPublicForm) e.Add("/municipality", "required");
  } else if (!catalog.FindMunicipality(s.municipality)) e.Add("/municipality", "unknown_code", {{"value", s.municipality}});
  if (!s.organisation.empty() && !catalog.FindOrganisation(s.organisation))
    e.Add("/organisation", "unknown_code", {{"value", s.organisation}});

  if (s.received_at && *s.received_at > latest) e.Add("/receivedAt", "future_date");
  if (s.observed_at) {
    if (*s.observed_at > latest) e.Add("/observedAt", "future_date");
    else if (s.received_at && *s.observed_at > *s.received_at + std::chrono::minutes(5))
      e.Add("/observedAt", "after_received");
  }

  if (!s.reporter.anonymous) {
    e.Length("/reporter/name", s.reporter.name, SignalLimits::kName, true);
  } else {
    e.Length("/reporter/name", s.reporter.name, SignalLimits::kName, false);
  }
  e.Length("/reporter/organisation", s.reporter.organisation, SignalLimits::kName, false);
  e.Length("/reporter/phone", s.reporter.phone, SignalLimits::kShort, false);
  if (!s.reporter.phone.empty() && !PhoneOk(s.reporter.phone)) e.Add("/reporter/phone", "invalid_phone");
  if (!s.reporter.email.empty() && !EmailOk(s.reporter.email)) e.Add("/reporter/email", "invalid_email");

  // A public report's summary is derived from its description, so only that is required.
  e.Length("/summary", s.summary, SignalLimits::kSummary, s.channel != Channel::kPublicForm);
  e.Length("/description", s.description, SignalLimits::kDescription, true);
  e.Length("/location", s.location, SignalLimits::kLocation, false);

  if (s.forms.empty()) e.Add("/forms", "required");
  std::set<std::string> seen;
  for (size_t i = 0; i < s.forms.size(); ++i) {
    std::string p = "/forms/" + std::to_string(i);
    if (!catalog.FindForm(s.forms[i])) e.Add(p, "unknown_code", {{"value", s.forms[i]}});
    else if (!seen.insert(s.forms[i]).second) e.Add(p, "duplicate", {{"value", s.forms[i]}});
  }

  e.Count("/indicators", s.indicators.size());
  seen.clear();
  for (size_t i = 0; i < s.indicators.size(); ++i) {
    std::string p = "/indicators/" + std::to_string(i);
    const auto& ind = s.indicators[i];
    if (!catalog.FindIndicator(ind.code)) e.Add(p + "/code", "unknown_code", {{"value", ind.code}});
    else if (!seen.insert(ind.code).second) e.Add(p + "/code", "duplicate", {{"value", ind.code}});
    e.Length(p + "/note", ind.note, SignalLimits::kNote, false);
  }

  std::set<VulnerableGroup> groups;
  for (size_t i = 0; i < s.vulnerable_groups.size(); ++i)
    if (!groups.insert(s.vulnerable_groups[i]).second)
      e.Add("/vulnerableGroups/" + std::to_string(i), "duplicate", {{"value", std::string(ToCode(s.vulnerable_groups[i]))}});

  e.Count("/persons", s.persons.size());
  for (size_t i = 0; i < s.persons.size(); ++i) {
    std::string p = "/persons/" + std::to_string(i);
    const Person& person = s.persons[i];
    e.Length(p + "/name", person.name, SignalLimits::kName, false);
    e.Length(p + "/description", person.description, SignalLimits::kNote, false);
    if (person.date_of_birth) {
      if (*person.date_of_birth > today) e.Add(p + "/dateOfBirth", "future_date");
      else if (person.date_of_birth->year() < std::chrono::year{1900}) e.Add(p + "/dateOfBirth", "too_early");
    }
    if (person.estimated_age && (*person.estimated_age < 0 || *person.estimated_age > 120))
      e.Add(p + "/estimatedAge", "out_of_range", {{"min", "0"}, {"max", "120"}});
    if (!person.nationality.empty() &&
        (person.nationality.size() != 2 || !std::isupper(static_cast<unsigned char>(person.nationality[0])) ||
         !std::isupper(static_cast<unsigned char>(person.nationality[1]))))
      e.Add(p + "/nationality", "invalid_country");
    if (Blank(person.name) && Blank(person.description) && !person.date_of_birth && !person.estimated_age)
      e.Add(p, "empty_entry");
  }

  e.Count("/addresses", s.addresses.size());
  for (size_t i = 0; i < s.addresses.size(); ++i) {
    std::string p = "/addresses/" + std::to_string(i);
    const Address& a = s.addresses[i];
    e.Length(p + "/street", a.street, SignalLimits::kName, false);
    e.Length(p + "/houseNumber", a.house_number, 20, false);
    e.Length(p + "/city", a.city, SignalLimits::kName, false);
    e.Length(p + "/description", a.description, SignalLimits::kNote, false);
    if (!a.postcode.empty() && !PostcodeOk(a.postcode)) e.Add(p + "/postcode", "invalid_postcode");
    if (Blank(a.street) && Blank(a.postcode) && Blank(a.city) && Blank(a.description)) e.Add(p, "empty_entry");
  }

  e.Count("/businesses", s.businesses.size());
  for (size_t i = 0; i < s.businesses.size(); ++i) {
    std::string p = "/businesses/" + std::to_string(i);
    const Business& b = s.businesses[i];
    e.Length(p + "/name", b.name, SignalLimits::kName, false);
    e.Length(p + "/sector", b.sector, SignalLimits::kShort, false);
    if (!b.kvk_number.empty() &&
        (b.kvk_number.size() != 8 || !std::all_of(b.kvk_number.begin(), b.kvk_number.end(), ::isdigit)))
      e.Add(p + "/kvkNumber", "invalid_kvk");
    if (Blank(b.name) && b.kvk_number.empty()) e.Add(p + "/name", "required");
  }

  e.Count("/phoneNumbers", s.phone_numbers.size());
  for (size_t i = 0; i < s.phone_numbers.size(); ++i) {
    std::string p = "/phoneNumbers/" + std::to_string(i);
    if (Blank(s.phone_numbers[i].number)) e.Add(p + "/number", "required");
    else if (!PhoneOk(s.phone_numbers[i].number)) e.Add(p + "/number", "invalid_phone");
    e.Length(p + "/description", s.phone_numbers[i].description, SignalLimits::kNote, false);
  }

  e.Count("/vehicles", s.vehicles.size());
  for (size_t i = 0; i < s.vehicles.size(); ++i) {
    std::string p = "/vehicles/" + std::to_string(i);
    if (Blank(s.vehicles[i].license_plate)) e.Add(p + "/licensePlate", "required");
    else if (!PlateOk(s.vehicles[i].license_plate)) e.Add(p + "/licensePlate", "invalid_plate");
    e.Length(p + "/description", s.vehicles[i].description, SignalLimits::kNote, false);
  }
  return e.ToStatus();
}

}  // namespace drieluik::domain
