// libFuzzer target: the linkage CSV reader must return a value or an error for any bytes,
// never crash, and every row it returns must be as long as the header.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "link/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = drieluik::link::ParseCsv(text, "fuzz.csv");
  if (table.ok()) {
    for (const auto& row : table->rows) {
      if (row.size() != table->header.size()) __builtin_trap();
    }
  }
  return 0;
}
