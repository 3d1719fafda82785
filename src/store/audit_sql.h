// The audit trail's append written once in the SQL both backends share (store/drieluik_sql.h
// gives the SqlTx): every AppendAudit of the stores, and the entries a repository write
// appends in its own transaction (domain::AuditIntent). Internal to store/.
#pragma once

#include <string_view>

#include "base/status.h"
#include "domain/audit_chain.h"
#include "store/drieluik_sql.h"

namespace drieluik::store {

/// Seals `draft` after the stored head (the last entry, else the retention anchor, else the
/// genesis) and inserts it, in the caller's write transaction `tx`, which it first makes the
/// only appender (SqlTx::LockAuditTrail) so seq has no gaps. Returns the sealed entry.
Result<domain::AuditEntry> AppendAuditEntry(SqlTx& tx, const domain::AuditEntry& draft,
                                            const domain::AuditHasher& hasher);

/// Appends the intent's entry when there is one (nothing when null), with `object_id` as its
/// object id when the draft leaves it empty. Any failure is Unavailable ("audit trail not
/// written"), so the caller's write rolls back and the client may retry.
Status AppendAuditIntent(SqlTx& tx, const domain::AuditIntent* intent, std::string_view object_id);

}  // namespace drieluik::store
