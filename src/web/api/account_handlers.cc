// Accounts over HTTP: the session (login with the optional TOTP step, who-am-I, logout),
// user administration, per-role TOTP settings and API tokens. The account resources use
// snake_case members (display_name, csrf_token), as the UI's auth contract fixed them.
// Every login failure answers the same 401 "Inloggen mislukt / Login failed".
#include <nlohmann/json.hpp>

#include "auth/account_service.h"
#include "auth/audit_log.h"
#include "base/time.h"
#include "web/api/api.h"
#include "web/api/handler_util.h"
#include "web/api/json_fields.h"
#include "web/api/problem.h"
#include "web/api/secure_route.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

json UserJson(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", ToCode(u.role)},
          {"role_label", {{"nl", LabelNl(u.role)}, {"en", LabelEn(u.role)}}},
          {"organisation", u.organisation},
          {"municipality", u.municipality.empty() ? json(nullptr) : json(u.municipality)},
          {"email", u.email.empty() ? json(nullptr) : json(u.email)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"totp_enrolled", !u.totp_secret.empty()}};
}

json TokenJson(const TokenRecord& t) {
  return {{"id", t.id},
          {"user_id", t.user_id},
          {"hint", t.hint},
          {"label", t.label},
          {"created_at", FormatTimestamp(t.created_at)},
          {"expires_at", t.expires_at ? json(FormatTimestamp(*t.expires_at)) : json(nullptr)},
          {"revoked_at", t.revoked_at ? json(FormatTimestamp(*t.revoked_at)) : json(nullptr)}};
}

Response LoginFailed() { return Response::Problem(401, "login-failed", "Inloggen mislukt / Login failed"); }

Response SignedInResponse(const ApiContext& ctx, const auth::SignedIn& s) {
  Response resp = JsonResponse({{"user", UserJson(s.user)}, {"csrf_token", s.csrf_token}});
  if (!s.session_token.empty()) {
    resp.SetHeader("Set-Cookie", "drieluik_session=" + s.session_token + "; HttpOnly; SameSite=Strict; Path=/" +
                                     (ctx.secure_cookies ? "; Secure" : ""));
  }
  resp.SetHeader("Cache-Control", "no-store");
  return resp;
}

// The answer to a failed login step: 429 when throttled, the generic 401 otherwise.
Response LoginProblem(Call& call, ApiContext& ctx, const Status& s) {
  if (ctx.audit)
    (void)ctx.audit->Record(call.principal, AuditAction::kLoginFailed, "session", "", "authentication",
                            call.request.remote_address, AuditOutcome::kFailed);
  if (s.code() == StatusCode::kResourceExhausted) {
    Response p = ProblemFor(s);
    p.SetHeader("Retry-After", "900");
    return p;
  }
  if (s.code() == StatusCode::kUnauthenticated) return LoginFailed();
  return ProblemFor(s);
}

std::string SessionCookie(const Request& r) {
  std::string_view h = r.Header("cookie");
  const std::string name = "drieluik_session=";
  std::size_t pos = h.find(name);
  if (pos == std::string_view::npos) return "";
  std::size_t end = h.find(';', pos);
  return std::string(h.substr(pos + name.size(), end == std::string_view::npos ? std::string_view::npos : end - pos - name.size()));
}

// Reads the members of a user body; `allowed` names the members this caller may send.
Result<auth::UserInput> ReadUserInput(const json& body, const std::vector<std::string>& allowed) {
  std::vector<FieldError> errors;
  if (!body.is_object()) return Status::Invalid({"", "wrong_type", {{"expected", "object"}}});
  auth::UserInput in;
  for (const auto& [k, v] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      errors.push_back({"/" + k, k == "role" || k == "organisation" || k == "municipality" || k == "username" ? "read_only" : "unknown_field", {}});
      continue;
    }
    if (k == "disabled") {
      if (!v.is_boolean()) errors.push_back({"/disabled", "wrong_type", {{"expected", "boolean"}}});
      else in.disabled = v.get<bool>();
      continue;
    }
    if ((k == "municipality" || k == "email") && v.is_null()) {
      (k == "email" ? in.email : in.municipality) = "";
      continue;
    }
    if (!v.is_string()) {
      errors.push_back({"/" + k, "wrong_type", {{"expected", "string"}}});
      continue;
    }
    std::string s = v.get<std::string>();
    if (k == "username") in.username = s;
    else if (k == "display_name") in.display_name = s;
    else if (k == "role") in.role = s;
    else if (k == "organisation") in.organisation = s;
    else if (k == "municipality") in.municipality = s;
    else if (k == "password") in.password = s;
    else if (k == "email") in.email = s;
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid user", errors);
  return in;
}

ObjectScope OwnerScope(UserId id) {
  ObjectScope s;
  s.owner_user_id = id;
  return s;
}

}  // namespace

void RegisterAccounts(Router& router, ApiContext& ctx) {
  // --- session ---
  AddRoute(router, ctx, {"POST", "/api/v1/session", "session", "create", false, true}, [&ctx](Call& call) {
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    const json& j = std::get<json>(body);
    if (!j.is_object() || !j.contains("username") || !j["username"].is_string() || !j.contains("password") ||
        !j["password"].is_string())
      return LoginFailed();
    auto out = ctx.accounts->Login(j["username"].get<std::string>(), j["password"].get<std::string>(),
                                   call.request.remote_address);
    if (!out.ok()) return LoginProblem(call, ctx, out.status());
    if (out->totp_required) {
      Response resp = JsonResponse({{"totp_required", true}, {"challenge", out->challenge}});
      resp.SetHeader("Cache-Control", "no-store");
      return resp;
    }
    (void)ctx.audit->Record(out->session->principal, AuditAction::kLogin, "user", std::to_string(out->session->user.id),
                            "authentication", call.request.remote_address);
    return SignedInResponse(ctx, *out->session);
  });

  AddRoute(router, ctx, {"POST", "/api/v1/session/totp", "session", "create", false, true}, [&ctx](Call& call) {
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    const json& j = std::get<json>(body);
    if (!j.is_object() || !j.contains("challenge") || !j["challenge"].is_string() || !j.contains("code") ||
        !j["code"].is_string())
      return LoginFailed();
    auto s = ctx.accounts->CompleteTotp(j["challenge"].get<std::string>(), j["code"].get<std::string>(),
                                        call.request.remote_address);
    if (!s.ok()) return LoginProblem(call, ctx, s.status());
    (void)ctx.audit->Record(s->principal, AuditAction::kLogin, "user", std::to_string(s->user.id), "authentication",
                            call.request.remote_address);
    return SignedInResponse(ctx, *s);
  });

  AddRoute(router, ctx, {"GET", "/api/v1/session", "session", "read"}, [&ctx](Call& call) {
    auto user = ctx.accounts->GetUser(call.principal.user_id);
    if (!user.ok()) return ProblemFor(user.status());
    auth::SignedIn s;
    s.user = *user;
    if (call.principal.via == AuthMethod::kSession) {
      auto live = ctx.accounts->Session(SessionCookie(call.request));
      if (live.ok()) s.csrf_token = live->csrf_token;
    }
    return SignedInResponse(ctx, s);
  });

  AddRoute(router, ctx, {"DELETE", "/api/v1/session", "session", "delete"}, [&ctx](Call& call) {
    Status s = ctx.accounts->Logout(SessionCookie(call.request));
    if (!s.ok()) return ProblemFor(s);
    Response resp;
    resp.status = 204;
    resp.SetHeader("Set-Cookie", "drieluik_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" +
                                     std::string(ctx.secure_cookies ? "; Secure" : ""));
    return resp;
  });

  // --- users ---
  AddRoute(router, ctx, {"GET", "/api/v1/users", "user", "list"}, [&ctx](Call& call) {
    auto users = ctx.accounts->ListUsers();
    if (!users.ok()) return ProblemFor(users.status());
    json items = json::array();
    for (const auto& u : *users) items.push_back(UserJson(u));
    if (auto denied = call.Audit(AuditAction::kSearch, "user", "")) return *denied;
    return JsonResponse({{"items", items}});
  });

  AddRoute(router, ctx, {"POST", "/api/v1/users", "user", "create"}, [&ctx](Call& call) {
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    auto in = ReadUserInput(std::get<json>(body),
                            {"username", "display_name", "role", "organisation", "municipality", "email", "password"});
    if (!in.ok()) return ProblemFor(in.status());
    auto u = ctx.accounts->AddUser(*in, call.Intent(AuditAction::kCreate, "user"));
    if (!u.ok()) return ProblemFor(u.status());
    Response resp = JsonResponse(UserJson(*u), 201);
    resp.SetHeader("Location", "/api/v1/users/" + std::to_string(u->id));
    return resp;
  });

  AddRoute(router, ctx, {"GET", "/api/v1/users/{id}", "user", "read", true}, [&ctx](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("user"));
    auto u = ctx.accounts->GetUser(*id);
    if (!u.ok()) return ProblemFor(u.status());
    if (auto denied = call.Authorize(OwnerScope(u->id), "user", std::to_string(u->id))) return *denied;
    return JsonResponse(UserJson(*u));
  });

  AddRoute(router, ctx, {"PATCH", "/api/v1/users/{id}", "user", "update", true}, [&ctx](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("user"));
    auto u = ctx.accounts->GetUser(*id);
    if (!u.ok()) return ProblemFor(u.status());
    if (auto denied = call.Authorize(OwnerScope(u->id), "user", std::to_string(u->id))) return *denied;
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    // A user changes their own name, e-mail address and password; the beheerder also role,
    // scope and state.
    const bool admin = call.principal.role == Role::kBeheerder;
    std::vector<std::string> allowed = {"display_name", "email", "password"};
    if (admin) allowed.insert(allowed.end(), {"role", "organisation", "municipality", "disabled"});
    auto in = ReadUserInput(std::get<json>(body), allowed);
    if (!in.ok()) return ProblemFor(in.status());
    auto saved = ctx.accounts->UpdateUser(*id, *in);
    if (!saved.ok()) return ProblemFor(saved.status());
    return JsonResponse(UserJson(*saved));
  });

  AddRoute(router, ctx, {"POST", "/api/v1/users/{id}/disable", "user", "delete", true}, [&ctx](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("user"));
    auto u = ctx.accounts->GetUser(*id);
    if (!u.ok()) return ProblemFor(u.status());
    if (auto denied = call.Authorize(OwnerScope(u->id), "user", std::to_string(u->id))) return *denied;
    auto saved = ctx.accounts->Disable(*id);
    if (!saved.ok()) return ProblemFor(saved.status());
    return JsonResponse(UserJson(*saved));
  });

  AddRoute(router, ctx, {"POST", "/api/v1/users/{id}/reset-password", "user", "reset_password", true},
           [&ctx](Call& call) {
             auto id = ParseId(call.request.PathParam("id"));
             if (!id) return ProblemFor(Status::NotFound("user"));
             auto u = ctx.accounts->GetUser(*id);
             if (!u.ok()) return ProblemFor(u.status());
             if (auto denied = call.Authorize(OwnerScope(u->id), "user", std::to_string(u->id))) return *denied;
             auto password = ctx.accounts->ResetPassword(*id);
             if (!password.ok()) return ProblemFor(password.status());
             Response resp = JsonResponse({{"password", *password}});
             resp.SetHeader("Cache-Control", "no-store");
             return resp;
           });

  AddRoute(router, ctx, {"POST", "/api/v1/users/{id}/totp", "user", "update", true}, [&ctx](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("user"));
    auto u = ctx.accounts->GetUser(*id);
    if (!u.ok()) return ProblemFor(u.status());
    if (auto denied = call.Authorize(OwnerScope(u->id), "user", std::to_string(u->id))) return *denied;
    auto uri = ctx.accounts->EnrollTotp(*id);
    if (!uri.ok()) return ProblemFor(uri.status());
    Response resp = JsonResponse({{"otpauth_uri", *uri}});
    resp.SetHeader("Cache-Control", "no-store");
    return resp;
  });

  // --- role settings ---
  AddRoute(router, ctx, {"GET", "/api/v1/role-settings", "role_setting", "read"}, [&ctx](Call&) {
    auto roles = ctx.accounts->ListTotpRequired();
    if (!roles.ok()) return ProblemFor(roles.status());
    json items = json::array();
    for (Role r : AllRoles())
      items.push_back({{"role", ToCode(r)}, {"label", {{"nl", LabelNl(r)}, {"en", LabelEn(r)}}},
                       {"totp_required", roles->count(r) > 0}});
    return JsonResponse({{"items", items}});
  });

  AddRoute(router, ctx, {"PUT", "/api/v1/role-settings/{role}", "role_setting", "update"}, [&ctx](Call& call) {
    auto role = RoleFromCode(call.request.PathParam("role"));
    if (!role) return ProblemFor(Status::NotFound("role"));
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    const json& j = std::get<json>(body);
    if (!j.is_object() || !j.contains("totp_required") || !j["totp_required"].is_boolean())
      return ProblemFor(Status::Invalid({"/totp_required", "wrong_type", {{"expected", "boolean"}}}));
    // Audited before the change, as a change of an existing object: a refused entry refuses it.
    if (auto denied = call.Audit(AuditAction::kUpdate, "role_setting", ToCode(*role))) return *denied;
    Status s = ctx.accounts->SetTotpRequired(*role, j["totp_required"].get<bool>());
    if (!s.ok()) return ProblemFor(s);
    return JsonResponse({{"role", ToCode(*role)}, {"totp_required", j["totp_required"]}});
  });

  // --- API tokens ---
  AddRoute(router, ctx, {"GET", "/api/v1/tokens", "token", "list"}, [&ctx](Call& call) {
    // Scoped: one's own tokens; the beheerder's cell is allow: every token.
    UserId of = call.decision.filter == ScopeRule::kOwnAccount ? call.principal.user_id : 0;
    auto tokens = ctx.accounts->ListTokens(of);
    if (!tokens.ok()) return ProblemFor(tokens.status());
    json items = json::array();
    for (const auto& t : *tokens) items.push_back(TokenJson(t));
    return JsonResponse({{"items", items}});
  });

  AddRoute(router, ctx, {"POST", "/api/v1/tokens", "token", "create"}, [&ctx](Call& call) {
    auto body = ReadJsonBody(call.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    const json& j = std::get<json>(body);
    std::vector<FieldError> errors;
    JsonFields f(j, "", errors);
    f.CheckMembers({"username", "expires", "label"});
    std::string username = f.String("username", true);
    std::string expires = f.String("expires", false);
    std::string label = f.String("label", false);
    std::optional<TimePoint> until;
    if (!expires.empty()) {
      if (auto d = ParseDate(expires)) until = AmsterdamTime(*d, std::chrono::minutes(0));
      else if (auto t = ParseTimestamp(expires)) until = t;
      else errors.push_back({"/expires", "invalid_date", {}});
    }
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid token", errors));
    auto user = ctx.accounts->FindUser(username);
    if (!user.ok()) {
      if (user.error().code() == StatusCode::kNotFound)
        return ProblemFor(Status::InvalidArgument("invalid token", {{"/username", "unknown_code", {{"value", username}}}}));
      return ProblemFor(user.status());
    }
    auto created = ctx.accounts->CreateToken(user->id, until, label, call.Intent(AuditAction::kCreate, "token"));
    if (!created.ok()) return ProblemFor(created.status());
    json out = TokenJson(created->record);
    out["token"] = created->token;
    Response resp = JsonResponse(out, 201);
    resp.SetHeader("Cache-Control", "no-store");
    return resp;
  });

  AddRoute(router, ctx, {"DELETE", "/api/v1/tokens/{id}", "token", "delete", true}, [&ctx](Call& call) {
    auto id = ParseId(call.request.PathParam("id"));
    if (!id) return ProblemFor(Status::NotFound("token"));
    auto tokens = ctx.accounts->ListTokens(0);
    if (!tokens.ok()) return ProblemFor(tokens.status());
    auto it = std::find_if(tokens->begin(), tokens->end(), [&](const TokenRecord& t) { return t.id == *id; });
    if (it == tokens->end()) return ProblemFor(Status::NotFound("token"));
    if (auto denied = call.Authorize(OwnerScope(it->user_id), "token", std::to_string(*id))) return *denied;
    Status s = ctx.accounts->RevokeToken(*id);
    if (!s.ok()) return ProblemFor(s);
    Response resp;
    resp.status = 204;
    return resp;
  });
}

}  // namespace drieluik::web::api
