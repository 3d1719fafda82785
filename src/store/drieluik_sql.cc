#include "store/drieluik_sql.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <set>

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

// --- Row mappers (column lists beside them) ---

constexpr const char* kMeetingCols = "id, type, title, scheduled_at, status, participants, version, created_at, updated_at";
Result<Meeting> ToMeeting(const SqlRow& r) {
  Meeting m;
  m.id = Int(r[0]);
  m.type = Text(r[1]);
  m.title = Text(r[2]);
  m.scheduled_at = Time(r[3]);
  auto st = FromCode<MeetingStatus>(Text(r[4]));
  if (!st) return Corrupt("meeting status");
  m.status = *st;
  m.participants = ParseParticipants(Text(r[5]));
  m.version = Int(r[6]);
  m.created_at = Time(r[7]);
  m.updated_at = Time(r[8]);
  return m;
}

constexpr const char* kItemCols =
    "id, meeting_id, position, kind, signal_id, case_id, action_id, summary, urgency, routes, status, carried_from";
Result<AgendaItem> ToItem(const SqlRow& r) {
  AgendaItem i;
  i.id = Int(r[0]);
  i.meeting_id = Int(r[1]);
  i.position = static_cast<int>(Int(r[2]));
  auto kind = FromCode<AgendaItemKind>(Text(r[3]));
  auto st = FromCode<AgendaItemStatus>(Text(r[10]));
  if (!kind || !st) return Corrupt("agenda item");
  i.kind = *kind;
  i.signal_id = OptInt(r[4]);
  i.case_id = OptInt(r[5]);
  i.action_id = OptInt(r[6]);
  i.summary = Text(r[7]);
  i.urgency = Text(r[8]);
  i.routes = json::parse(Text(r[9])).get<std::vector<std::string>>();
  i.status = *st;
  i.carried_from = OptInt(r[11]);
  return i;
}

constexpr const char* kAssessmentCols = "id, item_id, meeting_id, signal_id, case_id, outcome, reasoning, decisions, actor, at";
Result<Assessment> ToAssessment(const SqlRow& r) {
  Assessment a;
  a.id = Int(r[0]);
  a.item_id = Int(r[1]);
  a.meeting_id = Int(r[2]);
  a.signal_id = OptInt(r[3]);
  a.case_id = OptInt(r[4]);
  auto o = FromCode<Outcome>(Text(r[5]));
  if (!o) return Corrupt("assessment outcome");
  a.outcome = *o;
  a.reasoning = Text(r[6]);
  auto d = ParseDecisions(Text(r[7]));
  if (!d.ok()) return d.status();
  a.decisions = std::move(d).value();
  a.actor = Text(r[8]);
  a.at = Time(r[9]);
  return a;
}

constexpr const char* kCaseCols = "id, title, status, municipality, merged_into, participants, version, created_at, updated_at";
Result<Case> ToCase(const SqlRow& r) {
  Case c;
  c.id = Int(r[0]);
  c.title = Text(r[1]);
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
    "id, case_id, meeting_id, title, owner, organisation, due_date, status, version, created_at, updated_at, completed_at";
Result<Action> ToAction(const SqlRow& r) {
  Action a;
  a.id = Int(r[0]);
  a.case_id = OptInt(r[1]);
  a.meeting_id = OptInt(r[2]);
  a.title = Text(r[3]);
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
Status MapRows(const std::vector<SqlRow>& rows, M&& map, std::vector<T>& out) {
  return Guard([&]() -> Status {
    for (const auto& r : rows) {
      auto v = map(r);
      if (!v.ok()) return v.status();
      out.push_back(std::move(v).value());
    }
    return Status::Ok();
  });
}

template <typename T, typename M>
Status MapOne(const std::vector<SqlRow>& rows, M&& map, T& out, const char* what) {
  if (rows.empty()) return Status::NotFound(what);
  std::vector<T> v;
  DRIELUIK_RETURN_IF_ERROR(MapRows(std::vector<SqlRow>{rows.front()}, map, v));
  out = std::move(v.front());
  return Status::Ok();
}

#define DRIELUIK_QUERY(var, tx, sql, ...)                       \
  auto var##_r = (tx).Query(sql, std::vector<SqlValue>{__VA_ARGS__}); \
  if (!var##_r.ok()) return var##_r.status();                   \
  auto& var = *var##_r

class SqlDrieluikRepository final : public DrieluikRepository {
 public:
  explicit SqlDrieluikRepository(std::unique_ptr<SqlRunner> runner) : runner_(std::move(runner)) {}

  // --- Meetings ---

  Result<Meeting> InsertMeeting(const Meeting& m) override {
    Meeting out;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO meetings (type, title, scheduled_at, status, participants, version, created_at, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     m.type, m.title, Ms(m.scheduled_at), std::string(ToCode(m.status)),
                     ParticipantsJson(m.participants), N(m.version), Ms(m.created_at), Ms(m.updated_at));
      out = m;
      out.id = Int(rows.at(0).at(0));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Meeting> GetMeeting(MeetingId id) override {
    Meeting out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kMeetingCols + " FROM meetings WHERE id = ?", N(id));
      return MapOne(rows, ToMeeting, out, "meeting");
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Meeting> UpdateMeeting(const Meeting& m, std::int64_t expected_version) override {
    Meeting out;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "UPDATE meetings SET title = ?, scheduled_at = ?, status = ?, participants = ?, version = version + 1, "
                     "updated_at = ? WHERE id = ? AND version = ? RETURNING version",
                     m.title, Ms(m.scheduled_at), std::string(ToCode(m.status)), ParticipantsJson(m.participants),
                     Ms(m.updated_at), N(m.id), N(expected_version));
      if (rows.empty()) return Stale(tx, "meetings", m.id);
      DRIELUIK_QUERY(back, tx, std::string("SELECT ") + kMeetingCols + " FROM meetings WHERE id = ?", N(m.id));
      return MapOne(back, ToMeeting, out, "meeting");
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
      return MapRows(*rows, ToMeeting, out);
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
      return MapRows(rows, ToMeeting, out);
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
      return MapRows(rows, ToItem, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<AgendaItem> GetAgendaItem(AgendaItemId id) override {
    AgendaItem out;
    Status s = runner_->Run(false, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kItemCols + " FROM agenda_items WHERE id = ?", N(id));
      return MapOne(rows, ToItem, out, "agenda item");
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<AgendaItem>> InsertAgendaItems(const std::vector<AgendaItem>& items) override {
    std::vector<AgendaItem> out;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      out.clear();
      for (const auto& i : items) {
        DRIELUIK_QUERY(rows, tx,
                       "INSERT INTO agenda_items (meeting_id, position, kind, signal_id, case_id, action_id, summary, "
                       "urgency, routes, status, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       N(i.meeting_id), N(i.position), std::string(ToCode(i.kind)), Opt(i.signal_id), Opt(i.case_id),
                       Opt(i.action_id), i.summary, i.urgency, json(i.routes).dump(), std::string(ToCode(i.status)),
                       Opt(i.carried_from));
        AgendaItem x = i;
        x.id = Int(rows.at(0).at(0));
        out.push_back(std::move(x));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status UpdateAgendaItems(const std::vector<AgendaItem>& items) override {
    return runner_->Run(true, [&](SqlTx& tx) -> Status {
      for (const auto& i : items) {
        DRIELUIK_QUERY(rows, tx, "UPDATE agenda_items SET position = ?, status = ?, summary = ? WHERE id = ? RETURNING id",
                       N(i.position), std::string(ToCode(i.status)), i.summary, N(i.id));
        if (rows.empty()) return Status::NotFound("agenda item");
      }
      return Status::Ok();
    });
  }

  // --- Assessments ---

  Result<Assessment> InsertAssessment(const Assessment& a) override {
    Assessment out = a;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO assessments (item_id, meeting_id, signal_id, case_id, outcome, reasoning, decisions, "
                     "actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     N(a.item_id), N(a.meeting_id), Opt(a.signal_id), Opt(a.case_id), std::string(ToCode(a.outcome)),
                     a.reasoning, DecisionsJson(a.decisions), a.actor, Ms(a.at));
      out.id = Int(rows.at(0).at(0));
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

  Result<Case> InsertCase(const Case& c) override {
    Case out;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO cases (title, status, municipality, merged_into, participants, version, created_at, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     c.title, std::string(ToCode(c.status)), c.municipality, Opt(c.merged_into),
                     CaseParticipantsJson(c.participants), N(c.version), Ms(c.created_at), Ms(c.updated_at));
      CaseId id = Int(rows.at(0).at(0));
      DRIELUIK_RETURN_IF_ERROR(WriteSignals(tx, id, c.signals));
      DRIELUIK_RETURN_IF_ERROR(AppendLog(tx, id, c.log));
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
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "UPDATE cases SET title = ?, status = ?, municipality = ?, merged_into = ?, participants = ?, "
                     "version = version + 1, updated_at = ? WHERE id = ? AND version = ? RETURNING id",
                     c.title, std::string(ToCode(c.status)), c.municipality, Opt(c.merged_into),
                     CaseParticipantsJson(c.participants), Ms(c.updated_at), N(c.id), N(expected_version));
      if (rows.empty()) return Stale(tx, "cases", c.id);
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
      DRIELUIK_RETURN_IF_ERROR(MapRows(*rows, ToCase, out));
      for (auto& c : out) DRIELUIK_RETURN_IF_ERROR(ReadSignals(tx, c));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  // --- Actions ---

  Result<Action> InsertAction(const Action& a) override {
    Action out;
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO actions (case_id, meeting_id, title, owner, organisation, due_date, status, version, "
                     "created_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     Opt(a.case_id), Opt(a.meeting_id), a.title, a.owner, a.organisation, FormatDate(a.due),
                     std::string(ToCode(a.status)), N(a.version), Ms(a.created_at), Ms(a.updated_at),
                     a.completed_at ? SqlValue(Ms(*a.completed_at)) : std::nullopt);
      return LoadAction(tx, Int(rows.at(0).at(0)), out);
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
    Status s = runner_->Run(true, [&](SqlTx& tx) -> Status {
      DRIELUIK_QUERY(rows, tx,
                     "UPDATE actions SET title = ?, owner = ?, organisation = ?, due_date = ?, status = ?, "
                     "version = version + 1, updated_at = ?, completed_at = ? WHERE id = ? AND version = ? RETURNING id",
                     a.title, a.owner, a.organisation, FormatDate(a.due), std::string(ToCode(a.status)), Ms(a.updated_at),
                     a.completed_at ? SqlValue(Ms(*a.completed_at)) : std::nullopt, N(a.id), N(expected_version));
      if (rows.empty()) return Stale(tx, "actions", a.id);
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
      return MapRows(*rows, ToAction, out);
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
      return MapRows(rows, ToAssessment, out);
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

  static Status AppendLog(SqlTx& tx, CaseId id, const std::vector<CaseLogEntry>& entries) {
    for (const auto& e : entries) {
      DRIELUIK_QUERY(rows, tx,
                     "INSERT INTO case_log (case_id, at, actor, kind, key, detail, from_status, to_status) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     N(id), Ms(e.at), e.actor, e.kind, e.key, e.detail, e.from_status, e.to_status);
      (void)rows;
    }
    return Status::Ok();
  }

  static Status ReadSignals(SqlTx& tx, Case& c) {
    DRIELUIK_QUERY(rows, tx, "SELECT signal_id FROM case_signals WHERE case_id = ? ORDER BY signal_id", N(c.id));
    c.signals.clear();
    for (const auto& r : rows) c.signals.push_back(Int(r[0]));
    return Status::Ok();
  }

  static Status LoadCase(SqlTx& tx, CaseId id, Case& out) {
    DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kCaseCols + " FROM cases WHERE id = ?", N(id));
    DRIELUIK_RETURN_IF_ERROR(MapOne(rows, ToCase, out, "case"));
    DRIELUIK_RETURN_IF_ERROR(ReadSignals(tx, out));
    DRIELUIK_QUERY(log, tx,
                   "SELECT at, actor, kind, key, detail, from_status, to_status FROM case_log WHERE case_id = ? ORDER BY id",
                   N(id));
    out.log.clear();
    for (const auto& r : log)
      out.log.push_back({Time(r[0]), Text(r[1]), Text(r[2]), Text(r[3]), Text(r[4]), Text(r[5]), Text(r[6])});
    return Status::Ok();
  }

  static Status LoadAction(SqlTx& tx, ActionId id, Action& out) {
    DRIELUIK_QUERY(rows, tx, std::string("SELECT ") + kActionCols + " FROM actions WHERE id = ?", N(id));
    return MapOne(rows, ToAction, out, "action");
  }

  std::unique_ptr<SqlRunner> runner_;
};

}  // namespace

std::unique_ptr<DrieluikRepository> MakeSqlDrieluikRepository(std::unique_ptr<SqlRunner> runner) {
  return std::make_unique<SqlDrieluikRepository>(std::move(runner));
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
