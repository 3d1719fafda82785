#include "crypto/normalize.h"

#include <set>

namespace drieluik::crypto {
namespace {

struct Run {
  int count;
  const char* ascii;
};

// U+00C0..U+00FF, twice (upper then lower case half, which fold alike); × and ÷ are spaces.
constexpr Run kLatin1[] = {{6, "a"}, {1, "ae"}, {1, "c"}, {4, "e"}, {4, "i"}, {1, "d"}, {1, "n"},
                           {5, "o"}, {1, " "},  {1, "o"}, {4, "u"}, {1, "y"}, {1, "th"}};
// U+0100..U+017F, Latin Extended-A.
constexpr Run kLatinExtA[] = {{6, "a"},  {8, "c"}, {4, "d"}, {10, "e"}, {8, "g"}, {4, "h"}, {10, "i"}, {2, "ij"},
                              {2, "j"},  {3, "k"}, {10, "l"}, {9, "n"}, {6, "o"}, {2, "oe"}, {6, "r"}, {8, "s"},
                              {6, "t"},  {12, "u"}, {2, "w"}, {3, "y"}, {6, "z"}, {1, "s"}};

const char* LookUp(const Run* runs, std::size_t n, int offset) {
  for (std::size_t i = 0; i < n; ++i) {
    if (offset < runs[i].count) return runs[i].ascii;
    offset -= runs[i].count;
  }
  return nullptr;
}

// Folds one code point: the ASCII replacement, "" to drop it, " " for a separator, or
// nullptr to keep the original bytes.
const char* Fold(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xDF) {
    if (cp == 0xDF) return "ss";
    return LookUp(kLatin1, std::size(kLatin1), static_cast<int>(cp - 0xC0));
  }
  if (cp >= 0xE0 && cp <= 0xFF) {
    if (cp == 0xFF) return "y";
    return LookUp(kLatin1, std::size(kLatin1), static_cast<int>(cp - 0xE0));
  }
  if (cp >= 0x100 && cp <= 0x17F) return LookUp(kLatinExtA, std::size(kLatinExtA), static_cast<int>(cp - 0x100));
  if (cp == 0x218 || cp == 0x219) return "s";
  if (cp == 0x21A || cp == 0x21B) return "t";
  if (cp >= 0x300 && cp <= 0x36F) return "";                  // combining marks (decomposed input)
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x2BC) return "";  // typographic apostrophes
  if (cp == 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000) return " ";
  return nullptr;
}

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when malformed.
int Decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return 0;
  cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 2) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  return len;
}

std::string CollapseSpaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string NormalizeName(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    int len = Decode(s, i, cp);
    if (len == 0) {  // malformed byte: keep it, move on
      out += s[i++];
      continue;
    }
    if (len == 1) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') {
        out += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out += c;
      } else if (c == '\'' || c == '`') {
        // apostrophes vanish: 't Hart = t Hart, D'Souza = DSouza
      } else {
        out += ' ';
      }
    } else if (const char* folded = Fold(cp)) {
      out += folded;
    } else {
      out.append(s.substr(i, static_cast<std::size_t>(len)));
    }
    i += static_cast<std::size_t>(len);
  }
  return CollapseSpaces(out);
}

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::string NormalizePhone(std::string_view s) {
  std::string text(s);
  for (std::size_t p; (p = text.find("(0)")) != std::string::npos;) text.erase(p, 3);
  std::size_t first = text.find_first_not_of(" \t");
  bool plus = first != std::string::npos && text[first] == '+';
  std::string d = Digits(text);
  if (d.empty()) return "";
  std::string intl;  // digits after the country-code marker
  if (plus) {
    intl = d;
  } else if (d.rfind("00", 0) == 0) {
    intl = d.substr(2);
  } else if (d[0] == '0') {
    intl = "31" + d.substr(1);
  } else if (d.size() == 11 && d.rfind("31", 0) == 0) {
    intl = d;
  } else if (d.size() == 9) {
    intl = "31" + d;
  } else {
    return d;
  }
  if (intl.rfind("310", 0) == 0) intl.erase(2, 1);  // +31 (0)6 typed as +3106
  return "+" + intl;
}

std::string AlnumUpper(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string_view IndexKindName(IndexKind kind) {
  switch (kind) {
    case IndexKind::kName: return "name";
    case IndexKind::kPhone: return "phone";
    case IndexKind::kLicensePlate: return "license_plate";
    case IndexKind::kPostcode: return "postcode";
    case IndexKind::kEmail: return "email";
    case IndexKind::kKvkNumber: return "kvk_number";
    case IndexKind::kDate: return "date";
    case IndexKind::kWord: return "word";
    case IndexKind::kLinkKey: return "link_key";
  }
  return "unknown";
}

std::string Normalize(IndexKind kind, std::string_view value) {
  switch (kind) {
    case IndexKind::kName:
    case IndexKind::kWord: return NormalizeName(value);
    case IndexKind::kPhone: return NormalizePhone(value);
    case IndexKind::kLicensePlate:
    case IndexKind::kPostcode: return AlnumUpper(value);
    case IndexKind::kEmail: {
      std::string out(Trim(value));
      for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return out;
    }
    case IndexKind::kKvkNumber: return Digits(value);
    case IndexKind::kDate: return std::string(Trim(value));
    case IndexKind::kLinkKey: return std::string(value);
  }
  return "";
}

std::vector<std::string> WordTokens(std::string_view text) {
  constexpr std::size_t kMaxWords = 2000;
  std::string norm = NormalizeName(text);
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::size_t pos = 0;
  while (pos < norm.size() && out.size() < kMaxWords) {
    std::size_t end = norm.find(' ', pos);
    if (end == std::string::npos) end = norm.size();
    std::string word = norm.substr(pos, end - pos);
    pos = end + 1;
    if (word.size() >= 2 && seen.insert(word).second) out.push_back(std::move(word));
  }
  return out;
}

}  // namespace drieluik::crypto
