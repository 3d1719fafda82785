// RenderDocx: the minutes' blocks as a WordprocessingML document in a zip (libzip),
// the smallest package Word and LibreOffice open: [Content_Types].xml, _rels/.rels and
// word/document.xml with inline run formatting (no styles part needed).
#include <zip.h>

#include <memory>

#include "minutes/minutes_export.h"

namespace drieluik::minutes {

namespace {

// XML text: escaped, with the characters XML 1.0 forbids dropped.
std::string Xml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t') continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Paragraph(const Block& b) {
  std::string props;
  switch (b.style) {
    case Block::Style::kTitle: props = "<w:b/><w:sz w:val=\"32\"/>"; break;
    case Block::Style::kHeading: props = "<w:b/><w:sz w:val=\"24\"/>"; break;
    case Block::Style::kNote: props = "<w:i/><w:sz w:val=\"18\"/>"; break;
    case Block::Style::kText: props = "<w:sz w:val=\"20\"/>"; break;
  }
  return "<w:p><w:r><w:rPr>" + props + "</w:rPr><w:t xml:space=\"preserve\">" + Xml(b.text) + "</w:t></w:r></w:p>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";

constexpr const char* kRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

Status ZipError(const char* what, zip_error_t* e) {
  return Status::Internal(std::string("libzip: ") + what + ": " + zip_error_strerror(e));
}

}  // namespace

Result<std::string> RenderDocx(const domain::Minutes& m) {
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  for (const auto& b : MinutesBlocks(m)) document += Paragraph(b);
  document +=
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
      "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" "
      "w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return ZipError("buffer", &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    return ZipError("open", &error);
  }
  zip_source_keep(buffer);  // read the bytes back after zip_close
  struct Part {
    const char* name;
    const std::string* data;
  };
  std::string content_types = kContentTypes, rels = kRels;
  for (const Part& p : {Part{"[Content_Types].xml", &content_types}, Part{"_rels/.rels", &rels},
                        Part{"word/document.xml", &document}}) {
    zip_source_t* src = zip_source_buffer(archive, p.data->data(), p.data->size(), 0);
    if (!src || zip_file_add(archive, p.name, src, ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      Status s = Status::Internal(std::string("libzip: cannot add ") + p.name + ": " + zip_strerror(archive));
      zip_discard(archive);
      zip_source_free(buffer);
      return s;
    }
  }
  if (zip_close(archive) < 0) {
    Status s = Status::Internal(std::string("libzip: close: ") + zip_strerror(archive));
    zip_discard(archive);
    zip_source_free(buffer);
    return s;
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
    out.resize(st.size);
    zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
    zip_source_close(buffer);
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  }
  zip_source_free(buffer);
  if (out.empty()) return Status::Internal("libzip produced no output");
  return out;
}

}  // namespace drieluik::minutes
