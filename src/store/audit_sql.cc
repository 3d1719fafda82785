#include "store/audit_sql.h"

#include <string>

namespace drieluik::store {
namespace {

using namespace drieluik::domain;

std::int64_t ToInt(const SqlValue& v) { return v ? std::stoll(*v) : 0; }

Result<ChainHead> StoredHead(SqlTx& tx) {
  auto last = tx.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {});
  if (!last.ok()) return last.status();
  if (!last->empty()) return ChainHead{ToInt((*last)[0][0]), (*last)[0][1].value_or("")};
  auto anchor = tx.Query("SELECT seq, hash FROM audit_anchor WHERE id = 1", {});
  if (!anchor.ok()) return anchor.status();
  if (!anchor->empty()) return ChainHead{ToInt((*anchor)[0][0]), (*anchor)[0][1].value_or("")};
  return ChainHead{};
}

}  // namespace

Result<AuditEntry> AppendAuditEntry(SqlTx& tx, const AuditEntry& draft, const AuditHasher& hasher) {
  DRIELUIK_RETURN_IF_ERROR(tx.LockAuditTrail());
  auto head = StoredHead(tx);
  if (!head.ok()) return head.status();
  auto sealed = SealAuditEntry(draft, *head, hasher);
  if (!sealed.ok()) return sealed.status();
  const AuditEntry& e = *sealed;
  auto ins = tx.Query(
      "INSERT INTO audit_log (seq, at, actor, on_behalf_of, role, action, object_type, object_id, purpose, "
      "remote_address, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::to_string(e.seq), std::to_string(e.at.time_since_epoch().count()), e.actor, e.on_behalf_of, e.role, std::string(ToCode(e.action)), e.object_type, e.object_id, e.purpose,
       e.remote_address, std::string(ToCode(e.outcome)), e.prev_hash, e.hash});
  if (!ins.ok()) return ins.status();
  return sealed;
}

Status AppendAuditIntent(SqlTx& tx, const AuditIntent* intent, std::string_view object_id) {
  if (!intent) return Status::Ok();
  if (!intent->hasher) return Status::Unavailable("audit trail not written: no hasher");
  AuditEntry draft = intent->draft;
  if (draft.object_id.empty()) draft.object_id = std::string(object_id);
  auto appended = AppendAuditEntry(tx, draft, *intent->hasher);
  if (!appended.ok()) return Status::Unavailable("audit trail not written: " + appended.status().message());
  return Status::Ok();
}

}  // namespace drieluik::store
