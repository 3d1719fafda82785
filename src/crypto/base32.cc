#include "crypto/base32.h"

#include <cstdint>

namespace drieluik::crypto {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}  // namespace

std::string Base32Encode(std::string_view bytes, bool pad) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  if (pad) {
    while (out.size() % 8 != 0) out += '=';
  }
  return out;
}

Result<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  bool padding = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '-') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a';
    } else if (c >= '2' && c <= '7') {
      v = c - '2' + 26;
    } else {
      v = -1;
    }
    if (v < 0 || padding) {
      return Status::InvalidArgument("base32: unexpected character at byte " + std::to_string(i));
    }
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  // Symbol counts mod 8 that an encoder produces: 0, 2, 4, 5, 7.
  std::size_t rest = symbols % 8;
  if (rest == 1 || rest == 3 || rest == 6) {
    return Status::InvalidArgument("base32: " + std::to_string(symbols) + " symbols is not a valid length");
  }
  return out;
}

}  // namespace drieluik::crypto
