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
      // 004_drieluik (issue 5), parents before children.
      {"meetings",
       {"id", "type", "title", "scheduled_at", "status", "participants", "version", "created_at", "updated_at"},
       {"id"},
       {"participants"}},
      {"cases",
       {"id", "title", "status", "municipality", "merged_into", "participants", "version", "created_at", "updated_at"},
       {"id"},
       {"participants"}},
      {"case_signals", {"case_id", "signal_id"}, {"case_id", "signal_id"}, {}},
      {"case_log", {"id", "case_id", "at", "actor", "kind", "key", "detail", "from_status", "to_status"}, {"id"}, {}},
      {"actions",
       {"id", "case_id", "meeting_id", "title", "owner", "organisation", "due_date", "status", "version", "created_at",
        "updated_at", "completed_at"},
       {"id"},
       {}},
      {"agenda_items",
       {"id", "meeting_id", "position", "kind", "signal_id", "case_id", "action_id", "summary", "urgency", "routes",
        "status", "carried_from"},
       {"id"},
       {"routes"}},
      {"assessments",
       {"id", "item_id", "meeting_id", "signal_id", "case_id", "outcome", "reasoning", "decisions", "actor", "at"},
       {"id"},
       {"decisions"}},
      {"action_reminders", {"action_id", "kind", "at", "mailed"}, {"action_id", "kind"}, {}},
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
