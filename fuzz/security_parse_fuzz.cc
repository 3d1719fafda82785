// libFuzzer target for the security building blocks' parsers (issue 3): for any bytes the
// key-file parser, base32, field decryption, normalisation, the policy CSV, the route table,
// the bearer header and the audit-chain verifier return a value or an error without
// crashing, and these round trips hold: base32 encode/decode, field encrypt/decrypt.
// The first byte picks the parser.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/api_token.h"
#include "crypto/base32.h"
#include "crypto/blind_index.h"
#include "crypto/field_cipher.h"
#include "crypto/key_ring.h"
#include "crypto/sha256_hasher.h"
#include "domain/audit_chain.h"
#include "domain/policy.h"

using namespace drieluik;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const crypto::KeyRing ring =
      *crypto::KeyRing::Parse("k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "fuzz");
  static const crypto::FieldCipher cipher(ring);
  static const crypto::BlindIndex index(ring);
  const crypto::FieldPlace place{"t", "c", "1"};
  switch (data[0] % 8) {
    case 0: (void)crypto::KeyRing::Parse(text, "fuzz"); break;
    case 1: {
      auto bytes = crypto::Base32Decode(text);
      if (bytes.ok() && *crypto::Base32Decode(crypto::Base32Encode(*bytes)) != *bytes) __builtin_trap();
      if (*crypto::Base32Decode(crypto::Base32Encode(text, false)) != text) __builtin_trap();
      break;
    }
    case 2: {
      (void)cipher.Decrypt(text, place);
      auto back = cipher.Decrypt(cipher.Encrypt(text, place), place);
      if (!back.ok() || *back != text) __builtin_trap();
      break;
    }
    case 3:
      for (int k = 0; k <= static_cast<int>(crypto::IndexKind::kWord); ++k) {
        (void)index.Compute(static_cast<crypto::IndexKind>(k), text);
      }
      (void)index.WordIndexes(text);
      break;
    case 4: (void)domain::Policy::Parse(text, "fuzz"); break;
    case 5: (void)domain::ParseRouteTable(text, "fuzz"); break;
    case 6:
      (void)crypto::BearerToken(text);
      (void)crypto::VerifyApiToken(text, "sha256:00");
      break;
    case 7: {
      // Entries whose fields come from the input, chained, then verified.
      static const crypto::Sha256Hasher hasher;
      domain::AuditChain chain(hasher);
      std::vector<domain::AuditEntry> entries;
      for (std::size_t i = 0; i + 4 <= text.size() && entries.size() < 8; i += 4) {
        domain::AuditEntry e;
        e.object_id = std::string(text.substr(i, 4));
        auto sealed = chain.Append(e);
        if (sealed.ok()) entries.push_back(*sealed);
      }
      if (!domain::VerifyAuditChain(entries, hasher).ok()) __builtin_trap();
      if (!entries.empty()) {
        entries.back().object_id += "x";
        if (domain::VerifyAuditChain(entries, hasher).ok()) __builtin_trap();
      }
      break;
    }
  }
  return 0;
}
