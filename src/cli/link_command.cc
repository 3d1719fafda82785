// `drieluik link dedupe|encode|match|overlap`: record linkage from the command line.
// Parses options, calls drieluik_link, writes CSV; all linkage logic lives in src/link.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "link/base64.h"
#include "link/clk_encoder.h"
#include "link/clk_file.h"
#include "link/csv.h"
#include "link/dice.h"
#include "link/fellegi_sunter.h"
#include "link/multiparty.h"

namespace drieluik::cli {
namespace {

// Secrets shorter than this are refused: the encodings are only as private as the secret.
constexpr std::size_t kMinSecretBytes = 16;

struct Lang {
  std::string code = "nl";
  bool en() const { return code == "en"; }
  std::string operator()(const std::string& nl, const std::string& english) const {
    return en() ? english : nl;
  }
};

// Dutch text for the message keys of drieluik_link's errors (the English text is the
// Status message itself).
std::string DutchFor(const std::string& key) {
  static const std::map<std::string, std::string> kDutch = {
      {"csv_unterminated_quote", "aanhalingsteken niet afgesloten"},
      {"csv_quote_in_unquoted_field", "aanhalingsteken midden in een veld"},
      {"csv_text_after_quote", "tekst na het afsluitende aanhalingsteken"},
      {"csv_field_count", "verkeerd aantal velden"},
      {"csv_duplicate_column", "kolomnaam komt twee keer voor"},
      {"csv_empty_column_name", "lege kolomnaam"},
      {"csv_empty_header", "geen kopregel"},
      {"csv_empty_file", "leeg bestand"},
      {"unknown_column", "onbekende kolom"},
      {"base64_invalid", "geen geldige base64"},
      {"clk_length", "codering heeft een andere lengte dan de rest"},
      {"duplicate_id", "id komt twee keer voor"},
      {"secret_too_short", "geheim is te kort"},
      {"json_syntax", "geen geldige JSON"},
      {"json_type", "verkeerd type in JSON"},
      {"required", "verplicht onderdeel ontbreekt"},
      {"unsupported", "niet ondersteund"},
      {"enum", "onbekende waarde"},
      {"blocking_rule", "ongeldige blokkeerregel"},
      {"format_date", "geen geldige datum voor het schema"},
      {"format_integer", "geen geldig geheel getal voor het schema"},
      {"format_enum", "waarde niet toegestaan door het schema"},
      {"format_string_length", "lengte past niet bij het schema"},
      {"format_pattern", "waarde past niet bij het patroon van het schema"},
      {"format_case", "hoofd-/kleine letters passen niet bij het schema"},
      {"format_ascii", "teken buiten ASCII"},
      {"format_utf8", "geen geldige UTF-8"},
  };
  auto it = kDutch.find(key);
  return it == kDutch.end() ? "ongeldige invoer" : it->second;
}

[[noreturn]] void Fail(const Status& status) {
  std::string dutch = status.code() == StatusCode::kUnavailable ? "bestand niet leesbaar of schrijfbaar"
                                                                : "ongeldige invoer";
  if (!status.fields().empty()) {
    dutch = status.fields()[0].pointer + ": " + DutchFor(status.fields()[0].key);
    for (const auto& [name, value] : status.fields()[0].params) {
      if (name == "column") dutch += " \"" + value + "\"";
    }
  }
  fmt::print(stderr, "fout: {} / error: {}\n", dutch, status.message());
  throw ExitWith{ExitCodeFor(status)};
}

// The same error with the file name in front of message and place.
Status InFile(const std::string& file, const Status& status) {
  std::vector<FieldError> fields = status.fields();
  for (auto& f : fields) f.pointer = file + ": " + f.pointer;
  return Status::InvalidArgument(file + ": " + status.message(), std::move(fields));
}

[[noreturn]] void FailUsage(const std::string& nl, const std::string& en) {
  fmt::print(stderr, "fout: {} / error: {}\n", nl, en);
  throw ExitWith{kExitUsage};
}

template <typename T>
T Unwrap(Result<T> r) {
  if (!r.ok()) Fail(r.error());
  return std::move(*r);
}

std::ofstream OpenOutput(const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) Fail(Status::Unavailable(path + ": cannot write file"));
  return out;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    std::size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// ---- dedupe -------------------------------------------------------------------------------

struct DedupeOptions {
  std::string input, id_column, settings, output, pairs, columns;
  double threshold = -1;
  Lang lang;
};

void RunDedupe(const DedupeOptions& o) {
  link::CsvTable csv = Unwrap(link::ReadCsvFile(o.input));
  std::size_t id_col = Unwrap(csv.Column(o.id_column));
  link::RecordTable table;
  table.columns = csv.header;
  table.rows = csv.rows;
  table.source.assign(csv.rows.size(), 0);
  {
    std::set<std::string> ids;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
      if (!ids.insert(csv.rows[r][id_col]).second) {
        std::string where = o.input + ":" + std::to_string(csv.lines[r]);
        Fail(Status::InvalidArgument(where + ": duplicate id \"" + csv.rows[r][id_col] + "\"",
                                     {FieldError{where, "duplicate_id", {}}}));
      }
    }
  }
  link::LinkSettings settings;
  if (!o.settings.empty()) {
    std::string text = Unwrap(link::ReadWholeFile(o.settings));
    auto parsed = link::ParseLinkSettings(text, csv.header);
    if (!parsed.ok()) Fail(InFile(o.settings, parsed.error()));
    settings = *parsed;
  } else {
    std::vector<std::string> skip{o.id_column};
    if (!o.columns.empty()) {
      std::vector<std::string> keep = SplitList(o.columns);
      for (const auto& k : keep) Unwrap(csv.Column(k));
      for (const auto& c : csv.header) {
        if (std::find(keep.begin(), keep.end(), c) == keep.end()) skip.push_back(c);
      }
    }
    std::vector<std::string> explanation;
    settings = link::AutoLinkSettings(table, skip, &explanation);
    fmt::print(stderr, "{}\n", o.lang("Gekozen vergelijkingen (geen --settings):",
                                      "Chosen comparisons (no --settings):"));
    for (const auto& line : explanation) fmt::print(stderr, "  {}\n", line);
    if (settings.comparisons.empty()) {
      FailUsage("geen kolommen om te vergelijken", "no columns to compare");
    }
  }
  if (o.threshold > 0) settings.threshold = o.threshold;
  link::LinkModel model = Unwrap(link::LinkModel::Train(table, link::LinkMode::kDedupe, settings));
  const auto& report = model.report();
  fmt::print(stderr, "{}: {} / {}: {} / {}: {:.6g}\n", o.lang("kandidaatparen", "candidate pairs"),
             report.candidate_pairs, o.lang("willekeurige paren voor u", "random pairs for u"),
             report.u_pairs_sampled, o.lang("a-priorikans", "prior"), report.prior);
  std::vector<link::ScoredPair> linked = model.Predict(settings.threshold);
  std::vector<std::uint32_t> cluster = link::ClusterPairs(csv.rows.size(), linked, settings.threshold);

  std::ofstream out = OpenOutput(o.output);
  out << "id,cluster\n";
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    out << link::CsvEscape(csv.rows[r][id_col]) << ','
        << link::CsvEscape(csv.rows[cluster[r]][id_col]) << '\n';
  }
  if (!o.pairs.empty()) {
    std::ofstream pairs = OpenOutput(o.pairs);
    pairs << "id_a,id_b,match_weight,match_probability";
    for (const auto& c : settings.comparisons) pairs << ',' << c.column << "_level," << c.column << "_weight";
    pairs << '\n';
    for (const auto& p : linked) {
      pairs << link::CsvEscape(csv.rows[p.a][id_col]) << ',' << link::CsvEscape(csv.rows[p.b][id_col])
            << ',' << fmt::format("{:.4f},{:.6f}", p.match_weight, p.probability);
      for (const auto& f : p.fields) pairs << ',' << f.level << ',' << fmt::format("{:.4f}", f.weight);
      pairs << '\n';
    }
  }
  std::set<std::uint32_t> entities(cluster.begin(), cluster.end());
  fmt::print("{}: {} {}, {} {}, {} {}\n", o.input, csv.rows.size(), o.lang("records", "records"),
             linked.size(), o.lang("gekoppelde paren", "linked pairs"), entities.size(),
             o.lang("entiteiten", "entities"));
}

// ---- encode -------------------------------------------------------------------------------

struct EncodeOptions {
  std::string input, id_column, secret_file, schema, output, clk_column = "clk", columns;
  Lang lang;
};

std::string ReadSecret(const std::string& path) {
  std::string secret = Unwrap(link::ReadWholeFile(path));
  // One trailing line break (as editors and `echo` write) is not part of the secret.
  if (!secret.empty() && secret.back() == '\n') secret.pop_back();
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  if (secret.size() < kMinSecretBytes) {
    Fail(Status::InvalidArgument(
        path + ": secret is " + std::to_string(secret.size()) + " bytes, at least " +
            std::to_string(kMinSecretBytes) + " needed",
        {FieldError{path, "secret_too_short", {{"min", std::to_string(kMinSecretBytes)}}}}));
  }
  return secret;
}

void RunEncode(const EncodeOptions& o) {
  link::CsvTable csv = Unwrap(link::ReadCsvFile(o.input));
  std::size_t id_col = Unwrap(csv.Column(o.id_column));
  std::string secret = ReadSecret(o.secret_file);
  link::ClkSchema schema;
  if (!o.schema.empty()) {
    std::string text = Unwrap(link::ReadWholeFile(o.schema));
    auto parsed = link::ParseClkSchema(text);
    if (!parsed.ok()) Fail(InFile(o.schema, parsed.error()));
    schema = *parsed;
  } else {
    std::vector<std::string> columns = SplitList(o.columns);
    for (const auto& c : columns) Unwrap(csv.Column(c));
    if (columns.empty()) {
      for (const auto& c : csv.header) {
        if (c != o.id_column) columns.push_back(c);
      }
    }
    schema = link::DefaultClkSchema(columns);
    fmt::print(stderr, "{}\n", o.lang("Geen --schema: standaardschema (versie 3) gebruikt:",
                                      "No --schema: default schema (version 3) used:"));
    fmt::print(stderr, "{}\n", link::ClkSchemaToJson(schema));
  }
  // Features are found by column name; ignored features need no column.
  std::vector<int> column_of;
  for (const auto& f : schema.features) {
    if (f.ignored) {
      column_of.push_back(-1);
      continue;
    }
    column_of.push_back(static_cast<int>(Unwrap(csv.Column(f.identifier))));
  }
  link::ClkEncoder encoder = Unwrap(link::ClkEncoder::Create(schema, secret));
  std::vector<std::string> encoded(csv.rows.size());
  // Encoding is HMAC-bound; spread rows over the cores.
  const unsigned threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  std::vector<Status> errors(csv.rows.size());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::vector<std::string_view> values(schema.features.size());
      for (std::size_t r = t; r < csv.rows.size(); r += threads) {
        for (std::size_t k = 0; k < values.size(); ++k) {
          values[k] = column_of[k] < 0 ? std::string_view() : std::string_view(csv.rows[r][column_of[k]]);
        }
        auto clk = encoder.Encode(values);
        if (clk.ok()) {
          encoded[r] = link::Base64Encode(*clk);
        } else {
          errors[r] = clk.error();
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    if (errors[r].ok()) continue;
    std::string where = o.input + ":" + std::to_string(csv.lines[r]);
    std::string column = errors[r].fields().empty() ? "" : errors[r].fields()[0].pointer;
    std::string key = errors[r].fields().empty() ? "format" : errors[r].fields()[0].key;
    Fail(Status::InvalidArgument(where + ": column " + column + ": " + errors[r].message(),
                                 {FieldError{where + ": " + column, key, {}}}));
  }
  std::ofstream out = OpenOutput(o.output);
  out << "id," << o.clk_column << '\n';
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    out << link::CsvEscape(csv.rows[r][id_col]) << ',' << encoded[r] << '\n';
  }
  fmt::print("{}: {} {} ({} bits)\n", o.output, csv.rows.size(),
             o.lang("coderingen", "encodings"), schema.l);
}

// ---- match and overlap --------------------------------------------------------------------

struct MatchOptions {
  std::vector<std::string> inputs;
  std::string output, id_column = "id", clk_column = "clk", names;
  double threshold = 0.8;
  int threads = 0;
  Lang lang;
};

std::vector<link::ClkFile> ReadParties(const MatchOptions& o) {
  if (o.inputs.size() < 2) {
    FailUsage("minstens twee --input-bestanden nodig", "at least two --input files needed");
  }
  if (o.threshold <= 0 || o.threshold > 1) {
    FailUsage("--threshold moet tussen 0 en 1 liggen", "--threshold must lie in (0, 1]");
  }
  std::vector<link::ClkFile> parties;
  for (const auto& path : o.inputs) {
    int bits = parties.empty() ? 0 : parties.front().clks.bits();
    auto file = link::ReadClkFile(path, o.id_column, o.clk_column, bits);
    if (!file.ok() && !parties.empty() && !file.error().fields().empty() &&
        file.error().fields()[0].key == "clk_length") {
      Fail(Status::InvalidArgument(file.error().message() + " (" + parties.front().source + ")",
                                   file.error().fields()));
    }
    parties.push_back(Unwrap(std::move(file)));
  }
  return parties;
}

void RunMatch(const MatchOptions& o) {
  std::vector<link::ClkFile> parties = ReadParties(o);
  std::ofstream out = OpenOutput(o.output);
  if (parties.size() == 2) {
    auto matches = link::GreedyOneToOne(
        link::DiceCandidates(parties[0].clks, parties[1].clks, o.threshold, o.threads));
    out << "id_a,id_b,score\n";
    for (const auto& m : matches) {
      out << link::CsvEscape(parties[0].ids[m.row_a]) << ','
          << link::CsvEscape(parties[1].ids[m.row_b]) << ',' << fmt::format("{:.6f}", m.score)
          << '\n';
    }
    fmt::print("{}: {} {}\n", o.output, matches.size(), o.lang("paren", "pairs"));
    return;
  }
  std::vector<const link::ClkSet*> sets;
  for (const auto& p : parties) sets.push_back(&p.clks);
  auto groups = link::GroupParties(sets, o.threshold, o.threads);
  out << "group,party_a,id_a,party_b,id_b,score\n";
  std::size_t lines = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& m = groups[g].members;
    for (std::size_t i = 0; i < m.size(); ++i) {
      for (std::size_t j = i + 1; j < m.size(); ++j) {
        double score = link::Dice(*sets[m[i].party], m[i].row, *sets[m[j].party], m[j].row);
        out << g + 1 << ',' << m[i].party + 1 << ',' << link::CsvEscape(parties[m[i].party].ids[m[i].row])
            << ',' << m[j].party + 1 << ',' << link::CsvEscape(parties[m[j].party].ids[m[j].row])
            << ',' << fmt::format("{:.6f}", score) << '\n';
        ++lines;
      }
    }
  }
  fmt::print("{}: {} {}, {} {}\n", o.output, groups.size(), o.lang("groepen", "groups"), lines,
             o.lang("paren", "pairs"));
}

void RunOverlap(const MatchOptions& o) {
  std::vector<link::ClkFile> parties = ReadParties(o);
  if (parties.size() > 16) FailUsage("hoogstens 16 lijsten", "at most 16 lists");
  std::vector<std::string> names = SplitList(o.names);
  if (!names.empty() && names.size() != parties.size()) {
    FailUsage("--names moet één naam per --input geven", "--names needs one name per --input");
  }
  if (names.empty()) {
    for (const auto& p : parties) names.push_back(std::filesystem::path(p.source).stem().string());
  }
  if (std::set<std::string>(names.begin(), names.end()).size() != names.size() ||
      std::find(names.begin(), names.end(), "count") != names.end()) {
    FailUsage("lijstnamen moeten uniek zijn en niet 'count' heten (gebruik --names)",
              "list names must be unique and not 'count' (use --names)");
  }
  std::vector<const link::ClkSet*> sets;
  std::vector<std::size_t> sizes;
  for (const auto& p : parties) {
    sets.push_back(&p.clks);
    sizes.push_back(p.ids.size());
  }
  auto patterns = link::CapturePatterns(link::GroupParties(sets, o.threshold, o.threads), sizes);
  std::ofstream out = OpenOutput(o.output);
  for (const auto& n : names) out << link::CsvEscape(n) << ',';
  out << "count\n";
  std::uint64_t observed = 0;
  for (std::size_t mask = 1; mask < patterns.size(); ++mask) {
    for (std::size_t p = 0; p < parties.size(); ++p) out << ((mask >> p) & 1) << ',';
    out << patterns[mask] << '\n';
    observed += patterns[mask];
  }
  fmt::print("{}: {} {}, {} {}\n", o.output, observed,
             o.lang("waargenomen personen", "observed persons"), patterns.size() - 1,
             o.lang("patronen", "patterns"));
}

}  // namespace

void AddLinkCommand(CLI::App& app) {
  auto* link = app.add_subcommand(
      "link", "Records koppelen en ontdubbelen / link and deduplicate records");
  link->require_subcommand(1);

  auto dedupe = std::make_shared<DedupeOptions>();
  auto* d = link->add_subcommand(
      "dedupe", "Dubbele records vinden (Fellegi-Sunter) / find duplicate records (Fellegi-Sunter)");
  d->add_option("--input", dedupe->input, "CSV met records / CSV of records")->required();
  d->add_option("--id-column", dedupe->id_column, "Kolom met het id / id column")->required();
  d->add_option("--settings", dedupe->settings, "Instellingen (JSON) / settings (JSON)");
  d->add_option("--columns", dedupe->columns,
                "Zonder --settings: alleen deze kolommen (a,b,c) / without --settings: only these columns");
  d->add_option("--threshold", dedupe->threshold,
                "Koppelkans voor paren en clusters (standaard 0.5) / match probability (default 0.5)");
  d->add_option("--output", dedupe->output, "Uitvoer id,cluster / output id,cluster")->required();
  d->add_option("--pairs", dedupe->pairs,
                "Gekoppelde paren met bijdrage per veld / linked pairs with each field's weight");
  d->add_option("--lang", dedupe->lang.code, "nl of en / nl or en")->check(CLI::IsMember({"nl", "en"}));
  d->callback([dedupe] { RunDedupe(*dedupe); });

  auto encode = std::make_shared<EncodeOptions>();
  auto* e = link->add_subcommand(
      "encode", "Records coderen als CLK (Bloom-filter) / encode records as CLKs (Bloom filters)");
  e->add_option("--input", encode->input, "CSV met records / CSV of records")->required();
  e->add_option("--id-column", encode->id_column, "Kolom met het id / id column")->required();
  e->add_option("--secret-file", encode->secret_file,
                "Bestand met het gedeelde geheim (>= 16 bytes) / shared secret file (>= 16 bytes)")
      ->required();
  e->add_option("--schema", encode->schema, "clkhash-koppelschema (JSON) / clkhash linkage schema");
  e->add_option("--columns", encode->columns,
                "Zonder --schema: alleen deze kolommen (a,b,c) / without --schema: only these columns");
  e->add_option("--clk-column", encode->clk_column, "Naam van de CLK-kolom (standaard clk) / CLK column name");
  e->add_option("--output", encode->output, "Uitvoer id,clk / output id,clk")->required();
  e->add_option("--lang", encode->lang.code, "nl of en / nl or en")->check(CLI::IsMember({"nl", "en"}));
  e->callback([encode] { RunEncode(*encode); });

  for (const char* name : {"match", "overlap"}) {
    auto match = std::make_shared<MatchOptions>();
    bool is_match = std::string(name) == "match";
    auto* m = link->add_subcommand(
        name, is_match ? "CLK's van twee of meer partijen koppelen (Dice) / link CLKs of two or more parties (Dice)"
                       : "Vangstpatronen voor `drieluik estimate` uit CLK-lijsten / capture patterns for `drieluik estimate`");
    m->add_option("--input", match->inputs, "Coderingen per partij (herhaal) / encodings per party (repeat)")
        ->required();
    m->add_option("--threshold", match->threshold, "Dice-drempel (standaard 0.8) / Dice threshold (default 0.8)");
    m->add_option("--id-column", match->id_column, "Kolom met het id (standaard id) / id column");
    m->add_option("--clk-column", match->clk_column, "Kolom met de CLK (standaard clk) / CLK column");
    m->add_option("--threads", match->threads, "Threads (standaard alle kernen) / threads (default all cores)");
    m->add_option("--output", match->output, "Uitvoerbestand / output file")->required();
    if (!is_match) {
      m->add_option("--names", match->names, "Lijstnamen a,b,c (standaard bestandsnamen) / list names");
    }
    m->add_option("--lang", match->lang.code, "nl of en / nl or en")->check(CLI::IsMember({"nl", "en"}));
    if (is_match) {
      m->callback([match] { RunMatch(*match); });
    } else {
      m->callback([match] { RunOverlap(*match); });
    }
  }
}

}  // namespace drieluik::cli
