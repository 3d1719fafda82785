#include "demo/demo_region.h"

#include <array>
#include <random>

namespace drieluik::demo {
namespace {

using namespace drieluik::domain;

struct Town {
  const char* municipality;
  const char* name;
  const char* postcode_prefix;  // first two digits of the area's postcodes
};

constexpr std::array<Town, 30> kTowns = {{
    {"GM0014", "Groningen", "97"}, {"GM0014", "Haren", "97"}, {"GM0014", "Ten Boer", "97"},
    {"GM0037", "Stadskanaal", "95"}, {"GM0037", "Musselkanaal", "95"}, {"GM0047", "Veendam", "96"},
    {"GM0047", "Wildervank", "96"}, {"GM0765", "Oude Pekela", "96"}, {"GM0765", "Nieuwe Pekela", "96"},
    {"GM1895", "Winschoten", "96"}, {"GM1895", "Scheemda", "96"}, {"GM1895", "Finsterwolde", "96"},
    {"GM1950", "Ter Apel", "95"}, {"GM1950", "Vlagtwedde", "95"}, {"GM1950", "Sellingen", "95"},
    {"GM1950", "Bourtange", "95"}, {"GM1952", "Hoogezand", "96"}, {"GM1952", "Sappemeer", "96"},
    {"GM1952", "Slochteren", "96"}, {"GM1966", "Uithuizen", "99"}, {"GM1966", "Winsum", "99"},
    {"GM1966", "Bedum", "97"}, {"GM1969", "Leek", "93"}, {"GM1969", "Zuidhorn", "98"},
    {"GM1969", "Marum", "93"}, {"GM1979", "Delfzijl", "99"}, {"GM1979", "Appingedam", "99"},
    {"GM1979", "Loppersum", "99"}, {"GM0014", "Groningen", "97"}, {"GM0014", "Groningen", "97"},
}};

constexpr std::array<const char*, 16> kStreets = {
    "Hoofdstraat", "Kerkstraat", "Stationsweg", "Industrieweg", "Dorpsstraat", "Molenweg", "Kanaalweg",
    "Schoolstraat", "Parallelweg", "Havenstraat", "Nieuweweg", "Julianalaan", "Beatrixlaan", "Marktplein",
    "Oosterstraat", "Zuiderweg"};

struct NamePool {
  const char* nationality;
  std::array<const char*, 6> first_female;
  std::array<const char*, 6> first_male;
  std::array<const char*, 6> last;
};

constexpr std::array<NamePool, 6> kNames = {{
    {"NL", {"Lotte", "Sanne", "Fleur", "Iris", "Noa", "Eva"}, {"Daan", "Bram", "Sem", "Luuk", "Thijs", "Jesse"},
     {"de Boer", "Mulder", "Bakker", "Visser", "Smit", "Dijkstra"}},
    {"PL", {"Agnieszka", "Katarzyna", "Magda", "Ewa", "Joanna", "Anna"}, {"Piotr", "Tomasz", "Marek", "Pawel", "Jan", "Krzysztof"},
     {"Kowalski", "Nowak", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski"}},
    {"RO", {"Ioana", "Elena", "Maria", "Andreea", "Ana", "Mihaela"}, {"Andrei", "Ionut", "Mihai", "Florin", "Adrian", "Vasile"},
     {"Popescu", "Ionescu", "Dumitru", "Stan", "Stoica", "Gheorghe"}},
    {"BG", {"Desislava", "Galina", "Maria", "Ivana", "Petya", "Yana"}, {"Georgi", "Ivan", "Dimitar", "Nikolay", "Stefan", "Todor"},
     {"Ivanov", "Petrov", "Dimitrov", "Georgiev", "Nikolov", "Stoyanov"}},
    {"NG", {"Blessing", "Joy", "Precious", "Faith", "Gift", "Mercy"}, {"Emeka", "Chidi", "Tunde", "Ikenna", "Samuel", "Femi"},
     {"Okafor", "Adeyemi", "Obi", "Eze", "Nwosu", "Balogun"}},
    {"VN", {"Linh", "Mai", "Huong", "Thao", "Lan", "Ngoc"}, {"Minh", "Tuan", "Duc", "Hung", "Nam", "Quang"},
     {"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"}},
}};

struct Scenario {
  std::vector<std::string> forms;
  const char* summary;
  const char* description;
  std::vector<std::string> indicators;  // pool; 1..n are picked
  std::vector<VulnerableGroup> groups;
  int victim_age_min, victim_age_max;
  int nationality;  // index in kNames, -1 = any
  bool business, vehicle, perpetrator;
  const char* sector;
  int weight;
};

const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> s = {
      {{"ARBEID"}, "Arbeidsmigranten slapen in loods bij kwekerij",
       "Bij een controle zagen we matrassen in een loods achter de kwekerij. De mannen vertellen dat hun paspoorten "
       "bij het uitzendbureau liggen en dat ze zes dagen per week lange dagen maken.",
       {"ILO07", "ILO11", "ARB-10", "NL-1A-05", "ARB-02", "ILO08"}, {VulnerableGroup::kLabourMigrant}, 19, 45, 1,
       true, true, false, "agrarisch", 16},
      {{"ARBEID"}, "Schoonmakers krijgen al maanden geen loon",
       "Een schoonmaakster vertelt de wijkverpleegkundige dat zij en haar collega's al drie maanden niet zijn "
       "betaald. De baas zegt dat ze eerst hun 'reisschuld' moeten afbetalen.",
       {"ILO08", "ILO09", "ARB-03", "ARB-07", "NL-1B-01"}, {VulnerableGroup::kLabourMigrant}, 22, 55, 2, true, false,
       true, "schoonmaak", 10},
      {{"ARBEID"}, "Medewerkers nagelstudio lijken in de zaak te wonen",
       "Buurtbewoners zien 's avonds laat nog licht en mensen in de nagelstudio. Er worden matrassen naar binnen "
       "gedragen. De medewerkers spreken geen Nederlands en worden steeds door dezelfde man gebracht.",
       {"NL-1A-06", "ILO04", "NL-1A-07", "ARB-10"}, {VulnerableGroup::kUndocumented}, 17, 30, 5, true, true, true,
       "persoonlijke verzorging", 6},
      {{"ARBEID"}, "Chauffeurs maken dagen van zestien uur",
       "Een transportbedrijf laat buitenlandse chauffeurs in de cabine slapen. Volgens een chauffeur worden boetes "
       "van zijn loon ingehouden en kan hij niet weg omdat zijn papieren bij de planner liggen.",
       {"ILO11", "ILO07", "ARB-01", "ARB-09"}, {VulnerableGroup::kLabourMigrant}, 25, 58, 3, true, true, false,
       "transport en logistiek", 5},
      {{"SEKS"}, "Meisje wordt na school opgehaald door oudere jongen",
       "Mentor meldt dat een leerling van 15 sinds kort dure spullen heeft, vaak spijbelt en na school wordt "
       "opgehaald door een oudere jongen in een dure auto. Ze is teruggetrokken en haar telefoon gaat voortdurend.",
       {"SEKS-G-01", "SEKS-G-06", "SEKS-H-02", "SEKS-U-01"}, {VulnerableGroup::kMinor}, 14, 17, 0, false, true,
       true, "", 9},
      {{"SEKS"}, "Advertenties voor thuisprostitutie vanuit huurwoning",
       "Op een advertentiesite staan steeds andere vrouwen met hetzelfde telefoonnummer en adres. De verhuurder "
       "ziet 's nachts veel mannen komen en gaan. De vrouwen lijken de stad niet te kennen.",
       {"NL-1A-05", "NL-4-04", "SEKS-U-02", "ILO03"}, {VulnerableGroup::kSexWorker}, 19, 30, 4, false, false, true,
       "", 8},
      {{"SEKS"}, "Vrouw in opvang spreekt over schuld aan 'vriend'",
       "In de vrouwenopvang vertelt een cliënte dat haar vriend haar reis naar Nederland heeft betaald en dat ze "
       "die schuld moet terugverdienen met 'werk met mannen'. Ze is bang voor wat er met haar familie gebeurt.",
       {"NL-1B-01", "NL-4-01", "ILO06", "SEKS-U-04", "ILO09"}, {VulnerableGroup::kUndocumented}, 18, 28, 4, false,
       false, true, "", 6},
      {{"SEKS"}, "Jonge vrouw met licht verstandelijke beperking benaderd via sociale media",
       "Begeleider van een woonvoorziening ziet dat een bewoonster (LVB) contact heeft met een onbekende man die "
       "haar cadeaus geeft en vraagt foto's te sturen. Ze is 's nachts soms weg.",
       {"SEKS-H-03", "SEKS-G-01", "ILO01"}, {VulnerableGroup::kLvb}, 18, 24, 0, false, false, true, "", 5},
      {{"CRIMINEEL"}, "Jongeren geronseld als drugskoerier bij school",
       "Jongerenwerker hoort dat scholieren van 14 en 15 geld krijgen om pakketjes rond te brengen. Wie stopt, krijgt "
       "een 'schuld' en wordt bedreigd.",
       {"CRIM-01", "CRIM-04", "NL-1B-01", "ILO06"}, {VulnerableGroup::kMinor}, 13, 17, 0, false, true, true, "", 7},
      {{"CRIMINEEL"}, "Kwetsbare man laat woning gebruiken voor hennepteelt",
       "Bewindvoerder meldt dat een cliënt met schulden zijn zolder 'verhuurt' aan mannen die hij niet kent. Er "
       "hangt een sterke lucht en de stroomrekening is verdubbeld. De cliënt lijkt bang.",
       {"CRIM-03", "ILO01", "ILO06"}, {VulnerableGroup::kLvb}, 35, 60, 0, false, false, true, "", 5},
      {{"CRIMINEEL"}, "Kinderen herhaaldelijk aangehouden voor winkeldiefstal",
       "Wijkagent ziet dat dezelfde groep kinderen steeds wordt aangehouden voor winkeldiefstal in verschillende "
       "plaatsen. Ze worden door een volwassene met een bus gebracht en opgehaald.",
       {"CRIM-02", "NL-2-01"}, {VulnerableGroup::kMinor, VulnerableGroup::kRunawayMinor}, 11, 16, 2, false, true,
       true, "", 3},
      {{"CRIMINEEL"}, "Man wordt elke ochtend afgezet om te bedelen",
       "Winkeliers zien een man met een beperking die elke ochtend bij het winkelcentrum wordt afgezet en 's avonds "
       "wordt opgehaald. Hij geeft zijn opbrengst af aan de bestuurder.",
       {"CRIM-05", "NL-2-03", "ILO01"}, {VulnerableGroup::kMaleVictim}, 30, 60, 2, false, true, true, "", 3},
      {{"ONBEKEND"}, "Onderbuikgevoel: steeds wisselende bewoners op één adres",
       "Bij de balie burgerzaken schrijven zich in korte tijd veel verschillende mensen in op hetzelfde adres. Ze "
       "worden begeleid door dezelfde man, die het woord doet.",
       {"NL-4-04", "NL-1A-01"}, {VulnerableGroup::kLabourMigrant}, 20, 40, 3, false, false, true, "", 8},
      {{"ONBEKEND"}, "AMV met onbekende bestemming vertrokken uit opvang",
       "Een alleenstaande minderjarige vreemdeling is vertrokken uit de beschermde opvang. Eerder werd hij gebeld door "
       "een onbekend nummer en had hij plotseling geld.",
       {"SEKS-G-01", "NL-4-04"}, {VulnerableGroup::kAmv, VulnerableGroup::kMinor}, 15, 17, 5, false, false, false,
       "", 3},
      {{"ARBEID", "SEKS"}, "Horecamedewerkster moet ook 'klanten vermaken'",
       "Een serveerster vertelt een vriendin dat haar werkgever haar dwingt na sluitingstijd met klanten mee te gaan. "
       "Ze woont boven het restaurant en heeft haar paspoort niet.",
       {"ILO07", "NL-1A-06", "ILO06", "NL-2-02"}, {VulnerableGroup::kUndocumented}, 19, 30, 4, true, false, true,
       "horeca", 3},
  };
  return s;
}

Channel PickChannel(std::mt19937_64& rng) {
  static const std::array<std::pair<Channel, int>, 6> w = {{{Channel::kProfessional, 45}, {Channel::kPartner, 20},
                                                            {Channel::kPublicForm, 12}, {Channel::kPhone, 10},
                                                            {Channel::kIntegralControl, 10}, {Channel::kImport, 3}}};
  int total = 0;
  for (auto& [c, n] : w) total += n;
  int r = std::uniform_int_distribution<int>(0, total - 1)(rng);
  for (auto& [c, n] : w) {
    if (r < n) return c;
    r -= n;
  }
  return Channel::kProfessional;
}

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + std::uniform_int_distribution<int>(0, 9)(rng));
  return s;
}

std::string Letters(std::mt19937_64& rng, int n, const char* alphabet = "BDFGHJKLNPRSTXZ") {
  std::string a = alphabet, s;
  for (int i = 0; i < n; ++i) s += a[std::uniform_int_distribution<size_t>(0, a.size() - 1)(rng)];
  return s;
}

}  // namespace

Status LoadDemoRegion(SignalService& signals, const Catalog& catalog, const Clock& clock, const DemoOptions& options,
                      const std::function<void(int)>& progress) {
  std::mt19937_64 rng(options.seed);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const auto& scenarios = Scenarios();
  std::vector<int> weights;
  for (const auto& s : scenarios) weights.push_back(s.weight);
  std::discrete_distribution<int> scenario_dist(weights.begin(), weights.end());
  std::vector<std::string> orgs;
  for (const auto& o : catalog.organisations()) orgs.push_back(o.id);

  // A few addresses, phones and plates recur, as they do in reality: those are the
  // small signals that linkage brings together.
  std::vector<Address> hotspot_addresses;
  std::vector<std::string> hotspot_phones, hotspot_plates;
  for (int i = 0; i < 6; ++i) {
    const Town& t = kTowns[pick(static_cast<int>(kTowns.size()))];
    hotspot_addresses.push_back({kStreets[pick(kStreets.size())], std::to_string(1 + pick(120)),
                                 std::string(t.postcode_prefix) + Digits(rng, 2) + " " + Letters(rng, 2), t.name, ""});
    hotspot_phones.push_back("+316" + Digits(rng, 8));
    hotspot_plates.push_back(Digits(rng, 2) + "-" + Letters(rng, 3) + "-" + Digits(rng, 1));
  }

  const TimePoint now = clock.Now();
  const auto span = std::chrono::hours(24 * 365 * options.years);
  for (int n = 0; n < options.signals; ++n) {
    const Scenario& sc = scenarios[scenario_dist(rng)];
    const Town& town = kTowns[pick(static_cast<int>(kTowns.size()))];
    SignalContent c;
    c.channel = PickChannel(rng);
    auto ago = std::chrono::milliseconds(
        std::uniform_int_distribution<long long>(3600 * 1000LL, std::chrono::duration_cast<std::chrono::milliseconds>(span).count())(rng));
    c.received_at = now - ago;
    c.observed_at = *c.received_at - std::chrono::hours(1 + pick(24 * 14));
    c.municipality = town.municipality;
    if (c.channel != Channel::kPublicForm) {
      const Organisation* own = nullptr;
      for (const auto& o : catalog.organisations())
        if (o.municipality == town.municipality) own = &o;
      c.organisation = own && chance(0.6) ? own->id : orgs[pick(static_cast<int>(orgs.size()))];
      c.reporter = {false, std::string(kNames[0].first_female[pick(6)]) + " " + kNames[0].last[pick(6)],
                    catalog.FindOrganisation(c.organisation)->name, "0" + Digits(rng, 9), "", true};
    }
    c.summary = sc.summary;
    c.description = sc.description;
    c.location = std::string(kStreets[pick(kStreets.size())]) + ", " + town.name;
    c.forms = sc.forms;
    std::vector<std::string> pool = sc.indicators;
    std::shuffle(pool.begin(), pool.end(), rng);
    int k = 1 + pick(static_cast<int>(pool.size()));
    for (int i = 0; i < k; ++i) c.indicators.push_back({pool[i], ""});
    c.vulnerable_groups = sc.groups;
    c.acute_danger = chance(0.04);

    const NamePool& np = kNames[sc.nationality >= 0 ? sc.nationality : pick(kNames.size())];
    int victims = 1 + (chance(0.3) ? pick(3) : 0);
    for (int v = 0; v < victims; ++v) {
      Person p;
      p.role = PersonRole::kPossibleVictim;
      bool female = sc.forms[0] == "SEKS" ? chance(0.9) : chance(0.3);
      p.gender = female ? Gender::kFemale : Gender::kMale;
      p.name = std::string(female ? np.first_female[pick(6)] : np.first_male[pick(6)]) + " " + np.last[pick(6)];
      p.nationality = np.nationality;
      int age = sc.victim_age_min + pick(sc.victim_age_max - sc.victim_age_min + 1);
      if (chance(0.5)) {
        Date received = AmsterdamDate(*c.received_at);
        p.date_of_birth = AddDays(AddMonths(received, -12 * age), -pick(300));
      } else {
        p.estimated_age = age;
      }
      c.persons.push_back(std::move(p));
    }
    if (sc.perpetrator && chance(0.7)) {
      const NamePool& pp = kNames[chance(0.5) ? sc.nationality >= 0 ? sc.nationality : 0 : 0];
      Person p{PersonRole::kPossiblePerpetrator, std::string(pp.first_male[pick(6)]) + " " + pp.last[pick(6)],
               std::nullopt, 25 + pick(30), Gender::kMale, pp.nationality, "rijdt in een donkere auto"};
      c.persons.push_back(std::move(p));
    }
    if (chance(0.25)) c.addresses.push_back(hotspot_addresses[pick(hotspot_addresses.size())]);
    else
      c.addresses.push_back({kStreets[pick(kStreets.size())], std::to_string(1 + pick(200)),
                             std::string(town.postcode_prefix) + Digits(rng, 2) + " " + Letters(rng, 2), town.name, ""});
    if (sc.business)
      c.businesses.push_back({std::string(chance(0.5) ? "Uitzendbureau " : "") + np.last[pick(6)] + " " +
                                  (chance(0.5) ? "B.V." : "Services"),
                              Digits(rng, 8), sc.sector});
    if (chance(0.5)) c.phone_numbers.push_back({chance(0.3) ? hotspot_phones[pick(hotspot_phones.size())] : "+316" + Digits(rng, 8), ""});
    if (sc.vehicle && chance(0.6))
      c.vehicles.push_back({chance(0.3) ? hotspot_plates[pick(hotspot_plates.size())]
                                        : Digits(rng, 2) + "-" + Letters(rng, 3) + "-" + Digits(rng, 1),
                            chance(0.5) ? "witte bestelbus" : "donkere personenauto"});

    Result<Signal> created = signals.Create(c, "demo");
    if (!created.ok()) return created.status();

    // Older signals have moved on through the lifecycle.
    auto age = now - created->received_at;
    std::vector<SignalStatus> path;
    if (age > std::chrono::hours(24 * 90)) {
      path = {SignalStatus::kInIntake, SignalStatus::kForDrieluik, SignalStatus::kAssessed,
              chance(0.5) ? SignalStatus::kClosed : SignalStatus::kLinkedToCase};
    } else if (age > std::chrono::hours(24 * 21)) {
      path = {SignalStatus::kInIntake, SignalStatus::kForDrieluik};
      if (chance(0.5)) path.push_back(SignalStatus::kAssessed);
    } else if (age > std::chrono::hours(24 * 4)) {
      path = {SignalStatus::kInIntake};
    }
    Signal current = *created;
    for (SignalStatus st : path) {
      auto next = signals.Update(current.id, current.version, current.content, st, "demo");
      if (!next.ok()) return next.status();
      current = *next;
    }
    if (progress) progress(n + 1);
  }
  return Status::Ok();
}

}  // namespace drieluik::demo
