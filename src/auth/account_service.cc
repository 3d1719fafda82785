#include "auth/account_service.h"

#include <sodium.h>

#include <regex>

#include "crypto/api_token.h"
#include "crypto/base32.h"
#include "crypto/sha256_hasher.h"

namespace drieluik::auth {
namespace {

using namespace drieluik::domain;

const Status kLoginFailed = Status::Unauthenticated("login failed");

// 256 random bits as 64 hex digits.
std::string RandomHex32() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 64);
}

std::string Sha256(std::string_view s) {
  static const crypto::Sha256Hasher hasher;
  return hasher.Sha256Hex(s);
}

// A temporary password a person can type: 20 symbols of the unambiguous alphabet.
std::string TemporaryPassword() {
  static constexpr char kAlphabet[] = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

}  // namespace

Principal PrincipalOf(const User& u, AuthMethod via, std::int64_t token_id) {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.role = u.role;
  p.organisation = u.organisation;
  p.municipality = u.municipality;
  p.via = via;
  p.token_id = token_id;
  return p;
}

AccountService::AccountService(AccountRepository& repo, const Catalog& catalog, const Clock& clock,
                               crypto::PasswordHasher& hasher, AuthOptions options)
    : repo_(repo),
      catalog_(catalog),
      clock_(clock),
      hasher_(hasher),
      options_(options),
      per_account_(clock, options.max_failures_per_account, options.failure_window),
      per_address_(clock, options.max_failures_per_address, options.failure_window) {}

Status AccountService::Throttled(const std::string& username, const std::string& address) {
  if (per_account_.BlockedFor("u:" + username).count() > 0 || per_address_.BlockedFor("a:" + address).count() > 0)
    return Status::ResourceExhausted("too many failed logins");
  return Status::Ok();
}

void AccountService::Failed(const std::string& username, const std::string& address) {
  per_account_.RecordFailure("u:" + username);
  per_address_.RecordFailure("a:" + address);
}

Result<LoginOutcome> AccountService::Login(const std::string& username, const std::string& password,
                                           const std::string& address) {
  DRIELUIK_RETURN_IF_ERROR(Throttled(username, address));
  auto user = repo_.FindUser(username);
  if (!user.ok()) {
    if (user.error().code() != StatusCode::kNotFound) return user.status();
    hasher_.VerifyUnknownUser(password);  // same cost as a real check
    Failed(username, address);
    return kLoginFailed;
  }
  if (!hasher_.Verify(password, user->password_hash) || user->disabled) {
    Failed(username, address);
    return kLoginFailed;
  }
  auto totp_roles = repo_.TotpRequiredRoles();
  if (!totp_roles.ok()) return totp_roles.status();
  LoginOutcome out;
  if (totp_roles->count(user->role) || !user->totp_secret.empty()) {
    // A role that requires TOTP with no enrolled authenticator cannot sign in until the
    // beheerder enrols one (EnrollTotp); it fails like any other login.
    if (user->totp_secret.empty()) {
      Failed(username, address);
      return kLoginFailed;
    }
    out.totp_required = true;
    out.challenge = RandomHex32();
    std::lock_guard lock(mu_);
    const TimePoint now = clock_.Now();
    std::erase_if(challenges_, [&](const auto& kv) { return kv.second.expires <= now; });
    challenges_[Sha256(out.challenge)] = Challenge{user->id, now + options_.challenge_ttl};
    return out;
  }
  auto s = StartSession(*user);
  if (!s.ok()) return s.status();
  out.session = std::move(s).value();
  return out;
}

Result<SignedIn> AccountService::CompleteTotp(const std::string& challenge, const std::string& code,
                                              const std::string& address) {
  Challenge c;
  {
    std::lock_guard lock(mu_);
    auto it = challenges_.find(Sha256(challenge));
    if (it == challenges_.end() || it->second.expires <= clock_.Now()) {
      per_address_.RecordFailure("a:" + address);
      return kLoginFailed;
    }
    c = it->second;
  }
  auto user = repo_.GetUser(c.user);
  if (!user.ok()) return kLoginFailed;
  DRIELUIK_RETURN_IF_ERROR(Throttled(user->username, address));
  auto key = crypto::Base32Decode(user->totp_secret);
  if (!key.ok() || user->disabled) return kLoginFailed;
  auto step = crypto::Totp(clock_).Verify(*key, code, user->totp_last_step);
  if (!step.ok()) {
    Failed(user->username, address);
    return kLoginFailed;
  }
  {
    std::lock_guard lock(mu_);
    challenges_.erase(Sha256(challenge));
  }
  User updated = *user;
  updated.totp_last_step = *step;  // a code is accepted once
  updated.updated_at = clock_.Now();
  auto saved = repo_.UpdateUser(updated);
  if (!saved.ok()) return saved.status();
  return StartSession(*saved);
}

Result<SignedIn> AccountService::StartSession(const User& u) {
  SignedIn s;
  s.user = u;
  s.principal = PrincipalOf(u, AuthMethod::kSession);
  s.session_token = RandomHex32();
  s.csrf_token = RandomHex32();
  const TimePoint now = clock_.Now();
  DRIELUIK_RETURN_IF_ERROR(repo_.CreateSession(SessionRecord{Sha256(s.session_token), u.id, s.csrf_token, now, now}));
  return s;
}

Result<SignedIn> AccountService::Session(const std::string& session_token) {
  const Status expired = Status::Unauthenticated("session expired");
  if (session_token.size() != 64) return expired;
  const std::string id_hash = Sha256(session_token);
  auto rec = repo_.FindSession(id_hash);
  if (!rec.ok()) return rec.error().code() == StatusCode::kNotFound ? expired : rec.status();
  const TimePoint now = clock_.Now();
  if (now - rec->last_seen_at >= options_.idle_timeout || now - rec->created_at >= options_.absolute_timeout) {
    (void)repo_.DeleteSession(id_hash);
    return expired;
  }
  auto user = repo_.GetUser(rec->user_id);
  if (!user.ok() || user->disabled) {
    (void)repo_.DeleteSession(id_hash);
    return expired;
  }
  // Write last_seen at most once a minute: the idle timeout needs no finer grain.
  if (now - rec->last_seen_at >= std::chrono::minutes(1)) DRIELUIK_RETURN_IF_ERROR(repo_.TouchSession(id_hash, now));
  SignedIn s;
  s.user = *user;
  s.principal = PrincipalOf(*user, AuthMethod::kSession);
  s.csrf_token = rec->csrf_token;
  return s;
}

Status AccountService::Logout(const std::string& session_token) {
  if (session_token.empty()) return Status::Ok();
  return repo_.DeleteSession(Sha256(session_token));
}

Result<Principal> AccountService::TokenPrincipal(const std::string& token) {
  const Status invalid = Status::Unauthenticated("invalid token");
  auto hash = crypto::HashApiToken(token);
  if (!hash.ok()) return invalid;
  auto rec = repo_.FindTokenByHash(*hash);
  if (!rec.ok()) return rec.error().code() == StatusCode::kNotFound ? invalid : rec.status();
  if (!crypto::VerifyApiToken(token, rec->token_hash) || rec->revoked_at) return invalid;
  if (rec->expires_at && *rec->expires_at <= clock_.Now()) return invalid;
  auto user = repo_.GetUser(rec->user_id);
  if (!user.ok() || user->disabled) return invalid;
  return PrincipalOf(*user, AuthMethod::kToken, rec->id);
}

Status AccountService::Validate(const UserInput& in, bool creating) const {
  static const std::regex kUsername("[a-z0-9][a-z0-9._-]{2,63}");
  std::vector<FieldError> errors;
  auto required = [&](const std::optional<std::string>& v, const char* field) {
    if (creating && (!v || v->empty())) {
      errors.push_back({field, "required", {}});
      return false;
    }
    return v.has_value();
  };
  if (required(in.username, "/username") && !std::regex_match(*in.username, kUsername))
    errors.push_back({"/username", "pattern", {{"pattern", "[a-z0-9][a-z0-9._-]{2,63}"}}});
  if (!creating && in.username) errors.push_back({"/username", "read_only", {}});
  if (required(in.display_name, "/displayName") && (in.display_name->empty() || in.display_name->size() > 200))
    errors.push_back({"/displayName", "length", {{"min", "1"}, {"max", "200"}}});
  std::optional<Role> role;
  if (required(in.role, "/role")) {
    role = RoleFromCode(*in.role);
    if (!role) errors.push_back({"/role", "invalid_value", {}});
  }
  if (required(in.organisation, "/organisation") && !catalog_.FindOrganisation(*in.organisation))
    errors.push_back({"/organisation", "unknown_code", {}});
  if (in.municipality && !in.municipality->empty() && !catalog_.FindMunicipality(*in.municipality))
    errors.push_back({"/municipality", "unknown_code", {}});
  // Municipal roles work for one municipality.
  if (creating && role && (*role == Role::kAandachtsfunctionaris || *role == Role::kHandhaving) &&
      (!in.municipality || in.municipality->empty()))
    errors.push_back({"/municipality", "required", {}});
  // A work address for reminders: one @, no spaces or header characters (it goes into an
  // SMTP envelope), at most 254 characters (RFC 5321).
  static const std::regex kEmail(R"([^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+)");
  if (in.email && !in.email->empty() && (in.email->size() > 254 || !std::regex_match(*in.email, kEmail)))
    errors.push_back({"/email", "email", {}});
  if (required(in.password, "/password") && (in.password->size() < 12 || in.password->size() > crypto::kMaxPasswordBytes))
    errors.push_back({"/password", "length", {{"min", "12"}, {"max", std::to_string(crypto::kMaxPasswordBytes)}}});
  if (!errors.empty()) return Status::InvalidArgument("invalid user", errors);
  return Status::Ok();
}

Result<User> AccountService::AddUser(const UserInput& in, const AuditIntent* audit) {
  DRIELUIK_RETURN_IF_ERROR(Validate(in, true));
  auto hash = hasher_.Hash(*in.password);
  if (!hash.ok()) return hash.status();
  User u;
  u.username = *in.username;
  u.display_name = *in.display_name;
  u.role = *RoleFromCode(*in.role);
  u.organisation = *in.organisation;
  u.municipality = in.municipality.value_or("");
  u.email = in.email.value_or("");
  u.password_hash = *hash;
  u.disabled = in.disabled.value_or(false);
  u.created_at = u.updated_at = clock_.Now();
  auto created = repo_.CreateUser(u, audit);
  if (!created.ok() && created.error().code() == StatusCode::kConflict)
    return Status::InvalidArgument("invalid user", {{"/username", "taken", {}}});
  return created;
}

Result<User> AccountService::UpdateUser(UserId id, const UserInput& in) {
  DRIELUIK_RETURN_IF_ERROR(Validate(in, false));
  auto u = repo_.GetUser(id);
  if (!u.ok()) return u.status();
  User next = *u;
  if (in.display_name) next.display_name = *in.display_name;
  if (in.role) next.role = *RoleFromCode(*in.role);
  if (in.organisation) next.organisation = *in.organisation;
  if (in.municipality) next.municipality = *in.municipality;
  if (in.email) next.email = *in.email;
  if (in.disabled) next.disabled = *in.disabled;
  if (in.password) {
    auto hash = hasher_.Hash(*in.password);
    if (!hash.ok()) return hash.status();
    next.password_hash = *hash;
    next.must_change_password = false;
  }
  next.updated_at = clock_.Now();
  auto saved = repo_.UpdateUser(next);
  if (!saved.ok()) return saved.status();
  // A changed role, scope, password or a disabled account takes effect at once.
  if (in.role || in.organisation || in.municipality || in.password || next.disabled)
    DRIELUIK_RETURN_IF_ERROR(repo_.DeleteSessionsOf(id).status());
  return saved;
}

Result<std::vector<User>> AccountService::ListUsers() { return repo_.ListUsers(); }
Result<User> AccountService::GetUser(UserId id) { return repo_.GetUser(id); }
Result<User> AccountService::FindUser(const std::string& username) { return repo_.FindUser(username); }

Result<User> AccountService::Disable(UserId id) {
  UserInput in;
  in.disabled = true;
  return UpdateUser(id, in);
}

Result<std::string> AccountService::ResetPassword(UserId id) {
  auto u = repo_.GetUser(id);
  if (!u.ok()) return u.status();
  std::string password = TemporaryPassword();
  auto hash = hasher_.Hash(password);
  if (!hash.ok()) return hash.status();
  User next = *u;
  next.password_hash = *hash;
  next.must_change_password = true;
  next.updated_at = clock_.Now();
  auto saved = repo_.UpdateUser(next);
  if (!saved.ok()) return saved.status();
  DRIELUIK_RETURN_IF_ERROR(repo_.DeleteSessionsOf(id).status());
  return password;
}

Result<std::string> AccountService::EnrollTotp(UserId id) {
  auto u = repo_.GetUser(id);
  if (!u.ok()) return u.status();
  std::string key = crypto::NewTotpSecret();
  User next = *u;
  next.totp_secret = crypto::Base32Encode(key, false);
  next.totp_last_step.reset();
  next.updated_at = clock_.Now();
  auto saved = repo_.UpdateUser(next);
  if (!saved.ok()) return saved.status();
  return crypto::TotpProvisioningUri("drieluik", u->username, key);
}

Status AccountService::SetTotpRequired(Role role, bool required) { return repo_.SetTotpRequired(role, required); }
Result<std::set<Role>> AccountService::ListTotpRequired() { return repo_.TotpRequiredRoles(); }

Result<CreatedToken> AccountService::CreateToken(UserId user, std::optional<TimePoint> expires, const std::string& label,
                                                 const AuditIntent* audit) {
  auto u = repo_.GetUser(user);
  if (!u.ok()) return u.status();
  if (u->disabled) return Status::FailedPrecondition("user is disabled");
  if (expires && *expires <= clock_.Now())
    return Status::InvalidArgument("invalid token", {{"/expires", "not_in_future", {}}});
  if (label.size() > 100) return Status::InvalidArgument("invalid token", {{"/label", "length", {{"max", "100"}}}});
  crypto::NewApiToken fresh = crypto::CreateApiToken();
  TokenRecord rec;
  rec.user_id = user;
  rec.token_hash = fresh.hash;
  rec.hint = fresh.hint;
  rec.label = label;
  rec.created_at = clock_.Now();
  rec.expires_at = expires;
  auto saved = repo_.CreateToken(rec, audit);
  if (!saved.ok()) return saved.status();
  return CreatedToken{*saved, fresh.token};
}

Status AccountService::RevokeToken(std::int64_t id) { return repo_.RevokeToken(id, clock_.Now()); }
Result<std::vector<TokenRecord>> AccountService::ListTokens(UserId user) { return repo_.ListTokens(user); }

Result<int> AccountService::PurgeExpiredSessions() {
  const TimePoint now = clock_.Now();
  return repo_.DeleteExpiredSessions(now - options_.idle_timeout, now - options_.absolute_timeout);
}

}  // namespace drieluik::auth
