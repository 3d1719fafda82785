// Exit codes of the drieluik binary, one per class of outcome, so scripts can tell
// "your input is wrong" from "the database is down".
#pragma once

#include "base/status.h"

namespace drieluik::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,       // the command ran and reports a negative outcome (e.g. audit verify)
  kExitUsage = 2,         // wrong options (CLI11's own parse errors also use 2)
  kExitInvalidInput = 3,  // the input file or values are invalid; nothing was changed
  kExitNotFound = 4,
  kExitConflict = 5,
  kExitUnavailable = 6,   // database or file system not available
  kExitInternal = 70,
};

inline int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitInvalidInput;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kConflict:
    case StatusCode::kFailedPrecondition: return kExitConflict;
    case StatusCode::kUnavailable: return kExitUnavailable;
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated: return kExitFailure;
    case StatusCode::kResourceExhausted: return kExitInvalidInput;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

/// Thrown by a subcommand callback to end the program with a code; caught in main().
struct ExitWith {
  int code;
};

}  // namespace drieluik::cli
