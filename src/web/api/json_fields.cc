#include "web/api/json_fields.h"

#include <cstdio>

namespace drieluik::web::api {

std::optional<json> ParseBody(const std::string& body, std::string& detail) {
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: ...";
    // keep the part after the id, which names the place.
    std::string w = e.what();
    auto pos = w.find("] ");
    w = pos == std::string::npos ? w : w.substr(pos + 2);
    // The message quotes the offending input, which may itself be invalid UTF-8:
    // show bytes outside printable ASCII as \xNN so the problem body stays valid JSON.
    detail.clear();
    for (unsigned char c : w) {
      if (c >= 0x20 && c < 0x7f) {
        detail += static_cast<char>(c);
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        detail += buf;
      }
    }
    return std::nullopt;
  }
}

JsonFields::JsonFields(const json& obj, std::string pointer, std::vector<FieldError>& errors)
    : obj_(obj), pointer_(std::move(pointer)), errors_(errors) {
  if (!obj_.is_object()) errors_.push_back({pointer_, "wrong_type", {{"expected", "object"}}});
}

void JsonFields::Error(const std::string& key, std::string code, std::vector<std::pair<std::string, std::string>> params) {
  errors_.push_back({PointerOf(key), std::move(code), std::move(params)});
}

void JsonFields::CheckMembers(const std::set<std::string>& known, const std::set<std::string>& read_only) {
  if (!obj_.is_object()) return;
  for (const auto& [k, v] : obj_.items()) {
    if (read_only.count(k)) Error(k, "read_only");
    else if (!known.count(k)) Error(k, "unknown_field");
  }
}

const json* JsonFields::Get(const char* key, bool required) {
  if (!obj_.is_object()) return nullptr;
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) {
    if (required) Error(key, "required");
    return nullptr;
  }
  return &*it;
}

std::string JsonFields::String(const char* key, bool required) {
  const json* v = Get(key, required);
  if (!v) return {};
  if (!v->is_string()) {
    Error(key, "wrong_type", {{"expected", "string"}});
    return {};
  }
  std::string s = v->get<std::string>();
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) Error(key, "required");
  return s;
}

bool JsonFields::Bool(const char* key, bool fallback) {
  const json* v = Get(key, false);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    Error(key, "wrong_type", {{"expected", "boolean"}});
    return fallback;
  }
  return v->get<bool>();
}

std::optional<int> JsonFields::Int(const char* key) {
  auto v = Int64(key);
  if (!v) return std::nullopt;
  if (*v < -1000000000 || *v > 1000000000) {
    Error(key, "invalid_number");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<std::int64_t> JsonFields::Int64(const char* key, bool required) {
  const json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    Error(key, "wrong_type", {{"expected", "integer"}});
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<TimePoint> JsonFields::Timestamp(const char* key) {
  const json* v = Get(key, false);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Error(key, "wrong_type", {{"expected", "string"}});
    return std::nullopt;
  }
  auto t = ParseTimestamp(v->get<std::string>());
  if (!t) Error(key, "invalid_timestamp");
  return t;
}

std::optional<Date> JsonFields::DateValue(const char* key) {
  const json* v = Get(key, false);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Error(key, "wrong_type", {{"expected", "string"}});
    return std::nullopt;
  }
  auto d = ParseDate(v->get<std::string>());
  if (!d) Error(key, "invalid_date");
  return d;
}

std::vector<std::string> JsonFields::Strings(const char* key) {
  std::vector<std::string> out;
  const json* v = Array(key);
  if (!v) return out;
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      errors_.push_back({PointerOf(key) + "/" + std::to_string(i), "wrong_type", {{"expected", "string"}}});
      continue;
    }
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

const json* JsonFields::Array(const char* key) {
  const json* v = Get(key, false);
  if (!v) return nullptr;
  if (!v->is_array()) {
    Error(key, "wrong_type", {{"expected", "array"}});
    return nullptr;
  }
  return v;
}

const json* JsonFields::Object(const char* key) {
  const json* v = Get(key, false);
  if (!v) return nullptr;
  if (!v->is_object()) {
    Error(key, "wrong_type", {{"expected", "object"}});
    return nullptr;
  }
  return v;
}

}  // namespace drieluik::web::api
