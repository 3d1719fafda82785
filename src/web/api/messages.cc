#include "web/api/messages.h"

#include <map>

namespace drieluik::web::api {
namespace {

struct Texts {
  const char* nl;
  const char* en;
};

const std::map<std::string, Texts, std::less<>>& Table() {
  static const std::map<std::string, Texts, std::less<>> t = {
      // Field errors.
      {"required", {"Dit veld is verplicht.", "This field is required."}},
      {"too_long", {"Maximaal {max} tekens.", "At most {max} characters."}},
      {"too_many", {"Maximaal {max} regels.", "At most {max} entries."}},
      {"unknown_code", {"Onbekende waarde '{value}'.", "Unknown value '{value}'."}},
      {"duplicate", {"'{value}' staat er al.", "'{value}' is listed twice."}},
      {"future_date", {"De datum ligt in de toekomst.", "The date is in the future."}},
      {"after_received", {"Waargenomen na ontvangst van de melding kan niet.", "Observed after the signal was received is not possible."}},
      {"too_early", {"De datum ligt te ver in het verleden.", "The date is too far in the past."}},
      {"out_of_range", {"Moet tussen {min} en {max} liggen.", "Must be between {min} and {max}."}},
      {"invalid_country", {"Gebruik een landcode van twee hoofdletters, zoals NL of PL.", "Use a two-letter country code such as NL or PL."}},
      {"invalid_postcode", {"Een postcode ziet eruit als 1234 AB.", "A Dutch postcode looks like 1234 AB."}},
      {"invalid_kvk", {"Een KvK-nummer heeft 8 cijfers.", "A KvK number has 8 digits."}},
      {"invalid_phone", {"Geen geldig telefoonnummer.", "Not a valid phone number."}},
      {"invalid_plate", {"Geen geldig kenteken.", "Not a valid licence plate."}},
      {"invalid_email", {"Geen geldig e-mailadres.", "Not a valid e-mail address."}},
      {"empty_entry", {"Vul ten minste één veld in of verwijder de regel.", "Fill in at least one field or remove the entry."}},
      {"transition_not_allowed", {"Van status '{from}' naar '{to}' is niet toegestaan.", "Changing status from '{from}' to '{to}' is not allowed."}},
      {"invalid_cursor", {"Ongeldige paginacursor.", "Invalid page cursor."}},
      {"before_from", {"De einddatum moet na de begindatum liggen.", "The end date must be after the start date."}},
      {"malformed_json", {"De invoer is geen geldige JSON: {detail}", "The input is not valid JSON: {detail}"}},
      {"wrong_type", {"Verwacht: {expected}.", "Expected: {expected}."}},
      {"unknown_field", {"Onbekend veld.", "Unknown field."}},
      {"read_only", {"Dit veld kan niet worden gewijzigd.", "This field cannot be changed."}},
      {"invalid_value", {"Ongeldige waarde; toegestaan: {allowed}.", "Invalid value; allowed: {allowed}."}},
      {"invalid_date", {"Geen geldige datum (JJJJ-MM-DD).", "Not a valid date (YYYY-MM-DD)."}},
      {"invalid_timestamp", {"Geen geldig tijdstip (RFC 3339, bijvoorbeeld 2026-11-28T10:15:00+01:00).", "Not a valid time (RFC 3339, e.g. 2026-11-28T10:15:00+01:00)."}},
      {"pattern", {"Ongeldige vorm; toegestaan: {pattern}.", "Invalid form; allowed: {pattern}."}},
      {"email", {"Geen geldig e-mailadres.", "Not a valid e-mail address."}},
      {"length", {"Tussen {min} en {max} tekens.", "Between {min} and {max} characters."}},
      {"taken", {"Deze naam is al in gebruik.", "This name is already taken."}},
      {"not_in_future", {"De datum moet in de toekomst liggen.", "The date must be in the future."}},
      {"out_of_scope", {"Buiten uw gemeente of organisatie.", "Outside your municipality or organisation."}},
      {"invalid_number", {"Geen geldig getal.", "Not a valid number."}},
      {"catalog_invalid", {"Ongeldige referentiedata: {detail}", "Invalid reference data: {detail}"}},
      {"sqlite_path_missing", {"Geef een pad na 'sqlite:'.", "Give a path after 'sqlite:'."}},
      {"unknown_database_scheme", {"Onbekend databasetype '{value}'; gebruik sqlite:PAD of postgresql://...", "Unknown database type '{value}'; use sqlite:PATH or postgresql://..."}},
      // Drieluik (issue 5): meetings, agenda, assessments, cases, actions.
      {"invalid_code", {"Gebruik kleine letters, cijfers en '_' (hoogstens 40).", "Use lower-case letters, digits and '_' (at most 40)."}},
      {"meeting.not_recurring", {"Overleg '{value}' heeft geen vast ritme.", "Meeting type '{value}' does not recur."}},
      {"meeting.cancelled", {"Dit overleg is geannuleerd.", "This meeting was cancelled."}},
      {"agenda.signal_or_case", {"Kies een signaal of een casus (precies één).", "Choose a signal or a case (exactly one)."}},
      {"agenda.already_on_agenda", {"Dit staat al op de agenda.", "This is already on the agenda."}},
      {"agenda.order_incomplete", {"Geef elk van de {count} agendapunten precies één keer.", "List each of the {count} agenda items exactly once."}},
      {"agenda.item_assessed", {"Dit agendapunt is al beoordeeld.", "This agenda item has been assessed already."}},
      {"assessment.case_only_for_merge", {"Een casusnummer hoort alleen bij samenvoegen.", "A case number belongs to a merge only."}},
      {"assessment.open_or_merge", {"Kies casus openen óf samenvoegen, niet beide.", "Choose open a case or merge into one, not both."}},
      {"assessment.close_excludes_case", {"Afsluiten gaat niet samen met een casus openen of samenvoegen.", "Closing excludes opening or merging a case."}},
      {"assessment.suspicion_not_closed", {"Bij een vermoeden van mensenhandel wordt niet afgesloten maar opgevolgd.", "A suspicion of trafficking is followed up, not closed."}},
      {"assessment.suspicion_needs_follow_up", {"Kies bij een vermoeden ten minste één vervolgbesluit.", "With a suspicion choose at least one follow-up decision."}},
      {"assessment.case_not_found", {"Casus {value} bestaat niet.", "Case {value} does not exist."}},
      {"assessment.case_decision_needs_signal", {"Een casus openen of samenvoegen kan alleen vanuit een signaal.", "Opening or merging a case needs a signal item."}},
      {"case.signal_not_found", {"Signaal {value} bestaat niet.", "Signal {value} does not exist."}},
      {"case.merge_into_self", {"Een casus kan niet met zichzelf worden samengevoegd.", "A case cannot be merged into itself."}},
      {"case.merge_only_with_merged", {"Een doelcasus hoort alleen bij de overgang naar 'samengevoegd'.", "A target case belongs to the transition to 'merged' only."}},
      {"case.closed_or_merged", {"De casus is gesloten of samengevoegd.", "The case is closed or merged."}},
      {"case.transition.same_status", {"De casus heeft status '{to}' al.", "The case is already '{to}'."}},
      {"case.transition.final", {"Een samengevoegde casus verandert niet meer (van '{from}' naar '{to}').", "A merged case no longer changes (from '{from}' to '{to}')."}},
      {"case.transition.reopen_first", {"Een gesloten casus gaat eerst terug naar 'open'; toegestaan: {allowed}.", "A closed case is reopened first; allowed: {allowed}."}},
      {"case.transition.not_allowed", {"Van '{from}' naar '{to}' is niet toegestaan; wel: {allowed}.", "From '{from}' to '{to}' is not allowed; allowed: {allowed}."}},
      {"action.meeting_not_found", {"Overleg {value} bestaat niet.", "Meeting {value} does not exist."}},
      // Triage: urgency.
      {"triage.urgency.acute_danger", {"Acuut gevaar gemeld: bel 112 en schakel direct de politie in.", "Acute danger reported: call 112 and involve the police at once."}},
      {"triage.urgency.minor", {"Mogelijk is een minderjarige betrokken: minderjarigen gaan voor.", "A minor may be involved: minors come first."}},
      {"triage.urgency.violence", {"Aanwijzingen voor geweld of bedreiging.", "Indications of violence or threats."}},
      {"triage.urgency.amv", {"Alleenstaande minderjarige vreemdeling (AMV).", "Unaccompanied minor alien (AMV)."}},
      {"triage.urgency.lvb", {"Licht verstandelijke beperking (LVB): extra kwetsbaar.", "Mild intellectual disability (LVB): extra vulnerable."}},
      {"triage.urgency.documents", {"Identiteitsdocumenten zijn ingenomen.", "Identity documents are retained."}},
      {"triage.urgency.organ", {"Mogelijk gedwongen orgaanverwijdering.", "Possible forced organ removal."}},
      {"triage.urgency.indicators", {"{count} indicator(en) aangekruist.", "{count} indicator(s) selected."}},
      {"triage.urgency.little_information", {"Weinig concrete informatie en geen kenmerken van spoed.", "Little concrete information and no signs of urgency."}},
      // Triage: elements of art. 273f Sr.
      {"triage.element.by_indicators", {"Aanwijzingen uit de indicatoren {codes}.", "Pointed to by the indicators {codes}."}},
      {"triage.element.act_missing", {"Nog geen aanwijzing voor een handeling (werven, vervoeren, overbrengen, huisvesten of opnemen).", "No indication yet of an act (recruiting, transporting, transferring, harbouring or receiving)."}},
      {"triage.element.means_minor", {"Minderjarige: een middel hoeft niet te worden aangetoond, voor elke vorm van uitbuiting.", "Minor: no means need to be shown, for every form of exploitation."}},
      {"triage.element.means_missing", {"Nog geen aanwijzing voor een middel (dwang, geweld, misleiding, misbruik van een kwetsbare positie).", "No indication yet of means (coercion, violence, deception, abuse of a vulnerable position)."}},
      {"triage.element.purpose_form", {"Vermoede vorm van uitbuiting: {forms}.", "Suspected form of exploitation: {forms}."}},
      {"triage.element.purpose_missing", {"Nog geen aanwijzing voor het oogmerk van uitbuiting.", "No indication yet of the purpose of exploitation."}},
      // Triage: routes.
      {"triage.route.zorgcoordinator_victim", {"Er is een mogelijk slachtoffer: de zorgcoördinator regelt opvang en zorg.", "There is a possible victim: the care coordinator arranges shelter and care."}},
      {"triage.route.zorgcoordinator_intake", {"Elk signaal loopt via de regionale intake en het Drieluik.", "Every signal goes through the regional intake and the Drieluik."}},
      {"triage.route.police_acute", {"Acuut gevaar: politie direct inschakelen.", "Acute danger: involve the police at once."}},
      {"triage.route.police_perpetrator", {"Er is een mogelijke dader in beeld: politie (TMM).", "A possible perpetrator is known: police (TMM)."}},
      {"triage.route.police_violence", {"Geweld of bedreiging: politie (TMM).", "Violence or threats: police (TMM)."}},
      {"triage.route.police_form", {"Seksuele of criminele uitbuiting: politie (TMM).", "Sexual or criminal exploitation: police (TMM)."}},
      {"triage.route.nla_form", {"Vermoeden van arbeidsuitbuiting: Nederlandse Arbeidsinspectie.", "Suspected labour exploitation: Netherlands Labour Authority."}},
      {"triage.route.nla_indicators", {"Indicatoren van arbeidsuitbuiting: Nederlandse Arbeidsinspectie.", "Indicators of labour exploitation: Netherlands Labour Authority."}},
      {"triage.route.veilig_thuis_minor", {"Minderjarige betrokken: Veilig Thuis (meldcode).", "A minor is involved: Veilig Thuis (reporting code)."}},
      {"triage.route.nidos_amv", {"AMV: Nidos als voogd, plaatsing in Beschermde Opvang.", "AMV: Nidos as guardian, placement in protected shelter."}},
      {"triage.route.comensha_registration", {"Mogelijk slachtoffer: aanmelden bij CoMensha (toestemming nodig, behalve voor politie, KMar en NLA).", "Possible victim: register with CoMensha (consent needed, except for police, KMar and NLA)."}},
      {"triage.route.riec_business", {"Bedrijven betrokken: RIEC voor de bestuurlijke aanpak.", "Businesses involved: RIEC for the administrative approach."}},
      {"triage.route.riec_network", {"Meerdere mogelijke daders: RIEC (georganiseerde criminaliteit).", "Several possible perpetrators: RIEC (organised crime)."}},
  };
  return t;
}

}  // namespace

bool HasMessage(std::string_view key) { return Table().count(key) > 0; }

std::string Message(std::string_view key, const Params& params, Lang lang) {
  auto it = Table().find(key);
  if (it == Table().end()) return std::string(key);
  std::string s = lang == Lang::kNl ? it->second.nl : it->second.en;
  for (const auto& [name, value] : params) {
    std::string ph = "{" + name + "}";
    for (size_t pos = s.find(ph); pos != std::string::npos; pos = s.find(ph, pos + value.size()))
      s.replace(pos, ph.size(), value);
  }
  return s;
}

}  // namespace drieluik::web::api
