#include "domain/signal_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/signal_validation.h"

namespace drieluik::domain {
namespace {

constexpr int kReferenceAttempts = 8;

// Equality helpers for the history diff.
bool Eq(const Reporter& a, const Reporter& b) {
  return a.anonymous == b.anonymous && a.name == b.name && a.organisation == b.organisation && a.phone == b.phone &&
         a.email == b.email && a.professional == b.professional;
}
bool Eq(const Person& a, const Person& b) {
  return a.role == b.role && a.name == b.name && a.date_of_birth == b.date_of_birth &&
         a.estimated_age == b.estimated_age && a.gender == b.gender && a.nationality == b.nationality &&
         a.description == b.description;
}
bool Eq(const Address& a, const Address& b) {
  return a.street == b.street && a.house_number == b.house_number && a.postcode == b.postcode && a.city == b.city &&
         a.description == b.description;
}
bool Eq(const Business& a, const Business& b) {
  return a.name == b.name && a.kvk_number == b.kvk_number && a.sector == b.sector;
}
bool Eq(const PhoneNumber& a, const PhoneNumber& b) { return a.number == b.number && a.description == b.description; }
bool Eq(const Vehicle& a, const Vehicle& b) { return a.license_plate == b.license_plate && a.description == b.description; }
bool Eq(const IndicatorRef& a, const IndicatorRef& b) { return a.code == b.code && a.note == b.note; }
template <typename T>
bool EqList(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!Eq(a[i], b[i])) return false;
  return true;
}

std::string DefaultSummary(const std::string& description) {
  // First line, at most 80 code points, on a character boundary.
  std::string line = description.substr(0, description.find('\n'));
  std::string out;
  int n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) != 0x80 && ++n > 80) {
      out += "…";
      break;
    }
    out += line[i];
  }
  return out;
}

}  // namespace

std::vector<std::string> ChangedFields(const SignalContent& a, const SignalContent& b) {
  std::vector<std::string> f;
  if (a.channel != b.channel) f.push_back("channel");
  if (a.received_at != b.received_at) f.push_back("receivedAt");
  if (a.observed_at != b.observed_at) f.push_back("observedAt");
  if (a.municipality != b.municipality) f.push_back("municipality");
  if (a.organisation != b.organisation) f.push_back("organisation");
  if (!Eq(a.reporter, b.reporter)) f.push_back("reporter");
  if (a.summary != b.summary) f.push_back("summary");
  if (a.description != b.description) f.push_back("description");
  if (a.location != b.location) f.push_back("location");
  if (a.forms != b.forms) f.push_back("forms");
  if (!EqList(a.indicators, b.indicators)) f.push_back("indicators");
  if (a.vulnerable_groups != b.vulnerable_groups) f.push_back("vulnerableGroups");
  if (a.acute_danger != b.acute_danger) f.push_back("acuteDanger");
  if (!EqList(a.persons, b.persons)) f.push_back("persons");
  if (!EqList(a.addresses, b.addresses)) f.push_back("addresses");
  if (!EqList(a.businesses, b.businesses)) f.push_back("businesses");
  if (!EqList(a.phone_numbers, b.phone_numbers)) f.push_back("phoneNumbers");
  if (!EqList(a.vehicles, b.vehicles)) f.push_back("vehicles");
  return f;
}

SignalService::SignalService(SignalRepository& repo, const Catalog& catalog, const Clock& clock, Secrets& secrets,
                             LinkKeyRepository* links)
    : repo_(repo), catalog_(catalog), clock_(clock), secrets_(secrets), links_(links), throttle_(clock) {}

Result<std::vector<StoredLinkKey>> SignalService::StoredKeys(const SignalContent& c) {
  std::vector<StoredLinkKey> keys;
  if (!links_) return keys;
  for (const auto& k : LinkKeysOf(c)) {
    auto h = links_->HashLinkKey(k);
    if (!h.ok()) return h.status();
    keys.push_back({k.kind, std::move(h).value()});
  }
  return keys;
}

Status SignalService::IndexLinks(const Signal& s) {
  if (!links_) return Status::Ok();
  auto keys = StoredKeys(s.content);
  if (!keys.ok()) return keys.status();
  return links_->ReplaceLinkKeys(s.id, *keys);
}

Result<std::vector<Signal>> SignalService::SignalsMatching(const SignalContent& probe) {
  if (!links_) return Status::FailedPrecondition("no link index");
  std::vector<std::string> hashes;
  for (const auto& k : LinkKeysOf(probe)) {
    auto h = links_->SearchHashesOf(k);
    if (!h.ok()) return h.status();
    hashes.insert(hashes.end(), h->begin(), h->end());
  }
  std::vector<Signal> out;
  if (hashes.empty()) return out;
  auto hits = links_->FindByHashes(hashes, 0);
  if (!hits.ok()) return hits.status();
  std::set<SignalId> ids;
  for (const auto& h : *hits) ids.insert(h.signal_id);
  for (SignalId id : ids) {
    Result<Signal> s = repo_.Get(id);
    if (!s.ok()) {
      if (s.error().code() == StatusCode::kNotFound) continue;
      return s.status();
    }
    out.push_back(std::move(s).value());
  }
  std::sort(out.begin(), out.end(), [](const Signal& a, const Signal& b) {
    return a.received_at != b.received_at ? a.received_at < b.received_at : a.id < b.id;
  });
  return out;
}

Result<std::vector<SignalLink>> SignalService::Links(SignalId id) {
  if (!links_) return Status::FailedPrecondition("no link index");
  Result<Signal> s = repo_.Get(id);
  if (!s.ok()) return s.status();
  std::vector<LinkKey> keys = LinkKeysOf(s->content);
  std::map<std::string, const LinkKey*> by_hash;
  std::vector<std::string> hashes;
  for (const auto& k : keys) {
    auto hs = links_->SearchHashesOf(k);
    if (!hs.ok()) return hs.status();
    for (auto& h : *hs) {
      by_hash[h] = &k;
      hashes.push_back(std::move(h));
    }
  }
  std::vector<SignalLink> out;
  if (hashes.empty()) return out;
  auto hits = links_->FindByHashes(hashes, id);
  if (!hits.ok()) return hits.status();
  std::map<SignalId, std::vector<LinkReason>> reasons;
  for (const auto& h : *hits) {
    auto it = by_hash.find(h.hash);
    if (it != by_hash.end()) reasons[h.signal_id].push_back({h.kind, it->second->label});
  }
  for (auto& [other, why] : reasons) {
    Result<Signal> o = repo_.Get(other);
    if (!o.ok()) {
      if (o.error().code() == StatusCode::kNotFound) continue;  // deleted meanwhile
      return o.status();
    }
    out.push_back({std::move(o).value(), std::move(why)});
  }
  std::sort(out.begin(), out.end(), [](const SignalLink& a, const SignalLink& b) {
    return a.signal.received_at != b.signal.received_at ? a.signal.received_at > b.signal.received_at
                                                        : a.signal.id > b.signal.id;
  });
  return out;
}

Result<std::vector<HotspotView>> SignalService::Hotspots(LinkKind kind, int min_signals, int limit) {
  if (!links_) return Status::FailedPrecondition("no link index");
  if (min_signals < 2 || min_signals > 1000) return Status::Invalid({"/min", "out_of_range", {{"min", "2"}, {"max", "1000"}}});
  if (limit < 1 || limit > 200) return Status::Invalid({"/limit", "out_of_range", {{"min", "1"}, {"max", "200"}}});
  auto spots = links_->Hotspots(kind, min_signals, limit);
  if (!spots.ok()) return spots.status();
  std::vector<HotspotView> out;
  for (const auto& h : *spots) {
    HotspotView v{h.kind, "", h.signals};
    // The label comes from a signal that has the key; the index itself holds only hashes.
    for (SignalId id : h.signals) {
      Result<Signal> s = repo_.Get(id);
      if (!s.ok()) continue;
      for (const auto& k : LinkKeysOf(s->content)) {
        if (k.kind != kind) continue;
        auto hs = links_->SearchHashesOf(k);
        if (!hs.ok()) return hs.status();
        if (std::find(hs->begin(), hs->end(), h.hash) != hs->end()) v.label = k.label;
      }
      if (!v.label.empty()) break;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Triage SignalService::TriageOf(const SignalContent& content) const {
  return ComputeTriage(content, catalog_, AmsterdamDate(clock_.Now()));
}

bool SignalService::TransitionAllowed(SignalStatus from, SignalStatus to) {
  using S = SignalStatus;
  if (from == to) return true;
  static const std::set<std::pair<S, S>> allowed = {
      {S::kNew, S::kInIntake},          {S::kNew, S::kForDrieluik},         {S::kNew, S::kClosed},
      {S::kInIntake, S::kForDrieluik},  {S::kInIntake, S::kClosed},         {S::kForDrieluik, S::kInIntake},
      {S::kForDrieluik, S::kAssessed},  {S::kForDrieluik, S::kClosed},      {S::kAssessed, S::kForDrieluik},
      {S::kAssessed, S::kLinkedToCase}, {S::kAssessed, S::kClosed},         {S::kLinkedToCase, S::kClosed},
      {S::kClosed, S::kInIntake},
  };
  return allowed.count({from, to}) > 0;
}

Status SignalService::Validate(SignalContent content) const {
  TimePoint now = clock_.Now();
  if (content.channel == Channel::kPublicForm && content.summary.empty())
    content.summary = DefaultSummary(content.description);
  if (!content.received_at) content.received_at = now;
  if (content.forms.empty()) content.forms.push_back("ONBEKEND");
  return ValidateSignal(content, catalog_, now);
}

Result<Signal> SignalService::Store(SignalContent content, const std::string& actor, const std::string& secret_hash,
                                    const AuditIntent* audit) {
  TimePoint now = clock_.Now();
  if (!content.received_at) content.received_at = now;
  if (content.forms.empty()) content.forms.push_back("ONBEKEND");
  DRIELUIK_RETURN_IF_ERROR(ValidateSignal(content, catalog_, now));

  NewSignal n;
  n.signal.status = SignalStatus::kNew;
  n.signal.version = 1;
  n.signal.received_at = *content.received_at;
  n.signal.created_at = now;
  n.signal.updated_at = now;
  n.signal.content = std::move(content);
  n.urgency = std::string(ToCode(TriageOf(n.signal.content).urgency.level));
  n.public_secret_hash = secret_hash;
  n.created = HistoryEntry{now, "created", actor, {}};
  auto keys = StoredKeys(n.signal.content);  // stored with the signal, in one transaction
  if (!keys.ok()) return keys.status();
  n.link_keys = std::move(keys).value();
  n.audit = audit;
  // The code carries the year the signal was received (older imports keep their year).
  int year = static_cast<int>(AmsterdamDate(n.signal.received_at).year());
  for (int attempt = 0; attempt < kReferenceAttempts; ++attempt) {
    n.signal.reference_code = "MH-" + std::to_string(year) + "-" + secrets_.RandomCode(6);
    Result<Signal> r = repo_.Insert(n);
    if (r.ok() || r.error().code() != StatusCode::kConflict) return r;
  }
  return Status::Internal("could not draw a free reference code");
}

Result<Signal> SignalService::Create(SignalContent content, const std::string& actor, const AuditIntent* audit) {
  if (content.channel == Channel::kPublicForm) content.channel = Channel::kProfessional;
  return Store(std::move(content), actor, "", audit);
}

Result<PublicReceipt> SignalService::CreatePublic(SignalContent content, const AuditIntent* audit) {
  content.channel = Channel::kPublicForm;
  content.organisation.clear();
  content.received_at.reset();  // the public does not set the time of receipt
  if (content.summary.empty()) content.summary = DefaultSummary(content.description);
  std::string secret = secrets_.NewSecret();
  Result<Signal> s = Store(std::move(content), "public", secrets_.HashSecret(secret), audit);
  if (!s.ok()) return s.status();
  return PublicReceipt{s->reference_code, secret};
}

Result<Signal> SignalService::Get(SignalId id) { return repo_.Get(id); }

Result<std::vector<HistoryEntry>> SignalService::History(SignalId id) { return repo_.History(id); }

Result<Signal> SignalService::Update(SignalId id, std::int64_t expected_version, SignalContent content,
                                     SignalStatus status, const std::string& actor) {
  Result<Signal> current = repo_.Get(id);
  if (!current.ok()) return current;
  if (current->version != expected_version)
    return Status::Conflict("stale version; current version is " + std::to_string(current->version));
  if (!TransitionAllowed(current->status, status))
    return Status::InvalidArgument("status change not allowed",
                                   {{"/status", "transition_not_allowed",
                                     {{"from", std::string(ToCode(current->status))}, {"to", std::string(ToCode(status))}}}});
  TimePoint now = clock_.Now();
  if (!content.received_at) content.received_at = current->received_at;
  if (content.forms.empty()) content.forms.push_back("ONBEKEND");
  DRIELUIK_RETURN_IF_ERROR(ValidateSignal(content, catalog_, now));

  std::vector<std::string> fields = ChangedFields(current->content, content);
  if (status != current->status) fields.push_back("status");
  if (fields.empty()) return current;  // nothing changed: no new version
  Signal next = *current;
  next.content = std::move(content);
  next.status = status;
  next.received_at = *next.content.received_at;
  next.updated_at = now;
  std::string urgency(ToCode(TriageOf(next.content).urgency.level));
  auto keys = StoredKeys(next.content);
  if (!keys.ok()) return keys.status();
  return repo_.Update(next, expected_version, urgency, HistoryEntry{now, "updated", actor, fields}, &*keys);
}

Result<SignalPage> SignalService::List(SignalFilter filter) {
  if (filter.limit < 1 || filter.limit > 200)
    return Status::Invalid({"/limit", "out_of_range", {{"min", "1"}, {"max", "200"}}});
  if (!filter.municipality.empty() && !catalog_.FindMunicipality(filter.municipality))
    return Status::Invalid({"/municipality", "unknown_code", {{"value", filter.municipality}}});
  if (!filter.form.empty() && !catalog_.FindForm(filter.form))
    return Status::Invalid({"/form", "unknown_code", {{"value", filter.form}}});
  if (filter.from && filter.to && *filter.from >= *filter.to)
    return Status::Invalid({"/to", "before_from", {}});
  if (CodePoints(filter.text) > 200) return Status::Invalid({"/q", "too_long", {{"max", "200"}}});
  return repo_.List(filter);
}

Result<TimePoint> SignalService::AddPublicAddition(std::string_view reference, std::string_view secret,
                                                    std::string text, const std::string& remote_address,
                                                    std::chrono::milliseconds* retry_after,
                                                    const AuditIntent* audit) {
  const std::string ref_key = "ref:" + std::string(reference);
  const std::string addr_key = "addr:" + remote_address;
  auto blocked = std::max(throttle_.BlockedFor(ref_key), throttle_.BlockedFor(addr_key));
  if (blocked.count() > 0) {
    if (retry_after) *retry_after = blocked;
    return Status::ResourceExhausted("too many failed attempts");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Status::Invalid({"/text", "required", {}});
  if (CodePoints(text) > SignalLimits::kAddition)
    return Status::Invalid({"/text", "too_long", {{"max", std::to_string(SignalLimits::kAddition)}}});

  auto fail = [&] {
    throttle_.RecordFailure(ref_key);
    throttle_.RecordFailure(addr_key);
    return Status::NotFound("unknown reference or wrong secret");
  };
  Result<Signal> s = repo_.FindByReference(reference);
  if (!s.ok()) {
    if (s.error().code() != StatusCode::kNotFound) return s.status();
    // Spend the same work as a real check so timing does not tell whether the code exists.
    (void)secrets_.VerifySecret(secret, secrets_.HashSecret("x"));
    return fail();
  }
  Result<std::string> hash = repo_.PublicSecretHash(s->id);
  if (!hash.ok()) {
    if (hash.error().code() != StatusCode::kNotFound) return hash.status();
    return fail();
  }
  if (!secrets_.VerifySecret(secret, *hash)) return fail();
  TimePoint now = clock_.Now();
  DRIELUIK_RETURN_IF_ERROR(repo_.AddAddition(s->id, Addition{now, std::move(text)},
                                             HistoryEntry{now, "addition", "public", {"additions"}}, audit));
  return now;
}

}  // namespace drieluik::domain
