#include "domain/role.h"

#include <gtest/gtest.h>

#include <set>

namespace drieluik::domain {
namespace {

TEST(RoleTest, CodesAndLabels) {
  struct Row {
    Role role;
    const char* code;
    const char* nl;
    const char* en;
  };
  const Row rows[] = {
      {Role::kAandachtsfunctionaris, "aandachtsfunctionaris", "Aandachtsfunctionaris", "Designated contact officer"},
      {Role::kZorgcoordinator, "zorgcoordinator", "Zorgcoördinator", "Victim care coordinator"},
      {Role::kKetenregisseur, "ketenregisseur", "Ketenregisseur", "Chain director"},
      {Role::kPolitie, "politie", "Politie / inspectie", "Police / inspectorate"},
      {Role::kHandhaving, "handhaving", "Handhaving / OOV", "Enforcement / public order"},
      {Role::kBeleid, "beleid", "Beleid", "Policy staff"},
      {Role::kPrivacyOfficer, "privacy_officer", "Functionaris gegevensbescherming", "Privacy officer"},
      {Role::kBeheerder, "beheerder", "Beheerder", "Administrator"},
  };
  ASSERT_EQ(AllRoles().size(), std::size(rows));
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    EXPECT_EQ(AllRoles()[i], rows[i].role);
    EXPECT_EQ(ToCode(rows[i].role), rows[i].code);
    EXPECT_EQ(LabelNl(rows[i].role), rows[i].nl);
    EXPECT_EQ(LabelEn(rows[i].role), rows[i].en);
    EXPECT_EQ(RoleFromCode(rows[i].code), rows[i].role);
  }
}

TEST(RoleTest, UnknownCodes) {
  EXPECT_EQ(RoleFromCode(""), std::nullopt);
  EXPECT_EQ(RoleFromCode("Beheerder"), std::nullopt);
  EXPECT_EQ(RoleFromCode("admin"), std::nullopt);
  EXPECT_EQ(RoleFromCode("anonymous"), std::nullopt);
}

}  // namespace
}  // namespace drieluik::domain
