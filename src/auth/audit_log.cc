#include "auth/audit_log.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "crypto/sha256_hasher.h"

namespace drieluik::auth {
namespace {

using namespace drieluik::domain;

const crypto::Sha256Hasher& Hasher() {
  static const crypto::Sha256Hasher hasher;
  return hasher;
}

// Keeps the characters the field's pattern allows (see audit_chain.h) and the length.
std::string Clean(std::string_view v, std::string_view allowed_extra, std::size_t max, bool lower_only = false) {
  std::string out;
  for (char c : v.substr(0, max)) {
    bool ok = (c >= 'a' && c <= 'z') || (!lower_only && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) ||
              (lower_only && c >= '0' && c <= '9') || allowed_extra.find(c) != std::string_view::npos;
    out += ok ? c : '_';
  }
  return out;
}

}  // namespace

AuditLog::AuditLog(AuditRepository& repo, const Clock& clock) : repo_(repo), clock_(clock) {}

const AuditHasher& AuditLog::hasher() const { return Hasher(); }

AuditIntent AuditLog::Intent(const Principal& who, AuditAction action, std::string_view object_type,
                             std::string_view object_id, std::string_view purpose,
                             std::string_view remote_address) const {
  AuditEntry e;
  e.at = clock_.Now();
  e.actor = who.authenticated() ? Clean(who.username, "._@-", 64) : "public";
  e.role = who.role ? std::string(ToCode(*who.role)) : "anonymous";
  if (who.via == AuthMethod::kToken) e.on_behalf_of = "token." + std::to_string(who.token_id);
  e.action = action;
  e.object_type = Clean(object_type, "_.", 32, true);
  for (char& c : e.object_type)
    if (c >= '0' && c <= '9') c = '_';
  e.object_id = Clean(object_id, "._:-", 64);
  e.purpose = Clean(purpose, "_.", 40, true);
  std::string addr;
  for (char c : remote_address.substr(0, 45))
    if (std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':') addr += c;
  e.remote_address = addr;
  return AuditIntent{std::move(e), &Hasher()};
}

Result<AuditEntry> AuditLog::Record(const Principal& who, AuditAction action, std::string_view object_type,
                                    std::string_view object_id, std::string_view purpose,
                                    std::string_view remote_address, AuditOutcome outcome) {
  AuditIntent intent = Intent(who, action, object_type, object_id, purpose, remote_address);
  intent.draft.outcome = outcome;
  return repo_.AppendAudit(intent.draft, Hasher());
}

AuditIntent AuditLog::SystemIntent(AuditAction action, std::string_view object_type, std::string_view object_id,
                                   std::string_view purpose) const {
  AuditEntry e;
  e.at = clock_.Now();
  e.actor = "system";
  e.role = "system";
  e.action = action;
  e.object_type = Clean(object_type, "_.", 32, true);
  e.object_id = Clean(object_id, "._:-", 64);
  e.purpose = Clean(purpose, "_.", 40, true);
  return AuditIntent{std::move(e), &Hasher()};
}

Result<AuditEntry> AuditLog::RecordSystem(AuditAction action, std::string_view object_type,
                                          std::string_view object_id, std::string_view purpose) {
  return repo_.AppendAudit(SystemIntent(action, object_type, object_id, purpose).draft, Hasher());
}

Result<VerifyResult> AuditLog::Verify() {
  // Verify page by page, carrying the head: memory stays bounded for a long trail.
  // Where retention removed the start, the chain continues from the stored anchor.
  auto anchor = repo_.AuditAnchor();
  if (!anchor.ok()) return anchor.status();
  VerifyResult total;
  ChainHead head = anchor->value_or(ChainHead{});
  std::size_t offset = 0;
  bool broken = false;
  Status s = repo_.ScanAudit(
      [&](const std::vector<AuditEntry>& page) -> Status {
        VerifyResult r = VerifyAuditChain(page, Hasher(), head);
        if (!r.ok()) {
          total = r;
          total.position += offset;
          broken = true;
          return Status::FailedPrecondition("audit chain broken");
        }
        head = r.head;
        offset += page.size();
        return Status::Ok();
      },
      5000);
  if (!s.ok() && !broken) return s;
  if (total.ok()) total.head = head;
  return total;
}

std::string AuditEntryJson(const AuditEntry& e) {
  nlohmann::json j = {{"seq", e.seq},
                      {"at", FormatTimestamp(e.at)},
                      {"actor", e.actor},
                      {"onBehalfOf", e.on_behalf_of},
                      {"role", e.role},
                      {"action", ToCode(e.action)},
                      {"objectType", e.object_type},
                      {"objectId", e.object_id},
                      {"purpose", e.purpose},
                      {"remoteAddress", e.remote_address},
                      {"outcome", ToCode(e.outcome)},
                      {"prevHash", e.prev_hash},
                      {"hash", e.hash}};
  return j.dump();
}

}  // namespace drieluik::auth
