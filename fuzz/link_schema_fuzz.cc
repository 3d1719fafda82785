// libFuzzer target: the clkhash linkage-schema reader (and the linkage settings reader) must
// return a value or an error naming a place for any bytes; a schema that parses must encode a
// record of empty values without crashing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "link/clk_encoder.h"
#include "link/clk_schema.h"
#include "link/fellegi_sunter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto schema = drieluik::link::ParseClkSchema(text);
  if (schema.ok()) {
    if (schema->l > 8192 || schema->xor_folds > 3) return 0;  // keep each run small
    auto encoder = drieluik::link::ClkEncoder::Create(*schema, "fuzz-secret-0123456789");
    if (encoder.ok()) {
      std::vector<std::string_view> values(schema->features.size(), std::string_view("a1"));
      (void)encoder->Encode(values);
    }
  } else if (schema.error().fields().empty()) {
    __builtin_trap();  // every schema error names its place
  }
  (void)drieluik::link::ParseLinkSettings(text, {"a", "b", "c"});
  return 0;
}
