#include "domain/drieluik/agenda.h"

#include <algorithm>
#include <set>

namespace drieluik::domain {

namespace {

int UrgencyRank(UrgencyLevel l) {
  switch (l) {
    case UrgencyLevel::kAcute: return 0;
    case UrgencyLevel::kHigh: return 1;
    case UrgencyLevel::kNormal: return 2;
    case UrgencyLevel::kLow: return 3;
  }
  return 3;
}

// The UTF-8 prefix of at most `max` bytes that ends on a character boundary.
std::string Utf8Prefix(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string ActionLine(const Action& a) {
  return "Actie #" + std::to_string(a.id) + " (" + a.organisation + "), uiterlijk " + FormatDate(a.due) + ": " +
         Utf8Prefix(a.title, 100);
}

}  // namespace

std::string SignalSummaryLine(const Signal& s) {
  std::string line = s.content.summary;
  if (auto nl = line.find('\n'); nl != std::string::npos) line.resize(nl);
  if (line.size() > 120) line = Utf8Prefix(line, 120) + "…";
  if (line.empty()) line = s.reference_code;
  if (!s.content.forms.empty()) {
    line += " — ";
    for (std::size_t i = 0; i < s.content.forms.size(); ++i) line += (i ? ", " : "") + s.content.forms[i];
  }
  return line;
}

std::vector<AgendaItem> BuildAgenda(const AgendaInputs& in) {
  std::vector<AgendaItem> out;
  std::set<SignalId> signals;
  std::set<CaseId> cases;
  std::set<ActionId> actions;
  int position = 0;
  auto note = [&](const AgendaItem& i) {
    if (i.signal_id) signals.insert(*i.signal_id);
    if (i.case_id) cases.insert(*i.case_id);
    if (i.action_id) actions.insert(*i.action_id);
    position = std::max(position, i.position);
  };
  for (const auto& i : in.existing) note(i);
  auto taken = [&](const AgendaItem& i) {
    if (i.action_id) return actions.count(*i.action_id) > 0;
    if (i.signal_id) return signals.count(*i.signal_id) > 0;
    if (i.case_id) return cases.count(*i.case_id) > 0;
    return false;
  };
  auto add = [&](AgendaItem i) {
    if (taken(i)) return;
    i.id = 0;
    i.meeting_id = in.meeting.id;
    i.position = ++position;
    i.status = AgendaItemStatus::kOpen;
    note(i);
    out.push_back(std::move(i));
  };

  for (const auto& c : in.carried) {
    AgendaItem i = c;
    i.kind = AgendaItemKind::kCarriedOver;
    i.carried_from = c.id;
    add(std::move(i));
  }

  std::vector<const AgendaSignal*> fresh;
  for (const auto& s : in.new_signals) fresh.push_back(&s);
  std::stable_sort(fresh.begin(), fresh.end(), [](const AgendaSignal* a, const AgendaSignal* b) {
    int ra = UrgencyRank(a->triage.urgency.level), rb = UrgencyRank(b->triage.urgency.level);
    if (ra != rb) return ra < rb;
    if (a->signal.received_at != b->signal.received_at) return a->signal.received_at < b->signal.received_at;
    return a->signal.id < b->signal.id;
  });
  for (const AgendaSignal* s : fresh) {
    AgendaItem i;
    i.kind = AgendaItemKind::kNewSignal;
    i.signal_id = s->signal.id;
    i.summary = SignalSummaryLine(s->signal);
    i.urgency = std::string(ToCode(s->triage.urgency.level));
    for (const auto& r : s->triage.routes) i.routes.emplace_back(ToCode(r.route));
    add(std::move(i));
  }

  // Deadlines are measured against the meeting day and the day of the next meeting.
  TimePoint at = in.meeting.scheduled_at;
  TimePoint next = in.next_meeting_at.value_or(at + std::chrono::days(14));
  if (!in.next_meeting_at)
    if (const auto* t = MeetingTypes::Defaults().Find(in.meeting.type); t && t->interval_days > 0)
      next = at + std::chrono::days(t->interval_days);
  std::vector<std::pair<const Case*, const Action*>> overdue, due;
  for (const auto& ac : in.cases) {
    for (const auto& a : ac.actions) {
      if (a.status != ActionStatus::kOpen) continue;
      if (IsOverdue(a, at)) overdue.push_back({&ac.c, &a});
      else if (std::chrono::sys_days(a.due) < std::chrono::sys_days(AmsterdamDate(next))) due.push_back({&ac.c, &a});
    }
  }
  auto by_due = [](const auto& x, const auto& y) {
    if (x.second->due != y.second->due) return std::chrono::sys_days(x.second->due) < std::chrono::sys_days(y.second->due);
    return x.second->id < y.second->id;
  };
  std::sort(overdue.begin(), overdue.end(), by_due);
  std::sort(due.begin(), due.end(), by_due);
  for (auto [c, a] : overdue) {
    AgendaItem i;
    i.kind = AgendaItemKind::kOverdueAction;
    i.case_id = c->id;
    i.action_id = a->id;
    i.summary = "Over tijd / overdue — " + ActionLine(*a);
    add(std::move(i));
  }
  for (auto [c, a] : due) {
    AgendaItem i;
    i.kind = AgendaItemKind::kDeadline;
    i.case_id = c->id;
    i.action_id = a->id;
    i.summary = ActionLine(*a);
    add(std::move(i));
  }
  for (const auto& ac : in.cases) {
    if (ac.c.status != CaseStatus::kInFollowup && ac.c.status != CaseStatus::kMonitoring) continue;
    if (cases.count(ac.c.id)) continue;
    AgendaItem i;
    i.kind = AgendaItemKind::kCaseFollowUp;
    i.case_id = ac.c.id;
    i.summary = "Casus #" + std::to_string(ac.c.id) + " (" + std::string(ToCode(ac.c.status)) + "): " +
                Utf8Prefix(ac.c.title, 120);
    add(std::move(i));
  }
  return out;
}

bool IsCareRoute(std::string_view r) {
  return r == "zorgcoordinator" || r == "veilig_thuis" || r == "nidos" || r == "comensha";
}

AgendaItemView ViewAgendaItem(const AgendaItem& item, const Signal* signal, const ObjectScope& scope,
                              const Principal& principal, const Policy& policy) {
  AgendaItemView v;
  v.item = item;
  v.item.routes.clear();
  bool is_signal = item.signal_id.has_value() && !item.action_id;
  bool may_read = is_signal ? policy.Decide(principal, "signal", "read", &scope).allowed()
                            : policy.Decide(principal, "case", "read").allowed();
  if (!may_read) {
    v.restricted = true;
    v.item.summary.clear();
    v.item.urgency.clear();
    return v;
  }
  if (!is_signal) return v;
  bool care = policy.Decide(principal, "signal.care", "read", &scope).allowed();
  bool police = policy.Decide(principal, "signal.police", "read", &scope).allowed();
  for (const auto& r : item.routes) {
    if (IsCareRoute(r)) {
      if (care) v.care.push_back("route:" + r);
    } else if (police) {
      v.police.push_back("route:" + r);
    }
  }
  if (care && signal)
    for (auto g : signal->content.vulnerable_groups) v.care.push_back("group:" + std::string(ToCode(g)));
  return v;
}

std::string_view ToCode(AgendaItemKind v) {
  switch (v) {
    case AgendaItemKind::kNewSignal: return "new_signal";
    case AgendaItemKind::kOverdueAction: return "overdue_action";
    case AgendaItemKind::kDeadline: return "deadline";
    case AgendaItemKind::kCaseFollowUp: return "case_follow_up";
    case AgendaItemKind::kCarriedOver: return "carried_over";
    case AgendaItemKind::kAdded: return "added";
  }
  return "added";
}

std::string_view ToCode(AgendaItemStatus v) {
  switch (v) {
    case AgendaItemStatus::kOpen: return "open";
    case AgendaItemStatus::kAssessed: return "assessed";
    case AgendaItemStatus::kPostponed: return "postponed";
  }
  return "open";
}

template <>
std::optional<AgendaItemKind> FromCode<AgendaItemKind>(std::string_view code) {
  for (auto v : {AgendaItemKind::kNewSignal, AgendaItemKind::kOverdueAction, AgendaItemKind::kDeadline,
                 AgendaItemKind::kCaseFollowUp, AgendaItemKind::kCarriedOver, AgendaItemKind::kAdded})
    if (ToCode(v) == code) return v;
  return std::nullopt;
}

template <>
std::optional<AgendaItemStatus> FromCode<AgendaItemStatus>(std::string_view code) {
  for (auto v : {AgendaItemStatus::kOpen, AgendaItemStatus::kAssessed, AgendaItemStatus::kPostponed})
    if (ToCode(v) == code) return v;
  return std::nullopt;
}

}  // namespace drieluik::domain
