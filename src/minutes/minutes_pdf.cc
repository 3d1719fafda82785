// RenderPdf / RenderBlocksPdf: blocks on A4 pages with libharu, wrapped to the text width.
// Text is set in DejaVu Sans (Debian's fonts-dejavu-core, embedded, UTF-8), so the Polish,
// Romanian or Bulgarian names of labour migrants print as written; without that font the
// standard Helvetica in Windows-1252 is used and other characters print as '?'.
#include <hpdf.h>

#include <filesystem>

#include "minutes/minutes_export.h"

namespace drieluik::minutes {

namespace {

constexpr const char* kRegularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Valid UTF-8 with control characters as spaces; a malformed byte becomes '?'.
std::string CleanUtf8(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      out += '?';
      ++i;
      continue;
    }
    if (len == 1 && c < 0x20)
      out += ' ';
    else
      out.append(s, i, len);
    i += len;
  }
  return out;
}

// UTF-8 to Windows-1252 (the encoding of the standard PDF fonts); others become '?'.
std::string ToWinAnsi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    int len = 1;
    if (c < 0x80) cp = c;
    else if ((c >> 5) == 0x6) cp = c & 0x1F, len = 2;
    else if ((c >> 4) == 0xE) cp = c & 0x0F, len = 3;
    else if ((c >> 3) == 0x1E) cp = c & 0x07, len = 4;
    else len = 0;
    if (len == 0 || i + len > s.size()) {
      out += '?';
      ++i;
      continue;
    }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp < 0x20) out += ' ';
    else if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) out += static_cast<char>(cp);
    else if (cp == 0x20AC) out += '\x80';
    else if (cp == 0x2026) out += '\x85';
    else if (cp == 0x2018) out += '\x91';
    else if (cp == 0x2019) out += '\x92';
    else if (cp == 0x201C) out += '\x93';
    else if (cp == 0x201D) out += '\x94';
    else if (cp == 0x2013) out += '\x96';
    else if (cp == 0x2014) out += '\x97';
    else out += '?';
  }
  return out;
}

struct HaruError {
  HPDF_STATUS error = 0;
  HPDF_STATUS detail = 0;
};

void OnError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HaruError*>(user);
  if (!e->error) *e = {error, detail};
}

constexpr float kMargin = 56;  // points (2 cm)

class Writer {
 public:
  Writer(HPDF_Doc doc, HaruError& err) : doc_(doc), err_(err) {
    std::error_code ec;
    if (std::filesystem::exists(kRegularFont, ec) && std::filesystem::exists(kBoldFont, ec)) {
      HPDF_UseUTFEncodings(doc_);
      const char* regular = HPDF_LoadTTFontFromFile(doc_, kRegularFont, HPDF_TRUE);
      const char* bold = HPDF_LoadTTFontFromFile(doc_, kBoldFont, HPDF_TRUE);
      if (regular && bold) {
        font_ = HPDF_GetFont(doc_, regular, "UTF-8");
        bold_ = HPDF_GetFont(doc_, bold, "UTF-8");
        utf8_ = font_ && bold_;
      }
    }
    if (!utf8_) {
      font_ = HPDF_GetFont(doc_, "Helvetica", "WinAnsiEncoding");
      bold_ = HPDF_GetFont(doc_, "Helvetica-Bold", "WinAnsiEncoding");
    }
    NewPage();
  }

  void Paragraph(const Block& b) {
    HPDF_Font font = b.style == Block::Style::kText || b.style == Block::Style::kNote ? font_ : bold_;
    float size = b.style == Block::Style::kTitle ? 16 : b.style == Block::Style::kHeading ? 12 : b.style == Block::Style::kNote ? 9 : 10;
    float before = b.style == Block::Style::kHeading ? 8 : b.style == Block::Style::kTitle ? 0 : 2;
    y_ -= before;
    std::string text = utf8_ ? CleanUtf8(b.text) : ToWinAnsi(b.text);
    float width = HPDF_Page_GetWidth(page_) - 2 * kMargin;
    HPDF_Page_SetFontAndSize(page_, font, size);
    std::size_t pos = 0;
    do {
      if (y_ - size * 1.4f < kMargin) {
        NewPage();
        HPDF_Page_SetFontAndSize(page_, font, size);
      }
      std::string rest = text.substr(pos);
      HPDF_REAL real = 0;
      HPDF_UINT n = HPDF_Page_MeasureText(page_, rest.c_str(), width, HPDF_TRUE, &real);
      if (n == 0) n = HPDF_Page_MeasureText(page_, rest.c_str(), width, HPDF_FALSE, &real);
      if (n == 0) n = 1;
      while (n < rest.size() && (static_cast<unsigned char>(rest[n]) & 0xC0) == 0x80) ++n;  // whole characters
      std::string line = rest.substr(0, n);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      y_ -= size * 1.4f;
      HPDF_Page_BeginText(page_);
      HPDF_Page_TextOut(page_, kMargin, y_, line.c_str());
      HPDF_Page_EndText(page_);
      pos += n;
      while (pos < text.size() && text[pos] == ' ') ++pos;
    } while (pos < text.size());
  }

 private:
  void NewPage() {
    page_ = HPDF_AddPage(doc_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = HPDF_Page_GetHeight(page_) - kMargin;
  }

  HPDF_Doc doc_;
  HaruError& err_;
  HPDF_Font font_ = nullptr;
  HPDF_Font bold_ = nullptr;
  bool utf8_ = false;
  HPDF_Page page_ = nullptr;
  float y_ = 0;
};

}  // namespace

Result<std::string> RenderPdf(const domain::Minutes& m) {
  return RenderBlocksPdf(MinutesBlocks(m), "Notulen / Minutes: " + m.meeting.title);
}

Result<std::string> RenderBlocksPdf(const std::vector<Block>& blocks, const std::string& title) {
  HaruError err;
  HPDF_Doc doc = HPDF_New(OnError, &err);
  if (!doc) return Status::Internal("libharu: cannot create a document");
  std::string out;
  {
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, ToWinAnsi(title).c_str());
    HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "drieluik");
    Writer w(doc, err);
    for (const auto& b : blocks) w.Paragraph(b);
    if (!err.error && HPDF_SaveToStream(doc) == HPDF_OK) {
      HPDF_UINT32 size = HPDF_GetStreamSize(doc);
      out.resize(size);
      HPDF_UINT32 read = size;
      HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &read);
      out.resize(read);
    }
  }
  HPDF_Free(doc);
  if (err.error)
    return Status::Internal("libharu error " + std::to_string(err.error) + " (" + std::to_string(err.detail) + ")");
  if (out.empty()) return Status::Internal("libharu produced no output");
  return out;
}

}  // namespace drieluik::minutes
