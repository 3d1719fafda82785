// Signal (melding): one report of possible human trafficking, as it arrives through any
// channel, with the people, places, businesses, phones and vehicles it mentions.
// See shared/domain/REFERENCE.md §2 (glossary), §4.1–4.3 and PRODUCT.md step 1.
//
// Plain data; the SignalService owns the rules. Enumerations that the law or policy may
// extend (exploitation forms, indicators) are codes checked against the Catalog, not
// C++ enums; the closed vocabularies below are enums with stable string codes that the
// store and the API share (ToCode/FromCode).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/time.h"

namespace drieluik::domain {

using SignalId = std::int64_t;

enum class Channel { kPublicForm, kProfessional, kPartner, kPhone, kIntegralControl, kImport };

/// Lifecycle of a signal (REFERENCE.md §5.1, suggested states).
enum class SignalStatus { kNew, kInIntake, kForDrieluik, kAssessed, kLinkedToCase, kClosed };

enum class PersonRole { kPossibleVictim, kPossiblePerpetrator, kOther };

enum class Gender { kUnknown, kFemale, kMale, kOther };

/// Vulnerable-group flags (REFERENCE.md §4.2).
enum class VulnerableGroup {
  kMinor,
  kLvb,
  kLabourMigrant,
  kSexWorker,
  kAmv,
  kRunawayMinor,
  kUndocumented,
  kAsylumSeeker,
  kMaleVictim,
};

struct Reporter {
  bool anonymous = true;
  std::string name;
  std::string organisation;
  std::string phone;
  std::string email;
  bool professional = false;
};

struct Person {
  PersonRole role = PersonRole::kOther;
  std::string name;
  std::optional<Date> date_of_birth;
  std::optional<int> estimated_age;
  Gender gender = Gender::kUnknown;
  std::string nationality;  // ISO 3166-1 alpha-2, or empty
  std::string description;
};

struct Address {
  std::string street;
  std::string house_number;
  std::string postcode;
  std::string city;
  std::string description;
};

struct Business {
  std::string name;
  std::string kvk_number;  // 8 digits (Kamer van Koophandel), or empty
  std::string sector;
};

struct PhoneNumber {
  std::string number;
  std::string description;
};

struct Vehicle {
  std::string license_plate;
  std::string description;
};

/// An indicator picked from the catalog, with the evidence for it in free text.
/// Indicators are signals, never proof (REFERENCE.md §4.3).
struct IndicatorRef {
  std::string code;
  std::string note;
};

/// Information added later by a public reporter with the reference code and secret.
struct Addition {
  TimePoint at;
  std::string text;
};

struct HistoryEntry {
  TimePoint at;
  std::string action;  // "created", "updated", "addition"
  std::string actor;   // user name, "public" or "system"
  std::vector<std::string> fields;  // JSON names of the fields changed
};

/// The fields a user or partner writes; shared by create and update.
struct SignalContent {
  Channel channel = Channel::kProfessional;
  std::optional<TimePoint> received_at;  // default: now
  std::optional<TimePoint> observed_at;
  std::string municipality;  // CBS code, e.g. "GM1950"
  std::string organisation;  // registering organisation id, or empty
  Reporter reporter;
  std::string summary;
  std::string description;
  std::string location;
  std::vector<std::string> forms;  // exploitation form codes (catalog)
  std::vector<IndicatorRef> indicators;
  std::vector<VulnerableGroup> vulnerable_groups;
  bool acute_danger = false;
  std::vector<Person> persons;
  std::vector<Address> addresses;
  std::vector<Business> businesses;
  std::vector<PhoneNumber> phone_numbers;
  std::vector<Vehicle> vehicles;
};

/// A stored signal.
struct Signal {
  SignalId id = 0;
  std::string reference_code;  // "MH-2026-7K3QXP", unique, shown to the reporter
  std::int64_t version = 1;    // optimistic concurrency: +1 on every change
  SignalStatus status = SignalStatus::kNew;
  TimePoint received_at;
  TimePoint created_at;
  TimePoint updated_at;
  SignalContent content;       // content.received_at is always set on a stored signal
  std::vector<Addition> additions;
};

// Stable string codes (used in storage and on the wire). FromCode returns nullopt for
// an unknown code.
std::string_view ToCode(Channel v);
std::string_view ToCode(SignalStatus v);
std::string_view ToCode(PersonRole v);
std::string_view ToCode(Gender v);
std::string_view ToCode(VulnerableGroup v);
template <typename E>
std::optional<E> FromCode(std::string_view code);
/// Every value of an enumeration, in declaration order.
template <typename E>
const std::vector<E>& AllValues();

}  // namespace drieluik::domain
