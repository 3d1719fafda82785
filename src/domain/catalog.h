// Catalog: the reference data that rules read — forms of exploitation, the indicator
// lists, and the region's municipalities and partner organisations. It is data, not
// code (data/catalog/*.json, data/region/*.json, versioned), so the forms list can grow
// when the law changes (REFERENCE.md §3 "pending change") without a code change.
//
// Immutable after construction; safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::domain {

struct ExploitationForm {
  std::string code;  // "SEKS"
  std::string nl;
  std::string en;
  bool intake_only = false;  // ONBEKEND: allowed at intake, not a statistical category
};

/// Element of the legal definition of trafficking, art. 273f Sr (REFERENCE.md §3).
enum class Element { kAct, kMeans, kPurpose };

struct Indicator {
  std::string code;  // "ILO07"
  std::string nl;
  std::string en;
  std::vector<std::string> forms;     // forms of exploitation it hints at
  std::vector<Element> elements;      // elements of the definition it points to
  std::string list;                   // "ILO"
  std::string group;                  // group code within the list
};

struct IndicatorGroup {
  std::string code;
  std::string nl;
  std::string en;
  std::vector<Indicator> indicators;
};

struct IndicatorList {
  std::string code;
  std::string nl;
  std::string en;
  std::string source;
  std::vector<IndicatorGroup> groups;
};

struct Municipality {
  std::string code;  // CBS code "GM1950"
  std::string name;
  int population = 0;
};

struct Organisation {
  std::string id;            // "zvhg"
  std::string name;
  std::string kind;          // zvh, police, labour_inspectorate, municipality, ...
  std::string municipality;  // CBS code for a municipality's own organisation, else empty
};

class Catalog {
 public:
  /// Parses the three data documents. InvalidArgument naming the document and JSON
  /// pointer of the first problem (duplicate codes, unknown form in an indicator, ...).
  static Result<Catalog> Parse(std::string_view forms_json, std::string_view indicators_json,
                               std::string_view region_json);
  /// The catalog compiled into the binary from data/.
  static const Catalog& Embedded();

  const std::string& forms_version() const { return forms_version_; }
  const std::string& indicators_version() const { return indicators_version_; }
  const std::string& region_code() const { return region_code_; }
  const std::string& region_name() const { return region_name_; }
  const std::vector<ExploitationForm>& forms() const { return forms_; }
  const std::vector<IndicatorList>& indicator_lists() const { return lists_; }
  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  const std::vector<Organisation>& organisations() const { return organisations_; }

  /// nullptr when unknown.
  const ExploitationForm* FindForm(std::string_view code) const;
  const Indicator* FindIndicator(std::string_view code) const;
  const Municipality* FindMunicipality(std::string_view code) const;
  const Organisation* FindOrganisation(std::string_view id) const;

 private:
  std::string forms_version_, indicators_version_, region_code_, region_name_;
  std::vector<ExploitationForm> forms_;
  std::vector<IndicatorList> lists_;
  std::vector<Municipality> municipalities_;
  std::vector<Organisation> organisations_;
  std::map<std::string, Indicator, std::less<>> indicator_index_;
};

}  // namespace drieluik::domain
