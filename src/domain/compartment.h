// Compartments of a signal (issue 3 point 3; REFERENCE.md §8.2): information that only some
// roles may see, kept apart from the signal itself.
//   - police: the police's and labour inspectorate's follow-up (registration number,
//     outcome, notes) — for politie on what is in their view, and the ketenregisseur;
//   - care: the care coordination (trajectory, shelter, notes) — for the zorgcoördinatoren,
//     and beyond them (the ketenregisseur) only when the person consented to share it.
// Each compartment is one document per signal with its own version (optimistic concurrency);
// the policy rows signal.police and signal.care decide who reads and writes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "domain/signal.h"

namespace drieluik::domain {

enum class Compartment { kPolice, kCare };

/// "police", "care".
std::string_view ToCode(Compartment c);
std::optional<Compartment> CompartmentFromCode(std::string_view code);
/// The policy resource of a compartment: "signal.police", "signal.care".
std::string_view PolicyResource(Compartment c);

struct CompartmentRecord {
  SignalId signal_id = 0;
  Compartment compartment = Compartment::kPolice;
  std::string notes;              // free text, at most 10,000 characters
  std::string reference;          // police: registration number; care: trajectory reference
  std::string outcome;            // police: e.g. "aangifte", "onderzoek"; care: e.g. "opvang"
  bool consent_to_share = false;  // care: the person consented to share beyond the ZCs
  std::int64_t version = 0;       // 0: nothing stored yet
  TimePoint updated_at;
  std::string updated_by;         // username
};

/// InvalidArgument with a FieldError per bad field (/notes, /reference, /outcome).
Status ValidateCompartment(const CompartmentRecord& r);

class CompartmentRepository {
 public:
  virtual ~CompartmentRepository() = default;
  /// The stored record; NotFound when nothing is stored for this signal and compartment.
  virtual Result<CompartmentRecord> GetCompartment(SignalId id, Compartment c) = 0;
  /// Stores r when the stored version equals r.version (0 = none yet), as version + 1.
  /// Conflict when stale; NotFound when the signal does not exist.
  virtual Result<CompartmentRecord> PutCompartment(const CompartmentRecord& r) = 0;
};

}  // namespace drieluik::domain
