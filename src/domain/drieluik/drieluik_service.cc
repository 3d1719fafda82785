#include "domain/drieluik/drieluik_service.h"

#include <algorithm>
#include <set>

#include "domain/role.h"
#include "domain/triage.h"

namespace drieluik::domain {

namespace {

std::string DefaultOrganisation(const std::string& role) {
  if (role == "ketenregisseur" || role == "zorgcoordinator") return "zvhg";
  return role;
}

bool Terminal(CaseStatus s) { return s == CaseStatus::kClosed || s == CaseStatus::kMerged; }

CaseLogEntry Entry(TimePoint at, const std::string& actor, std::string kind, std::string key, std::string detail = {}) {
  CaseLogEntry e;
  e.at = at;
  e.actor = actor;
  e.kind = std::move(kind);
  e.key = std::move(key);
  e.detail = std::move(detail);
  return e;
}

}  // namespace

DrieluikService::DrieluikService(DrieluikRepository& repo, SignalRepository& signals, const Catalog& catalog,
                                 const Clock& clock, const MeetingTypes& types, ReminderOptions reminders)
    : repo_(repo), signals_(signals), catalog_(catalog), clock_(clock), types_(types), reminders_(std::move(reminders)) {}

// --- Meetings ---

Result<Meeting> DrieluikService::CreateMeeting(Meeting m, const AuditIntent* audit) {
  DRIELUIK_RETURN_IF_ERROR(ValidateMeeting(m, types_));
  const MeetingType* type = types_.Find(m.type);
  if (m.title.empty()) m.title = type->label_nl + " " + FormatDate(AmsterdamDate(m.scheduled_at));
  if (m.participants.empty())
    for (const auto& r : type->default_roles) m.participants.push_back({DefaultOrganisation(r), r, "", std::nullopt});
  m.status = MeetingStatus::kPlanned;
  m.version = 1;
  m.created_at = m.updated_at = clock_.Now();
  return repo_.InsertMeeting(m, audit);
}

Result<std::vector<Meeting>> DrieluikService::PlanMeetings(const std::string& type, Date anchor, int count,
                                                           const AuditIntent* audit) {
  const MeetingType* t = types_.Find(type);
  if (!t) return Status::Invalid({"/type", "unknown_code", {{"value", type}}});
  if (t->interval_days <= 0) return Status::Invalid({"/type", "meeting.not_recurring", {{"value", type}}});
  if (count < 1 || count > 26) return Status::Invalid({"/count", "out_of_range", {{"min", "1"}, {"max", "26"}}});
  if (!anchor.ok()) return Status::Invalid({"/anchor", "invalid_date", {}});
  std::vector<Meeting> out;
  for (TimePoint at : ScheduleMeetings(*t, anchor, clock_.Now(), count)) {
    auto existing = repo_.ListMeetings({type, at, at + std::chrono::milliseconds(1), 1});
    if (!existing.ok()) return existing.status();
    if (!existing->empty()) continue;
    Meeting m;
    m.type = type;
    m.scheduled_at = at;
    auto created = CreateMeeting(std::move(m), audit);
    if (!created.ok()) return created.status();
    out.push_back(std::move(created).value());
  }
  return out;
}

Result<Meeting> DrieluikService::GetMeeting(MeetingId id) { return repo_.GetMeeting(id); }

Result<std::vector<Meeting>> DrieluikService::ListMeetings(const MeetingFilter& f) {
  if (f.limit < 1 || f.limit > 500) return Status::Invalid({"/limit", "out_of_range", {{"min", "1"}, {"max", "500"}}});
  return repo_.ListMeetings(f);
}

Result<Meeting> DrieluikService::UpdateMeeting(MeetingId id, std::int64_t expected_version, Meeting changed) {
  auto current = repo_.GetMeeting(id);
  if (!current.ok()) return current.status();
  changed.id = id;
  changed.type = current->type;  // the type of a meeting does not change
  DRIELUIK_RETURN_IF_ERROR(ValidateMeeting(changed, types_));
  if (changed.title.empty()) changed.title = current->title;
  changed.created_at = current->created_at;
  changed.updated_at = clock_.Now();
  return repo_.UpdateMeeting(changed, expected_version);
}

// --- Agenda ---

Result<std::vector<AgendaItem>> DrieluikService::BuildAgendaFor(MeetingId id, const std::string& actor) {
  auto meeting = repo_.GetMeeting(id);
  if (!meeting.ok()) return meeting.status();
  if (meeting->status == MeetingStatus::kCancelled) return Status::FailedPrecondition("meeting.cancelled");
  auto previous = repo_.PreviousMeeting(meeting->type, meeting->scheduled_at);
  if (!previous.ok()) return previous.status();
  auto existing = repo_.AgendaItems(id);
  if (!existing.ok()) return existing.status();

  AgendaInputs in;
  in.meeting = *meeting;
  in.existing = *existing;
  const MeetingType* type = types_.Find(meeting->type);
  if (type && type->interval_days > 0) in.next_meeting_at = meeting->scheduled_at + std::chrono::days(type->interval_days);

  // Signals received since the previous meeting (or in the 28 days before a first one)
  // that no meeting has assessed yet and that are still open.
  TimePoint since = *previous ? (*previous)->scheduled_at : meeting->scheduled_at - std::chrono::days(28);
  SignalFilter sf;
  sf.from = since;
  sf.to = std::max(meeting->scheduled_at, clock_.Now());
  sf.limit = 200;
  Date today = AmsterdamDate(clock_.Now());
  while (true) {
    auto page = signals_.List(sf);
    if (!page.ok()) return page.status();
    for (const auto& s : page->items) {
      if (s.status == SignalStatus::kClosed || s.status == SignalStatus::kLinkedToCase ||
          s.status == SignalStatus::kAssessed)
        continue;
      auto assessed = repo_.AssessmentsForSignal(s.id);
      if (!assessed.ok()) return assessed.status();
      if (!assessed->empty()) continue;
      in.new_signals.push_back({s, ComputeTriage(s.content, catalog_, today)});
    }
    if (page->next_cursor.empty()) break;
    sf.cursor = page->next_cursor;
  }
  // Carried over: what the previous meeting left open or postponed.
  if (*previous) {
    auto items = repo_.AgendaItems((*previous)->id);
    if (!items.ok()) return items.status();
    for (const auto& i : *items)
      if (i.status != AgendaItemStatus::kAssessed) in.carried.push_back(i);
  }
  // Cases still running, with their actions.
  for (CaseStatus st : {CaseStatus::kOpen, CaseStatus::kInFollowup, CaseStatus::kMonitoring}) {
    CaseFilter cf;
    cf.status = st;
    cf.limit = 500;
    auto cases = repo_.ListCases(cf);
    if (!cases.ok()) return cases.status();
    for (auto& c : *cases) {
      ActionFilter af;
      af.case_id = c.id;
      af.limit = 500;
      auto actions = repo_.ListActions(af);
      if (!actions.ok()) return actions.status();
      in.cases.push_back({std::move(c), std::move(actions).value()});
    }
  }
  std::vector<AgendaItem> added = BuildAgenda(in);
  if (!added.empty()) {
    auto stored = repo_.InsertAgendaItems(added);
    if (!stored.ok()) return stored.status();
    for (const auto& i : *stored)
      if (i.signal_id && !i.action_id)
        DRIELUIK_RETURN_IF_ERROR(MoveSignal(*i.signal_id, SignalStatus::kForDrieluik, "on_agenda", actor));
  }
  return repo_.AgendaItems(id);
}

Result<std::vector<AgendaItem>> DrieluikService::Agenda(MeetingId id) {
  auto meeting = repo_.GetMeeting(id);
  if (!meeting.ok()) return meeting.status();
  return repo_.AgendaItems(id);
}

Result<ObjectScope> DrieluikService::ScopeOf(const Signal& s) {
  ObjectScope scope;
  scope.municipality = s.content.municipality;
  scope.organisation = s.content.organisation;
  // In the police's view: what a police or inspection organisation registered itself
  // (as web/api ScopeOfSignal), and what a meeting referred to them.
  if (const Organisation* org = catalog_.FindOrganisation(s.content.organisation))
    scope.referred_to_police = org->kind == "police" || org->kind == "labour_inspectorate" || org->kind == "kmar";
  auto assessments = repo_.AssessmentsForSignal(s.id);
  if (!assessments.ok()) return assessments.status();
  for (const auto& a : *assessments)
    for (const auto& d : a.decisions)
      if (RefersToPolice(d.kind)) scope.referred_to_police = true;
  return scope;
}

Result<std::vector<AgendaItemView>> DrieluikService::AgendaFor(MeetingId id, const Principal& principal,
                                                                const Policy& policy) {
  auto items = Agenda(id);
  if (!items.ok()) return items.status();
  auto assessments = repo_.AssessmentsForMeeting(id);
  if (!assessments.ok()) return assessments.status();
  std::vector<AgendaItemView> out;
  for (const auto& i : *items) {
    ObjectScope scope;
    bool is_signal = i.signal_id && !i.action_id;
    if (is_signal) {
      auto s = signals_.Get(*i.signal_id);
      if (!s.ok()) return s.status();
      auto sc = ScopeOf(*s);
      if (!sc.ok()) return sc.status();
      scope = *sc;
      out.push_back(ViewAgendaItem(i, &*s, scope, principal, policy));
    } else {
      out.push_back(ViewAgendaItem(i, nullptr, scope, principal, policy));
    }
    AgendaItemView& v = out.back();
    if (v.restricted) continue;
    bool care = policy.Decide(principal, "signal.care", "read", is_signal ? &scope : nullptr).allowed();
    bool police = policy.Decide(principal, "signal.police", "read", is_signal ? &scope : nullptr).allowed();
    for (const auto& a : *assessments) {
      if (a.item_id != i.id) continue;
      Assessment shown = a;
      std::erase_if(shown.decisions, [&](const AssessmentDecision& d) {
        return (RefersToPolice(d.kind) && !police) || (IsCareDecision(d.kind) && !care);
      });
      v.assessment = std::move(shown);
    }
  }
  return out;
}

Result<AgendaItem> DrieluikService::AddAgendaItem(MeetingId id, std::optional<SignalId> signal, std::optional<CaseId> c,
                                                  std::string summary, const std::string& actor) {
  if (signal.has_value() == c.has_value())
    return Status::Invalid({"/signalId", "agenda.signal_or_case", {}});
  if (summary.size() > 300) return Status::Invalid({"/summary", "too_long", {{"max", "300"}}});
  auto meeting = repo_.GetMeeting(id);
  if (!meeting.ok()) return meeting.status();
  auto items = repo_.AgendaItems(id);
  if (!items.ok()) return items.status();
  AgendaItem item;
  item.meeting_id = id;
  item.kind = AgendaItemKind::kAdded;
  item.position = items->empty() ? 1 : items->back().position + 1;
  if (signal) {
    auto s = signals_.Get(*signal);
    if (!s.ok()) return s.status();
    item.signal_id = s->id;
    Triage t = ComputeTriage(s->content, catalog_, AmsterdamDate(clock_.Now()));
    item.urgency = std::string(ToCode(t.urgency.level));
    for (const auto& r : t.routes) item.routes.emplace_back(ToCode(r.route));
    item.summary = summary.empty() ? SignalSummaryLine(*s) : summary;
  } else {
    auto cs = repo_.GetCase(*c);
    if (!cs.ok()) return cs.status();
    item.case_id = cs->id;
    item.summary = summary.empty() ? "Casus #" + std::to_string(cs->id) + ": " + cs->title : summary;
  }
  for (const auto& i : *items)
    if (!i.action_id && ((item.signal_id && i.signal_id == item.signal_id) || (item.case_id && !item.signal_id && i.case_id == item.case_id && !i.signal_id)))
      return Status::Invalid({signal ? "/signalId" : "/caseId", "agenda.already_on_agenda", {}});
  auto stored = repo_.InsertAgendaItems({item});
  if (!stored.ok()) return stored.status();
  if (item.signal_id)
    DRIELUIK_RETURN_IF_ERROR(MoveSignal(*item.signal_id, SignalStatus::kForDrieluik, "on_agenda", actor));
  return stored->front();
}

Result<std::vector<AgendaItem>> DrieluikService::ReorderAgenda(MeetingId id, const std::vector<AgendaItemId>& order) {
  auto items = Agenda(id);
  if (!items.ok()) return items.status();
  std::set<AgendaItemId> given(order.begin(), order.end());
  std::set<AgendaItemId> have;
  for (const auto& i : *items) have.insert(i.id);
  if (given.size() != order.size() || given != have)
    return Status::Invalid({"/order", "agenda.order_incomplete", {{"count", std::to_string(items->size())}}});
  std::vector<AgendaItem> changed;
  for (std::size_t p = 0; p < order.size(); ++p)
    for (auto i : *items)
      if (i.id == order[p]) {
        i.position = static_cast<int>(p + 1);
        changed.push_back(i);
      }
  DRIELUIK_RETURN_IF_ERROR(repo_.UpdateAgendaItems(changed));
  return repo_.AgendaItems(id);
}

Result<AgendaItem> DrieluikService::PostponeItem(AgendaItemId id) {
  auto item = repo_.GetAgendaItem(id);
  if (!item.ok()) return item.status();
  if (item->status == AgendaItemStatus::kAssessed) return Status::FailedPrecondition("agenda.item_assessed");
  item->status = AgendaItemStatus::kPostponed;
  DRIELUIK_RETURN_IF_ERROR(repo_.UpdateAgendaItems({*item}));
  return *item;
}

// --- Assessment ---

Result<Case> DrieluikService::OpenCaseFor(const Signal& s, const std::string& title, const std::string& actor,
                                          const std::string& reasoning) {
  Case c;
  c.title = title.empty() ? SignalSummaryLine(s) : title;
  if (c.title.size() > 200) c.title.resize(200);
  while (!c.title.empty() && (static_cast<unsigned char>(c.title.back()) & 0xC0) == 0x80) c.title.pop_back();
  if (!c.title.empty() && static_cast<unsigned char>(c.title.back()) >= 0xC0) c.title.pop_back();
  c.signals = {s.id};
  c.municipality = s.content.municipality;
  Result<Case> created = CreateCase(std::move(c), actor);
  (void)reasoning;
  return created;
}

Result<Case> DrieluikService::LinkSignal(const Case& c, SignalId signal, const std::string& actor,
                                         const std::string& note) {
  if (Terminal(c.status)) return Status::FailedPrecondition("case.closed_or_merged");
  auto s = signals_.Get(signal);
  if (!s.ok()) return s.status();
  Case next = c;
  if (std::find(next.signals.begin(), next.signals.end(), signal) != next.signals.end()) return c;
  next.signals.push_back(signal);
  std::sort(next.signals.begin(), next.signals.end());
  next.updated_at = clock_.Now();
  return repo_.UpdateCase(next, c.version,
                          {Entry(next.updated_at, actor, "signal_linked", "case.log.signal_linked",
                                 "signal " + std::to_string(signal) + (note.empty() ? "" : ": " + note))});
}

Result<Assessment> DrieluikService::Assess(AgendaItemId item_id, Assessment a, const std::string& actor) {
  auto item = repo_.GetAgendaItem(item_id);
  if (!item.ok()) return item.status();
  if (item->status == AgendaItemStatus::kAssessed) return Status::FailedPrecondition("agenda.item_assessed");
  DRIELUIK_RETURN_IF_ERROR(ValidateAssessment(a));
  a.item_id = item_id;
  a.meeting_id = item->meeting_id;
  a.signal_id = item->signal_id;
  a.case_id = item->case_id;
  a.actor = actor;
  a.at = clock_.Now();

  std::optional<Signal> signal;
  if (item->signal_id) {
    auto s = signals_.Get(*item->signal_id);
    if (!s.ok()) return s.status();
    signal = std::move(s).value();
  }
  bool has_case_decision = false;
  for (const auto& d : a.decisions)
    if (d.kind == DecisionKind::kOpenCase || d.kind == DecisionKind::kMergeIntoCase) has_case_decision = true;
  if (has_case_decision && !signal)
    return Status::Invalid({"/decisions", "assessment.case_decision_needs_signal", {}});

  std::optional<Case> target;
  // Check a merge target before anything is written.
  for (const auto& d : a.decisions) {
    if (d.kind != DecisionKind::kMergeIntoCase) continue;
    auto c = repo_.GetCase(*d.case_id);
    if (!c.ok()) {
      if (c.status().code() == StatusCode::kNotFound)
        return Status::Invalid({"/decisions/caseId", "assessment.case_not_found", {{"value", std::to_string(*d.case_id)}}});
      return c.status();
    }
    if (Terminal(c->status)) return Status::FailedPrecondition("case.closed_or_merged");
    target = std::move(c).value();
  }
  if (!target && a.case_id) {
    auto c = repo_.GetCase(*a.case_id);
    if (!c.ok()) return c.status();
    target = std::move(c).value();
    for (const auto& d : a.decisions)
      if (d.kind == DecisionKind::kClose) DRIELUIK_RETURN_IF_ERROR(CheckCaseTransition(target->status, CaseStatus::kClosed));
  }

  for (const auto& d : a.decisions) {
    if (d.kind == DecisionKind::kOpenCase) {
      auto c = OpenCaseFor(*signal, d.note, actor, a.reasoning);
      if (!c.ok()) return c.status();
      target = std::move(c).value();
    } else if (d.kind == DecisionKind::kMergeIntoCase) {
      auto c = LinkSignal(*target, signal->id, actor, d.note);
      if (!c.ok()) return c.status();
      target = std::move(c).value();
    }
  }
  if (target) {
    a.case_id = target->id;
    std::vector<CaseLogEntry> log;
    TimePoint now = clock_.Now();
    Case next = *target;
    for (const auto& d : a.decisions) {
      if (d.kind == DecisionKind::kOpenCase || d.kind == DecisionKind::kMergeIntoCase) continue;
      log.push_back(Entry(now, actor, "decision", std::string(ToCode(d.kind)), d.note));
      if (d.kind == DecisionKind::kClose && !signal) {
        CaseLogEntry t = Entry(now, actor, "transition", "case.transition.close", a.reasoning);
        t.from_status = std::string(ToCode(next.status));
        t.to_status = "closed";
        next.status = CaseStatus::kClosed;
        log.push_back(t);
      }
    }
    log.push_back(Entry(now, actor, "assessment", std::string(ToCode(a.outcome)), a.reasoning));
    next.updated_at = now;
    auto updated = repo_.UpdateCase(next, target->version, log);
    if (!updated.ok()) return updated.status();
  }
  if (signal) {
    // Before the assessment is written: a failure after this leaves the item open with the
    // signal's status already moved, and assessing the item again moves nothing.
    SignalStatus to = SignalStatus::kAssessed;
    for (const auto& d : a.decisions) {
      if (d.kind == DecisionKind::kOpenCase || d.kind == DecisionKind::kMergeIntoCase) to = SignalStatus::kLinkedToCase;
      if (d.kind == DecisionKind::kClose && to != SignalStatus::kLinkedToCase) to = SignalStatus::kClosed;
    }
    DRIELUIK_RETURN_IF_ERROR(MoveSignal(signal->id, to, "assessed", actor));
  }
  return repo_.InsertAssessment(a);
}

Status DrieluikService::MoveSignal(SignalId id, SignalStatus to, const std::string& history_action,
                                   const std::string& actor) {
  // The order of the states; a move goes only to a later one.
  auto rank = [](SignalStatus s) {
    switch (s) {
      case SignalStatus::kNew:
        return 0;
      case SignalStatus::kInIntake:
        return 1;
      case SignalStatus::kForDrieluik:
        return 2;
      case SignalStatus::kAssessed:
        return 3;
      case SignalStatus::kLinkedToCase:
        return 4;
      case SignalStatus::kClosed:
        return 5;
    }
    return 5;
  };
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto s = signals_.Get(id);
    if (!s.ok()) return s.status();
    if (rank(to) <= rank(s->status)) return Status::Ok();
    Signal next = *s;
    next.status = to;
    next.updated_at = clock_.Now();
    std::string urgency(ToCode(ComputeTriage(next.content, catalog_, AmsterdamDate(next.updated_at)).urgency.level));
    auto updated =
        signals_.Update(next, s->version, urgency, HistoryEntry{next.updated_at, history_action, actor, {"status"}});
    if (updated.ok()) return Status::Ok();
    if (updated.status().code() != StatusCode::kConflict) return updated.status();
  }
  return Status::Conflict("signal changed repeatedly while its status was moved");
}

Result<std::vector<Assessment>> DrieluikService::Assessments(MeetingId id) {
  auto meeting = repo_.GetMeeting(id);
  if (!meeting.ok()) return meeting.status();
  return repo_.AssessmentsForMeeting(id);
}

Result<ReporterFeedback> DrieluikService::FeedbackFor(SignalId signal) {
  auto s = signals_.Get(signal);
  if (!s.ok()) return s.status();
  auto list = repo_.AssessmentsForSignal(signal);
  if (!list.ok()) return list.status();
  ReporterFeedback f;
  if (list->empty()) return f;
  f.assessed = true;
  f.outcome = list->front().outcome;
  f.assessed_at = list->front().at;
  return f;
}

Result<Minutes> DrieluikService::MinutesFor(MeetingId id, const Principal& caller, const Policy& policy) {
  auto meeting = repo_.GetMeeting(id);
  if (!meeting.ok()) return meeting.status();
  std::vector<Principal> readers = {caller};
  for (const auto& p : meeting->participants) {
    Principal r;
    r.role = RoleFromCode(p.role);
    if (!r.role) continue;
    r.username = "participant";
    r.organisation = p.organisation;
    r.via = AuthMethod::kSession;
    readers.push_back(r);
  }
  auto items = repo_.AgendaItems(id);
  if (!items.ok()) return items.status();
  auto assessments = repo_.AssessmentsForMeeting(id);
  if (!assessments.ok()) return assessments.status();

  Minutes out;
  out.meeting = *meeting;
  if (const MeetingType* t = types_.Find(meeting->type)) {
    out.type_label_nl = t->label_nl;
    out.type_label_en = t->label_en;
  }
  out.generated_at = clock_.Now();
  for (const auto& item : *items) {
    std::optional<Signal> signal;
    ObjectScope scope;
    bool is_signal = item.signal_id && !item.action_id;
    if (is_signal) {
      auto s = signals_.Get(*item.signal_id);
      if (!s.ok()) return s.status();
      auto sc = ScopeOf(*s);
      if (!sc.ok()) return sc.status();
      scope = *sc;
      signal = std::move(s).value();
    }
    MinutesItem m;
    m.position = item.position;
    m.kind = item.kind;
    m.status = item.status;
    bool first = true, care_ok = true, police_ok = true;
    for (const auto& r : readers) {
      AgendaItemView v = ViewAgendaItem(item, signal ? &*signal : nullptr, scope, r, policy);
      if (v.restricted) m.restricted = true;
      bool care = policy.Decide(r, "signal.care", "read", is_signal ? &scope : nullptr).allowed();
      bool police = policy.Decide(r, "signal.police", "read", is_signal ? &scope : nullptr).allowed();
      care_ok = care_ok && care;
      police_ok = police_ok && police;
      if (first) {
        m.summary = v.item.summary;
        m.urgency = v.item.urgency;
        m.care = v.care;
        m.police = v.police;
        first = false;
      }
      std::erase_if(m.care, [&](const std::string& c) { return std::find(v.care.begin(), v.care.end(), c) == v.care.end(); });
      std::erase_if(m.police, [&](const std::string& c) { return std::find(v.police.begin(), v.police.end(), c) == v.police.end(); });
    }
    if (m.restricted) {
      m.summary.clear();
      m.urgency.clear();
      m.care.clear();
      m.police.clear();
      out.items.push_back(std::move(m));
      continue;
    }
    for (const auto& a : *assessments) {
      if (a.item_id != item.id) continue;
      m.outcome = a.outcome;
      m.reasoning = a.reasoning;
      for (const auto& d : a.decisions) {
        if (RefersToPolice(d.kind) && !police_ok) continue;
        if (IsCareDecision(d.kind) && !care_ok) continue;
        m.decisions.push_back(d);
      }
    }
    out.items.push_back(std::move(m));
  }
  ActionFilter af;
  af.meeting_id = id;
  af.limit = 500;
  auto actions = repo_.ListActions(af);
  if (!actions.ok()) return actions.status();
  out.actions = std::move(actions).value();
  return out;
}

// --- Cases ---

Result<Case> DrieluikService::CreateCase(Case c, const std::string& actor, const AuditIntent* audit) {
  std::sort(c.signals.begin(), c.signals.end());
  c.signals.erase(std::unique(c.signals.begin(), c.signals.end()), c.signals.end());
  DRIELUIK_RETURN_IF_ERROR(ValidateCase(c));
  for (std::size_t i = 0; i < c.signals.size(); ++i) {
    auto s = signals_.Get(c.signals[i]);
    if (!s.ok()) {
      if (s.status().code() == StatusCode::kNotFound)
        return Status::Invalid({"/signals/" + std::to_string(i), "case.signal_not_found",
                                {{"value", std::to_string(c.signals[i])}}});
      return s.status();
    }
    if (c.municipality.empty()) c.municipality = s->content.municipality;
  }
  c.status = CaseStatus::kOpen;
  c.version = 1;
  c.merged_into.reset();
  c.created_at = c.updated_at = clock_.Now();
  c.log = {Entry(c.created_at, actor, "created", "case.log.created")};
  return repo_.InsertCase(c, audit);
}

Result<Case> DrieluikService::GetCase(CaseId id) { return repo_.GetCase(id); }

Result<std::vector<Case>> DrieluikService::ListCases(const CaseFilter& f) {
  if (f.limit < 1 || f.limit > 500) return Status::Invalid({"/limit", "out_of_range", {{"min", "1"}, {"max", "500"}}});
  return repo_.ListCases(f);
}

Result<Case> DrieluikService::ChangeCase(CaseId id, const CaseChange& change, const std::string& actor) {
  if (change.note.size() > 2000) return Status::Invalid({"/note", "too_long", {{"max", "2000"}}});
  int kinds = change.to.has_value() + change.decision.has_value() + change.add_participant.has_value() +
              change.link_signal.has_value();
  if (kinds != 1) return Status::InvalidArgument("exactly one change per call");
  auto current = repo_.GetCase(id);
  if (!current.ok()) return current.status();
  if (current->version != change.expected_version)
    return Status::Conflict("case version " + std::to_string(change.expected_version) + " is stale; current is " +
                            std::to_string(current->version));
  TimePoint now = clock_.Now();
  Case next = *current;
  next.updated_at = now;
  std::vector<CaseLogEntry> log;
  if (change.to) {
    DRIELUIK_RETURN_IF_ERROR(CheckCaseTransition(current->status, *change.to));
    auto t = FindCaseTransition(current->status, *change.to);
    std::optional<Case> into;
    if (*change.to == CaseStatus::kMerged) {
      if (!change.merge_into) return Status::Invalid({"/mergeInto", "required", {}});
      if (*change.merge_into == id) return Status::Invalid({"/mergeInto", "case.merge_into_self", {}});
      auto target = repo_.GetCase(*change.merge_into);
      if (!target.ok()) {
        if (target.status().code() == StatusCode::kNotFound)
          return Status::Invalid({"/mergeInto", "assessment.case_not_found", {{"value", std::to_string(*change.merge_into)}}});
        return target.status();
      }
      if (Terminal(target->status)) return Status::FailedPrecondition("case.closed_or_merged");
      into = std::move(target).value();
      next.merged_into = into->id;
    } else if (change.merge_into) {
      return Status::Invalid({"/mergeInto", "case.merge_only_with_merged", {}});
    }
    CaseLogEntry e = Entry(now, actor, "transition", std::string(t->key), change.note);
    e.from_status = std::string(ToCode(current->status));
    e.to_status = std::string(ToCode(*change.to));
    log.push_back(e);
    next.status = *change.to;
    if (into) {
      // The target receives the signals first: a failure then leaves this case running.
      Case merged = *into;
      for (SignalId s : current->signals)
        if (std::find(merged.signals.begin(), merged.signals.end(), s) == merged.signals.end()) merged.signals.push_back(s);
      std::sort(merged.signals.begin(), merged.signals.end());
      merged.updated_at = now;
      auto m = repo_.UpdateCase(merged, into->version,
                                {Entry(now, actor, "merged", "case.log.merged_from", "case " + std::to_string(id))});
      if (!m.ok()) return m.status();
    }
  } else if (change.decision) {
    if (Terminal(current->status)) return Status::FailedPrecondition("case.closed_or_merged");
    log.push_back(Entry(now, actor, "decision", std::string(ToCode(*change.decision)), change.note));
  } else if (change.add_participant) {
    Case probe = *current;
    probe.participants.push_back(*change.add_participant);
    DRIELUIK_RETURN_IF_ERROR(ValidateCase(probe));
    if (std::find(current->participants.begin(), current->participants.end(), *change.add_participant) !=
        current->participants.end())
      return Status::Invalid({"/organisation", "duplicate", {{"value", change.add_participant->organisation}}});
    next.participants.push_back(*change.add_participant);
    log.push_back(Entry(now, actor, "participant_added", "case.log.participant_added",
                        change.add_participant->organisation + " (" + change.add_participant->role + ")"));
  } else {
    return LinkSignal(*current, *change.link_signal, actor, change.note);
  }
  return repo_.UpdateCase(next, change.expected_version, log);
}

// --- Actions ---

Result<Action> DrieluikService::CreateAction(Action a, const AuditIntent* audit) {
  DRIELUIK_RETURN_IF_ERROR(ValidateAction(a));
  if (a.case_id) {
    auto c = repo_.GetCase(*a.case_id);
    if (!c.ok()) {
      if (c.status().code() == StatusCode::kNotFound)
        return Status::Invalid({"/caseId", "assessment.case_not_found", {{"value", std::to_string(*a.case_id)}}});
      return c.status();
    }
  }
  if (a.meeting_id) {
    auto m = repo_.GetMeeting(*a.meeting_id);
    if (!m.ok()) {
      if (m.status().code() == StatusCode::kNotFound)
        return Status::Invalid({"/meetingId", "action.meeting_not_found", {{"value", std::to_string(*a.meeting_id)}}});
      return m.status();
    }
  }
  a.status = ActionStatus::kOpen;
  a.version = 1;
  a.created_at = a.updated_at = clock_.Now();
  a.completed_at.reset();
  return repo_.InsertAction(a, audit);
}

Result<Action> DrieluikService::GetAction(ActionId id) { return repo_.GetAction(id); }

Result<Action> DrieluikService::ChangeAction(ActionId id, const ActionChange& change) {
  auto current = repo_.GetAction(id);
  if (!current.ok()) return current.status();
  Action next = *current;
  if (change.title) next.title = *change.title;
  if (change.owner) next.owner = *change.owner;
  if (change.organisation) next.organisation = *change.organisation;
  if (change.due) next.due = *change.due;
  TimePoint now = clock_.Now();
  if (change.status && *change.status != current->status) {
    if (current->status != ActionStatus::kOpen && *change.status != ActionStatus::kOpen)
      return Status::Invalid({"/status", "transition_not_allowed",
                              {{"from", std::string(ToCode(current->status))}, {"to", std::string(ToCode(*change.status))}}});
    next.status = *change.status;
    if (next.status == ActionStatus::kOpen) next.completed_at.reset();
    else next.completed_at = now;
  }
  DRIELUIK_RETURN_IF_ERROR(ValidateAction(next));
  next.updated_at = now;
  return repo_.UpdateAction(next, change.expected_version);
}

Result<std::vector<Action>> DrieluikService::ListActions(ActionFilter f, bool overdue_only) {
  if (f.limit < 1 || f.limit > 500) return Status::Invalid({"/limit", "out_of_range", {{"min", "1"}, {"max", "500"}}});
  TimePoint now = clock_.Now();
  if (overdue_only) {
    f.status = ActionStatus::kOpen;
    f.due_before = AmsterdamDate(now);
  }
  auto list = repo_.ListActions(f);
  if (!list.ok()) return list.status();
  if (overdue_only) std::erase_if(*list, [&](const Action& a) { return !IsOverdue(a, now); });
  return list;
}

// --- Reminders ---

Result<std::vector<Reminder>> DrieluikService::RunReminders() {
  TimePoint now = clock_.Now();
  int horizon = 0;
  for (int d : reminders_.plan.days_before) horizon = std::max(horizon, d);
  ActionFilter f;
  f.status = ActionStatus::kOpen;
  f.due_before = AddDays(AmsterdamDate(now), horizon + 1);
  f.limit = 500;
  auto actions = repo_.ListActions(f);
  if (!actions.ok()) return actions.status();
  std::vector<Reminder> out;
  for (const auto& a : *actions) {
    // The latest slot that has passed, if the due day has not ended yet.
    if (IsOverdue(a, now)) continue;
    std::optional<ReminderSlot> latest;
    for (const auto& s : ReminderSlots(a, reminders_.plan))
      if (s.at <= now) latest = s;
    if (!latest) continue;
    auto earlier = repo_.RemindersFor({a.id});
    if (!earlier.ok()) return earlier.status();
    if (std::any_of(earlier->begin(), earlier->end(), [&](const Reminder& e) { return e.kind == latest->kind; })) continue;
    Reminder r{a.id, latest->kind, now, false};
    std::optional<std::string> to;
    if (reminders_.mail && reminders_.address_of) to = reminders_.address_of(a.owner);
    if (to) {
      // No personal data in mail: the action number, its due date and a link.
      MailMessage m;
      m.to = *to;
      m.subject = "Herinnering: actie #" + std::to_string(a.id) + " uiterlijk " + FormatDate(a.due) +
                  " / Reminder: action #" + std::to_string(a.id) + " due " + FormatDate(a.due);
      m.body = "Actie #" + std::to_string(a.id) + " moet uiterlijk " + FormatDate(a.due) + " klaar zijn.\n" +
               "Action #" + std::to_string(a.id) + " is due on " + FormatDate(a.due) + ".\n\n" +
               reminders_.link_base + std::to_string(a.id) + "\n";
      r.mailed = reminders_.mail->Send(m).ok();
    }
    auto recorded = repo_.RecordReminder(r);
    if (!recorded.ok()) return recorded.status();
    if (*recorded) out.push_back(r);
  }
  return out;
}

Result<std::vector<Reminder>> DrieluikService::RemindersForOwner(const std::string& owner) {
  ActionFilter f;
  f.owner = owner;
  f.status = ActionStatus::kOpen;
  f.limit = 500;
  auto actions = repo_.ListActions(f);
  if (!actions.ok()) return actions.status();
  std::vector<ActionId> ids;
  for (const auto& a : *actions) ids.push_back(a.id);
  if (ids.empty()) return std::vector<Reminder>{};
  return repo_.RemindersFor(ids);
}

}  // namespace drieluik::domain
