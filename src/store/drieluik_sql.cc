#include "store/drieluik_sql.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <set>
#include <stdexcept>

#include "store/audit_sql.h"
#include "store/signal_codec.h"

namespace drieluik::store {

using namespace drieluik::domain;
using nlohmann::json;

namespace {

std::string N(std::int64_t v) { return std::to_string(v); }
SqlValue Opt(const std::optional<std::int64_t>& v) { return v ? SqlValue(N(*v)) : std::nullopt; }
std::string Ms(TimePoint t) { return N(t.time_since_epoch().count()); }

std::int64_t Int(const SqlValue& v) {
  std::int64_t out = 0;
  if (v) std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}
std::optional<std::int64_t> OptInt(const SqlValue& v) {
  if (!v) return std::nullopt;
  return Int(v);
}
TimePoint Time(const SqlValue& v) { return TimePoint(std::chrono::milliseconds(Int(v))); }
std::string Text(const SqlValue& v) { return v.value_or(""); }

Status Corrupt(const char* what) { return Status::Internal(std::string("stored ") + what + " is malformed"); }

template <typename F>
Status Guard(F&& fn) {
  try {
    return fn();
  } catch (const json::exception&) {
    return Corrupt("JSON document");
  }
}

std::string In(std::size_t n) {
  std::string s = "(";
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

// --- JSON columns ---

std::string ParticipantsJson(const std::vector<Participant>& ps) {
  json a = json::array();
  for (const auto& p : ps)
    a.push_back({{"organisation", p.organisation}, {"role", p.role}, {"name", p.name},
                 {"attended", p.attended ? json(*p.attended) : json(nullptr)}});
  return a.dump();
}
std::vector<Participant> ParseParticipants(const std::string& s) {
  std::vector<Participant> out;
  for (const auto& p : json::parse(s)) {
    Participant x;
    x.organisation = p.at("organisation").get<std::string>();
    x.role = p.at("role").get<std::string>();
    x.name = p.at("name").get<std::string>();
    if (!p.at("attended").is_null()) x.attended = p.at("attended").get<bool>();
    out.push_back(std::move(x));
  }
  return out;
}
std::string CaseParticipantsJson(const std::vector<CaseParticipant>& ps) {
  json a = json::array();
  for (const auto& p : ps) a.push_back({{"organisation", p.organisation}, {"role", p.role}});
  return a.dump();
}
std::vector<CaseParticipant> ParseCaseParticipants(const std::string& s) {
  std::vector<CaseParticipant> out;
  for (const auto& p : json::parse(s)) out.push_back({p.at("organisation").get<std::string>(), p.at("role").get<std::string>()});
  return out;
}
std::string DecisionsJson(const std::vector<AssessmentDecision>& ds) {
  json a = json::array();
  for (const auto& d : ds)
    a.push_back({{"kind", std::string(ToCode(d.kind))}, {"caseId", d.case_id ? json(*d.case_id) : json(nullptr)}, {"note", d.note}});
  return a.dump();
}
Result<std::vector<AssessmentDecision>> ParseDecisions(const std::string& s) {
  std::vector<AssessmentDecision> out;
  for (const auto& d : json::parse(s)) {
    auto kind = FromCode<DecisionKind>(d.at("kind").get<std::string>());
    if (!kind) return Corrupt("decision");
    AssessmentDecision x;
    x.kind = *kind;
    if (!d.at("caseId").is_null()) x.case_id = d.at("caseId").get<std::int64_t>();
    x.note = d.at("note").get<std::string>();
    out.push_back(std::move(x));
  }
  return out;
}

// --- Sealed columns (migration 011) ---

struct SealedTable {
  const char* table;
  std::vector<const char*> columns;  // free text under the field cipher, in this order
};

// Every Drieluik column that holds free text or names. The other columns are codes, ids,
// times, organisations and usernames, which lists filter on.
const std::vector<SealedTable>& Sealed() {
  static const std::vector<SealedTable> tables = {
      {"meetings", {"title", "participants"}}, {"cases", {"title"}},         {"case_log", {"detail"}},
      {"actions", {"title"}},                  {"agenda_items", {"summary"}}, {"assessments", {"reasoning", "decisions"}},
  };
  return tables;
}

// Records the check value of the current key (encryption_keys), so a later start can tell
// a wrong key file; a no-op when it is there.
Status WriteKeyCheck(SqlTx& tx, const SignalProtector& p) {
  auto r = tx.Query("INSERT INTO encryption_keys (key_id, check_value) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                    {p.current_key_id(), p.KeyCheckValue()});
  return r.status();
}

// Writes the sealed columns of row `id` of `table` (values in Sealed() order), encrypted
// under the current key and bound to (table, column, id), with the key id.
Status Seal(SqlTx& tx, const SignalProtector& p, const SealedTable& t, std::int64_t id,
            const std::vector<std::string>& values) {
  std::string sql = std::string("UPDATE ") + t.table + " SET ";
  std::vector<SqlValue> params;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    auto enc = p.ProtectField(values.at(i), t.table, t.columns[i], id);
    if (!enc.ok()) return enc.status();
    sql += std::string(t.columns[i]) + " = ?, ";
    params.push_back(std::move(enc).value());
  }
  sql += "key_id = ? WHERE id = ? RETURNING id";
  params.push_back(p.current_key_id());
  params.push_back(N(id));
  auto r = tx.Query(sql, params);
  if (!r.ok()) return r.status();
  if (r->empty()) return Status::NotFound(t.table);
  return Status::Ok();
}

const SealedTable& SealedOf(std::string_view table) {
  for (const auto& t : Sealed())
    if (table == t.table) return t;
  throw std::logic_error("not a sealed table");
}

// The plain text of column `column` of row `id`, stored in r[col] under the key in r[key].
Result<std::string> Open(const SignalProtector& p, const SqlRow& r, std::size_t key, std::size_t col,
                         const char* table, const char* column, std::int64_t id) {
  return p.UnprotectField(Text(r.at(key)), Text(r.at(col)), table, column, id);
}

#define DRIELUIK_OPEN(var, ...)        \
  auto var##_r = Open(__VA_ARGS__);    \
  if (!var##_r.ok()) return var##_r.status(); \
  std::string var = std::move(var##_r).value()

// --- Row mappers (column lists beside them; key_id last) ---

constexpr const char* kMeetingCols =
    "id, type, title, scheduled_at, status, participants, version, created_at, updated_at, key_id";
Result<Meeting> ToMeeting(const SqlRow& r, const SignalProtector& p) {
  Meeting m;
  m.id = Int(r[0]);
  DRIELUIK_OPEN(title, p, r, 9, 2, "meetings", "title", m.id);
  DRIELUIK_OPEN(participants, p, r, 9, 5, "meetings", "participants", m.id);
  m.type = Text(r[1]);
  m.title = std::move(title);
  m.scheduled_at = Time(r[3]);
  auto st = FromCode<MeetingStatus>(Text(r[4]));
  if (!st) return Corrupt("meeting status");
  m.status = *st;
  m.participants = ParseParticipants(participants);
  m.version = Int(r[6]);
  m.created_at = Time(r[7]);
  m.updated_at = Time(r[8]);
  return m;
}

constexpr const char* kItemCols =
    "id, meeting_id, position, kind, signal_id, case_id, action_id, summary, urgency, routes, status, carried_from, "
    "key_id";
Result<AgendaItem> ToItem(const SqlRow& r, const SignalProtector& p) {
  AgendaItem i;
  i.id = Int(r[0]);
  DRIELUIK_OPEN(summary, p, r, 12, 7, "agenda_items", "summary", i.id);
  i.meeting_id = Int(r[1]);
  i.position = static_cast<int>(Int(r[2]));
  auto kind = FromCode<AgendaItemKind>(Text(r[3]));
  auto st = FromCode<AgendaItemStatus>(Text(r[10]));
  if (!kind || !st) return Corrupt("agenda item");
  i.kind = *kind;
  i.signal_id = OptInt(r[4]);
  i.case_id = OptInt(r[5]);
  i.action_id = OptInt(r[6]);
  i.summary = std::move(summary);
  i.urgency = Text(r[8]);
  i.routes = json::parse(Text(r[9])).get<std::vector<std::string>>();
  i.status = *st;
  i.carried_from = OptInt(r[11]);
  return i;
}

constexpr const char* kAssessmentCols =
    "id, item_id, meeting_id, signal_id, case_id, outcome, reasoning, decisions, actor, at, key_id";
Result<Assessment> ToAssessment(const SqlRow& r, const SignalProtector& p) {
  Assessment a;
  a.id = Int(r[0]);
  DRIELUIK_OPEN(reasoning, p, r, 10, 6, "assessments", "reasoning", a.id);
  DRIELUIK_OPEN(decisions, p, r, 10, 7, "assessments", "decisions", a.id);
  a.item_id = Int(r[1]);
  a.meeting_id = Int(r[2]);
  a.signal_id = OptInt(r[3]);
  a.case_id = OptInt(r[4]);
  auto o = FromCode<Outcome>(Text(r[5]));
  if (!o) return Corrupt("assessment outcome");
  a.outcome = *o;
  a.reasoning = std::move(reasoning);
  auto d = ParseDecisions(decisions);
  if (!d.ok()) return d.status();
  a.decisions = std::move(d).value();
  a.actor = Text(r[8]);
  a.at = Time(r[9]);
  return a;
}

constexpr const char* kCaseCols =
    "id, title, status, municipality, merged_into, participants, version, created_at, updated_at, key_id";
Result<Case> ToCase(const SqlRow& r, const SignalProtector& p) {
  Case c;
  c.id = Int(r[0]);
  DRIELUIK_OPEN(title, p, r, 9, 1, "cases", "title", c.id);
  c.title = std::move(title);
  auto st = FromCode<CaseStatus>(Text(r[2]));
  if (!st) return Corrupt("case status");
  c.status = *st;
  c.municipality = Text(r[3]);
  c.merged_into = OptInt(r[4]);
  c.participants = ParseCaseParticipants(Text(r[5]));
  c.version = Int(r[6]);
  c.created_at = Time(r[7]);
  c.updated_at = Time(r[8]);
  return c;
}

constexpr const char* kActionCols =
    "id, case_id, meeting_id, title, owner, organisation, due_date, status, version, created_at, updated_at, completed_at, "
    "key_id";
Result<Action> ToAction(const SqlRow& r, const SignalProtector& p) {
  Action a;
  a.id = Int(r[0]);
  DRIELUIK_OPEN(title, p, r, 12, 3, "actions", "title", a.id);
  a.case_id = OptInt(r[1]);
  a.meeting_id = OptInt(r[2]);
  a.title = std::move(title);
  a.owner = Text(r[4]);
  a.organisation = Text(r[5]);
  auto due = ParseDate(Text(r[6]));
  auto st = FromCode<ActionStatus>(Text(r[7]));
  if (!due || !st) return Corrupt("action");
  a.due = *due;
  a.status = *st;
  a.version = Int(r[8]);
  a.created_at = Time(r[9]);
  a.updated_at = Time(r[10]);
  if (r[11]) a.completed_at = Time(r[11]);
  return a;
}

// Reads every row through a mapper.
template <typename T, typename M>
Status MapRows(const std::vector<SqlRow>& rows, M&& map, const SignalProtector& p, std::vector<T>& out) {
  return Guard([&]() -> Status {
    for (const auto& r : rows) {
      auto v = map(r, p);
      if (!v.ok()) return v.status();
      out.push_back(std::move(v).value());
    }
    return Status::Ok();
  });
}

template <typename T, typename M>
Status MapOne(const std::vector<SqlRow>& rows, M&& map, const SignalProtector& p, T& out, const char* what) {
  if (rows.empty()) return Status::NotFound(what);
  std::vector<T> v;
  DRIELUIK_RETURN_IF_ERROR(MapRows(std::vector<SqlRow>{rows.front()}, map, p, v));
  out = std::move(v.front());
  return Status::Ok();
}

#define DRIELUIK_QUERY(var, tx, sql, ...)                       \
  auto var##_r = (tx).Query(sql, std::vector<SqlValue>{__VA_ARGS__}); \
  if (!var##_r.ok()) return var##_r.status();                   \
  auto& var = *var##_r

class SqlDrieluikRepository final : public DrieluikRepository {
 public:
  SqlDrieluikRepository(std::unique_ptr<SqlRunner> runner, const SignalProtector& protector)
      : runner_(std::move(runner)), p_(protector) {}

  // --- Meetings ---

  Result<Meeting> InsertMeeting(const Meeting& m, const AuditIntent* audit = nullptr) override {
    Meeting out;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO meetings (type, title, scheduled_at, status, participants, version, created_at, "
                     "updated_at) VALUES (?, '', ?, ?, '', ?, ?, ?) RETURNING id",
                     m.type, Ms(m.scheduled_at), std::string(ToCode(m.status)), N(m.version), Ms(m.created_at),
                     Ms(m.updated_at));
      out = m;
      out.id = Int(rows.at(0).at(0));
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("meetings"), out.id, {m.title, ParticipantsJson(m.participants)}));
      return AppendAuditIntent(tx, audit, N(out.id));
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Meeting> GetMeeting(MeetingId id) override {
    Meeting out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kMeetingCols + " FROM meetings WHERE id = ?", N(id));
      return MapOne(rows, ToMeeting, p_, out, "meeting");
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Meeting> UpdateMeeting(const Meeting& m, std::int64_t expected_version) override {
    Meeting out;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "UPDATE meetings SET scheduled_at = ?, status = ?, version = version + 1, "
                     "updated_at = ? WHERE id = ? AND version = ? RETURNING version",
                     Ms(m.scheduled_at), std::string(ToCode(m.status)), Ms(m.updated_at), N(m.id), N(expected_version));
      if (rows.empty()) return Stale(tx, "meetings", m.id);
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("meetings"), m.id, {m.title, ParticipantsJson(m.participants)}));
      DRIELUIK_QUERY(back, tx, std::string("SELECT ") + kMeetingCols + " FROM meetings WHERE id = ?", N(m.id));
      return MapOne(back, ToMeeting, p_, out, "meeting");
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<Meeting>> ListMeetings(const MeetingFilter& f) override {
    std::vector<Meeting> out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      std::string sql = std::string("SELECT ") + kMeetingCols + " FROM meetings WHERE 1 = 1";
      std::vector<SqlValue> p;
      if (!f.type.empty()) sql += " AND type = ?", p.push_back(f.type);
      if (f.from) sql += " AND scheduled_at >= ?", p.push_back(Ms(*f.from));
      if (f.to) sql += " AND scheduled_at < ?", p.push_back(Ms(*f.to));
      sql += " ORDER BY scheduled_at, id LIMIT " + N(std::clamp(f.limit, 1, 500));
      auto rows = tx.Query(sql, p);
      if (!rows.ok()) return rows.status();
      return MapRows(*rows, ToMeeting, p_, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<Meeting>> PreviousMeeting(const std::string& type, TimePoint before) override {
    std::vector<Meeting> out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     std::string("SELECT ") + kMeetingCols +
                         " FROM meetings WHERE type = ? AND scheduled_at < ? AND status <> 'cancelled' "
                         "ORDER BY scheduled_at DESC, id DESC LIMIT 1",
                     type, Ms(before));
      return MapRows(rows, ToMeeting, p_, out);
    });
    if (!s.ok()) return s;
    if (out.empty()) return std::optional<Meeting>();
    return std::optional<Meeting>(std::move(out.front()));
  }

  // --- Agenda ---

  Result<std::vector<AgendaItem>> AgendaItems(MeetingId meeting) override {
    std::vector<AgendaItem> out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kItemCols + " FROM agenda_items WHERE meeting_id = ? ORDER BY position, id",
                     N(meeting));
      return MapRows(rows, ToItem, p_, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<AgendaItem> GetAgendaItem(AgendaItemId id) override {
    AgendaItem out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kItemCols + " FROM agenda_items WHERE id = ?", N(id));
      return MapOne(rows, ToItem, p_, out, "agenda item");
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<AgendaItem>> InsertAgendaItems(const std::vector<AgendaItem>& items) override {
    std::vector<AgendaItem> out;
    Status s = Write([&](SqlTx& tx) -> Status {
      out.clear();
      for (const auto& i : items) {
        DRIELUIK_QUERY(rows, tx,
                       "INSERT INTO agenda_items (meeting_id, position, kind, signal_id, case_id, action_id, summary, "
                       "urgency, routes, status, carried_from) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?) RETURNING id",
                       N(i.meeting_id), N(i.position), std::string(ToCode(i.kind)), Opt(i.signal_id), Opt(i.case_id),
                       Opt(i.action_id), i.urgency, json(i.routes).dump(), std::string(ToCode(i.status)),
                       Opt(i.carried_from));
        AgendaItem x = i;
        x.id = Int(rows.at(0).at(0));
        DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("agenda_items"), x.id, {i.summary}));
        out.push_back(std::move(x));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status UpdateAgendaItems(const std::vector<AgendaItem>& items) override {
    return Write([&](SqlTx& tx) -> Status {
      for (const auto& i : items) {
        DRIELUIK_QUERY(rows, tx, "UPDATE agenda_items SET position = ?, status = ? WHERE id = ? RETURNING id",
                       N(i.position), std::string(ToCode(i.status)), N(i.id));
        if (rows.empty()) return Status::NotFound("agenda item");
        DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("agenda_items"), i.id, {i.summary}));
      }
      return Status::Ok();
    });
  }

  // --- Assessments ---

  Result<Assessment> InsertAssessment(const Assessment& a) override {
    Assessment out = a;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO assessments (item_id, meeting_id, signal_id, case_id, outcome, reasoning, decisions, "
                     "actor, at) VALUES (?, ?, ?, ?, ?, '', '', ?, ?) RETURNING id",
                     N(a.item_id), N(a.meeting_id), Opt(a.signal_id), Opt(a.case_id), std::string(ToCode(a.outcome)),
                     a.actor, Ms(a.at));
      out.id = Int(rows.at(0).at(0));
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("assessments"), out.id, {a.reasoning, DecisionsJson(a.decisions)}));
      if (a.signal_id) {
        std::set<std::string> routes;
        for (const auto& d : a.decisions)
          if (ToCode(d.kind).starts_with("refer_")) routes.insert(std::string(ToCode(d.kind)));
        for (const auto& route : routes) {
          DRIELUIK_QUERY(ref, tx, "INSERT INTO signal_referrals (signal_id, route, assessment_id) VALUES (?, ?, ?)",
                         N(*a.signal_id), route, N(out.id));
          (void)ref;
        }
      }
      DRIELUIK_QUERY(upd, tx, "UPDATE agenda_items SET status = 'assessed' WHERE id = ? RETURNING id", N(a.item_id));
      if (upd.empty()) return Status::NotFound("agenda item");
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<Assessment>> AssessmentsForMeeting(MeetingId meeting) override {
    return Assessments("meeting_id = ? ORDER BY id", N(meeting));
  }

  Result<std::vector<Assessment>> AssessmentsForSignal(SignalId signal) override {
    return Assessments("signal_id = ? ORDER BY at DESC, id DESC", N(signal));
  }

  // --- Cases ---

  Result<Case> InsertCase(const Case& c, const AuditIntent* audit = nullptr) override {
    Case out;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO cases (title, status, municipality, merged_into, participants, version, created_at, "
                     "updated_at) VALUES ('', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     std::string(ToCode(c.status)), c.municipality, Opt(c.merged_into),
                     CaseParticipantsJson(c.participants), N(c.version), Ms(c.created_at), Ms(c.updated_at));
      CaseId id = Int(rows.at(0).at(0));
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("cases"), id, {c.title}));
      DRIELUIK_RETURN_IF_ERROR(WriteSignals(tx, id, c.signals));
      DRIELUIK_RETURN_IF_ERROR(AppendLog(tx, id, c.log));
      DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(tx, audit, N(id)));
      return LoadCase(tx, id, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Case> GetCase(CaseId id) override {
    Case out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status { return LoadCase(tx, id, out); });
    if (!s.ok()) return s;
    return out;
  }

  Result<Case> UpdateCase(const Case& c, std::int64_t expected_version, const std::vector<CaseLogEntry>& entries) override {
    Case out;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "UPDATE cases SET status = ?, municipality = ?, merged_into = ?, participants = ?, "
                     "version = version + 1, updated_at = ? WHERE id = ? AND version = ? RETURNING id",
                     std::string(ToCode(c.status)), c.municipality, Opt(c.merged_into),
                     CaseParticipantsJson(c.participants), Ms(c.updated_at), N(c.id), N(expected_version));
      if (rows.empty()) return Stale(tx, "cases", c.id);
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("cases"), c.id, {c.title}));
      DRIELUIK_QUERY(del, tx, "DELETE FROM case_signals WHERE case_id = ?", N(c.id));
      (void)del;
      DRIELUIK_RETURN_IF_ERROR(WriteSignals(tx, c.id, c.signals));
      DRIELUIK_RETURN_IF_ERROR(AppendLog(tx, c.id, entries));
      return LoadCase(tx, c.id, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<Case>> ListCases(const CaseFilter& f) override {
    std::vector<Case> out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      std::string sql = std::string("SELECT ") + kCaseCols + " FROM cases WHERE 1 = 1";
      std::vector<SqlValue> p;
      if (f.status) sql += " AND status = ?", p.push_back(std::string(ToCode(*f.status)));
      if (f.signal_id) sql += " AND id IN (SELECT case_id FROM case_signals WHERE signal_id = ?)", p.push_back(N(*f.signal_id));
      sql += " ORDER BY id DESC LIMIT " + N(std::clamp(f.limit, 1, 500));
      auto rows = tx.Query(sql, p);
      if (!rows.ok()) return rows.status();
      DRIELUIK_RETURN_IF_ERROR(MapRows(*rows, ToCase, p_, out));
      for (auto& c : out) DRIELUIK_RETURN_IF_ERROR(ReadSignals(tx, c));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  // --- Actions ---

  Result<Action> InsertAction(const Action& a, const AuditIntent* audit = nullptr) override {
    Action out;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO actions (case_id, meeting_id, title, owner, organisation, due_date, status, version, "
                     "created_at, updated_at, completed_at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     Opt(a.case_id), Opt(a.meeting_id), a.owner, a.organisation, FormatDate(a.due),
                     std::string(ToCode(a.status)), N(a.version), Ms(a.created_at), Ms(a.updated_at),
                     a.completed_at ? SqlValue(Ms(*a.completed_at)) : std::nullopt);
      ActionId id = Int(rows.at(0).at(0));
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("actions"), id, {a.title}));
      DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(tx, audit, N(id)));
      return LoadAction(tx, id, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Action> GetAction(ActionId id) override {
    Action out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status { return LoadAction(tx, id, out); });
    if (!s.ok()) return s;
    return out;
  }

  Result<Action> UpdateAction(const Action& a, std::int64_t expected_version) override {
    Action out;
    Status s = Write([&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "UPDATE actions SET owner = ?, organisation = ?, due_date = ?, status = ?, "
                     "version = version + 1, updated_at = ?, completed_at = ? WHERE id = ? AND version = ? RETURNING id",
                     a.owner, a.organisation, FormatDate(a.due), std::string(ToCode(a.status)), Ms(a.updated_at),
                     a.completed_at ? SqlValue(Ms(*a.completed_at)) : std::nullopt, N(a.id), N(expected_version));
      if (rows.empty()) return Stale(tx, "actions", a.id);
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("actions"), a.id, {a.title}));
      return LoadAction(tx, a.id, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<Action>> ListActions(const ActionFilter& f) override {
    std::vector<Action> out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      std::string sql = std::string("SELECT ") + kActionCols + " FROM actions WHERE 1 = 1";
      std::vector<SqlValue> p;
      if (f.case_id) sql += " AND case_id = ?", p.push_back(N(*f.case_id));
      if (f.meeting_id) sql += " AND meeting_id = ?", p.push_back(N(*f.meeting_id));
      if (f.status) sql += " AND status = ?", p.push_back(std::string(ToCode(*f.status)));
      if (f.due_before) sql += " AND due_date < ?", p.push_back(FormatDate(*f.due_before));
      if (!f.organisation.empty()) sql += " AND organisation = ?", p.push_back(f.organisation);
      if (!f.owner.empty()) sql += " AND owner = ?", p.push_back(f.owner);
      sql += " ORDER BY due_date, id LIMIT " + N(std::clamp(f.limit, 1, 500));
      auto rows = tx.Query(sql, p);
      if (!rows.ok()) return rows.status();
      return MapRows(*rows, ToAction, p_, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<bool> RecordReminder(const Reminder& r) override {
    bool recorded = false;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO action_reminders (action_id, kind, at, mailed) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (action_id, kind) DO NOTHING RETURNING action_id",
                     N(r.action_id), r.kind, Ms(r.at), std::string(r.mailed ? "1" : "0"));
      recorded = !rows.empty();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return recorded;
  }

  Result<std::vector<Reminder>> RemindersFor(const std::vector<ActionId>& actions) override {
    std::vector<Reminder> out;
    if (actions.empty()) return out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      std::vector<SqlValue> p;
      for (ActionId a : actions) p.push_back(N(a));
      auto rows = tx.Query("SELECT action_id, kind, at, mailed FROM action_reminders WHERE action_id IN " +
                               In(actions.size()) + " ORDER BY at, action_id, kind",
                           p);
      if (!rows.ok()) return rows.status();
      for (const auto& r : *rows) out.push_back({Int(r[0]), Text(r[1]), Time(r[2]), Int(r[3]) != 0});
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

 private:
  // Runs a write transaction that may seal fields: fails without keys, and records the
  // current key's check value with the first write.
  Status Write(const std::function<Status(SqlTx&)>& fn) {
    DRIELUIK_RETURN_IF_ERROR(p_.RequireKeys());
    const bool checked = key_checked_.load();
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      if (!checked) DRIELUIK_RETURN_IF_ERROR(WriteKeyCheck(tx, p_));
      return fn(tx);
    });
    if (s.ok()) key_checked_ = true;
    return s;
  }

  // Conflict naming the current version when the row exists, else NotFound.
  static Status Stale(SqlTx& tx, const std::string& table, std::int64_t id) {
    DRIELUIK_QUERY(rows, tx, "SELECT version FROM " + table + " WHERE id = ?", N(id));
    if (rows.empty()) return Status::NotFound(table.substr(0, table.size() - 1));
    return Status::Conflict("stale version; current version is " + Text(rows[0][0]));
  }

  Result<std::vector<Assessment>> Assessments(const std::string& where, const std::string& param) {
    std::vector<Assessment> out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kAssessmentCols + " FROM assessments WHERE " + where, param);
      return MapRows(rows, ToAssessment, p_, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  static Status WriteSignals(SqlTx& tx, CaseId id, const std::vector<SignalId>& signals) {
    for (SignalId s : signals) {
      DRIELUIK_QUERY(rows, tx, "INSERT INTO case_signals (case_id, signal_id) VALUES (?, ?)", N(id), N(s));
      (void)rows;
    }
    return Status::Ok();
  }

  Status AppendLog(SqlTx& tx, CaseId id, const std::vector<CaseLogEntry>& entries) {
    for (const auto& e : entries) {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO case_log (case_id, at, actor, kind, key, detail, from_status, to_status) "
                     "VALUES (?, ?, ?, ?, ?, '', ?, ?) RETURNING id",
                     N(id), Ms(e.at), e.actor, e.kind, e.key, e.from_status, e.to_status);
      DRIELUIK_RETURN_IF_ERROR(Seal(tx, p_, SealedOf("case_log"), Int(rows.at(0).at(0)), {e.detail}));
    }
    return Status::Ok();
  }

  static Status ReadSignals(SqlTx& tx, Case& c) {
    DRIELUIK_QUERY(rows, tx, "SELECT signal_id FROM case_signals WHERE case_id = ? ORDER BY signal_id", N(c.id));
    c.signals.clear();
    for (const auto& r : rows) c.signals.push_back(Int(r[0]));
    return Status::Ok();
  }

  Status LoadCase(SqlTx& tx, CaseId id, Case& out) {
    DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kCaseCols + " FROM cases WHERE id = ?", N(id));
    DRIELUIK_RETURN_IF_ERROR(MapOne(rows, ToCase, p_, out, "case"));
    DRIELUIK_RETURN_IF_ERROR(ReadSignals(tx, out));
    DRIELUIK_QUERY(log, tx,
                   "SELECT at, actor, kind, key, detail, from_status, to_status, id, key_id FROM case_log "
                   "WHERE case_id = ? ORDER BY id",
                   N(id));
    out.log.clear();
    for (const auto& r : log) {
      DRIELUIK_OPEN(detail, p_, r, 8, 4, "case_log", "detail", Int(r[7]));
      out.log.push_back({Time(r[0]), Text(r[1]), Text(r[2]), Text(r[3]), std::move(detail), Text(r[5]), Text(r[6])});
    }
    return Status::Ok();
  }

  Status LoadAction(SqlTx& tx, ActionId id, Action& out) {
    DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kActionCols + " FROM actions WHERE id = ?", N(id));
    return MapOne(rows, ToAction, p_, out, "action");
  }

  std::unique_ptr<SqlRunner> runner_;
  const SignalProtector& p_;
  std::atomic<bool> key_checked_{false};
};

}  // namespace

std::unique_ptr<DrieluikRepository> MakeSqlDrieluikRepository(std::unique_ptr<SqlRunner> runner,
                                                              const SignalProtector& protector) {
  return std::make_unique<SqlDrieluikRepository>(std::move(runner), protector);
}

const std::vector<std::string>& DrieluikSealedTables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& t : Sealed()) v.emplace_back(t.table);
    return v;
  }();
  return names;
}

Result<std::int64_t> ReencryptDrieluikRows(SqlTx& tx, const SignalProtector& p, const std::vector<std::string>& old_ids,
                                           int max_rows, std::string_view lock) {
  DRIELUIK_RETURN_IF_ERROR(p.RequireKeys());
  std::int64_t done = 0;
  bool checked = false;
  for (const auto& t : Sealed()) {
    std::string cols;
    for (const char* c : t.columns) cols += std::string(", ") + c;
    for (const auto& old : old_ids) {
      if (done >= max_rows) return done;
      DRIELUIK_QUERY(rows, tx,
                     std::string("SELECT id") + cols + " FROM " + t.table + " WHERE key_id = ? ORDER BY id LIMIT " +
                         N(max_rows - done) + std::string(lock),
                     old);
      for (const auto& r : rows) {
        if (!checked) DRIELUIK_RETURN_IF_ERROR(WriteKeyCheck(tx, p));
        checked = true;
        std::int64_t id = Int(r[0]);
        std::vector<std::string> plain;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          auto text = p.UnprotectField(old, Text(r[i + 1]), t.table, t.columns[i], id);
          if (!text.ok()) return text.status();
          plain.push_back(std::move(text).value());
        }
        DRIELUIK_RETURN_IF_ERROR(Seal(tx, p, t, id, plain));
        ++done;
      }
    }
  }
  return done;
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

}  // namespace drieluik::store
