// JsonFields: strict reading of a JSON request object into typed values, recording a
// FieldError (JSON pointer + key) for every wrong type, bad format, unknown or
// read-only member, so a handler can report all problems of a body at once. Values
// that fail are returned empty and the caller stops once errors() is non-empty.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "domain/signal.h"

namespace drieluik::web::api {

using nlohmann::json;

/// Parses a request body; on failure fills `detail` with the parser's message (which
/// names the byte position) and returns nullopt. Invalid UTF-8 is a parse failure.
std::optional<json> ParseBody(const std::string& body, std::string& detail);

class JsonFields {
 public:
  /// Reads members of `obj` at `pointer` ("" for the root). Records wrong_type when obj
  /// is not an object.
  JsonFields(const json& obj, std::string pointer, std::vector<FieldError>& errors);

  /// Records unknown_field for members not in `known`, read_only for those in `read_only`.
  void CheckMembers(const std::set<std::string>& known, const std::set<std::string>& read_only = {});

  std::string String(const char* key, bool required = false);
  bool Bool(const char* key, bool fallback = false);
  std::optional<int> Int(const char* key);
  std::optional<std::int64_t> Int64(const char* key, bool required = false);
  std::optional<TimePoint> Timestamp(const char* key);
  std::optional<Date> DateValue(const char* key);
  /// A closed enumeration by its string code; invalid_value lists the allowed codes.
  template <typename E>
  std::optional<E> Enum(const char* key, bool required = false);
  /// Array of strings.
  std::vector<std::string> Strings(const char* key);
  /// The array member (nullptr when absent; wrong_type when not an array).
  const json* Array(const char* key);
  /// The object member (nullptr when absent; wrong_type when not an object).
  const json* Object(const char* key);

  bool Has(const char* key) const { return obj_.is_object() && obj_.contains(key); }
  std::string PointerOf(const std::string& key) const { return pointer_ + "/" + key; }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  const json* Get(const char* key, bool required);
  void Error(const std::string& key, std::string code, std::vector<std::pair<std::string, std::string>> params = {});

  const json& obj_;
  std::string pointer_;
  std::vector<FieldError>& errors_;
};

template <typename E>
std::optional<E> JsonFields::Enum(const char* key, bool required) {
  const json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    if (auto e = domain::FromCode<E>(v->get<std::string>())) return e;
  }
  std::string allowed;
  for (E e : domain::AllValues<E>()) {
    if (!allowed.empty()) allowed += ", ";
    allowed += std::string(domain::ToCode(e));
  }
  Error(key, "invalid_value", {{"allowed", allowed}});
  return std::nullopt;
}

}  // namespace drieluik::web::api
