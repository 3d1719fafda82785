#include "domain/signal.h"

#include <array>
#include <utility>

namespace drieluik::domain {
namespace {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<Channel, 6> kChannels{{
    {Channel::kPublicForm, "public_form"},
    {Channel::kProfessional, "professional"},
    {Channel::kPartner, "partner"},
    {Channel::kPhone, "phone"},
    {Channel::kIntegralControl, "integral_control"},
    {Channel::kImport, "import"},
}};
constexpr Table<SignalStatus, 6> kStatuses{{
    {SignalStatus::kNew, "new"},
    {SignalStatus::kInIntake, "in_intake"},
    {SignalStatus::kForDrieluik, "for_drieluik"},
    {SignalStatus::kAssessed, "assessed"},
    {SignalStatus::kLinkedToCase, "linked_to_case"},
    {SignalStatus::kClosed, "closed"},
}};
constexpr Table<PersonRole, 3> kRoles{{
    {PersonRole::kPossibleVictim, "possible_victim"},
    {PersonRole::kPossiblePerpetrator, "possible_perpetrator"},
    {PersonRole::kOther, "other"},
}};
constexpr Table<Gender, 4> kGenders{{
    {Gender::kUnknown, "unknown"},
    {Gender::kFemale, "female"},
    {Gender::kMale, "male"},
    {Gender::kOther, "other"},
}};
constexpr Table<VulnerableGroup, 9> kGroups{{
    {VulnerableGroup::kMinor, "minor"},
    {VulnerableGroup::kLvb, "lvb"},
    {VulnerableGroup::kLabourMigrant, "labour_migrant"},
    {VulnerableGroup::kSexWorker, "sex_worker"},
    {VulnerableGroup::kAmv, "amv"},
    {VulnerableGroup::kRunawayMinor, "runaway_minor"},
    {VulnerableGroup::kUndocumented, "undocumented"},
    {VulnerableGroup::kAsylumSeeker, "asylum_seeker"},
    {VulnerableGroup::kMaleVictim, "male_victim"},
}};

template <typename E, std::size_t N>
std::string_view Find(const Table<E, N>& t, E v) {
  for (const auto& [e, s] : t)
    if (e == v) return s;
  return "";
}
template <typename E, std::size_t N>
std::optional<E> Parse(const Table<E, N>& t, std::string_view code) {
  for (const auto& [e, s] : t)
    if (s == code) return e;
  return std::nullopt;
}
template <typename E, std::size_t N>
std::vector<E> Values(const Table<E, N>& t) {
  std::vector<E> out;
  for (const auto& [e, s] : t) out.push_back(e);
  return out;
}

}  // namespace

std::string_view ToCode(Channel v) { return Find(kChannels, v); }
std::string_view ToCode(SignalStatus v) { return Find(kStatuses, v); }
std::string_view ToCode(PersonRole v) { return Find(kRoles, v); }
std::string_view ToCode(Gender v) { return Find(kGenders, v); }
std::string_view ToCode(VulnerableGroup v) { return Find(kGroups, v); }

template <> std::optional<Channel> FromCode(std::string_view c) { return Parse(kChannels, c); }
template <> std::optional<SignalStatus> FromCode(std::string_view c) { return Parse(kStatuses, c); }
template <> std::optional<PersonRole> FromCode(std::string_view c) { return Parse(kRoles, c); }
template <> std::optional<Gender> FromCode(std::string_view c) { return Parse(kGenders, c); }
template <> std::optional<VulnerableGroup> FromCode(std::string_view c) { return Parse(kGroups, c); }

template <> const std::vector<Channel>& AllValues() { static const auto v = Values(kChannels); return v; }
template <> const std::vector<SignalStatus>& AllValues() { static const auto v = Values(kStatuses); return v; }
template <> const std::vector<PersonRole>& AllValues() { static const auto v = Values(kRoles); return v; }
template <> const std::vector<Gender>& AllValues() { static const auto v = Values(kGenders); return v; }
template <> const std::vector<VulnerableGroup>& AllValues() { static const auto v = Values(kGroups); return v; }

}  // namespace drieluik::domain
