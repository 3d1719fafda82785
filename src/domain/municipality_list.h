// The reference list of all Dutch municipalities (data/reference/municipalities-nl.csv, CBS
// codes, names and provinces; source and update procedure in data/reference/README.md),
// compiled into the binary. Used by the national demo; the region file stays the catalog of
// the region that runs drieluik. Immutable after parsing; thread-safe to read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::domain {

struct ReferenceMunicipality {
  std::string code;           // CBS code, "GM" + 4 digits
  std::string name;           // CBS spelling, e.g. "Bergen (NH.)"
  std::string province_code;  // "PV20".."PV31"
  std::string province;       // e.g. "Groningen"
};

/// Parses the list: a header line `code;name;province_code;province`, then one municipality per
/// line. Returns every problem at once as field errors whose pointer is
/// `municipalities-nl.csv:<line>:<field>` (keys: header, field_count, invalid_code,
/// duplicate_code, required, unknown_province); on any error nothing is returned.
Result<std::vector<ReferenceMunicipality>> ParseMunicipalityList(std::string_view csv);

/// The embedded list (342 municipalities, situation of 1 January 2025). Aborts on a bad
/// embedded file, which the tests rule out.
const std::vector<ReferenceMunicipality>& NetherlandsMunicipalities();

}  // namespace drieluik::domain
