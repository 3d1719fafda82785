// SignalService: the use cases of signals (PRODUCT.md steps 1–2) — register, read, change
// with an optimistic version check, list, and the public route with its reference code,
// one-time secret and throttled additions. Validates, fills defaults, computes triage,
// keeps the history; storage goes through SignalRepository.
//
// Thread-safe: holds only references to thread-safe collaborators.
#pragma once

#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/catalog.h"
#include "domain/link_keys.h"
#include "domain/secrets.h"
#include "domain/signal.h"
#include "domain/signal_repository.h"
#include "domain/throttle.h"
#include "domain/triage.h"

namespace drieluik::domain {

/// What the public reporter gets back once: the code to refer to the report and the
/// secret that proves they made it.
struct PublicReceipt {
  std::string reference_code;
  std::string secret;
};

/// Why two signals are linked: the shared key's kind and what it is, in words.
struct LinkReason {
  LinkKind kind;
  std::string label;
};

/// A signal linked to another one, with every reason.
struct SignalLink {
  Signal signal;
  std::vector<LinkReason> reasons;
};

/// A key shared by many signals, with a readable label.
struct HotspotView {
  LinkKind kind;
  std::string label;
  std::vector<SignalId> signals;
};

class SignalService {
 public:
  /// Every write stores the signal's link keys with it (one transaction); `links` (may be
  /// null) answers Links() and Hotspots().
  SignalService(SignalRepository& repo, const Catalog& catalog, const Clock& clock, Secrets& secrets,
                LinkKeyRepository* links = nullptr);

  /// Registers a signal from a user or partner. InvalidArgument with every bad field.
  /// `audit` (may be null) is appended in the insert's transaction (AuditIntent), as for
  /// the other writes below that take one.
  Result<Signal> Create(SignalContent content, const std::string& actor, const AuditIntent* audit = nullptr);
  /// Registers a signal from the public form (channel public_form, status new).
  Result<PublicReceipt> CreatePublic(SignalContent content, const AuditIntent* audit = nullptr);
  /// NotFound when unknown.
  Result<Signal> Get(SignalId id);
  Result<std::vector<HistoryEntry>> History(SignalId id);
  /// Replaces content and status when `expected_version` is current. Conflict when stale;
  /// FailedPrecondition when the status change is not allowed (see TransitionAllowed).
  Result<Signal> Update(SignalId id, std::int64_t expected_version, SignalContent content, SignalStatus status,
                        const std::string& actor);
  /// InvalidArgument for a bad limit or cursor.
  Result<SignalPage> List(SignalFilter filter);
  /// Adds information from the public reporter. Unknown reference and wrong secret give
  /// the same NotFound; ResourceExhausted (with retry_after set) after too many failures
  /// for the reference or the address.
  Result<TimePoint> AddPublicAddition(std::string_view reference, std::string_view secret, std::string text,
                                      const std::string& remote_address, std::chrono::milliseconds* retry_after,
                                      const AuditIntent* audit = nullptr);

  /// The problems Create would report for this content (defaults applied as Create does),
  /// without storing anything. For edges that want to report wire and domain errors at once.
  Status Validate(SignalContent content) const;

  /// Earlier and later signals that share a person, address, business, phone number or
  /// vehicle with this one, each with the reasons; newest first. NotFound when unknown;
  /// FailedPrecondition when no link index is configured.
  Result<std::vector<SignalLink>> Links(SignalId id);
  /// Every signal that holds one of the probe's link keys (a person by name and date of
  /// birth, a phone number, a vehicle...): what is held about one data subject (art. 15
  /// AVG), found through the same normalisation as linkage. Oldest first.
  Result<std::vector<Signal>> SignalsMatching(const SignalContent& probe);
  /// Keys of `kind` shared by at least `min_signals` signals (e.g. address hotspots).
  Result<std::vector<HotspotView>> Hotspots(LinkKind kind, int min_signals, int limit);
  /// Recomputes the link keys of one signal (to rebuild the index after the key rules change).
  Status IndexLinks(const Signal& s);

  /// Triage as of today in the Netherlands.
  Triage TriageOf(const SignalContent& content) const;

  /// The signal lifecycle (REFERENCE.md §5.1): which status may follow which.
  static bool TransitionAllowed(SignalStatus from, SignalStatus to);

 private:
  Result<Signal> Store(SignalContent content, const std::string& actor, const std::string& secret_hash,
                       const AuditIntent* audit);

  SignalRepository& repo_;
  const Catalog& catalog_;
  const Clock& clock_;
  /// The keys of `c` hashed by the store (none without a link index).
  Result<std::vector<StoredLinkKey>> StoredKeys(const SignalContent& c);

  Secrets& secrets_;
  LinkKeyRepository* links_;
  AttemptThrottle throttle_;
};

/// The JSON names of the fields that differ between two contents (for the history).
std::vector<std::string> ChangedFields(const SignalContent& before, const SignalContent& after);

}  // namespace drieluik::domain
