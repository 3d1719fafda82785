// The linkage schema of a CLK (cryptographic long-term key) Bloom-filter encoding: which
// columns are encoded, how each value is checked and normalised, cut into tokens and hashed
// into the filter, and the filter's length and key derivation. It reads clkhash's linkage
// schema JSON (version 3, and versions 1 and 2 where they map onto the same model) so that
// organisations already using clkhash/anonlink keep their schema; docs/formats/clk.md
// specifies every field. Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::link {

enum class ClkValueType { kString, kInteger, kDate, kEnum };
enum class ClkHashType { kDoubleHash, kBlakeHash };

/// One feature (column) of the schema.
struct ClkFeature {
  std::string identifier;
  bool ignored = false;

  // Format: what a valid value looks like, and its normal form.
  ClkValueType type = ClkValueType::kString;
  bool ascii_only = false;                 // "encoding": "ascii"
  std::optional<int> min_length;           // in characters (Unicode code points)
  std::optional<int> max_length;
  std::string letter_case = "mixed";       // "upper", "lower" or "mixed"
  std::optional<std::string> pattern;      // ECMAScript regex, whole value must match
  std::optional<long long> minimum;        // integer bounds
  std::optional<long long> maximum;
  std::string date_format = "%Y-%m-%d";    // strptime subset: %Y %m %d %y and literals
  std::vector<std::string> enum_values;
  std::optional<std::string> missing_sentinel;  // value meaning "missing" ...
  std::string missing_replace_with;             // ... encoded as this instead

  // Comparison: how the normal form is cut into tokens.
  bool exact = false;      // the whole value is one token
  int ngram = 2;           // n of the n-grams (0 when exact)
  bool positional = false; // tokens are "<1-based position> <n-gram>"

  // Strategy: bits set per token, or spread over the feature.
  std::optional<int> bits_per_token;
  std::optional<int> bits_per_feature;
  ClkHashType hash = ClkHashType::kDoubleHash;
  bool prevent_singularity = false;
};

struct ClkSchema {
  int version = 3;
  int l = 1024;                 // bits of the final filter (after XOR folding); multiple of 8
  int xor_folds = 0;
  std::string kdf_hash = "SHA256";  // HKDF hash: SHA256 or SHA512
  std::string salt;                 // raw bytes
  std::string info;                 // raw bytes
  int key_size = 64;                // bytes per derived key
  std::vector<ClkFeature> features; // in column order; ignored ones still take keys
};

/// Parses a clkhash linkage schema (JSON, version 1, 2 or 3). InvalidArgument with a
/// FieldError whose pointer is the JSON pointer of the offending member ("/features/2/hashing"),
/// for: text that is not JSON, a missing or mistyped member, an unsupported version, type,
/// comparison ("numeric") or hash, an l that is not a positive multiple of 8.
Result<ClkSchema> ParseClkSchema(std::string_view json_text);

/// A default schema for the named columns: each one a string feature, bigrams, 20 bits per
/// token, doubleHash, l = 1024, HKDF-SHA256 with the salt/info documented in
/// docs/formats/clk.md. Columns whose name suggests a date of birth become positional
/// unigrams of the digits; postcode-, number- and sex/gender-like columns positional unigrams.
ClkSchema DefaultClkSchema(const std::vector<std::string>& columns);

/// The schema as version-3 JSON (what `drieluik link encode` reports it used).
std::string ClkSchemaToJson(const ClkSchema& schema);

}  // namespace drieluik::link
