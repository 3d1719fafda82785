// Normalisation of identifying values before a blind index is computed, so that the
// spellings people type for the same thing give the same index. The rules per kind are the
// documented contract of the stored indexes: changing one means recomputing every index
// (docs/PRIVACY.md, "Blind indexes"). Pure functions on UTF-8; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drieluik::crypto {

enum class IndexKind {
  kName,          ///< person or business name
  kPhone,         ///< telephone number
  kLicensePlate,  ///< vehicle registration
  kPostcode,      ///< Dutch postcode
  kEmail,         ///< e-mail address
  kKvkNumber,     ///< Chamber of Commerce number
  kDate,          ///< a date such as a date of birth, ISO "YYYY-MM-DD"
  kWord,          ///< one word of free text (see WordTokens)
  kLinkKey,       ///< a link key "<kind>:<normalised>" (domain/link_keys.h), normalised already
};

/// Stable name of a kind ("name", "phone", ...), used in docs and errors.
std::string_view IndexKindName(IndexKind kind);

/// The normalised form; empty when nothing is left (the caller then stores no index).
///  - kName, kWord: letters lower-cased; Latin diacritics folded (é→e, ß→ss, ĳ→ij, ø→o, ł→l,
///    ș→s ...; the Latin-1 and Latin Extended-A blocks plus ș/ț); combining marks dropped;
///    apostrophes removed ("'t Hart" = "t Hart"); every other punctuation or white space
///    becomes one space; spaces collapsed and trimmed. Letters of other scripts are kept
///    as they are.
///  - kPhone: "E.164-ish": a "(0)" is dropped; only digits kept; "+" or "00" starts an
///    international number; a leading single "0" is Dutch (+31); 9 digits without a
///    prefix are Dutch; 11 digits starting with 31 are taken as +31; a trunk 0 right after
///    +31 is dropped. Other digit strings (short numbers) are kept as digits.
///  - kLicensePlate, kPostcode: ASCII letters and digits only, upper case ("12-abc-3" →
///    "12ABC3", "9712 ab" → "9712AB").
///  - kEmail: trimmed, ASCII lower case.
///  - kKvkNumber: digits only.
///  - kDate: trimmed.
///  - kLinkKey: as it is (the domain normalised it; see docs/formats/link-keys.md).
std::string Normalize(IndexKind kind, std::string_view value);

/// The distinct words of free text for word search: the kName normalisation, split on
/// spaces, words of at least 2 bytes, in order of first occurrence, at most 2000 words.
std::vector<std::string> WordTokens(std::string_view text);

}  // namespace drieluik::crypto
