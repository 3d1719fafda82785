// Messages: the Dutch and English text for every message key that crosses the layers
// (field errors, triage reasons). The domain speaks in keys with parameters; this edge
// renders them. Templates use {name} placeholders. Thread-safe (read-only tables).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drieluik::web::api {

enum class Lang { kNl, kEn };

using Params = std::vector<std::pair<std::string, std::string>>;

/// The text of a key in a language, placeholders filled. An unknown key renders as
/// the key itself (a test checks that every key the code uses is known).
std::string Message(std::string_view key, const Params& params, Lang lang);
/// True when the key has texts.
bool HasMessage(std::string_view key);

}  // namespace drieluik::web::api
