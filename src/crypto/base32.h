// Base32 (RFC 4648 section 6, alphabet A–Z 2–7) for TOTP secrets and API tokens. Pure
// functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace drieluik::crypto {

/// RFC 4648 base32 of the bytes, upper case; with '=' padding to a multiple of 8 when
/// `pad` (the otpauth:// URI and API tokens use no padding).
std::string Base32Encode(std::string_view bytes, bool pad = true);

/// The bytes of base32 text. Accepts lower case, and ignores spaces, hyphens and trailing
/// '=' padding (people type secrets in groups). InvalidArgument naming the offending
/// character's byte offset for anything else, or for a length no encoder produces.
Result<std::string> Base32Decode(std::string_view text);

}  // namespace drieluik::crypto
