#include "store/table_dump.h"

#include <nlohmann/json.hpp>

namespace drieluik::store {

const std::vector<TableSpec>& DumpTables() {
  static const std::vector<TableSpec> tables = {
      {"encryption_keys", {"key_id", "check_value"}, {"key_id"}, {}},
      {"signals",
       {"id", "reference_code", "version", "status", "channel", "municipality", "organisation", "received_at",
        "summary", "urgency", "document", "public_secret_hash", "created_at", "updated_at", "key_id"},
       {"id"},
       {"document"}},
      {"signal_forms", {"signal_id", "form"}, {"signal_id", "form"}, {}},
      {"signal_history", {"id", "signal_id", "at", "action", "actor", "fields"}, {"id"}, {"fields"}},
      {"signal_additions", {"id", "signal_id", "at", "text", "key_id"}, {"id"}, {}},
      {"signal_words", {"signal_id", "word"}, {"signal_id", "word"}, {}},
      {"signal_link_keys", {"signal_id", "kind", "key_hash"}, {"signal_id", "kind", "key_hash"}, {}},
      {"link_key_rebuild", {"signal_id"}, {"signal_id"}, {}},
      {"signal_compartments",
       {"signal_id", "compartment", "document", "key_id", "consent_to_share", "version", "updated_at", "updated_by"},
       {"signal_id", "compartment"},
       {}},
      {"users",
       {"id", "username", "display_name", "role", "organisation", "municipality", "password_hash",
        "must_change_password", "totp_secret", "totp_last_step", "disabled", "version", "created_at", "updated_at",
        "email", "totp_key_id"},
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
      // 004_drieluik (issue 5), parents before children.
      // 011 encrypts meetings' title and participants, so they are no longer JSON at rest.
      // 012 adds anonymised_at to meetings, cases and agenda_items.
      {"meetings",
       {"id", "type", "title", "scheduled_at", "status", "participants", "version", "created_at", "updated_at",
        "key_id", "anonymised_at"},
       {"id"},
       {}},
      {"cases",
       {"id", "title", "status", "municipality", "merged_into", "participants", "version", "created_at",
        "updated_at", "key_id", "anonymised_at"},
       {"id"},
       {"participants"}},
      {"case_signals", {"case_id", "signal_id"}, {"case_id", "signal_id"}, {}},
      {"case_log",
       {"id", "case_id", "at", "actor", "kind", "key", "detail", "from_status", "to_status", "key_id"},
       {"id"},
       {}},
      {"actions",
       {"id", "case_id", "meeting_id", "title", "owner", "organisation", "due_date", "status", "version", "created_at",
        "updated_at", "completed_at", "key_id"},
       {"id"},
       {}},
      {"agenda_items",
       {"id", "meeting_id", "position", "kind", "signal_id", "case_id", "action_id", "summary", "urgency", "routes",
        "status", "carried_from", "key_id", "anonymised_at"},
       {"id"},
       {"routes"}},
      {"assessments",
       {"id", "item_id", "meeting_id", "signal_id", "case_id", "outcome", "reasoning", "decisions", "actor", "at",
        "key_id"},
       {"id"},
       {}},
      {"action_reminders", {"action_id", "kind", "at", "mailed"}, {"action_id", "kind"}, {}},
      // 007_referrals.
      {"signal_referrals", {"signal_id", "route", "assessment_id"}, {"signal_id", "route", "assessment_id"}, {}},
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
