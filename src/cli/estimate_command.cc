// `drieluik estimate`: multiple systems estimation from a CSV of capture-pattern counts
// (docs/formats/estimate.md). Parses options and the file, calls stats::EstimatePopulation
// or stats::EstimateStrata, and prints text for a policy officer (Dutch, or English with
// --lang en) or JSON. Errors go to stderr as "Dutch / English" with the line and column.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "stats/capture_csv.h"
#include "stats/mse.h"

namespace drieluik::cli {
namespace {

using stats::Estimate;
using stats::Interval;
using stats::Warning;

struct EstimateArgs {
  std::string input;
  std::string format = "text";
  std::string lang = "nl";
  std::string method = "stepwise";
  double threshold = 0.02;
  std::string criterion = "bic";
  int max_order = 2;
  std::string model;
  double level = 0.95;
  std::string interval = "wald";
  int bootstrap = 0;
  std::string bootstrap_type = "parametric";
  uint64_t seed = 1;
  int threads = 0;
  std::string by;
  bool quiet = false;
};

std::string Param(const std::vector<std::pair<std::string, std::string>>& params, const std::string& key) {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return "";
}

// Dutch and English text for a message key with its parameters.
std::pair<std::string, std::string> ErrorText(const FieldError& f) {
  auto p = [&](const char* k) { return Param(f.params, k); };
  const std::string& key = f.key;
  if (key == "empty_input") return {"het bestand is leeg", "the file is empty"};
  if (key == "unterminated_quote") return {"aanhalingsteken niet gesloten", "unterminated quote"};
  if (key == "field_count")
    return {fmt::format("verwacht {} velden, kreeg {}", p("expected"), p("got")),
            fmt::format("expected {} fields, got {}", p("expected"), p("got"))};
  if (key == "empty_column_name") return {"kolomnaam ontbreekt", "column name missing"};
  if (key == "duplicate_column") return {"kolomnaam komt twee keer voor", "duplicate column name"};
  if (key == "missing_count_column") return {"kolom \"count\" ontbreekt", "column \"count\" is missing"};
  if (key == "missing_by_column") return {"kolom voor --by ontbreekt", "column for --by is missing"};
  if (key == "too_few_lists")
    return {fmt::format("minstens twee lijsten nodig, gevonden: {}", p("count")),
            fmt::format("at least two lists are needed, found: {}", p("count"))};
  if (key == "too_many_lists")
    return {fmt::format("te veel lijsten (hoogstens {})", p("max")), fmt::format("too many lists (at most {})", p("max"))};
  if (key == "not_binary")
    return {fmt::format("verwacht 0 of 1, kreeg \"{}\"", p("value")), fmt::format("expected 0 or 1, got \"{}\"", p("value"))};
  if (key == "not_integer")
    return {fmt::format("verwacht een geheel aantal, kreeg \"{}\"", p("value")),
            fmt::format("expected a whole number, got \"{}\"", p("value"))};
  if (key == "negative_count")
    return {fmt::format("aantal is negatief: \"{}\"", p("value")), fmt::format("count is negative: \"{}\"", p("value"))};
  if (key == "count_too_large")
    return {fmt::format("aantal is te groot: \"{}\"", p("value")), fmt::format("count is too large: \"{}\"", p("value"))};
  if (key == "all_zero_pattern")
    return {"het patroon met alleen nullen (door niemand gezien) mag niet in de invoer staan",
            "the all-zero pattern (seen by no list) is not allowed"};
  if (key == "duplicate_pattern")
    return {fmt::format("dit patroon stond al op regel {}", p("first_line")),
            fmt::format("this pattern already appeared on line {}", p("first_line"))};
  if (key == "no_rows") return {"geen gegevensregels", "no data rows"};
  if (key == "unknown_list")
    return {fmt::format("onbekende lijst \"{}\" in --model", p("name")), fmt::format("unknown list \"{}\" in --model", p("name"))};
  if (key == "not_interaction")
    return {fmt::format("\"{}\" is geen interactie", p("term")), fmt::format("\"{}\" is not an interaction", p("term"))};
  if (key == "not_hierarchical")
    return {"model is niet hiërarchisch", "model is not hierarchical"};
  if (key == "term_on_empty_list")
    return {fmt::format("term {} gebruikt een lege lijst", p("term")), fmt::format("term {} uses an empty list", p("term"))};
  if (key == "out_of_range")
    return {fmt::format("waarde buiten bereik ({} tot {})", p("min"), p("max")),
            fmt::format("value out of range ({} to {})", p("min"), p("max"))};
  return {key, key};
}

std::string Location(const FieldError& f, bool nl) {
  std::string line = Param(f.params, "line"), column = Param(f.params, "column");
  if (line.empty()) return f.pointer;
  if (column == "*") return nl ? "regel " + line : "line " + line;
  return nl ? fmt::format("regel {}, kolom {}", line, column) : fmt::format("line {}, column {}", line, column);
}

void PrintError(const std::string& file, const Status& s) {
  if (s.fields().empty()) {
    fmt::print(stderr, "{}: fout / error: {}\n", file, s.message());
    return;
  }
  const FieldError& f = s.fields()[0];
  auto [nl, en] = ErrorText(f);
  if (Param(f.params, "line").empty()) {  // an option or the table as a whole
    fmt::print(stderr, "{} ({}): {} / {}\n", file, f.pointer, nl, en);
    return;
  }
  std::string prefix = file.empty() ? "" : file + ":";
  fmt::print(stderr, "{}{}: {} / {}: {}\n", prefix, Location(f, true), nl, Location(f, false), en);
}

std::string WarningText(const Warning& w, bool nl) {
  auto p = [&](const char* k) { return Param(w.params, k); };
  if (w.code == "list_empty")
    return nl ? fmt::format("lijst {} bevat niemand en is weggelaten", p("list"))
              : fmt::format("list {} contains nobody and was left out", p("list"));
  if (w.code == "model_refused") {
    std::string reason = p("reason");
    std::string why_nl = reason == "not_identifiable" ? "niet identificeerbaar"
                         : reason == "not_converged"  ? "de berekening convergeerde niet"
                         : reason == "not_exist"      ? "de schatting bestaat niet (oneindig)"
                                                      : "de schatting bestaat niet en is niet identificeerbaar";
    std::string why_en = reason == "not_identifiable" ? "not identifiable"
                         : reason == "not_converged"  ? "the computation did not converge"
                         : reason == "not_exist"      ? "the estimate does not exist (infinite)"
                                                      : "the estimate does not exist and is not identifiable";
    return nl ? fmt::format("model {} geweigerd: {}", p("model"), why_nl)
              : fmt::format("model {} refused: {}", p("model"), why_en);
  }
  if (w.code == "models_refused")
    return nl ? fmt::format("{} van {} bekeken modellen geweigerd (schatting bestaat niet of is niet identificeerbaar)", p("count"), p("of"))
              : fmt::format("{} of {} models considered were refused (estimate does not exist or is not identifiable)", p("count"), p("of"));
  if (w.code == "empty_overlap")
    return nl ? fmt::format("lijsten {} hebben niemand gemeen; die combinatie is als structureel nul behandeld", p("term"))
              : fmt::format("lists {} have nobody in common; that combination is treated as a structural zero", p("term"));
  if (w.code == "no_estimable_model")
    return nl ? "geen enkel model geeft een bruikbare schatting; er wordt geen getal gegeven"
              : "no model gives a usable estimate; no number is given";
  if (w.code == "exhaustive_fallback")
    return nl ? fmt::format("te veel modellen voor volledig zoeken bij {} lijsten; stapsgewijs gezocht ({} modellen)", p("lists"), p("models"))
              : fmt::format("too many models for a full search with {} lists; searched step by step ({} models)", p("lists"), p("models"));
  if (w.code == "bootstrap_failures")
    return nl ? fmt::format("{} van {} bootstrap-herhalingen gaven geen schatting en zijn weggelaten", p("count"), p("of"))
              : fmt::format("{} of {} bootstrap replicates gave no estimate and were left out", p("count"), p("of"));
  if (w.code == "few_overlaps")
    return nl ? fmt::format("slechts {} personen staan op meer dan één lijst; de schatting is onzeker", p("count"))
              : fmt::format("only {} people are on more than one list; the estimate is uncertain", p("count"));
  if (w.code == "too_few_informative_lists")
    return nl ? fmt::format("slechts {} lijst(en) bevatten iemand; er zijn er minstens twee nodig", p("count"))
              : fmt::format("only {} list(s) contain anybody; at least two are needed", p("count"));
  if (w.code == "interval_open")
    return nl ? fmt::format("het interval is aan de {} kant open", p("side") == "low" ? "onder" : "boven")
              : fmt::format("the interval is open on the {} side", p("side"));
  return w.code;
}

std::string Number(double x, bool nl) {
  if (!std::isfinite(x)) return nl ? "onbegrensd" : "unbounded";
  auto v = static_cast<long long>(std::llround(x));
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += nl ? '.' : ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string KindText(const std::string& kind, bool nl) {
  if (kind == "wald") return "Wald";
  if (kind == "profile") return nl ? "profiel-aannemelijkheid" : "profile likelihood";
  if (kind == "bootstrap-bca") return "bootstrap BCa";
  if (kind == "bootstrap-percentile") return "bootstrap percentiel";
  if (kind == "wald-sum") return nl ? "Wald, opgeteld" : "Wald, summed";
  return kind;
}

std::string DutchDecimal(std::string s) {
  for (char& ch : s)
    if (ch == '.') ch = ',';
  return s;
}

std::string MethodText(const EstimateArgs& a, bool nl) {
  if (a.method == "main") return nl ? "alleen hoofdeffecten (lijsten onafhankelijk)" : "main effects only (lists independent)";
  if (a.method == "stepwise")
    return nl ? fmt::format("stapsgewijs (SparseMSE, drempel {})", DutchDecimal(fmt::format("{}", a.threshold)))
              : fmt::format("stepwise (SparseMSE, threshold {})", a.threshold);
  if (a.method == "exhaustive")
    return nl ? fmt::format("alle modellen, beste {}", a.criterion == "aic" ? "AIC" : "BIC")
              : fmt::format("all models, best {}", a.criterion == "aic" ? "AIC" : "BIC");
  return nl ? "vast model" : "fixed model";
}

nlohmann::json IntervalJson(const std::optional<Interval>& ci) {
  if (!ci) return nullptr;
  auto num = [](double x) -> nlohmann::json { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  return {{"level", ci->level}, {"low", num(ci->low)}, {"high", num(ci->high)}, {"kind", ci->kind}};
}

nlohmann::json WarningsJson(const std::vector<Warning>& ws, bool nl) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : ws) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : w.params) params[k] = v;
    out.push_back({{"code", w.code}, {"message", WarningText(w, nl)}, {"params", params}});
  }
  return out;
}

nlohmann::json EstimateJson(const Estimate& e, bool nl) {
  auto opt = [](const std::optional<double>& x) -> nlohmann::json { return x ? nlohmann::json(*x) : nlohmann::json(nullptr); };
  nlohmann::json j = {{"lists", e.lists},
                      {"observed", e.observed},
                      {"estimate", opt(e.total)},
                      {"dark", opt(e.dark)},
                      {"model", {{"terms", e.terms}}},
                      {"method", e.method},
                      {"ci", IntervalJson(e.ci)},
                      {"warnings", WarningsJson(e.warnings, nl)},
                      {"modelsFitted", e.models_fitted}};
  if (e.wald && e.ci && e.ci->kind != "wald") j["wald"] = IntervalJson(e.wald);
  return j;
}

void PrintEstimateText(const Estimate& e, const EstimateArgs& a, bool nl, const std::string& indent) {
  std::string lists;
  for (const auto& l : e.lists) lists += (lists.empty() ? "" : ", ") + l;
  fmt::print("{}{}: {} ({})\n", indent, nl ? "Lijsten" : "Lists", lists, e.lists.size());
  fmt::print("{}{}: {}\n", indent, nl ? "Gezien (op minstens één lijst)" : "Seen (on at least one list)",
             Number(static_cast<double>(e.observed), nl));
  if (e.total) {
    fmt::print("{}{}: {}\n", indent, nl ? "Geschat totaal" : "Estimated total", Number(*e.total, nl));
    fmt::print("{}{}: {}\n", indent, nl ? "Door geen enkele lijst gezien (dark number)" : "Seen by no list (dark figure)",
               Number(*e.dark, nl));
    if (e.ci) {
      fmt::print("{}{}: {} {} {} ({})\n", indent,
                 nl ? fmt::format("{}%-betrouwbaarheidsinterval totaal", std::lround(e.ci->level * 100))
                    : fmt::format("{}% confidence interval for the total", std::lround(e.ci->level * 100)),
                 Number(e.ci->low, nl), nl ? "tot" : "to", Number(e.ci->high, nl), KindText(e.ci->kind, nl));
    }
    std::string terms;
    for (const auto& t : e.terms) terms += (terms.empty() ? "" : ", ") + t;
    fmt::print("{}{}: {}\n", indent, nl ? "Model" : "Model", terms);
  } else {
    fmt::print("{}{}\n", indent, nl ? "Geen schatting mogelijk." : "No estimate possible.");
  }
  fmt::print("{}{}: {}\n", indent, nl ? "Methode" : "Method", MethodText(a, nl));
  for (const auto& w : e.warnings)
    fmt::print("{}{}: {}\n", indent, nl ? "Let op" : "Note", WarningText(w, nl));
}

int RunEstimate(const EstimateArgs& a) {
  const bool nl = a.lang != "en";
  std::ifstream in(a.input, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "{}: bestand niet te openen / cannot open file\n", a.input);
    return kExitUnavailable;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  Result<stats::CaptureCsv> csv = stats::ParseCaptureCsv(buf.str(), a.by);
  if (!csv.ok()) {
    PrintError(a.input, csv.error());
    return ExitCodeFor(csv.error());
  }
  stats::EstimateOptions o;
  o.method = a.method == "main"         ? stats::Method::kMain
             : a.method == "exhaustive" ? stats::Method::kExhaustive
                                        : stats::Method::kStepwise;
  if (!a.model.empty()) {
    Result<std::vector<stats::Term>> terms = stats::ParseTerms(a.model, csv->lists);
    if (!terms.ok()) {
      PrintError("--model", terms.error());
      return kExitUsage;
    }
    o.method = stats::Method::kFixed;
    o.fixed_terms = *terms;
  }
  o.threshold = a.threshold;
  o.criterion = a.criterion == "aic" ? stats::Criterion::kAic : stats::Criterion::kBic;
  o.max_order = a.max_order;
  o.level = a.level;
  o.interval = a.interval == "profile" ? stats::IntervalKind::kProfile : stats::IntervalKind::kWald;
  o.bootstrap = a.bootstrap;
  o.bootstrap_kind = a.bootstrap_type == "nonparametric" ? stats::BootstrapKind::kNonparametric
                                                         : stats::BootstrapKind::kParametric;
  o.seed = a.seed;
  o.threads = a.threads;
  if (a.bootstrap >= 50 && !a.quiet) {
    o.progress = [](int done, int total) {
      fmt::print(stderr, "\rbootstrap {}/{}", done, total);
      if (done == total) fmt::print(stderr, "\n");
    };
  }
  EstimateArgs shown = a;
  if (!a.model.empty()) shown.method = "fixed";
  if (a.by.empty()) {
    Result<Estimate> e = stats::EstimatePopulation(csv->strata[0].second, o);
    if (!e.ok()) {
      PrintError(a.input, e.error());
      return ExitCodeFor(e.error());
    }
    if (a.format == "json") {
      fmt::print("{}\n", EstimateJson(*e, nl).dump(2));
    } else {
      fmt::print("{}\n", nl ? "Schatting van het totale aantal slachtoffers (multiple systems estimation)"
                            : "Estimate of the total number of victims (multiple systems estimation)");
      PrintEstimateText(*e, shown, nl, "");
    }
    return e->total ? kExitOk : kExitFailure;
  }
  Result<stats::StrataEstimate> s = stats::EstimateStrata(csv->strata, o);
  if (!s.ok()) {
    PrintError(a.input, s.error());
    return ExitCodeFor(s.error());
  }
  if (a.format == "json") {
    nlohmann::json strata = nlohmann::json::array();
    for (const auto& st : s->strata) {
      nlohmann::json j = EstimateJson(st.estimate, nl);
      j["stratum"] = st.stratum;
      strata.push_back(j);
    }
    auto opt = [](const std::optional<double>& x) -> nlohmann::json { return x ? nlohmann::json(*x) : nlohmann::json(nullptr); };
    nlohmann::json out = {{"by", a.by},
                          {"strata", strata},
                          {"total",
                           {{"observed", s->observed}, {"estimate", opt(s->total)}, {"dark", opt(s->dark)}, {"ci", IntervalJson(s->ci)}}},
                          {"warnings", WarningsJson(s->warnings, nl)}};
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print("{}\n", nl ? "Schatting per groep (multiple systems estimation)" : "Estimate per group (multiple systems estimation)");
    for (const auto& st : s->strata) {
      fmt::print("\n{} = {}\n", a.by, st.stratum);
      PrintEstimateText(st.estimate, shown, nl, "  ");
    }
    fmt::print("\n{}\n", nl ? "Som over alle groepen" : "Sum over all groups");
    fmt::print("  {}: {}\n", nl ? "Gezien" : "Seen", Number(static_cast<double>(s->observed), nl));
    if (s->total) {
      fmt::print("  {}: {}\n", nl ? "Geschat totaal" : "Estimated total", Number(*s->total, nl));
      if (s->ci)
        fmt::print("  {}: {} {} {} ({})\n",
                   nl ? fmt::format("{}%-betrouwbaarheidsinterval totaal", std::lround(s->ci->level * 100))
                      : fmt::format("{}% confidence interval for the total", std::lround(s->ci->level * 100)),
                   Number(s->ci->low, nl), nl ? "tot" : "to", Number(s->ci->high, nl), KindText(s->ci->kind, nl));
    } else {
      fmt::print("  {}\n", nl ? "Geen som: niet elke groep heeft een schatting." : "No sum: not every group has an estimate.");
    }
  }
  return s->total ? kExitOk : kExitFailure;
}

}  // namespace

void AddEstimateCommand(CLI::App& app) {
  auto args = std::make_shared<EstimateArgs>();
  auto* cmd = app.add_subcommand(
      "estimate",
      "Schat het totale aantal (ook ongeziene) slachtoffers uit overlap tussen lijsten / "
      "estimate the total number of victims, including unseen ones, from the overlap between lists");
  cmd->add_option("--input", args->input, "CSV: één 0/1-kolom per lijst en kolom count / one 0/1 column per list and a count column")
      ->required();
  cmd->add_option("--format", args->format, "text of json / text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--lang", args->lang, "nl of en / nl or en")->check(CLI::IsMember({"nl", "en"}));
  cmd->add_option("--method", args->method, "main, stepwise of exhaustive / main, stepwise or exhaustive")
      ->check(CLI::IsMember({"main", "stepwise", "exhaustive"}));
  cmd->add_option("--threshold", args->threshold, "p-waardedrempel voor stepwise / p-value threshold for stepwise (0.02)")
      ->check(CLI::Range(1e-12, 1.0));
  cmd->add_option("--criterion", args->criterion, "aic of bic (exhaustive) / aic or bic")->check(CLI::IsMember({"aic", "bic"}));
  cmd->add_option("--max-order", args->max_order, "hoogste orde van interacties (exhaustive) / highest interaction order")
      ->check(CLI::Range(2, 12));
  cmd->add_option("--model", args->model, "vast model, bijv. \"A:B,B:C\" / fixed model, e.g. \"A:B,B:C\"");
  cmd->add_option("--level", args->level, "betrouwbaarheidsniveau / confidence level (0.95)")->check(CLI::Range(0.5, 0.999));
  cmd->add_option("--interval", args->interval, "wald of profile / wald or profile")->check(CLI::IsMember({"wald", "profile"}));
  cmd->add_option("--bootstrap", args->bootstrap, "aantal bootstrap-herhalingen / number of bootstrap replicates")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--bootstrap-type", args->bootstrap_type, "parametric of nonparametric / parametric or nonparametric")
      ->check(CLI::IsMember({"parametric", "nonparametric"}));
  cmd->add_option("--seed", args->seed, "startwaarde toevalsgenerator / random seed (1)");
  cmd->add_option("--threads", args->threads, "aantal threads (0 = alle kernen) / threads (0 = all cores)")->check(CLI::Range(0, 256));
  cmd->add_option("--by", args->by, "kolom met groepen (jaar, regio, vorm) / stratum column (year, region, form)");
  cmd->add_flag("--quiet", args->quiet, "geen voortgang op stderr / no progress on stderr");
  cmd->callback([args] {
    int code = RunEstimate(*args);
    if (code != kExitOk) throw ExitWith{code};
  });
}

}  // namespace drieluik::cli
