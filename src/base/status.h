// Status and Result<T>: how every layer reports an expected failure.
//
// A Status is a code from a small closed set, a short English message for developers
// and logs (never personal data), and for invalid input a list of field errors. Each
// field error names its place (a JSON pointer such as "/parties/persons/0/dateOfBirth",
// or "line 12, column datum" for files) and a message key; the edge (web/api, cli, ui)
// turns the key into Dutch or English text. Result<T> is a value or a non-OK Status,
// shaped like std::expected so that C++23 is a rename.
//
// Plain values; safe to copy between threads.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace drieluik {

enum class StatusCode {
  kOk,
  kInvalidArgument,    // bad input; fields() says where
  kNotFound,           // no such object (or not visible: existence must not leak)
  kConflict,           // stale version, duplicate, state changed underneath
  kPermissionDenied,   // the caller may not do this
  kUnauthenticated,    // no or no valid credentials
  kFailedPrecondition, // not allowed in the object's current state (workflow)
  kResourceExhausted,  // too large or too many (body size, throttling)
  kUnavailable,        // a dependency (database) cannot be reached; retrying may help
  kInternal,           // a bug or an unexpected library failure
};

/// Name of a code for logs and tests ("invalid_argument", ...).
const char* StatusCodeName(StatusCode code);

/// One problem with one input field.
struct FieldError {
  std::string pointer;  // where: JSON pointer, or a file location
  std::string key;      // message key, e.g. "required", "enum", "too_long"
  std::vector<std::pair<std::string, std::string>> params;  // {"max", "200"}, ...

  bool operator==(const FieldError&) const = default;
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message, std::vector<FieldError> fields = {}) {
    return Status(StatusCode::kInvalidArgument, std::move(message), std::move(fields));
  }
  static Status Invalid(FieldError field) {
    std::string msg = "invalid " + field.pointer + ": " + field.key;
    return InvalidArgument(std::move(msg), {std::move(field)});
  }
  static Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
  static Status Conflict(std::string m) { return Status(StatusCode::kConflict, std::move(m)); }
  static Status PermissionDenied(std::string m) {
    return Status(StatusCode::kPermissionDenied, std::move(m));
  }
  static Status Unauthenticated(std::string m) {
    return Status(StatusCode::kUnauthenticated, std::move(m));
  }
  static Status FailedPrecondition(std::string m) {
    return Status(StatusCode::kFailedPrecondition, std::move(m));
  }
  static Status ResourceExhausted(std::string m) {
    return Status(StatusCode::kResourceExhausted, std::move(m));
  }
  static Status Unavailable(std::string m) { return Status(StatusCode::kUnavailable, std::move(m)); }
  static Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  /// "invalid_argument: <message>"; "ok" when OK.
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message, std::vector<FieldError> fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<FieldError> fields_;
};

/// A T on success, else a non-OK Status. Requires: a Status given to it is not OK.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit like expected
  Result(Status status) : v_(std::move(status)) {}     // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  /// Requires: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }
  /// Requires: !ok().
  const Status& error() const { return std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace drieluik

/// Returns from the enclosing function when a Status-returning expression failed.
#define DRIELUIK_RETURN_IF_ERROR(expr)             \
  do {                                             \
    ::drieluik::Status drieluik_status_ = (expr);  \
    if (!drieluik_status_.ok()) return drieluik_status_; \
  } while (0)
