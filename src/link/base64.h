// Standard base64 (RFC 4648, alphabet A-Z a-z 0-9 + /, '=' padding) for CLK encodings and
// schema salts. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::link {

/// Padded base64 of `bytes`.
std::string Base64Encode(const std::vector<std::uint8_t>& bytes);

/// Decodes padded or unpadded base64; surrounding spaces and line breaks are ignored.
/// InvalidArgument naming the offset of the first bad character (key "base64_invalid").
Result<std::vector<std::uint8_t>> Base64Decode(std::string_view text);

}  // namespace drieluik::link
