// Turns records into CLK Bloom-filter encodings under a secret shared by the organisations,
// bit-identical to clkhash for the same secret and schema (docs/formats/clk.md):
// keys from HKDF over the secret, per feature the normalised value cut into n-grams, each
// n-gram setting k bits chosen by double hashing with HMAC-SHA1 and HMAC-MD5 (or keyed
// BLAKE2b), the features' filters OR-ed together, then optionally XOR-folded.
// An encoder is immutable after Create and may be used from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "link/clk_schema.h"

namespace drieluik::link {

class ClkEncoder {
 public:
  /// Derives the keys. InvalidArgument when the secret is empty.
  static Result<ClkEncoder> Create(ClkSchema schema, std::string_view secret);

  /// The encoding of one record, schema.l / 8 bytes, bit i = bit (7 - i % 8) of byte i / 8.
  /// `values` holds one value per schema feature, in schema order (ignored features' values
  /// are not looked at). InvalidArgument with a FieldError whose pointer is the feature's
  /// identifier when a value fails the feature's format (key "format_string_length",
  /// "format_case", "format_pattern", "format_integer", "format_date", "format_enum",
  /// "format_ascii", "format_utf8") or when values.size() differs from the feature count.
  Result<std::vector<std::uint8_t>> Encode(const std::vector<std::string_view>& values) const;

  const ClkSchema& schema() const { return schema_; }

  /// The normal form of one value (what is tokenised), or the format error as in Encode.
  Result<std::string> Normalise(const ClkFeature& feature, std::string_view value) const;

  /// The tokens of a normalised value for one feature (exposed for tests and docs).
  static std::vector<std::string> Tokenise(const ClkFeature& feature, std::string_view value);

 private:
  ClkEncoder(ClkSchema schema, std::vector<std::string> keys)
      : schema_(std::move(schema)), keys_(std::move(keys)) {}

  ClkSchema schema_;
  std::vector<std::string> keys_;  // two per feature (HMAC-SHA1, HMAC-MD5), in order
};

/// HKDF (RFC 5869) with SHA-256 or SHA-512: `length` bytes from `secret`, `salt`, `info`.
/// Internal when OpenSSL fails.
Result<std::string> Hkdf(std::string_view hash, std::string_view secret, std::string_view salt,
                         std::string_view info, std::size_t length);

}  // namespace drieluik::link
