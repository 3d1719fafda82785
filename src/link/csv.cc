#include "link/csv.h"

#include <fstream>
#include <sstream>
#include <unordered_set>

namespace drieluik::link {
namespace {

Status CsvError(const std::string& source, int line, int column, std::string key,
                std::string detail) {
  std::string where = source + ":" + std::to_string(line) + ":" + std::to_string(column);
  std::string message = where + ": " + key + (detail.empty() ? "" : ": " + detail);
  FieldError field{where, std::move(key), {}};
  if (!detail.empty()) field.params.push_back({"detail", detail});
  return Status::InvalidArgument(std::move(message), {std::move(field)});
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string TrimBlank(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

Result<std::size_t> CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  std::string have;
  for (const auto& h : header) have += (have.empty() ? "" : ",") + h;
  FieldError field{source, "unknown_column", {{"column", std::string(name)}, {"columns", have}}};
  return Status::InvalidArgument(
      source + ": unknown column \"" + std::string(name) + "\" (columns: " + have + ")",
      {std::move(field)});
}

Result<CsvTable> ParseCsv(std::string_view text, std::string source, const CsvOptions& options) {
  CsvTable table;
  table.source = std::move(source);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  const char d = options.delimiter;
  std::size_t i = 0;
  int line = 1;
  std::size_t line_start = 0;
  auto column = [&](std::size_t pos) { return static_cast<int>(pos - line_start) + 1; };

  std::vector<std::string> row;
  bool first_row = true;
  int row_line = 1;
  while (i < text.size()) {
    row.clear();
    row_line = line;
    // One record.
    while (true) {
      std::string field;
      std::size_t field_start = i;
      while (i < text.size() && IsBlank(text[i]) && options.trim_unquoted && d != text[i]) ++i;
      if (i < text.size() && text[i] == '"') {
        int open_line = line, open_col = column(i);
        ++i;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') {
            ++line;
            line_start = i + 1;
          }
          field += c;
          ++i;
        }
        if (!closed) {
          return CsvError(table.source, open_line, open_col, "csv_unterminated_quote", "");
        }
        while (i < text.size() && IsBlank(text[i]) && options.trim_unquoted) ++i;
        if (i < text.size() && text[i] != d && text[i] != '\n' && text[i] != '\r') {
          return CsvError(table.source, line, column(i), "csv_text_after_quote",
                          std::string(1, text[i]));
        }
      } else {
        i = field_start;
        std::size_t b = i;
        while (i < text.size() && text[i] != d && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return CsvError(table.source, line, column(i), "csv_quote_in_unquoted_field", "");
          }
          ++i;
        }
        field = options.trim_unquoted ? TrimBlank(text.substr(b, i - b))
                                      : std::string(text.substr(b, i - b));
      }
      row.push_back(std::move(field));
      if (i < text.size() && text[i] == d) {
        ++i;
        continue;
      }
      // End of record: CRLF, LF, lone CR or end of text.
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') ++i;
      ++line;
      line_start = i;
      break;
    }
    bool empty_line = row.size() == 1 && row[0].empty();
    if (first_row) {
      if (empty_line) return CsvError(table.source, row_line, 1, "csv_empty_header", "");
      std::unordered_set<std::string> seen;
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (row[c].empty()) {
          return CsvError(table.source, row_line, 1, "csv_empty_column_name",
                          "column " + std::to_string(c + 1));
        }
        if (!seen.insert(row[c]).second) {
          return CsvError(table.source, row_line, 1, "csv_duplicate_column", row[c]);
        }
      }
      table.header = row;
      first_row = false;
      continue;
    }
    if (empty_line && table.header.size() != 1) continue;  // blank lines are skipped
    if (row.size() != table.header.size()) {
      return CsvError(table.source, row_line, 1, "csv_field_count",
                      std::to_string(row.size()) + " fields, header has " +
                          std::to_string(table.header.size()));
    }
    table.rows.push_back(row);
    table.lines.push_back(row_line);
  }
  if (first_row) return CsvError(table.source, 1, 1, "csv_empty_file", "");
  return table;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Unavailable(path + ": cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Unavailable(path + ": read error");
  return ss.str();
}

Result<CsvTable> ReadCsvFile(const std::string& path, const CsvOptions& options) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.error();
  return ParseCsv(*text, path, options);
}

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace drieluik::link
