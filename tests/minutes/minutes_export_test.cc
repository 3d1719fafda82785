// Minutes export: the PDF is opened with pdftotext (poppler-utils) and the DOCX with
// unzip, and their text is compared with what the Minutes value holds — items, outcomes,
// decisions, actions, attendance — and nothing of a restricted item.
#include "minutes/minutes_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/run_command.h"

namespace drieluik::minutes {
namespace {

using namespace drieluik::domain;

Minutes Sample() {
  Minutes m;
  m.meeting.id = 7;
  m.meeting.type = "drieluik";
  m.meeting.title = "Drieluik 31 maart";
  m.meeting.scheduled_at = *ParseTimestamp("2026-03-31T08:00:00Z");
  m.meeting.participants = {{"zvhg", "ketenregisseur", "Kees", true}, {"politie", "politie", "", false},
                            {"zvhg", "zorgcoordinator", "", std::nullopt}};
  m.type_label_nl = "Drieluik";
  m.type_label_en = "Drieluik (regional case meeting)";
  MinutesItem a;
  a.position = 1;
  a.kind = AgendaItemKind::kNewSignal;
  a.status = AgendaItemStatus::kAssessed;
  a.summary = "Arbeidsmigranten in loods — ARBEID";
  a.urgency = "high";
  a.outcome = Outcome::kSuspicionFollowUp;
  a.reasoning = "Paspoorten zijn ingenomen; twaalf mannen slapen in één loods.";
  a.decisions = {{DecisionKind::kOpenCase, std::nullopt, ""}, {DecisionKind::kReferArbeidsinspectie, std::nullopt, "OICM"}};
  a.police = {"route:labour_inspectorate"};
  MinutesItem hidden;
  hidden.position = 2;
  hidden.kind = AgendaItemKind::kCarriedOver;
  hidden.restricted = true;
  MinutesItem later;
  later.position = 3;
  later.kind = AgendaItemKind::kAdded;
  later.status = AgendaItemStatus::kPostponed;
  later.summary = "Massagesalon Stadskanaal";
  m.items = {a, hidden, later};
  Action act;
  act.id = 12;
  act.title = "Contact met de uitzender";
  act.owner = "zc.zvhg";
  act.organisation = "zvhg";
  act.due = *ParseDate("2026-04-14");
  m.actions = {act};
  m.generated_at = *ParseTimestamp("2026-03-31T12:00:00Z");
  return m;
}

class MinutesExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("drieluik-minutes-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::filesystem::path dir_;
};

// Whitespace collapsed, so line wrapping in the PDF does not matter.
std::string Squash(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void ExpectMinutesText(const std::string& raw) {
  std::string text = Squash(raw);
  for (const char* want : {"Notulen / Minutes: Drieluik 31 maart", "Datum en tijd / Date and time: 2026-03-31 10:00",
                           "zvhg (ketenregisseur) — Kees: aanwezig / present", "politie (politie): afwezig / absent",
                           "1. Nieuw signaal / New signal", "Arbeidsmigranten in loods — ARBEID",
                           "Uitkomst / Outcome: Vermoeden van mensenhandel, opvolgen / Suspicion of trafficking, follow up",
                           "Paspoorten zijn ingenomen; twaalf mannen slapen in één loods.",
                           "Besluit / Decision: Casus openen / Open a case",
                           "Besluit / Decision: Doorverwijzen naar Nederlandse Arbeidsinspectie / Refer to the Labour Inspectorate — OICM",
                           "Politie / Police: route:labour_inspectorate",
                           "2. Doorgeschoven / Carried over",
                           "Inhoud niet zichtbaar voor alle deelnemers / Content not visible to every participant",
                           "3. Toegevoegd / Added", "Massagesalon Stadskanaal", "Uitgesteld / Postponed",
                           "#12 Contact met de uitzender — zc.zvhg (zvhg), uiterlijk / due 2026-04-14, open"}) {
    EXPECT_NE(text.find(want), std::string::npos) << "missing: " << want << "\nin: " << text;
  }
}

TEST_F(MinutesExportTest, PdfHoldsItemsOutcomesDecisionsAndActions) {
  auto pdf = RenderPdf(Sample());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  std::string path = Write("notulen.pdf", *pdf);
  auto run = testing::RunCommand("pdftotext", "-enc UTF-8 " + path + " -");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ExpectMinutesText(run.output);
}

TEST_F(MinutesExportTest, PdfPrintsNamesOutsideWindows1252AsWritten) {
  Minutes m = Sample();
  m.items[0].summary = "Łukasz Wójcik en Ștefan Țăranu bij de kwekerij";
  auto pdf = RenderPdf(m);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  std::string path = Write("namen.pdf", *pdf);
  auto run = testing::RunCommand("pdftotext", "-enc UTF-8 " + path + " -");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Łukasz Wójcik en Ștefan Țăranu"), std::string::npos) << run.output;
  EXPECT_LT(pdf->size(), 1'000'000u);  // two embedded fonts, compressed (about 180 kB)
}

TEST_F(MinutesExportTest, DocxOpensAsAZipWithAWordDocument) {
  auto docx = RenderDocx(Sample());
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  EXPECT_EQ(docx->substr(0, 2), "PK");
  std::string path = Write("notulen.docx", *docx);
  auto list = testing::RunCommand("unzip", "-Z1 " + path);
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_EQ(list.output, "[Content_Types].xml\n_rels/.rels\nword/document.xml\n");
  auto xml = testing::RunCommand("unzip", "-p " + path + " word/document.xml");
  ASSERT_EQ(xml.exit_code, 0);
  EXPECT_NE(xml.output.find("<w:document"), std::string::npos);
  // The paragraphs' text, tags removed.
  std::string text;
  bool tag = false;
  for (char c : xml.output) {
    if (c == '<') tag = true, text += ' ';
    else if (c == '>') tag = false;
    else if (!tag) text += c;
  }
  ExpectMinutesText(text);
}

TEST_F(MinutesExportTest, EscapesMarkupAndNamesTheFile) {
  Minutes m = Sample();
  m.items[0].reasoning = "A & B <script> \"x\"";
  auto docx = RenderDocx(m);
  ASSERT_TRUE(docx.ok());
  std::string path = Write("escaped.docx", *docx);
  auto xml = testing::RunCommand("unzip", "-p " + path + " word/document.xml");
  EXPECT_NE(xml.output.find("A &amp; B &lt;script&gt; &quot;x&quot;"), std::string::npos);
  EXPECT_EQ(MinutesFileName(m), "notulen-drieluik-2026-03-31");
}

}  // namespace
}  // namespace drieluik::minutes
