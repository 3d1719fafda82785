// SignalCodec: how both store backends turn the signal's content (parties, indicators,
// reporter, free text) into one JSON document column and back. The columns that lists
// filter and sort on are stored separately by each backend; this document is the rest.
// The document layout is the store's, not the API's: changing the wire JSON never
// changes stored data.
//
// SignalProtector: encryption at rest of that document, the summary and the public
// additions (XChaCha20-Poly1305, crypto/field_cipher.h, bound to table, column and row id),
// and the word indexes that free-text search matches instead (crypto/blind_index.h). Both
// backends use it, so their stored bytes are the same. A row with an empty key id is a
// plain-text row from before migration 005; it is read as it is and encrypted by the next
// Migrate or rotate-key (docs/PRIVACY.md, "Encryption at rest").
// Pure functions and an immutable class; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "crypto/blind_index.h"
#include "crypto/field_cipher.h"
#include "crypto/key_ring.h"
#include "domain/compartment.h"
#include "domain/link_keys.h"
#include "domain/signal.h"

namespace drieluik::store {

/// The SQL list of the decision codes that refer a signal to the police's view
/// (domain PoliceReferrals), e.g. "('refer_politie', 'refer_arbeidsinspectie', 'refer_riec')",
/// for both backends' scoped lists over signal_referrals.
std::string PoliceReferralsSql();

/// The content of a signal (everything in SignalContent except the fields stored as
/// columns: channel, received_at, municipality, organisation, summary) as JSON text.
std::string EncodeSignalDocument(const domain::SignalContent& content);

/// Fills the non-column fields of `content` from a document. Internal when the stored
/// document is malformed (a bug or a damaged database, never user input).
Status DecodeSignalDocument(const std::string& document, domain::SignalContent& content);

/// History entry fields as JSON text ("["summary","description"]") and back.
std::string EncodeFieldList(const std::vector<std::string>& fields);
std::vector<std::string> DecodeFieldList(const std::string& text);

/// Opaque list cursor for keyset pagination on (received_at DESC, id DESC).
std::string EncodeCursor(TimePoint received_at, domain::SignalId id);

/// The stored JSON of a compartment's free fields {"notes","reference","outcome"}.
std::string EncodeCompartmentDocument(const domain::CompartmentRecord& r);
/// Fills notes, reference and outcome; Internal for a document that does not parse.
Status DecodeCompartmentDocument(const std::string& json, domain::CompartmentRecord& r);
/// InvalidArgument on a cursor this store did not produce.
Status DecodeCursor(const std::string& cursor, TimePoint& received_at, domain::SignalId& id);

/// A signal's content as it is stored: ciphertexts under one key, and its word keys.
struct ProtectedContent {
  std::string key_id;               // the key of both ciphertexts
  std::string summary;              // "v1:<key id>:..." of the summary
  std::string document;             // "v1:<key id>:..." of EncodeSignalDocument
  std::vector<std::int64_t> words;  // BlindIndex::WordKeys of the searchable text, distinct
};

/// FailedPrecondition: the database holds data under key `id`, which the ring lacks.
Status MissingKeyError(const std::string& id);

/// The text free-text search covers: summary, description, location and indicator notes.
std::string SearchableText(const domain::SignalContent& content);

class SignalProtector {
 public:
  /// `keys` may be null: the store can then copy and back up rows but not read or write a
  /// signal (FailedPrecondition "no keys ...").
  explicit SignalProtector(std::shared_ptr<const crypto::KeyRing> keys);

  bool has_keys() const { return keys_ != nullptr; }
  /// Requires: has_keys().
  const std::string& current_key_id() const { return keys_->current_id(); }
  /// FailedPrecondition when there are no keys (for the store's read and write calls).
  Status RequireKeys() const;
  /// Whether the ring has key `id`; the ring's ids, oldest first (empty without keys).
  bool Has(const std::string& id) const { return keys_ && keys_->Has(id); }
  const std::vector<std::string>& key_ids() const;

  /// Encrypts summary and document of signal `id` under the current key.
  Result<ProtectedContent> Protect(const domain::SignalContent& content, domain::SignalId id) const;
  /// Decrypts a stored summary and document into `content` (key id "" = plain text).
  /// FailedPrecondition naming the signal and the key when it does not decrypt.
  Status Unprotect(std::string_view key_id, const std::string& summary, const std::string& document,
                   domain::SignalId id, domain::SignalContent& content) const;

  /// An addition's text, encrypted for row `addition_id` of signal_additions.
  Result<std::string> ProtectAddition(std::string_view text, std::int64_t addition_id) const;
  /// A compartment's document (JSON of notes, reference, outcome) under the current key,
  /// bound to signal_compartments.document of (signal id, compartment code).
  Result<std::string> ProtectCompartment(std::string_view json, domain::SignalId id, std::string_view compartment) const;
  /// The plain document; key_id "" means stored in plain text.
  Result<std::string> UnprotectCompartment(std::string_view key_id, const std::string& stored, domain::SignalId id,
                                           std::string_view compartment) const;
  /// The plain text of a stored addition (key id "" = plain text).
  Result<std::string> UnprotectAddition(std::string_view key_id, const std::string& stored,
                                        std::int64_t addition_id) const;

  /// A user's TOTP secret as stored (users.totp_secret, totp_key_id), encrypted for
  /// user `user_id` under the current key; an empty secret stays empty with key id "".
  struct StoredSecret {
    std::string key_id;
    std::string value;
  };
  Result<StoredSecret> ProtectTotpSecret(std::string_view secret, std::int64_t user_id) const;
  /// The plain secret of a stored one (key id "" = plain text or no secret).
  Result<std::string> UnprotectTotpSecret(std::string_view key_id, const std::string& stored,
                                          std::int64_t user_id) const;

  /// A free-text field of another table (the Drieluik's titles, names, summaries,
  /// reasoning and notes: migration 011), encrypted under the current key and bound to
  /// (table, column, row id). Requires the row's id, so inserts write '' first.
  Result<std::string> ProtectField(std::string_view text, std::string_view table, std::string_view column,
                                   std::int64_t row) const;
  /// The plain text of such a field; key id "" = stored in plain text (from before the
  /// migration that encrypts it). FailedPrecondition naming table, column and row when it
  /// does not decrypt.
  Result<std::string> UnprotectField(std::string_view key_id, const std::string& stored, std::string_view table,
                                     std::string_view column, std::int64_t row) const;

  /// The search for free text `text`: one entry per query word (WordTokens), each with its
  /// word key under every key of the ring; a signal matches when it has, for every entry,
  /// one of its keys. Empty when the text has no word of 2 or more characters.
  std::vector<std::vector<std::int64_t>> QueryWords(std::string_view text) const;

  /// The stored form of a link key (signal_link_keys.key_hash): a keyed blind index
  /// "<key id>:<hex>" of "<kind>:<normalised>" under the current key (BlindIndex,
  /// IndexKind::kLinkKey), so a guessed phone number or plate cannot be checked against the
  /// database without the key file. Requires: has_keys().
  std::string LinkKeyHash(const domain::LinkKey& k) const;
  /// What a search for `k` must match: its hash under every key of the ring (during a
  /// rotation rows carry the old or the new one). Requires: has_keys().
  std::vector<std::string> LinkKeySearchHashes(const domain::LinkKey& k) const;
  /// The stored link keys of a content (LinkKeysOf, hashed under the current key).
  std::vector<domain::StoredLinkKey> LinkKeysFor(const domain::SignalContent& c) const;

  /// The value stored in encryption_keys for the current key: a fixed text encrypted
  /// under it, so a later start can tell a wrong key file with the same ids.
  std::string KeyCheckValue() const;
  /// Ok when `check` (KeyCheckValue under key `key_id`) decrypts with this ring's key of
  /// that id; FailedPrecondition saying the key file does not match otherwise.
  Status VerifyKeyCheck(const std::string& key_id, const std::string& check) const;

 private:
  std::shared_ptr<const crypto::KeyRing> keys_;
  std::unique_ptr<crypto::FieldCipher> cipher_;
  std::unique_ptr<crypto::BlindIndex> index_;
};

}  // namespace drieluik::store
