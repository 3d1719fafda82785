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
