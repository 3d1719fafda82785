#include "web/api/drieluik_dto.h"

#include "web/api/json_fields.h"

namespace drieluik::web::api {

using namespace drieluik::domain;

namespace {

json Opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

// A closed enumeration by its code: invalid_value with the allowed codes.
template <typename E>
std::optional<E> ReadCode(JsonFields& f, const char* key, const std::vector<E>& all, bool required) {
  if (!f.Has(key)) {
    if (required) f.errors().push_back({f.PointerOf(key), "required", {}});
    return std::nullopt;
  }
  std::string code = f.String(key);
  if (auto e = FromCode<E>(code)) return e;
  std::string allowed;
  for (E e : all) allowed += (allowed.empty() ? "" : ", ") + std::string(ToCode(e));
  if (f.errors().empty() || f.errors().back().pointer != f.PointerOf(key))
    f.errors().push_back({f.PointerOf(key), "invalid_value", {{"allowed", allowed}}});
  return std::nullopt;
}

std::vector<Participant> ReadParticipants(JsonFields& f, std::vector<FieldError>& errors) {
  std::vector<Participant> out;
  const json* arr = f.Array("participants");
  if (!arr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    JsonFields p((*arr)[i], f.PointerOf("participants") + "/" + std::to_string(i), errors);
    p.CheckMembers({"organisation", "role", "name", "attended"});
    Participant x;
    x.organisation = p.String("organisation", true);
    x.role = p.String("role", true);
    x.name = p.String("name");
    if (p.Has("attended") && !(*arr)[i]["attended"].is_null()) x.attended = p.Bool("attended");
    out.push_back(std::move(x));
  }
  return out;
}

Status Done(std::vector<FieldError>& errors, const char* what) {
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument(what, std::move(errors));
}

const std::vector<MeetingStatus> kMeetingStatuses = {MeetingStatus::kPlanned, MeetingStatus::kHeld, MeetingStatus::kCancelled};
const std::vector<Outcome> kOutcomes = {Outcome::kNoIndication, Outcome::kMoreInformationNeeded, Outcome::kSuspicionFollowUp};
const std::vector<ActionStatus> kActionStatuses = {ActionStatus::kOpen, ActionStatus::kDone, ActionStatus::kCancelled};

}  // namespace

json MeetingJson(const Meeting& m) {
  json ps = json::array();
  for (const auto& p : m.participants)
    ps.push_back({{"organisation", p.organisation}, {"role", p.role}, {"name", p.name},
                  {"attended", p.attended ? json(*p.attended) : json(nullptr)}});
  return {{"id", m.id},
          {"type", m.type},
          {"title", m.title},
          {"scheduledAt", FormatTimestamp(m.scheduled_at)},
          {"status", std::string(ToCode(m.status))},
          {"participants", ps},
          {"version", m.version},
          {"createdAt", FormatTimestamp(m.created_at)},
          {"updatedAt", FormatTimestamp(m.updated_at)}};
}

json AgendaItemJson(const AgendaItem& i) {
  return {{"id", i.id},
          {"meetingId", i.meeting_id},
          {"position", i.position},
          {"kind", std::string(ToCode(i.kind))},
          {"signalId", Opt(i.signal_id)},
          {"caseId", Opt(i.case_id)},
          {"actionId", Opt(i.action_id)},
          {"summary", i.summary},
          {"urgency", i.urgency.empty() ? json(nullptr) : json(i.urgency)},
          {"status", std::string(ToCode(i.status))},
          {"carriedFrom", Opt(i.carried_from)}};
}

json AssessmentJson(const Assessment& a) {
  json ds = json::array();
  for (const auto& d : a.decisions)
    ds.push_back({{"kind", std::string(ToCode(d.kind))}, {"caseId", Opt(d.case_id)}, {"note", d.note}});
  return {{"id", a.id},
          {"itemId", a.item_id},
          {"meetingId", a.meeting_id},
          {"signalId", Opt(a.signal_id)},
          {"caseId", Opt(a.case_id)},
          {"outcome", std::string(ToCode(a.outcome))},
          {"reasoning", a.reasoning},
          {"decisions", ds},
          {"assessedBy", a.actor},
          {"assessedAt", FormatTimestamp(a.at)}};
}

json AgendaItemViewJson(const AgendaItemView& v) {
  json j = AgendaItemJson(v.item);
  if (v.restricted) {
    j["summary"] = nullptr;
    j["urgency"] = nullptr;
  }
  j["restricted"] = v.restricted;
  j["care"] = v.care;
  j["police"] = v.police;
  j["assessment"] = v.assessment ? AssessmentJson(*v.assessment) : json(nullptr);
  return j;
}

json CaseJson(const Case& c, bool with_log) {
  json ps = json::array();
  for (const auto& p : c.participants) ps.push_back({{"organisation", p.organisation}, {"role", p.role}});
  json allowed = json::array();
  for (const auto& t : CaseTransitions())
    if (t.from == c.status) allowed.push_back(std::string(ToCode(t.to)));
  json j = {{"id", c.id},
            {"title", c.title},
            {"status", std::string(ToCode(c.status))},
            {"allowedTransitions", allowed},
            {"municipality", c.municipality},
            {"mergedInto", Opt(c.merged_into)},
            {"signals", c.signals},
            {"participants", ps},
            {"version", c.version},
            {"createdAt", FormatTimestamp(c.created_at)},
            {"updatedAt", FormatTimestamp(c.updated_at)}};
  if (with_log) {
    json log = json::array();
    for (const auto& e : c.log) {
      json x = {{"at", FormatTimestamp(e.at)}, {"actor", e.actor}, {"kind", e.kind}, {"key", e.key}, {"detail", e.detail}};
      if (!e.from_status.empty()) x["from"] = e.from_status;
      if (!e.to_status.empty()) x["to"] = e.to_status;
      log.push_back(std::move(x));
    }
    j["log"] = log;
  }
  return j;
}

json ActionJson(const Action& a, TimePoint now) {
  return {{"id", a.id},
          {"caseId", Opt(a.case_id)},
          {"meetingId", Opt(a.meeting_id)},
          {"title", a.title},
          {"owner", a.owner},
          {"organisation", a.organisation},
          {"dueDate", FormatDate(a.due)},
          {"status", std::string(ToCode(a.status))},
          {"dueState", std::string(ToCode(DueStateAt(a, now)))},
          {"overdue", IsOverdue(a, now)},
          {"version", a.version},
          {"createdAt", FormatTimestamp(a.created_at)},
          {"updatedAt", FormatTimestamp(a.updated_at)},
          {"completedAt", a.completed_at ? json(FormatTimestamp(*a.completed_at)) : json(nullptr)}};
}

json ReminderJson(const Reminder& r) {
  return {{"actionId", r.action_id}, {"kind", r.kind}, {"at", FormatTimestamp(r.at)}, {"mailed", r.mailed}};
}

json FeedbackJson(const ReporterFeedback& f) {
  json label = nullptr;
  if (f.outcome) {
    switch (*f.outcome) {
      case Outcome::kNoIndication:
        label = {{"nl", "Beoordeeld: geen aanwijzing voor mensenhandel"}, {"en", "Assessed: no indication of trafficking"}};
        break;
      case Outcome::kMoreInformationNeeded:
        label = {{"nl", "Beoordeeld: meer informatie nodig"}, {"en", "Assessed: more information needed"}};
        break;
      case Outcome::kSuspicionFollowUp:
        label = {{"nl", "Beoordeeld: vermoeden van mensenhandel, wordt opgevolgd"},
                 {"en", "Assessed: suspicion of trafficking, being followed up"}};
        break;
    }
  }
  return {{"assessed", f.assessed},
          {"outcome", f.outcome ? json(std::string(ToCode(*f.outcome))) : json(nullptr)},
          {"outcomeLabel", label},
          {"assessedAt", f.assessed_at ? json(FormatTimestamp(*f.assessed_at)) : json(nullptr)}};
}

Result<Meeting> ReadMeetingCreate(const json& body) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  f.CheckMembers({"type", "title", "scheduledAt", "participants"});
  Meeting m;
  m.type = f.String("type", true);
  m.title = f.String("title");
  if (!f.Has("scheduledAt")) errors.push_back({"/scheduledAt", "required", {}});
  if (auto t = f.Timestamp("scheduledAt")) m.scheduled_at = *t;
  m.participants = ReadParticipants(f, errors);
  DRIELUIK_RETURN_IF_ERROR(Done(errors, "invalid meeting"));
  return m;
}

Result<Meeting> ReadMeetingPatch(const json& body, const Meeting& current, std::int64_t& version) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  f.CheckMembers({"version", "title", "scheduledAt", "status", "participants"},
                 {"id", "type", "createdAt", "updatedAt"});
  Meeting m = current;
  auto v = f.Int64("version", true);
  if (f.Has("title")) m.title = f.String("title");
  if (f.Has("scheduledAt"))
    if (auto t = f.Timestamp("scheduledAt")) m.scheduled_at = *t;
  if (auto s = ReadCode<MeetingStatus>(f, "status", kMeetingStatuses, false)) m.status = *s;
  if (f.Has("participants")) m.participants = ReadParticipants(f, errors);
  DRIELUIK_RETURN_IF_ERROR(Done(errors, "invalid meeting"));
  version = *v;
  return m;
}

Result<Assessment> ReadAssessment(const json& body) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  f.CheckMembers({"outcome", "reasoning", "decisions"});
  Assessment a;
  auto o = ReadCode<Outcome>(f, "outcome", kOutcomes, true);
  a.reasoning = f.String("reasoning", true);
  if (const json* arr = f.Array("decisions")) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      JsonFields d((*arr)[i], "/decisions/" + std::to_string(i), errors);
      d.CheckMembers({"kind", "caseId", "note"});
      auto kind = ReadCode<DecisionKind>(d, "kind", AllDecisionKinds(), true);
      AssessmentDecision x;
      if (kind) x.kind = *kind;
      if (d.Has("caseId") && !(*arr)[i]["caseId"].is_null()) x.case_id = d.Int64("caseId");
      x.note = d.String("note");
      a.decisions.push_back(std::move(x));
    }
  }
  DRIELUIK_RETURN_IF_ERROR(Done(errors, "invalid assessment"));
  a.outcome = *o;
  return a;
}

Result<Case> ReadCaseCreate(const json& body) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  f.CheckMembers({"title", "signals", "participants"});
  Case c;
  c.title = f.String("title", true);
  if (const json* arr = f.Array("signals")) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (!(*arr)[i].is_number_integer() || (*arr)[i].get<std::int64_t>() < 1)
        errors.push_back({"/signals/" + std::to_string(i), "wrong_type", {{"expected", "integer >= 1"}}});
      else
        c.signals.push_back((*arr)[i].get<std::int64_t>());
    }
  } else if (!f.Has("signals")) {
    errors.push_back({"/signals", "required", {}});
  }
  if (const json* arr = f.Array("participants")) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      JsonFields p((*arr)[i], "/participants/" + std::to_string(i), errors);
      p.CheckMembers({"organisation", "role"});
      c.participants.push_back({p.String("organisation", true), p.String("role", true)});
    }
  }
  DRIELUIK_RETURN_IF_ERROR(Done(errors, "invalid case"));
  return c;
}

Result<Action> ReadActionCreate(const json& body) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  f.CheckMembers({"caseId", "meetingId", "title", "owner", "organisation", "dueDate"});
  Action a;
  if (f.Has("caseId") && !body["caseId"].is_null()) a.case_id = f.Int64("caseId");
  if (f.Has("meetingId") && !body["meetingId"].is_null()) a.meeting_id = f.Int64("meetingId");
  a.title = f.String("title", true);
  a.owner = f.String("owner", true);
  a.organisation = f.String("organisation", true);
  if (!f.Has("dueDate")) errors.push_back({"/dueDate", "required", {}});
  if (auto d = f.DateValue("dueDate")) a.due = *d;
  DRIELUIK_RETURN_IF_ERROR(Done(errors, "invalid action"));
  return a;
}

Result<ActionChange> ReadActionPatch(const json& body) {
  std::vector<FieldError> errors;
  JsonFields f(body, "", errors);
  f.CheckMembers({"version", "title", "owner", "organisation", "dueDate", "status"},
                 {"id", "caseId", "meetingId", "createdAt", "updatedAt", "completedAt", "overdue", "dueState"});
  ActionChange c;
  auto v = f.Int64("version", true);
  if (f.Has("title")) c.title = f.String("title");
  if (f.Has("owner")) c.owner = f.String("owner");
  if (f.Has("organisation")) c.organisation = f.String("organisation");
  if (f.Has("dueDate")) c.due = f.DateValue("dueDate");
  c.status = ReadCode<ActionStatus>(f, "status", kActionStatuses, false);
  DRIELUIK_RETURN_IF_ERROR(Done(errors, "invalid action"));
  c.expected_version = *v;
  return c;
}

}  // namespace drieluik::web::api
