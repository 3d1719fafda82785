#include "demo/national.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <random>

namespace drieluik::demo {

using namespace domain;

namespace {

// Filler words: most of a description, never searched for.
const char* const kFiller[] = {"de", "het", "een", "en", "van", "in", "op", "met", "bij", "dat", "die", "ze",
                               "er", "zijn", "werd", "gezien", "mannen", "vrouwen", "avond", "later", "ook",
                               "niet", "meerdere", "keren", "adres", "melder", "zegt", "volgens", "buurt", "week"};
const char* const kForms[] = {"ARBEID", "SEKS", "CRIMINEEL", "ORGAAN", "OVERIG", "ONBEKEND"};
const int kFormWeights[] = {40, 35, 15, 2, 5, 3};
const char* const kFirst[] = {"Anna", "Piotr", "Maria", "Ahmed", "Sanne", "Ioana", "Kofi", "Lena", "Tomasz", "Fatima"};
const char* const kLast[] = {"K.", "de V.", "N.", "B.", "M.", "P.", "S.", "O.", "J.", "R."};

}  // namespace

const std::vector<std::string>& NationalSearchWords() {
  static const std::vector<std::string> words = {
      "loods",     "kwekerij",   "paspoort",   "uitzendbureau", "matrassen", "massagesalon", "loverboy",
      "chauffeur", "nagelstudio", "bouwplaats", "schuld",       "boete",     "telefoon",     "advertentie",
      "hotel",     "vakantiepark", "restaurant", "autowasstraat", "opvang",   "minderjarig",  "camping",
      "distributiecentrum", "schoonmaak", "slachterij", "kas", "bus", "drugs", "winkeldiefstal", "bedelen",
      "bankrekening"};
  return words;
}

std::vector<NationalMunicipality> NationalMunicipalities(const Catalog& catalog,
                                                        const std::vector<ReferenceMunicipality>& list) {
  std::map<std::string, int> known;
  for (const auto& m : catalog.municipalities()) known[m.code] = m.population;
  long long real = 0;
  int unknown = 0;
  for (const auto& r : list) {
    auto it = known.find(r.code);
    if (it != known.end()) real += it->second; else ++unknown;
  }
  int share = unknown == 0 ? 0 : std::max(1000, static_cast<int>((17'900'000.0 - real) / unknown));
  std::vector<NationalMunicipality> out;
  for (const auto& r : list) {
    auto it = known.find(r.code);
    out.push_back({r.code, r.name, r.province, it != known.end() ? it->second : share});
  }
  return out;
}

Status GenerateNational(const std::vector<NationalMunicipality>& municipalities, const NationalOptions& o,
                        const std::function<Status(const NationalSignal&)>& sink) {
  if (municipalities.empty()) return Status::InvalidArgument("no municipalities");
  std::mt19937_64 rng(o.seed);
  std::vector<double> weights;
  for (const auto& m : municipalities) weights.push_back(m.population);
  std::discrete_distribution<std::size_t> where(weights.begin(), weights.end());
  std::discrete_distribution<int> form_pick(std::begin(kFormWeights), std::end(kFormWeights));
  const auto& statuses = AllValues<SignalStatus>();
  const auto& words = NationalSearchWords();
  const std::int64_t span = static_cast<std::int64_t>(o.years) * 365 * 24 * 3600 * 1000LL;
  const std::int64_t end = o.end.time_since_epoch().count();
  const std::int64_t start = end - span;
  for (std::int64_t i = 0; i < o.signals; ++i) {
    NationalSignal s;
    s.id = i + 1;
    // Received times rise with the id (as in real intake), with jitter.
    std::int64_t at = start + static_cast<std::int64_t>(static_cast<long double>(span) * i / o.signals) +
                      static_cast<std::int64_t>(rng() % 3600000);
    s.received_at = TimePoint(std::chrono::milliseconds(std::min(at, end)));
    int year = 1970 + static_cast<int>(s.received_at.time_since_epoch().count() / 31556952000LL);
    char ref[32];
    std::snprintf(ref, sizeof ref, "MH-%d-N%05llX", year, static_cast<unsigned long long>(s.id));
    s.reference_code = ref;
    s.status = statuses[rng() % statuses.size()];
    s.urgency = rng() % 20 == 0 ? "high" : "normal";
    SignalContent& c = s.content;
    c.channel = rng() % 4 == 0 ? Channel::kPublicForm : Channel::kProfessional;
    c.received_at = s.received_at;
    c.municipality = municipalities[where(rng)].code;
    c.summary = "Signaal " + std::to_string(s.id);
    // 28 filler words and 2 theme words: each theme word is in about 1 in 15 signals.
    for (int w = 0; w < 30; ++w)
      c.description += std::string(w % 15 == 7 ? words[rng() % words.size()].c_str()
                                               : kFiller[rng() % std::size(kFiller)]) +
                       (w % 7 == 6 ? ". " : " ");
    c.location = "Plaats " + std::to_string(rng() % 1000);
    int first = form_pick(rng);
    c.forms.push_back(kForms[first]);
    if (rng() % 5 == 0) {
      int second = form_pick(rng);
      if (second != first) c.forms.push_back(kForms[second]);
    }
    c.persons = {{PersonRole::kPossibleVictim,
                  std::string(kFirst[rng() % std::size(kFirst)]) + " " + kLast[rng() % std::size(kLast)],
                  std::nullopt, 16 + static_cast<int>(rng() % 40), rng() % 3 == 0 ? Gender::kMale : Gender::kFemale,
                  "NL", ""}};
    DRIELUIK_RETURN_IF_ERROR(sink(s));
  }
  return Status::Ok();
}

}  // namespace drieluik::demo
