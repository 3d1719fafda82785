// The paragraphs of the minutes, shared by the PDF and DOCX renderers.
#include <string_view>

#include "minutes/minutes_export.h"

namespace drieluik::minutes {

using namespace drieluik::domain;

namespace {

std::string OutcomeLabel(Outcome o) {
  switch (o) {
    case Outcome::kNoIndication: return "Geen aanwijzing voor mensenhandel / No indication of trafficking";
    case Outcome::kMoreInformationNeeded: return "Meer informatie nodig / More information needed";
    case Outcome::kSuspicionFollowUp: return "Vermoeden van mensenhandel, opvolgen / Suspicion of trafficking, follow up";
  }
  return "";
}

std::string DecisionLabel(DecisionKind k) {
  switch (k) {
    case DecisionKind::kReferPolitie: return "Doorverwijzen naar politie / Refer to the police";
    case DecisionKind::kReferArbeidsinspectie: return "Doorverwijzen naar Nederlandse Arbeidsinspectie / Refer to the Labour Inspectorate";
    case DecisionKind::kReferVeiligThuis: return "Doorverwijzen naar Veilig Thuis / Refer to Veilig Thuis";
    case DecisionKind::kReferComensha: return "Aanmelden bij CoMensha / Refer to CoMensha";
    case DecisionKind::kReferRiec: return "Doorverwijzen naar RIEC / Refer to the RIEC";
    case DecisionKind::kMunicipalMeasure: return "Gemeentelijke maatregel / Municipal measure";
    case DecisionKind::kCareTrajectory: return "Zorgtraject / Care trajectory";
    case DecisionKind::kOpenCase: return "Casus openen / Open a case";
    case DecisionKind::kMergeIntoCase: return "Samenvoegen met casus / Merge into case";
    case DecisionKind::kClose: return "Afsluiten / Close";
  }
  return "";
}

std::string KindLabel(AgendaItemKind k) {
  switch (k) {
    case AgendaItemKind::kNewSignal: return "Nieuw signaal / New signal";
    case AgendaItemKind::kOverdueAction: return "Actie over tijd / Overdue action";
    case AgendaItemKind::kDeadline: return "Lopende termijn / Running deadline";
    case AgendaItemKind::kCaseFollowUp: return "Casus in opvolging / Case follow-up";
    case AgendaItemKind::kCarriedOver: return "Doorgeschoven / Carried over";
    case AgendaItemKind::kAdded: return "Toegevoegd / Added";
  }
  return "";
}

std::string StatusLabel(ActionStatus s) {
  switch (s) {
    case ActionStatus::kOpen: return "open";
    case ActionStatus::kDone: return "afgerond / done";
    case ActionStatus::kCancelled: return "vervallen / cancelled";
  }
  return "";
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "2026-03-17 10:00" in Dutch civil time.
std::string DutchDateTime(TimePoint t) {
  TimePoint local = t + AmsterdamOffset(t);
  std::string s = FormatTimestamp(local);  // "YYYY-MM-DDTHH:MM:SSZ"
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

}  // namespace

std::vector<Block> MinutesBlocks(const Minutes& m) {
  using S = Block::Style;
  std::vector<Block> b;
  b.push_back({S::kTitle, "Notulen / Minutes: " + m.meeting.title});
  b.push_back({S::kText, "Overleg / Meeting: " + m.type_label_nl + " / " + m.type_label_en});
  b.push_back({S::kText, "Datum en tijd / Date and time: " + DutchDateTime(m.meeting.scheduled_at)});
  b.push_back({S::kHeading, "Deelnemers / Participants"});
  for (const auto& p : m.meeting.participants) {
    std::string who = p.organisation + " (" + p.role + ")" + (p.name.empty() ? "" : " — " + p.name);
    std::string present = !p.attended ? "aanwezigheid onbekend / attendance unknown"
                          : *p.attended ? "aanwezig / present"
                                        : "afwezig / absent";
    b.push_back({S::kText, who + ": " + present});
  }
  b.push_back({S::kHeading, "Agendapunten / Agenda items"});
  if (m.items.empty()) b.push_back({S::kText, "Geen agendapunten / No agenda items"});
  for (const auto& i : m.items) {
    b.push_back({S::kHeading, std::to_string(i.position) + ". " + KindLabel(i.kind)});
    if (i.restricted) {
      b.push_back({S::kNote, "Inhoud niet zichtbaar voor alle deelnemers / Content not visible to every participant"});
      continue;
    }
    b.push_back({S::kText, i.summary});
    if (!i.urgency.empty()) b.push_back({S::kNote, "Urgentie / Urgency: " + i.urgency});
    if (!i.care.empty()) b.push_back({S::kNote, "Zorg / Care: " + Join(i.care)});
    if (!i.police.empty()) b.push_back({S::kNote, "Politie / Police: " + Join(i.police)});
    if (!i.outcome) {
      b.push_back({S::kText, i.status == AgendaItemStatus::kPostponed ? "Uitgesteld / Postponed"
                                                                       : "Niet beoordeeld / Not assessed"});
      continue;
    }
    b.push_back({S::kText, "Uitkomst / Outcome: " + OutcomeLabel(*i.outcome)});
    b.push_back({S::kText, "Onderbouwing / Reasoning: " + i.reasoning});
    for (const auto& d : i.decisions) {
      std::string line = "Besluit / Decision: " + DecisionLabel(d.kind);
      if (d.case_id) line += " #" + std::to_string(*d.case_id);
      if (!d.note.empty()) line += " — " + d.note;
      b.push_back({S::kText, line});
    }
  }
  b.push_back({S::kHeading, "Acties / Actions"});
  if (m.actions.empty()) b.push_back({S::kText, "Geen acties / No actions"});
  for (const auto& a : m.actions) {
    b.push_back({S::kText, "#" + std::to_string(a.id) + " " + a.title + " — " + a.owner + " (" + a.organisation +
                               "), uiterlijk / due " + FormatDate(a.due) + ", " + StatusLabel(a.status)});
  }
  b.push_back({S::kNote, "Gemaakt / Generated: " + DutchDateTime(m.generated_at) +
                             ". Bevat alleen wat alle deelnemers mogen zien / Holds only what every participant may see."});
  return b;
}

std::string MinutesFileName(const Minutes& m) {
  return "notulen-" + m.meeting.type + "-" + FormatDate(AmsterdamDate(m.meeting.scheduled_at));
}

}  // namespace drieluik::minutes
