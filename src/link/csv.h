// A small RFC 4180 CSV reader for the linkage files (records to link, encodings, pairs).
//
// Fields may be quoted with '"' (a doubled quote inside is one quote; quoted fields may span
// lines); CRLF and LF line ends, a missing final newline and a UTF-8 byte-order mark are
// accepted. Every error names the source, line and column (1-based, in bytes). The reader
// owns nothing beyond its result; pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::link {

struct CsvOptions {
  char delimiter = ',';
  /// Strip spaces and tabs around unquoted fields (FEBRL writes ", " between fields).
  /// Default: true.
  bool trim_unquoted = true;
};

/// A parsed file: the header row and the data rows, each as long as the header.
struct CsvTable {
  std::string source;                         // file name used in messages
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;                     // line on which each row starts

  /// Index of the column named `name`; InvalidArgument naming the column, the file and the
  /// columns it does have when there is none.
  Result<std::size_t> Column(std::string_view name) const;
};

/// Parses `text`. InvalidArgument ("<source>:<line>:<column>: ...", with a FieldError whose
/// pointer is "<source>:<line>:<column>") on: an empty file, a quote inside an unquoted field,
/// an unterminated quoted field, text after a closing quote, a row whose field count differs
/// from the header's, an empty or duplicate column name.
Result<CsvTable> ParseCsv(std::string_view text, std::string source, const CsvOptions& options = {});

/// Reads and parses the file at `path`; Unavailable when it cannot be read.
Result<CsvTable> ReadCsvFile(const std::string& path, const CsvOptions& options = {});

/// Reads a whole file into memory; Unavailable naming the path when it cannot be read.
Result<std::string> ReadWholeFile(const std::string& path);

/// One CSV field as written: quoted only when it holds a delimiter, quote or line break.
std::string CsvEscape(std::string_view field);

}  // namespace drieluik::link
