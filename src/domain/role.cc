#include "domain/role.h"

namespace drieluik::domain {
namespace {

struct RoleText {
  Role role;
  std::string_view code;
  std::string_view nl;
  std::string_view en;
};

constexpr RoleText kRoles[] = {
    {Role::kAandachtsfunctionaris, "aandachtsfunctionaris", "Aandachtsfunctionaris", "Designated contact officer"},
    {Role::kZorgcoordinator, "zorgcoordinator", "Zorgcoördinator", "Victim care coordinator"},
    {Role::kKetenregisseur, "ketenregisseur", "Ketenregisseur", "Chain director"},
    {Role::kPolitie, "politie", "Politie / inspectie", "Police / inspectorate"},
    {Role::kHandhaving, "handhaving", "Handhaving / OOV", "Enforcement / public order"},
    {Role::kBeleid, "beleid", "Beleid", "Policy staff"},
    {Role::kPrivacyOfficer, "privacy_officer", "Functionaris gegevensbescherming", "Privacy officer"},
    {Role::kBeheerder, "beheerder", "Beheerder", "Administrator"},
};

const RoleText& Find(Role role) {
  for (const RoleText& r : kRoles) {
    if (r.role == role) return r;
  }
  return kRoles[0];  // unreachable: every enumerator is in the table (RoleTest checks)
}

}  // namespace

std::string_view ToCode(Role role) { return Find(role).code; }
std::string_view LabelNl(Role role) { return Find(role).nl; }
std::string_view LabelEn(Role role) { return Find(role).en; }

std::optional<Role> RoleFromCode(std::string_view code) {
  for (const RoleText& r : kRoles) {
    if (r.code == code) return r.role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> all = [] {
    std::vector<Role> v;
    for (const RoleText& r : kRoles) v.push_back(r.role);
    return v;
  }();
  return all;
}

}  // namespace drieluik::domain
