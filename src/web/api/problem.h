// Problem responses (RFC 9457, application/problem+json): the one place where a Status
// becomes an HTTP status. invalid → 422 with one entry per field (pointer, key, Dutch
// and English text), or 400 for a body that is not JSON at all; not found → 404;
// conflict → 409; permission denied → 403; unauthenticated → 401; failed precondition
// → 409; resource exhausted → 429 (or 413 for size); unavailable → 503; internal → 500
// without detail (logged by the caller).
#pragma once

#include "base/status.h"
#include "web/http/message.h"

namespace drieluik::web::api {

Response ProblemFor(const Status& status);
/// 400 problem for a request body that is not valid JSON; detail names the byte.
Response MalformedJson(const std::string& detail);

}  // namespace drieluik::web::api
