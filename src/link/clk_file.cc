#include "link/clk_file.h"

#include <unordered_set>

#include "link/base64.h"
#include "link/csv.h"

namespace drieluik::link {

Result<ClkFile> ReadClkFile(const std::string& path, const std::string& id_column,
                            const std::string& clk_column, int expected_bits) {
  auto table = ReadCsvFile(path);
  if (!table.ok()) return table.error();
  auto id_col = table->Column(id_column);
  if (!id_col.ok()) return id_col.error();
  auto clk_col = table->Column(clk_column);
  if (!clk_col.ok()) return clk_col.error();
  ClkFile file;
  file.source = path;
  int bits = expected_bits;
  int bits_line = 0;
  std::unordered_set<std::string> seen;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const int line = table->lines[r];
    std::string where = path + ":" + std::to_string(line);
    auto bytes = Base64Decode(row[*clk_col]);
    if (!bytes.ok()) {
      std::string message = where + ": column " + clk_column + ": " + bytes.error().message();
      return Status::InvalidArgument(
          message, {FieldError{where + ":" + clk_column, "base64_invalid", {}}});
    }
    int these = static_cast<int>(bytes->size() * 8);
    if (bits == 0) {
      bits = these;
      bits_line = line;
      if (bits == 0) {
        return Status::InvalidArgument(where + ": empty encoding",
                                       {FieldError{where + ":" + clk_column, "clk_length", {}}});
      }
      file.clks = ClkSet(bits);
    } else if (these != bits) {
      std::string expected = std::to_string(bits) +
                             (bits_line ? " as on line " + std::to_string(bits_line) : "");
      return Status::InvalidArgument(
          where + ": encoding has " + std::to_string(these) + " bits, expected " + expected,
          {FieldError{where + ":" + clk_column, "clk_length",
                      {{"bits", std::to_string(these)}, {"expected", std::to_string(bits)}}}});
    }
    if (file.clks.bits() == 0) file.clks = ClkSet(bits);
    if (!seen.insert(row[*id_col]).second) {
      return Status::InvalidArgument(where + ": duplicate id \"" + row[*id_col] + "\"",
                                     {FieldError{where + ":" + id_column, "duplicate_id", {}}});
    }
    file.ids.push_back(row[*id_col]);
    file.clks.Add(*bytes);
  }
  if (file.clks.bits() == 0) file.clks = ClkSet(bits > 0 ? bits : 1024);
  return file;
}

}  // namespace drieluik::link
