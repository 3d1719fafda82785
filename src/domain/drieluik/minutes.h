// Minutes (notulen) of a meeting: its items with outcome, reasoning and decisions, and
// the actions agreed (issue 5 item 6). Built by DrieluikService::MinutesFor for a set of
// readers — the requesting user and every participant of the meeting — and never
// carrying more than ALL of them may see: an item restricted for any reader shows only
// its position and kind; care details and care decisions appear only when every reader may
// read signal.care, police details and referrals to police/inspectorate/RIEC only when
// every reader may read signal.police. The reasoning is written by the chair for all
// participants and appears for every item that is not restricted. Rendered to PDF and
// DOCX by src/minutes/. Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/drieluik/action.h"
#include "domain/drieluik/agenda.h"
#include "domain/drieluik/assessment.h"
#include "domain/drieluik/meeting.h"

namespace drieluik::domain {

struct MinutesItem {
  int position = 0;
  AgendaItemKind kind = AgendaItemKind::kAdded;
  AgendaItemStatus status = AgendaItemStatus::kOpen;
  bool restricted = false;
  std::string summary;
  std::string urgency;
  std::optional<Outcome> outcome;
  std::string reasoning;
  std::vector<AssessmentDecision> decisions;  // filtered per compartment
  std::vector<std::string> care;              // AgendaItemView::care codes
  std::vector<std::string> police;
};

struct Minutes {
  Meeting meeting;
  std::string type_label_nl;
  std::string type_label_en;
  std::vector<MinutesItem> items;   // agenda order
  std::vector<Action> actions;      // agreed in this meeting, by due date
  TimePoint generated_at;
};

}  // namespace drieluik::domain
