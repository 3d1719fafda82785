// Minutes export: a meeting's minutes (domain/drieluik/minutes.h) as a PDF (libharu) and
// as a DOCX document (Office Open XML in a zip written with libzip) that a municipality
// edits further in Word or LibreOffice without extra software. Both render the same
// blocks (MinutesBlocks): title, meeting data and attendance, one section per agenda item
// (summary, outcome, reasoning, decisions, compartment details) and the actions. Every
// label is Dutch first, English second. The export adds nothing to what the Minutes
// value holds, so what its builder filtered stays out.
//
// Pure functions; thread-safe (libharu and libzip objects are local to each call).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/drieluik/minutes.h"

namespace drieluik::minutes {

struct Block {
  enum class Style { kTitle, kHeading, kText, kNote };
  Style style = Style::kText;
  std::string text;  // UTF-8, one paragraph
};

/// The document's paragraphs, in order.
std::vector<Block> MinutesBlocks(const domain::Minutes& m);

/// A PDF (A4, DejaVu Sans embedded, UTF-8; without fonts-dejavu-core Helvetica in
/// Windows-1252, where other characters print as '?').
/// Internal when libharu fails.
Result<std::string> RenderPdf(const domain::Minutes& m);

/// Any blocks as such a PDF, with `title` in the document information (e.g. the
/// privacy officer's subject-access export). Internal when libharu fails.
Result<std::string> RenderBlocksPdf(const std::vector<Block>& blocks, const std::string& title);

/// A DOCX document. Internal when libzip fails.
Result<std::string> RenderDocx(const domain::Minutes& m);

/// "notulen-drieluik-2026-03-17" (the file name without extension).
std::string MinutesFileName(const domain::Minutes& m);

}  // namespace drieluik::minutes
