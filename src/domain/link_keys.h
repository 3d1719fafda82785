// Link keys: how the small signals are brought together (PRODUCT.md step 2, issue
// "Bringing small signals together", point 3). Each person, address, business, phone
// number and vehicle of a signal yields a normalised key; signals that share a key are
// linked, and the key's kind is the reason shown to the user. Only a keyed hash of a
// key is stored (a blind index under the key ring, computed by the store that holds the
// keys: LinkKeyRepository::HashLinkKey), so the index neither repeats personal data in the
// clear nor lets a guessed phone number or plate be checked without the key file.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/signal.h"

namespace drieluik::domain {

enum class LinkKind { kPerson, kAddress, kBusiness, kPhone, kVehicle };

std::string_view ToCode(LinkKind k);

struct LinkKey {
  LinkKind kind;
  std::string normalised;  // e.g. "9561AB|12A" — never stored as such
  std::string label;       // what a person reads: "Hoofdstraat 12a, 9561 AB Ter Apel"
};

/// Normalisations (documented in docs/formats/link-keys.md):
/// names lower case, diacritics folded, punctuation dropped, spaces collapsed;
/// phone numbers as digits with the Dutch 0 prefix turned into 31; licence plates and
/// postcodes upper case without spaces or dashes; KvK numbers as they are (8 digits).
std::string NormaliseName(std::string_view s);
std::string NormalisePhone(std::string_view s);
std::string NormalisePlate(std::string_view s);
std::string NormalisePostcode(std::string_view s);

/// The keys of a signal's parties, without duplicates. Persons give a key only with a
/// name of at least two words plus a date of birth (a name alone links too many
/// strangers); addresses need a postcode and house number, or street, number and city.
std::vector<LinkKey> LinkKeysOf(const SignalContent& content);

/// A stored key: the kind and the keyed hash of the normalised value.
struct StoredLinkKey {
  LinkKind kind;
  std::string hash;
};

/// Another signal that shares a key.
struct LinkHit {
  SignalId signal_id;
  LinkKind kind;
  std::string hash;
};

/// A key that many signals share (an address hotspot, a recurring phone or plate).
struct Hotspot {
  LinkKind kind;
  std::string hash;
  std::vector<SignalId> signals;  // newest first
};

/// Storage of link keys, declared here and implemented by each store. Thread-safe.
class LinkKeyRepository {
 public:
  virtual ~LinkKeyRepository() = default;
  /// The stored form of `k` under the current key. FailedPrecondition without keys.
  virtual Result<std::string> HashLinkKey(const LinkKey& k) = 0;
  /// What a search for `k` must match: its hash under every key of the ring (during a key
  /// rotation rows carry the old or the new one). FailedPrecondition without keys.
  virtual Result<std::vector<std::string>> SearchHashesOf(const LinkKey& k) = 0;
  /// Replaces the keys of one signal, in one transaction.
  virtual Status ReplaceLinkKeys(SignalId id, const std::vector<StoredLinkKey>& keys) = 0;
  /// Other signals (not `exclude`) that have any of the hashes.
  virtual Result<std::vector<LinkHit>> FindByHashes(const std::vector<std::string>& hashes, SignalId exclude) = 0;
  /// Keys of `kind` shared by at least `min_signals` signals, most shared first.
  virtual Result<std::vector<Hotspot>> Hotspots(LinkKind kind, int min_signals, int limit) = 0;
};

}  // namespace drieluik::domain
