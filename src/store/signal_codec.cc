#include "store/signal_codec.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/drieluik/assessment.h"

namespace drieluik::store {

std::string PoliceReferralsSql() {
  std::string out = "(";
  for (domain::DecisionKind k : domain::PoliceReferrals())
    out += (out.size() > 1 ? ", '" : "'") + std::string(domain::ToCode(k)) + "'";
  return out + ")";
}
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

std::string SearchableText(const SignalContent& c) {
  std::string text = c.summary + "\n" + c.description + "\n" + c.location;
  for (const auto& i : c.indicators) text += "\n" + i.note;
  return text;
}

namespace {
constexpr char kKeyCheckText[] = "drieluik key check v1";
}  // namespace

Status MissingKeyError(const std::string& id) {
  return Status::FailedPrecondition("the database holds data encrypted with key \"" + id +
                                    "\", which is not in the key ring; nothing was changed "
                                    "(check --key-file / DRIELUIK_KEYS)");
}

const std::vector<std::string>& SignalProtector::key_ids() const {
  static const std::vector<std::string> none;
  return keys_ ? keys_->ids() : none;
}

SignalProtector::SignalProtector(std::shared_ptr<const crypto::KeyRing> keys) : keys_(std::move(keys)) {
  if (keys_) {
    cipher_ = std::make_unique<crypto::FieldCipher>(*keys_);
    index_ = std::make_unique<crypto::BlindIndex>(*keys_);
  }
}

Status SignalProtector::RequireKeys() const {
  if (keys_) return Status::Ok();
  return Status::FailedPrecondition("no keys: this store was opened without a key ring (--key-file or DRIELUIK_KEYS)");
}

Result<ProtectedContent> SignalProtector::Protect(const SignalContent& c, SignalId id) const {
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  std::string row = std::to_string(id);
  ProtectedContent p;
  p.key_id = keys_->current_id();
  p.summary = cipher_->Encrypt(c.summary, {"signals", "summary", row});
  p.document = cipher_->Encrypt(EncodeSignalDocument(c), {"signals", "document", row});
  p.words = index_->WordKeys(SearchableText(c));
  std::sort(p.words.begin(), p.words.end());
  p.words.erase(std::unique(p.words.begin(), p.words.end()), p.words.end());
  return p;
}

Status SignalProtector::Unprotect(std::string_view key_id, const std::string& summary, const std::string& document,
                                  SignalId id, SignalContent& c) const {
  if (key_id.empty()) {  // plain text, written before migration 005
    c.summary = summary;
    return DecodeSignalDocument(document, c);
  }
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  std::string row = std::to_string(id);
  auto fail = [&](const Status& s) {
    return Status::FailedPrecondition("signal " + row + " cannot be decrypted with key \"" + std::string(key_id) +
                                      "\" of the key ring (wrong key file?): " + s.message());
  };
  auto sum = cipher_->Decrypt(summary, {"signals", "summary", row});
  if (!sum.ok()) return fail(sum.status());
  auto doc = cipher_->Decrypt(document, {"signals", "document", row});
  if (!doc.ok()) return fail(doc.status());
  c.summary = std::move(sum).value();
  return DecodeSignalDocument(*doc, c);
}

Result<std::string> SignalProtector::ProtectAddition(std::string_view text, std::int64_t addition_id) const {
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  return cipher_->Encrypt(text, {"signal_additions", "text", std::to_string(addition_id)});
}

Result<std::string> SignalProtector::UnprotectAddition(std::string_view key_id, const std::string& stored,
                                                       std::int64_t addition_id) const {
  if (key_id.empty()) return stored;
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  auto text = cipher_->Decrypt(stored, {"signal_additions", "text", std::to_string(addition_id)});
  if (!text.ok())
    return Status::FailedPrecondition("addition " + std::to_string(addition_id) + " cannot be decrypted with key \"" +
                                      std::string(key_id) + "\" of the key ring (wrong key file?): " +
                                      text.status().message());
  return text;
}

std::string EncodeCompartmentDocument(const CompartmentRecord& r) {
  return nlohmann::json{{"notes", r.notes}, {"reference", r.reference}, {"outcome", r.outcome}}.dump();
}

Status DecodeCompartmentDocument(const std::string& json, CompartmentRecord& r) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Internal("stored compartment document does not parse");
  r.notes = j.value("notes", "");
  r.reference = j.value("reference", "");
  r.outcome = j.value("outcome", "");
  return Status::Ok();
}

Result<std::string> SignalProtector::ProtectCompartment(std::string_view json, SignalId id,
                                                       std::string_view compartment) const {
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  return cipher_->Encrypt(json, {"signal_compartments", "document", std::to_string(id) + ":" + std::string(compartment)});
}

Result<std::string> SignalProtector::UnprotectCompartment(std::string_view key_id, const std::string& stored, SignalId id,
                                                         std::string_view compartment) const {
  if (key_id.empty()) return stored;
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  auto text =
      cipher_->Decrypt(stored, {"signal_compartments", "document", std::to_string(id) + ":" + std::string(compartment)});
  if (!text.ok())
    return Status::FailedPrecondition("compartment of signal " + std::to_string(id) + " cannot be decrypted with key \"" +
                                      std::string(key_id) + "\" of the key ring (wrong key file?): " +
                                      text.status().message());
  return text;
}

Result<SignalProtector::StoredSecret> SignalProtector::ProtectTotpSecret(std::string_view secret,
                                                                        std::int64_t user_id) const {
  if (secret.empty()) return StoredSecret{};
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  return StoredSecret{keys_->current_id(), cipher_->Encrypt(secret, {"users", "totp_secret", std::to_string(user_id)})};
}

Result<std::string> SignalProtector::UnprotectTotpSecret(std::string_view key_id, const std::string& stored,
                                                         std::int64_t user_id) const {
  if (key_id.empty()) return stored;
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  auto text = cipher_->Decrypt(stored, {"users", "totp_secret", std::to_string(user_id)});
  if (!text.ok())
    return Status::FailedPrecondition("the TOTP secret of user " + std::to_string(user_id) +
                                      " cannot be decrypted with key \"" + std::string(key_id) +
                                      "\" of the key ring (wrong key file?): " + text.status().message());
  return text;
}

Result<std::string> SignalProtector::ProtectField(std::string_view text, std::string_view table,
                                                  std::string_view column, std::int64_t row) const {
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  return cipher_->Encrypt(text, {table, column, std::to_string(row)});
}

Result<std::string> SignalProtector::UnprotectField(std::string_view key_id, const std::string& stored,
                                                    std::string_view table, std::string_view column,
                                                    std::int64_t row) const {
  if (key_id.empty()) return stored;
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  auto text = cipher_->Decrypt(stored, {table, column, std::to_string(row)});
  if (!text.ok())
    return Status::FailedPrecondition(std::string(table) + "." + std::string(column) + " of row " +
                                      std::to_string(row) + " cannot be decrypted with key \"" + std::string(key_id) +
                                      "\" of the key ring (wrong key file?): " + text.status().message());
  return text;
}

namespace {
std::string LinkKeyText(const domain::LinkKey& k) { return std::string(domain::ToCode(k.kind)) + ":" + k.normalised; }
}  // namespace

std::string SignalProtector::LinkKeyHash(const domain::LinkKey& k) const {
  return index_->Compute(crypto::IndexKind::kLinkKey, LinkKeyText(k));
}

std::vector<std::string> SignalProtector::LinkKeySearchHashes(const domain::LinkKey& k) const {
  return index_->SearchIndexes(crypto::IndexKind::kLinkKey, LinkKeyText(k));
}

std::vector<domain::StoredLinkKey> SignalProtector::LinkKeysFor(const domain::SignalContent& c) const {
  std::vector<domain::StoredLinkKey> out;
  for (const auto& k : domain::LinkKeysOf(c)) out.push_back({k.kind, LinkKeyHash(k)});
  return out;
}

std::vector<std::vector<std::int64_t>> SignalProtector::QueryWords(std::string_view text) const {
  std::vector<std::vector<std::int64_t>> out;
  if (!keys_) return out;
  for (const std::string& word : crypto::WordTokens(text)) out.push_back(index_->SearchWordKeys(word));
  return out;
}

std::string SignalProtector::KeyCheckValue() const {
  return cipher_->Encrypt(kKeyCheckText, {"encryption_keys", "check_value", keys_->current_id()});
}

Status SignalProtector::VerifyKeyCheck(const std::string& key_id, const std::string& check) const {
  DRIELUIK_RETURN_IF_ERROR(RequireKeys());
  auto text = cipher_->Decrypt(check, {"encryption_keys", "check_value", key_id});
  if (!text.ok() || *text != kKeyCheckText)
    return Status::FailedPrecondition("key \"" + key_id +
                                      "\" of the key file is not the key this database was encrypted with; "
                                      "nothing was changed (check --key-file / DRIELUIK_KEYS)");
  return Status::Ok();
}

}  // namespace drieluik::store
