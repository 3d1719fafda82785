#include "stats/capture_csv.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace drieluik::stats {
namespace {

struct Field {
  std::string text;
  bool quoted = false;
};

Status Error(size_t line, const std::string& column, std::string key,
             std::vector<std::pair<std::string, std::string>> params = {}) {
  params.insert(params.begin(), {"column", column});
  params.insert(params.begin(), {"line", std::to_string(line)});
  return Status::Invalid({"line " + std::to_string(line) + ", column " + column, std::move(key),
                          std::move(params)});
}

std::string Trim(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

// Shows a bad value safely in an error: printable ASCII, at most 40 bytes.
std::string Shown(const std::string& v) {
  std::string out;
  for (char ch : v.substr(0, 40)) {
    auto u = static_cast<unsigned char>(ch);
    out += (u >= 0x20 && u < 0x7f) ? ch : '?';
  }
  if (v.size() > 40) out += "...";
  return out;
}

// Splits text into records of fields; a record ends at an unquoted newline. Records that
// are entirely empty are skipped. `lines` gets the line number where each record starts.
Status SplitRecords(std::string_view text, char delim, std::vector<std::vector<Field>>& records,
                    std::vector<size_t>& lines) {
  size_t line = 1, i = 0;
  const size_t n = text.size();
  while (i < n) {
    std::vector<Field> rec;
    size_t start_line = line;
    Field f;
    bool in_quotes = false, any = false;
    size_t quote_line = line;
    for (; i < n; ++i) {
      char ch = text[i];
      if (in_quotes) {
        if (ch == '"') {
          if (i + 1 < n && text[i + 1] == '"') { f.text += '"'; ++i; }
          else in_quotes = false;
        } else {
          if (ch == '\n') ++line;
          f.text += ch;
        }
        continue;
      }
      if (ch == '"') {
        // A quote opens a quoted field only at its start (after optional blanks).
        if (Trim(f.text).empty() && !f.quoted) {
          f.text.clear();
          f.quoted = true;
          in_quotes = true;
          quote_line = line;
          any = true;
          continue;
        }
        f.text += ch;
        any = true;
        continue;
      }
      if (ch == delim) { rec.push_back(std::move(f)); f = Field{}; any = true; continue; }
      if (ch == '\r' && i + 1 < n && text[i + 1] == '\n') continue;
      if (ch == '\n' || ch == '\r') { ++i; ++line; break; }
      f.text += ch;
      if (ch != ' ' && ch != '\t') any = true;
    }
    if (in_quotes) return Error(quote_line, std::to_string(rec.size() + 1), "unterminated_quote");
    rec.push_back(std::move(f));
    if (any) {
      records.push_back(std::move(rec));
      lines.push_back(start_line);
    }
  }
  return Status::Ok();
}

bool ParseCount(const std::string& s, int64_t& out, bool& too_large) {
  if (s.empty()) return false;
  int64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
    if (v > kMaxCount) { too_large = true; return false; }
  }
  out = v;
  return true;
}

}  // namespace

Result<CaptureCsv> ParseCaptureCsv(std::string_view text, const std::string& by_column) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t eol = text.find('\n');
  std::string_view header_line = text.substr(0, eol == std::string_view::npos ? text.size() : eol);
  char delim = ',';
  if (header_line.find(',') == std::string_view::npos && header_line.find(';') != std::string_view::npos)
    delim = ';';
  std::vector<std::vector<Field>> records;
  std::vector<size_t> lines;
  DRIELUIK_RETURN_IF_ERROR(SplitRecords(text, delim, records, lines));
  if (records.empty()) return Error(1, "1", "empty_input");

  // Header.
  const auto& head = records[0];
  const size_t hl = lines[0];
  std::vector<std::string> names;
  for (size_t c = 0; c < head.size(); ++c) {
    std::string name = head[c].quoted ? head[c].text : Trim(head[c].text);
    if (name.empty()) return Error(hl, std::to_string(c + 1), "empty_column_name");
    if (std::find(names.begin(), names.end(), name) != names.end())
      return Error(hl, Shown(name), "duplicate_column");
    names.push_back(name);
  }
  int count_col = -1, by_col = -1;
  for (size_t c = 0; c < names.size(); ++c) {
    std::string lower = names[c];
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower == "count" && count_col < 0) count_col = static_cast<int>(c);
    if (!by_column.empty() && names[c] == by_column) by_col = static_cast<int>(c);
  }
  if (count_col < 0) return Error(hl, "count", "missing_count_column");
  if (!by_column.empty() && by_col < 0) return Error(hl, Shown(by_column), "missing_by_column");
  CaptureCsv out;
  std::vector<int> list_cols;
  for (size_t c = 0; c < names.size(); ++c) {
    if (static_cast<int>(c) == count_col || static_cast<int>(c) == by_col) continue;
    list_cols.push_back(static_cast<int>(c));
    out.lists.push_back(names[c]);
  }
  if (out.lists.size() < 2)
    return Error(hl, "*", "too_few_lists", {{"count", std::to_string(out.lists.size())}});
  if (out.lists.size() > static_cast<size_t>(kMaxLists))
    return Error(hl, "*", "too_many_lists", {{"max", std::to_string(kMaxLists)}});

  // Rows.
  struct Group {
    std::vector<int64_t> counts;
    std::vector<size_t> line_of;  // 0 = pattern not seen yet
  };
  std::map<std::string, size_t> group_index;
  std::vector<Group> groups;
  std::vector<std::string> group_names;
  const size_t cells = size_t{1} << out.lists.size();
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const size_t line = lines[r];
    if (rec.size() != names.size()) {
      return Error(line, std::to_string(std::min(rec.size(), names.size()) + 1), "field_count",
                   {{"expected", std::to_string(names.size())}, {"got", std::to_string(rec.size())}});
    }
    uint32_t pattern = 0;
    for (size_t j = 0; j < list_cols.size(); ++j) {
      std::string v = Trim(rec[list_cols[j]].text);
      if (v == "1") pattern |= uint32_t{1} << j;
      else if (v != "0") return Error(line, Shown(out.lists[j]), "not_binary", {{"value", Shown(v)}});
    }
    std::string cv = Trim(rec[count_col].text);
    int64_t count = 0;
    bool too_large = false;
    if (!ParseCount(cv, count, too_large)) {
      const std::string& col = names[count_col];
      if (too_large) return Error(line, col, "count_too_large", {{"value", Shown(cv)}});
      if (!cv.empty() && cv[0] == '-') {
        int64_t dummy = 0;
        bool tl = false;
        if (ParseCount(cv.substr(1), dummy, tl) || tl)
          return Error(line, col, "negative_count", {{"value", Shown(cv)}});
      }
      return Error(line, col, "not_integer", {{"value", Shown(cv)}});
    }
    if (pattern == 0) return Error(line, "*", "all_zero_pattern");
    std::string stratum = by_col >= 0 ? Trim(rec[by_col].text) : std::string();
    auto [it, inserted] = group_index.emplace(stratum, groups.size());
    if (inserted) {
      groups.push_back({std::vector<int64_t>(cells, 0), std::vector<size_t>(cells, 0)});
      group_names.push_back(stratum);
    }
    Group& g = groups[it->second];
    if (g.line_of[pattern] != 0) {
      return Error(line, "*", "duplicate_pattern", {{"first_line", std::to_string(g.line_of[pattern])}});
    }
    g.line_of[pattern] = line;
    g.counts[pattern] = count;
  }
  if (groups.empty()) return Error(hl + 1, "*", "no_rows");
  for (size_t i = 0; i < groups.size(); ++i) {
    out.strata.emplace_back(group_names[i], CaptureTable{out.lists, std::move(groups[i].counts)});
  }
  return out;
}

}  // namespace drieluik::stats
