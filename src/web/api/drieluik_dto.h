// Wire shapes of the Drieluik resources (meetings, agenda, assessments, cases, actions,
// reporter feedback): JSON rendering of the domain values and strict reading of request
// bodies into them, each problem a FieldError at its JSON pointer. camelCase members;
// times RFC 3339 UTC; due dates YYYY-MM-DD.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/drieluik/drieluik_service.h"

namespace drieluik::web::api {

using nlohmann::json;

json MeetingJson(const domain::Meeting& m);
json AgendaItemViewJson(const domain::AgendaItemView& v);
json AgendaItemJson(const domain::AgendaItem& i);
json AssessmentJson(const domain::Assessment& a);
json CaseJson(const domain::Case& c, bool with_log);
json ActionJson(const domain::Action& a, TimePoint now);
json ReminderJson(const domain::Reminder& r);
json FeedbackJson(const domain::ReporterFeedback& f);

/// POST /meetings: {type, title?, scheduledAt, participants?}.
Result<domain::Meeting> ReadMeetingCreate(const json& body);
/// PATCH /meetings/{id}: {version, title?, scheduledAt?, status?, participants?} applied
/// to `current`; the version comes back in `version`.
Result<domain::Meeting> ReadMeetingPatch(const json& body, const domain::Meeting& current, std::int64_t& version);
/// POST .../assessment: {outcome, reasoning, decisions: [{kind, caseId?, note?}]}.
Result<domain::Assessment> ReadAssessment(const json& body);
/// POST /cases: {title, signals: [id], participants?: [{organisation, role}]}.
Result<domain::Case> ReadCaseCreate(const json& body);
/// POST /actions: {caseId?, meetingId?, title, owner, organisation, dueDate}.
Result<domain::Action> ReadActionCreate(const json& body);
/// PATCH /actions/{id}: {version, title?, owner?, organisation?, dueDate?, status?}.
Result<domain::ActionChange> ReadActionPatch(const json& body);

}  // namespace drieluik::web::api
