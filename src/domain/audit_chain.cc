#include "domain/audit_chain.h"

#include <set>

#include "base/time.h"

namespace drieluik::domain {
namespace {

struct Code {
  AuditAction action;
  std::string_view code;
};
constexpr Code kActions[] = {
    {AuditAction::kRead, "read"},           {AuditAction::kCreate, "create"},
    {AuditAction::kUpdate, "update"},       {AuditAction::kDelete, "delete"},
    {AuditAction::kSearch, "search"},       {AuditAction::kExport, "export"},
    {AuditAction::kPrint, "print"},         {AuditAction::kLogin, "login"},
    {AuditAction::kLoginFailed, "login_failed"}, {AuditAction::kAccessDenied, "access_denied"},
    {AuditAction::kBreakGlass, "break_glass"},
};

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\n') {
      out += "%0A";
    } else if (c == '\r') {
      out += "%0D";
    } else {
      out += c;
    }
  }
  return out;
}

bool Matches(std::string_view s, std::size_t max, std::string_view extra, bool upper, bool digits) {
  if (s.size() > max) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (upper && c >= 'A' && c <= 'Z') || (digits && c >= '0' && c <= '9') ||
              extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string_view ToCode(AuditAction action) {
  for (const Code& c : kActions) {
    if (c.action == action) return c.code;
  }
  return "read";
}

std::optional<AuditAction> AuditActionFromCode(std::string_view code) {
  for (const Code& c : kActions) {
    if (c.code == code) return c.action;
  }
  return std::nullopt;
}

std::string_view ToCode(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kSuccess: return "success";
    case AuditOutcome::kDenied: return "denied";
    case AuditOutcome::kFailed: return "failed";
  }
  return "failed";
}

std::optional<AuditOutcome> AuditOutcomeFromCode(std::string_view code) {
  if (code == "success") return AuditOutcome::kSuccess;
  if (code == "denied") return AuditOutcome::kDenied;
  if (code == "failed") return AuditOutcome::kFailed;
  return std::nullopt;
}

std::string_view ToCode(ChainBreak kind) {
  switch (kind) {
    case ChainBreak::kNone: return "none";
    case ChainBreak::kAltered: return "altered";
    case ChainBreak::kRemoved: return "removed";
    case ChainBreak::kReordered: return "reordered";
    case ChainBreak::kWrongGenesis: return "wrong_genesis";
    case ChainBreak::kBrokenLink: return "broken_link";
  }
  return "none";
}

std::string CanonicalAuditEntry(const AuditEntry& e) {
  std::string out = "drieluik-audit-v1\n";
  auto line = [&](std::string_view name, std::string_view value) {
    out.append(name);
    out += '=';
    out += Escape(value);
    out += '\n';
  };
  line("seq", std::to_string(e.seq));
  line("at", FormatTimestamp(e.at));
  line("actor", e.actor);
  line("on_behalf_of", e.on_behalf_of);
  line("role", e.role);
  line("action", ToCode(e.action));
  line("object_type", e.object_type);
  line("object_id", e.object_id);
  line("purpose", e.purpose);
  line("remote_address", e.remote_address);
  line("outcome", ToCode(e.outcome));
  line("prev", e.prev_hash);
  return out;
}

Status ValidateAuditEntry(const AuditEntry& e) {
  std::vector<FieldError> errors;
  auto check = [&](bool ok, const char* pointer) {
    if (!ok) errors.push_back({pointer, "pattern", {}});
  };
  check(Matches(e.actor, 64, "._@-", true, true), "/actor");
  check(Matches(e.on_behalf_of, 64, "._@-", true, true), "/onBehalfOf");
  check(Matches(e.role, 32, "_", false, false), "/role");
  check(Matches(e.object_type, 32, "_.", false, false), "/objectType");
  check(Matches(e.object_id, 64, "._:-", true, true), "/objectId");
  check(Matches(e.purpose, 40, "_.", false, true), "/purpose");
  check(e.remote_address.size() <= 45 &&
            e.remote_address.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos,
        "/remoteAddress");
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument("invalid audit entry", std::move(errors));
}

Result<AuditEntry> SealAuditEntry(AuditEntry draft, const ChainHead& head, const AuditHasher& hasher) {
  DRIELUIK_RETURN_IF_ERROR(ValidateAuditEntry(draft));
  draft.seq = head.seq + 1;
  draft.prev_hash = head.hash;
  draft.hash = hasher.Sha256Hex(CanonicalAuditEntry(draft));
  return draft;
}

VerifyResult VerifyAuditChain(const std::vector<AuditEntry>& entries, const AuditHasher& hasher,
                              const ChainHead& start) {
  VerifyResult result;
  result.head = start;
  std::multiset<std::int64_t> remaining;  // seqs at this position and after
  for (const AuditEntry& e : entries) remaining.insert(e.seq);

  auto fail = [&](ChainBreak kind, std::size_t i, std::string detail) {
    result.kind = kind;
    result.position = i;
    result.seq = entries[i].seq;
    result.message = "entry " + std::to_string(i + 1) + " (seq " + std::to_string(entries[i].seq) +
                     "): " + std::string(ToCode(kind)) + ": " + detail;
    return result;
  };

  ChainHead prev = start;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const AuditEntry& e = entries[i];
    remaining.erase(remaining.find(e.seq));
    if (!IsHex64(e.hash) || hasher.Sha256Hex(CanonicalAuditEntry(e)) != e.hash) {
      return fail(ChainBreak::kAltered, i, "content does not match its hash");
    }
    if (i == 0 && (e.seq != start.seq + 1 || e.prev_hash != start.hash)) {
      return fail(ChainBreak::kWrongGenesis, i,
                  "expected seq " + std::to_string(start.seq + 1) + " after " +
                      (start.seq == 0 ? std::string("the genesis") : "anchor seq " + std::to_string(start.seq)));
    }
    if (i > 0) {
      if (e.seq <= prev.seq) {
        return fail(ChainBreak::kReordered, i, "follows seq " + std::to_string(prev.seq));
      }
      if (e.seq > prev.seq + 1) {
        if (remaining.count(prev.seq + 1) != 0) {
          return fail(ChainBreak::kReordered, i, "seq " + std::to_string(prev.seq + 1) + " comes later");
        }
        return fail(ChainBreak::kRemoved, i,
                    "seq " + std::to_string(prev.seq + 1) +
                        (e.seq - 1 > prev.seq + 1 ? " to " + std::to_string(e.seq - 1) : std::string()) + " missing");
      }
      if (e.prev_hash != prev.hash) {
        return fail(ChainBreak::kBrokenLink, i, "prev hash is not the hash of seq " + std::to_string(prev.seq));
      }
    }
    prev = {e.seq, e.hash};
  }
  result.head = prev;
  return result;
}

AuditChain::AuditChain(const AuditHasher& hasher, ChainHead head) : hasher_(hasher), head_(std::move(head)) {}

Result<AuditEntry> AuditChain::Append(AuditEntry draft) {
  std::lock_guard lock(mu_);
  Result<AuditEntry> sealed = SealAuditEntry(std::move(draft), head_, hasher_);
  if (sealed.ok()) head_ = {sealed->seq, sealed->hash};
  return sealed;
}

ChainHead AuditChain::head() const {
  std::lock_guard lock(mu_);
  return head_;
}

}  // namespace drieluik::domain
