#include "store/drieluik_retention_sql.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <string>

#include "store/signal_codec.h"

namespace drieluik::store {

using namespace drieluik::domain;

namespace {

std::string N(std::int64_t v) { return std::to_string(v); }
std::string Ms(TimePoint t) { return N(t.time_since_epoch().count()); }
std::int64_t Int(const SqlValue& v) {
  std::int64_t out = 0;
  if (v) std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}
std::string Text(const SqlValue& v) { return v.value_or(""); }

Result<std::vector<std::int64_t>> Ids(SqlTx& tx, const std::string& sql, const std::vector<SqlValue>& params) {
  auto rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<std::int64_t> out;
  for (const auto& r : *rows) out.push_back(Int(r.at(0)));
  return out;
}

// Writes cleared values into the sealed columns of one row, encrypted under the current key
// as store/drieluik_sql.cc's Seal does, so reads open them like any other row. The current
// key's check value is recorded with the first write of a transaction.
class Clearer {
 public:
  Clearer(SqlTx& tx, const SignalProtector& p) : tx_(tx), p_(p) {}

  Status Seal(const char* table, std::int64_t id, const std::vector<std::pair<const char*, std::string>>& values) {
    DRIELUIK_RETURN_IF_ERROR(p_.RequireKeys());
    if (!checked_) {
      auto r = tx_.Query("INSERT INTO encryption_keys (key_id, check_value) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                         {p_.current_key_id(), p_.KeyCheckValue()});
      if (!r.ok()) return r.status();
      checked_ = true;
    }
    std::string sql = std::string("UPDATE ") + table + " SET ";
    std::vector<SqlValue> params;
    for (const auto& [column, value] : values) {
      auto enc = p_.ProtectField(value, table, column, id);
      if (!enc.ok()) return enc.status();
      sql += std::string(column) + " = ?, ";
      params.push_back(std::move(enc).value());
    }
    sql += "key_id = ? WHERE id = ?";
    params.push_back(p_.current_key_id());
    params.push_back(N(id));
    return tx_.Query(sql, params).status();
  }

  // Clears the agenda items `ids` (summary) and their assessments (reasoning and decision
  // notes; outcome and decision codes stay), marks the items with `now`; rows cleared.
  Result<std::int64_t> ClearItems(const std::vector<std::int64_t>& ids, TimePoint now, std::string_view lock) {
    std::int64_t n = 0;
    for (std::int64_t item : ids) {
      DRIELUIK_RETURN_IF_ERROR(Seal("agenda_items", item, {{"summary", ""}}));
      auto mark = tx_.Query("UPDATE agenda_items SET anonymised_at = ? WHERE id = ?", {Ms(now), N(item)});
      if (!mark.ok()) return mark.status();
      ++n;
      auto rows = tx_.Query("SELECT id, decisions, key_id FROM assessments WHERE item_id = ? ORDER BY id" + std::string(lock),
                            {N(item)});
      if (!rows.ok()) return rows.status();
      for (const auto& r : *rows) {
        const std::int64_t id = Int(r.at(0));
        auto decisions = p_.UnprotectField(Text(r.at(2)), Text(r.at(1)), "assessments", "decisions", id);
        if (!decisions.ok()) return decisions.status();
        auto list = nlohmann::json::parse(*decisions, nullptr, false);
        if (list.is_discarded() || !list.is_array()) return Status::Internal("stored decision is malformed");
        for (auto& d : list)
          if (d.is_object()) d["note"] = "";
        DRIELUIK_RETURN_IF_ERROR(Seal("assessments", id, {{"reasoning", ""}, {"decisions", list.dump()}}));
        ++n;
      }
    }
    return n;
  }

 private:
  SqlTx& tx_;
  const SignalProtector& p_;
  bool checked_ = false;
};

// An agenda item that refers to something still kept: a signal not anonymised, a case not
// anonymised, or an action of such a case. `i` is the agenda item.
constexpr const char* kItemRefersToKept =
    "(EXISTS (SELECT 1 FROM signals s WHERE s.id = i.signal_id AND s.reference_code NOT LIKE 'ANON-%') "
    "OR EXISTS (SELECT 1 FROM cases c WHERE c.id = i.case_id AND c.anonymised_at IS NULL) "
    "OR EXISTS (SELECT 1 FROM actions a JOIN cases c ON c.id = a.case_id WHERE a.id = i.action_id "
    "AND c.anonymised_at IS NULL))";

// A meeting (meetings.id) is still needed: an agenda item refers to something kept, or an
// action it agreed belongs to a case not anonymised.
std::string MeetingStillNeeded() {
  return std::string("(EXISTS (SELECT 1 FROM agenda_items i WHERE i.meeting_id = meetings.id AND ") + kItemRefersToKept +
         ") OR EXISTS (SELECT 1 FROM actions a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = meetings.id "
         "AND c.anonymised_at IS NULL))";
}

}  // namespace

Result<std::vector<CaseId>> CasesClosedBefore(SqlTx& tx, TimePoint t, CaseId after, int limit) {
  return Ids(tx,
             "SELECT id FROM cases WHERE status IN ('closed', 'merged') AND updated_at < ? AND anonymised_at IS NULL "
             "AND id > ? ORDER BY id LIMIT " +
                 N(limit),
             {Ms(t), N(after)});
}

Result<DrieluikAnonymisation> AnonymiseCaseRows(SqlTx& tx, const SignalProtector& p, CaseId id, TimePoint t,
                                                TimePoint now, std::string_view lock) {
  DrieluikAnonymisation out;
  DRIELUIK_RETURN_IF_ERROR(p.RequireKeys());
  // Claims the case if it still qualifies; the new version makes a concurrent edit of the
  // old text a conflict.
  auto claimed = Ids(tx,
                     "UPDATE cases SET anonymised_at = ?, version = version + 1 WHERE id = ? AND status IN ('closed', "
                     "'merged') AND updated_at < ? AND anonymised_at IS NULL RETURNING id",
                     {Ms(now), N(id), Ms(t)});
  if (!claimed.ok()) return claimed.status();
  if (claimed->empty()) return out;
  Clearer clear(tx, p);
  DRIELUIK_RETURN_IF_ERROR(clear.Seal("cases", id, {{"title", "ANON-" + N(id)}}));
  // The decision log is append-only except for this (REFERENCE.md §8.6).
  auto log = Ids(tx, "SELECT id FROM case_log WHERE case_id = ? ORDER BY id" + std::string(lock), {N(id)});
  if (!log.ok()) return log.status();
  for (std::int64_t e : *log) DRIELUIK_RETURN_IF_ERROR(clear.Seal("case_log", e, {{"detail", ""}}));
  auto actions = Ids(tx, "UPDATE actions SET version = version + 1 WHERE case_id = ? RETURNING id", {N(id)});
  if (!actions.ok()) return actions.status();
  for (std::int64_t a : *actions) DRIELUIK_RETURN_IF_ERROR(clear.Seal("actions", a, {{"title", "ANON-" + N(a)}}));
  auto items = Ids(tx,
                   "SELECT id FROM agenda_items WHERE anonymised_at IS NULL AND (case_id = ? OR action_id IN "
                   "(SELECT id FROM actions WHERE case_id = ?)) ORDER BY id" +
                       std::string(lock),
                   {N(id), N(id)});
  if (!items.ok()) return items.status();
  auto n = clear.ClearItems(*items, now, lock);
  if (!n.ok()) return n.status();
  out.done = true;
  out.rows_cleared = static_cast<std::int64_t>(log->size() + actions->size()) + *n;
  return out;
}

Result<std::vector<SignalId>> SignalsOfAnonymisedCases(SqlTx& tx, SignalId after, int limit) {
  return Ids(tx,
             "SELECT s.id FROM signals s WHERE s.status IN ('closed', 'linked_to_case') "
             "AND s.reference_code NOT LIKE 'ANON-%' AND s.id > ? "
             "AND EXISTS (SELECT 1 FROM case_signals cs WHERE cs.signal_id = s.id) "
             "AND NOT EXISTS (SELECT 1 FROM case_signals cs JOIN cases c ON c.id = cs.case_id "
             "WHERE cs.signal_id = s.id AND c.anonymised_at IS NULL) ORDER BY s.id LIMIT " +
                 N(limit),
             {N(after)});
}

Result<std::int64_t> ClearDrieluikRowsOfAnonymised(SqlTx& tx, const SignalProtector& p, TimePoint now, int max_rows,
                                                   std::string_view lock) {
  auto items = Ids(tx,
                   "SELECT i.id FROM agenda_items i WHERE i.anonymised_at IS NULL AND ("
                   "EXISTS (SELECT 1 FROM signals s WHERE s.id = i.signal_id AND s.reference_code LIKE 'ANON-%') "
                   "OR EXISTS (SELECT 1 FROM cases c WHERE c.id = i.case_id AND c.anonymised_at IS NOT NULL) "
                   "OR EXISTS (SELECT 1 FROM actions a JOIN cases c ON c.id = a.case_id WHERE a.id = i.action_id "
                   "AND c.anonymised_at IS NOT NULL)) ORDER BY i.id LIMIT " +
                       N(max_rows) + std::string(lock),
                   {});
  if (!items.ok()) return items.status();
  if (items->empty()) return std::int64_t{0};
  Clearer clear(tx, p);
  return clear.ClearItems(*items, now, lock);
}

Result<std::vector<MeetingId>> MeetingsPastCaseTerm(SqlTx& tx, TimePoint t, MeetingId after, int limit) {
  return Ids(tx,
             "SELECT id FROM meetings WHERE anonymised_at IS NULL AND scheduled_at < ? AND id > ? AND NOT " +
                 MeetingStillNeeded() + " ORDER BY id LIMIT " + N(limit),
             {Ms(t), N(after)});
}

Result<DrieluikAnonymisation> AnonymiseMeetingRows(SqlTx& tx, const SignalProtector& p, MeetingId id, TimePoint t,
                                                   TimePoint now, std::string_view lock) {
  DrieluikAnonymisation out;
  DRIELUIK_RETURN_IF_ERROR(p.RequireKeys());
  auto claimed = Ids(tx,
                     "UPDATE meetings SET anonymised_at = ?, version = version + 1 WHERE id = ? AND anonymised_at IS "
                     "NULL AND scheduled_at < ? AND NOT " +
                         MeetingStillNeeded() + " RETURNING id",
                     {Ms(now), N(id), Ms(t)});
  if (!claimed.ok()) return claimed.status();
  if (claimed->empty()) return out;
  Clearer clear(tx, p);
  DRIELUIK_RETURN_IF_ERROR(clear.Seal("meetings", id, {{"title", ""}, {"participants", "[]"}}));
  // What is left on the agenda refers to nothing kept (items without a subject, say).
  auto items = Ids(tx, "SELECT id FROM agenda_items WHERE meeting_id = ? AND anonymised_at IS NULL ORDER BY id" +
                           std::string(lock),
                   {N(id)});
  if (!items.ok()) return items.status();
  auto n = clear.ClearItems(*items, now, lock);
  if (!n.ok()) return n.status();
  // Actions agreed at the meeting outside any case have no case to follow.
  auto actions =
      Ids(tx, "UPDATE actions SET version = version + 1 WHERE meeting_id = ? AND case_id IS NULL RETURNING id", {N(id)});
  if (!actions.ok()) return actions.status();
  for (std::int64_t a : *actions) DRIELUIK_RETURN_IF_ERROR(clear.Seal("actions", a, {{"title", "ANON-" + N(a)}}));
  out.done = true;
  out.rows_cleared = *n + static_cast<std::int64_t>(actions->size());
  return out;
}

}  // namespace drieluik::store
