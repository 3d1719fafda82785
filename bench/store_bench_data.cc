#include "store_bench_data.h"

#include <fmt/core.h>

#include <random>

#include "domain/catalog.h"
#include "store/signal_codec.h"
#include "support/test_keys.h"

namespace drieluik::bench {

using namespace domain;

int MunicipalityCount() { return static_cast<int>(Catalog::Embedded().municipalities().size()); }
std::string MunicipalityCode(int i) { return Catalog::Embedded().municipalities()[i % MunicipalityCount()].code; }

const std::vector<std::string>& SearchWords() {
  static const std::vector<std::string> words = {
      "loods",     "kwekerij",   "paspoort",   "uitzendbureau", "matrassen", "massagesalon", "loverboy",
      "chauffeur", "nagelstudio", "bouwplaats", "schuld",       "boete",     "telefoon",     "advertentie",
      "hotel",     "vakantiepark", "restaurant", "autowasstraat", "opvang",   "minderjarig",  "camping",
      "distributiecentrum", "schoonmaak", "slachterij", "kas", "bus", "drugs", "winkeldiefstal", "bedelen",
      "bankrekening"};
  return words;
}

namespace {

// Filler words: most of a description, never searched for.
const char* const kFiller[] = {"de", "het", "een", "en", "van", "in", "op", "met", "bij", "dat", "die", "ze",
                               "er", "zijn", "werd", "gezien", "mannen", "vrouwen", "avond", "later", "ook",
                               "niet", "meerdere", "keren", "adres", "melder", "zegt", "volgens", "buurt", "week"};

const char* const kForms[] = {"ARBEID", "SEKS", "CRIMINEEL", "ORGAAN", "OVERIG", "ONBEKEND"};
const int kFormWeights[] = {40, 35, 15, 2, 5, 3};

}  // namespace

Status GenerateSignals(store::Store& s, std::int64_t n, unsigned seed) {
  auto table = [](const char* name) -> const store::TableSpec& {
    for (const auto& t : store::DumpTables())
      if (t.name == name) return t;
    std::abort();
  };
  const store::TableSpec& signals = table("signals");
  const store::TableSpec& forms = table("signal_forms");
  const store::TableSpec& history = table("signal_history");
  const store::TableSpec& words_table = table("signal_words");
  // Encrypted as the store writes them, under the test key the benchmark's server also gets.
  store::SignalProtector protector(testing::TestKeys());
  auto load = s.BeginLoad();
  if (!load.ok()) return load.status();
  DRIELUIK_RETURN_IF_ERROR(
      (*load)->Append(table("encryption_keys"), {protector.current_key_id(), protector.KeyCheckValue()}));
  std::vector<std::vector<std::int64_t>> word_keys(static_cast<std::size_t>(n));

  std::mt19937_64 rng(seed);
  std::discrete_distribution<int> form_pick(std::begin(kFormWeights), std::end(kFormWeights));
  const auto& statuses = AllValues<SignalStatus>();
  const auto& words = SearchWords();
  const std::int64_t start = 1451606400000;   // 2016-01-01
  const std::int64_t span = 315532800000;      // ten years in ms
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(n));
  std::vector<std::int64_t> received(static_cast<std::size_t>(n));
  // Received times rise with the id (as in real intake), with jitter.
  for (std::int64_t i = 0; i < n; ++i) {
    SignalContent c;
    c.channel = Channel::kProfessional;
    c.municipality = MunicipalityCode(static_cast<int>(rng() % MunicipalityCount()));
    c.summary = fmt::format("Signaal {}", i + 1);
    std::string d;
    // 28 filler words and 2 theme words: each theme word is in about 1 in 15 signals.
    for (int w = 0; w < 30; ++w)
      d += std::string(w % 15 == 7 ? words[rng() % words.size()].c_str() : kFiller[rng() % std::size(kFiller)]) +
           (w % 7 == 6 ? ". " : " ");
    c.description = d;
    c.location = "Plaats " + std::to_string(rng() % 1000);
    int first = form_pick(rng);
    mask[i] = static_cast<std::uint8_t>(1 << first);
    if (rng() % 5 == 0) mask[i] |= static_cast<std::uint8_t>(1 << form_pick(rng));
    for (int f = 0; f < 6; ++f)
      if (mask[i] & (1 << f)) c.forms.push_back(kForms[f]);
    c.persons = {{PersonRole::kPossibleVictim, "Persoon " + std::to_string(i), std::nullopt, 25, Gender::kFemale,
                  "NL", ""}};
    received[i] = start + span * i / n + static_cast<std::int64_t>(rng() % 3600000);
    SignalStatus status = statuses[rng() % statuses.size()];
    std::string ms = std::to_string(received[i]);
    auto prot = protector.Protect(c, i + 1);
    if (!prot.ok()) return prot.status();
    word_keys[static_cast<std::size_t>(i)] = std::move(prot->words);
    store::Row row = {std::to_string(i + 1),
                      fmt::format("MH-{}-{:06X}", 2016 + (received[i] - start) / 31557600000, i + 1),
                      "1",
                      std::string(ToCode(status)),
                      std::string(ToCode(c.channel)),
                      c.municipality,
                      "",
                      ms,
                      prot->summary,
                      "normal",
                      prot->document,
                      std::nullopt,
                      ms,
                      ms,
                      prot->key_id};
    DRIELUIK_RETURN_IF_ERROR((*load)->Append(signals, row));
  }
  for (std::int64_t i = 0; i < n; ++i)
    for (int f = 0; f < 6; ++f)
      if (mask[i] & (1 << f)) DRIELUIK_RETURN_IF_ERROR((*load)->Append(forms, {std::to_string(i + 1), kForms[f]}));
  for (std::int64_t i = 0; i < n; ++i)
    DRIELUIK_RETURN_IF_ERROR((*load)->Append(
        history, {std::to_string(i + 1), std::to_string(i + 1), std::to_string(received[i]), "created", "demo", "[]"}));
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t w : word_keys[static_cast<std::size_t>(i)])
      DRIELUIK_RETURN_IF_ERROR((*load)->Append(words_table, {std::to_string(i + 1), std::to_string(w)}));
  return (*load)->Commit();
}

}  // namespace drieluik::bench
