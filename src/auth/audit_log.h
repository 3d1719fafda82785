// AuditLog: writes the audit trail (issue 3 point 5) — every read and write of personal
// data and every refused access, with who, when, what object, which purpose and from
// which address — through the store's hash-chained AuditRepository, and verifies it.
// Entries carry ids, never names or field values (domain/audit_chain.h enforces the
// patterns). Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "domain/account.h"
#include "domain/audit_chain.h"
#include "domain/principal.h"

namespace drieluik::auth {

class AuditLog {
 public:
  AuditLog(domain::AuditRepository& repo, const Clock& clock);

  /// Appends one entry. The actor is the principal's username ("public" when anonymous).
  /// Characters outside an entry field's pattern are replaced by '_' so a hostile object id
  /// cannot make the write fail.
  Result<domain::AuditEntry> Record(const domain::Principal& who, domain::AuditAction action,
                                    std::string_view object_type, std::string_view object_id,
                                    std::string_view purpose, std::string_view remote_address,
                                    domain::AuditOutcome outcome = domain::AuditOutcome::kSuccess);
  /// The entry Record would append, for a repository write to append in its own transaction
  /// (domain::AuditIntent; an empty object_id is filled with the created object's id).
  domain::AuditIntent Intent(const domain::Principal& who, domain::AuditAction action, std::string_view object_type,
                             std::string_view object_id, std::string_view purpose,
                             std::string_view remote_address) const;
  /// The entry RecordSystem would append, for a repository write (see Intent).
  domain::AuditIntent SystemIntent(domain::AuditAction action, std::string_view object_type,
                                   std::string_view object_id, std::string_view purpose) const;
  /// Appends an entry of the system itself (retention, key rotation); actor "system".
  Result<domain::AuditEntry> RecordSystem(domain::AuditAction action, std::string_view object_type,
                                          std::string_view object_id, std::string_view purpose);

  /// Entries matching the query, in seq order.
  Result<std::vector<domain::AuditEntry>> Query(const domain::AuditQuery& q) { return repo_.QueryAudit(q); }

  /// Walks the whole stored chain from the anchor (or genesis).
  Result<domain::VerifyResult> Verify();

  const domain::AuditHasher& hasher() const;

 private:
  domain::AuditRepository& repo_;
  const Clock& clock_;
};

/// The JSON form of an entry for the API and exports: {"seq","at","actor",...}.
std::string AuditEntryJson(const domain::AuditEntry& e);

}  // namespace drieluik::auth
