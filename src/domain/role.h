// Role: what a user does in the chain (PRODUCT.md "Who uses it"); the policy
// (domain/policy.h, docs/security/authorization.csv) decides what each role may see and do.
// Codes are stable: they are stored with users, sent on the wire and used as the policy
// CSV's column names. Labels are Dutch first, English second. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace drieluik::domain {

enum class Role {
  kAandachtsfunctionaris,  ///< contact officer of a municipality or partner organisation
  kZorgcoordinator,        ///< ZVHG victim care coordinator
  kKetenregisseur,         ///< ZVHG chain director, chairs the Drieluik
  kPolitie,                ///< police TMM team or labour inspectorate (politie/inspectie)
  kHandhaving,             ///< municipal enforcement and public order (OOV)
  kBeleid,                 ///< policy staff: aggregates only
  kPrivacyOfficer,         ///< functionaris gegevensbescherming: audit trail, no case content
  kBeheerder,              ///< administrator: users and settings, no case content
};

/// "aandachtsfunctionaris", "zorgcoordinator", "ketenregisseur", "politie", "handhaving",
/// "beleid", "privacy_officer", "beheerder".
std::string_view ToCode(Role role);
/// The role of a code; nullopt for an unknown one (codes are case-sensitive).
std::optional<Role> RoleFromCode(std::string_view code);
/// Dutch label, e.g. "Zorgcoördinator".
std::string_view LabelNl(Role role);
/// English label, e.g. "Victim care coordinator".
std::string_view LabelEn(Role role);
/// Every role in declaration order.
const std::vector<Role>& AllRoles();

}  // namespace drieluik::domain
