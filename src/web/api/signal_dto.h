// Wire shapes of signals (docs/api/openapi.json, schemas Signal*, PublicSignal*): JSON
// ↔ domain. The wire is camelCase and changes only with the API version; the domain
// structs are free to change. Reading is strict: unknown members, wrong types and bad
// formats are field errors with JSON pointers.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "base/status.h"
#include "domain/signal.h"
#include "domain/triage.h"

namespace drieluik::web::api {

enum class SignalWrite {
  kCreate,  // POST /signals
  kPatch,   // PATCH /signals/{id}, after the merge patch: also "version" and "status"
  kPublic,  // POST /public/signals: no channel, organisation, receivedAt
};

struct SignalWriteResult {
  domain::SignalContent content;
  std::optional<domain::SignalStatus> status;  // kPatch only
  std::int64_t version = 0;                    // kPatch only
};

/// InvalidArgument listing every problem of the body. On failure `partial` (when given)
/// receives what could be read, so domain rules can report the other fields too.
Result<SignalWriteResult> ReadSignalWrite(const nlohmann::json& body, SignalWrite kind,
                                          SignalWriteResult* partial = nullptr);

/// Wire errors plus those domain errors whose field had no wire error, as one Status.
Status MergeErrors(const Status& wire, const Status& domain);

/// The writable fields of a stored signal, as a client would send them (the base onto
/// which a PATCH merge patch is applied).
nlohmann::json SignalWriteJson(const domain::Signal& s);

nlohmann::json TriageJson(const domain::Triage& t);
/// The full signal with its triage; history when given.
nlohmann::json SignalJson(const domain::Signal& s, const domain::Triage& t,
                          const std::vector<domain::HistoryEntry>* history);
/// The list item shape.
nlohmann::json SignalSummaryJson(const domain::Signal& s, const domain::Triage& t);

}  // namespace drieluik::web::api
