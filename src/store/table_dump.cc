#include "store/table_dump.h"

#include <nlohmann/json.hpp>

namespace drieluik::store {

const std::vector<TableSpec>& DumpTables() {
  static const std::vector<TableSpec> tables = {
      {"signals",
       {"id", "reference_code", "version", "status", "channel", "municipality", "organisation", "received_at",
        "summary", "urgency", "document", "public_secret_hash", "created_at", "updated_at"},
       {"id"},
       {"document"}},
      {"signal_forms", {"signal_id", "form"}, {"signal_id", "form"}, {}},
      {"signal_history", {"id", "signal_id", "at", "action", "actor", "fields"}, {"id"}, {"fields"}},
      {"signal_additions", {"id", "signal_id", "at", "text"}, {"id"}, {}},
      {"signal_link_keys", {"signal_id", "kind", "key_hash"}, {"signal_id", "kind", "key_hash"}, {}},
      {"users",
       {"id", "username", "display_name", "role", "organisation", "municipality", "password_hash",
        "must_change_password", "totp_secret", "totp_last_step", "disabled", "version", "created_at", "updated_at"},
       {"id"},
       {}},
      {"sessions", {"id_hash", "user_id", "csrf_token", "created_at", "last_seen_at"}, {"id_hash"}, {}},
      {"api_tokens", {"id", "user_id", "token_hash", "hint", "label", "created_at", "expires_at", "revoked_at"}, {"id"}, {}},
      {"role_settings", {"role", "totp_required"}, {"role"}, {}},
      {"audit_anchor", {"id", "seq", "hash"}, {"id"}, {}},
      {"audit_log",
       {"seq", "at", "actor", "on_behalf_of", "role", "action", "object_type", "object_id", "purpose",
        "remote_address", "outcome", "prev_hash", "hash"},
       {"seq"},
       {}},
  };
  return tables;
}

std::string CanonicalJson(const std::string& text) {
  try {
    return nlohmann::json::parse(text).dump();
  } catch (const nlohmann::json::exception&) {
    return text;
  }
}

}  // namespace drieluik::store
