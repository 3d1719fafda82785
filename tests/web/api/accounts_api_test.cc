// Accounts end to end on the real server (issue 3): login with one generic failure,
// throttling, the TOTP step, sessions with CSRF and server-side logout, API tokens and
// their revocation, need-to-know scoping, and the audit trail with its tamper check.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>

#include "api_test_util.h"
#include "support/run_command.h"
#include "crypto/base32.h"
#include "crypto/totp.h"

namespace drieluik::testing {
namespace {

// The drieluik_session cookie of a response, "" when none.
std::string SessionCookieOf(const httplib::Result& r) {
  std::string set = r->get_header_value("Set-Cookie");
  std::smatch m;
  if (std::regex_search(set, m, std::regex("drieluik_session=([0-9a-f]{64})"))) return m[1];
  return "";
}

httplib::Headers WithSession(const std::string& cookie, const std::string& csrf = "") {
  httplib::Headers h{{"Cookie", "drieluik_session=" + cookie}};
  if (!csrf.empty()) h.emplace("X-CSRF-Token", csrf);
  return h;
}

class AccountsApiTest : public ApiTest {
 protected:
  httplib::Result Login(const std::string& user, const std::string& password) {
    auto c = server_->AnonymousClient();
    return c->Post("/api/v1/session", json{{"username", user}, {"password", password}}.dump(), "application/json");
  }
};

TEST_P(AccountsApiTest, SessionCookieCsrfAndServerSideLogout) {
  server_->AddUser("af.test", "aandachtsfunctionaris", "gem-westerwolde", "GM1950", "juist-wachtwoord-1");
  auto r = Login("af.test", "juist-wachtwoord-1");
  ASSERT_EQ(r->status, 200) << r->body;
  std::string set = r->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  std::string cookie = SessionCookieOf(r);
  ASSERT_FALSE(cookie.empty()) << set;
  json j = Body(r);
  EXPECT_EQ(j["user"]["role"], "aandachtsfunctionaris");
  std::string csrf = j["csrf_token"];

  auto c = server_->AnonymousClient();
  EXPECT_EQ(c->Get("/api/v1/session", WithSession(cookie))->status, 200);
  // A state-changing request without, or with a wrong, CSRF token is refused.
  auto no_csrf = c->Post("/api/v1/signals", WithSession(cookie), ValidSignal().dump(), "application/json");
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_NE(no_csrf->body.find("problems/csrf"), std::string::npos) << no_csrf->body;
  EXPECT_EQ(c->Post("/api/v1/signals", WithSession(cookie, std::string(64, 'a')), ValidSignal().dump(),
                    "application/json")->status, 403);
  EXPECT_EQ(c->Post("/api/v1/signals", WithSession(cookie, csrf), ValidSignal().dump(), "application/json")->status, 201);
  // Logout ends the session on the server: the old cookie and token no longer work.
  EXPECT_EQ(c->Delete("/api/v1/session", WithSession(cookie, csrf))->status, 204);
  EXPECT_EQ(c->Get("/api/v1/session", WithSession(cookie))->status, 401);
  auto replay = c->Post("/api/v1/signals", WithSession(cookie, csrf), ValidSignal().dump(), "application/json");
  EXPECT_EQ(replay->status, 401) << replay->body;
}

TEST_P(AccountsApiTest, SessionCookieIsSecureBehindATlsProxyWhenServeIsToldSo) {
  server_->AddUser("af.proxy", "aandachtsfunctionaris", "gem-westerwolde", "GM1950", "juist-wachtwoord-1");
  auto plain = Login("af.proxy", "juist-wachtwoord-1");
  ASSERT_EQ(plain->status, 200) << plain->body;
  EXPECT_EQ(plain->get_header_value("Set-Cookie").find("Secure"), std::string::npos);  // plain HTTP on loopback
  server_->SetServeArgs({"--secure-cookies"});
  server_->Restart();
  auto proxied = Login("af.proxy", "juist-wachtwoord-1");
  ASSERT_EQ(proxied->status, 200) << proxied->body;
  std::string set = proxied->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("; Secure"), std::string::npos) << set;
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
}

TEST_P(AccountsApiTest, EveryLoginFailureLooksTheSameAndIsThrottled) {
  server_->AddUser("zc.test", "zorgcoordinator", "zvhg", "", "juist-wachtwoord-2");
  server_->AddUser("zc.disabled", "zorgcoordinator", "zvhg", "", "juist-wachtwoord-3");
  server_->Cli("user disable zc.disabled");
  auto wrong = Login("zc.test", "fout-wachtwoord");
  auto unknown = Login("niemand", "fout-wachtwoord");
  auto disabled = Login("zc.disabled", "juist-wachtwoord-3");
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    EXPECT_EQ((*r)->status, 401);
    EXPECT_EQ((*r)->body, wrong->body);
  }
  EXPECT_NE(wrong->body.find("Inloggen mislukt / Login failed"), std::string::npos) << wrong->body;
  // Five failures for one account: then even the right password waits.
  for (int i = 0; i < 4; ++i) Login("zc.test", "fout-wachtwoord");
  auto blocked = Login("zc.test", "juist-wachtwoord-2");
  EXPECT_EQ(blocked->status, 429) << blocked->body;
  EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
}

TEST_P(AccountsApiTest, TotpRequiredForARoleAsksASecondFactorAndRefusesReplay) {
  server_->AddUser("hh.test", "handhaving", "gem-westerwolde", "GM1950", "juist-wachtwoord-4");
  auto admin = server_->ClientAs("beheerder");
  ASSERT_EQ(admin->Put("/api/v1/role-settings/handhaving", R"({"totp_required":true})", "application/json")->status, 200);
  json users = Body(admin->Get("/api/v1/users"));
  long id = 0;
  for (const auto& u : users["items"])
    if (u["username"] == "hh.test") id = u["id"];
  // Without an enrolled authenticator the role cannot sign in at all.
  EXPECT_EQ(Login("hh.test", "juist-wachtwoord-4")->status, 401);
  json enrolled = Body(admin->Post("/api/v1/users/" + std::to_string(id) + "/totp", "", "application/json"));
  std::smatch m;
  std::string uri = enrolled["otpauth_uri"];
  ASSERT_TRUE(std::regex_search(uri, m, std::regex("secret=([A-Z2-7]+)"))) << uri;
  auto key = crypto::Base32Decode(m[1].str());
  ASSERT_TRUE(key.ok());

  auto step1 = Body(Login("hh.test", "juist-wachtwoord-4"));
  ASSERT_EQ(step1["totp_required"], true) << step1.dump();
  auto c = server_->AnonymousClient();
  auto bad = c->Post("/api/v1/session/totp", json{{"challenge", step1["challenge"]}, {"code", "000000"}}.dump(),
                     "application/json");
  EXPECT_EQ(bad->status, 401);
  EXPECT_NE(bad->body.find("Login failed"), std::string::npos);
  std::int64_t now_step = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count() / 30;
  std::string code = crypto::TotpCode(*key, now_step);
  auto good = c->Post("/api/v1/session/totp", json{{"challenge", step1["challenge"]}, {"code", code}}.dump(),
                      "application/json");
  ASSERT_EQ(good->status, 200) << good->body;
  EXPECT_FALSE(SessionCookieOf(good).empty());
  // The same code a second time (a replay) is refused.
  auto step2 = Body(Login("hh.test", "juist-wachtwoord-4"));
  auto replay = c->Post("/api/v1/session/totp", json{{"challenge", step2["challenge"]}, {"code", code}}.dump(),
                        "application/json");
  EXPECT_EQ(replay->status, 401);
}

TEST_P(AccountsApiTest, NeedToKnowByMunicipalityRoleAndCompartment) {
  // Kr registers one signal in Westerwolde and one in Groningen.
  json ww = Body(PostJson(http(), "/api/v1/signals", ValidSignal().dump()));
  json other = ValidSignal();
  other["municipality"] = "GM0014";
  other["organisation"] = "gem-groningen";
  json gr = Body(PostJson(http(), "/api/v1/signals", other.dump()));
  auto af = server_->ClientAs("aandachtsfunctionaris");  // Westerwolde
  EXPECT_EQ(af->Get("/api/v1/signals/" + std::to_string(ww["id"].get<long>()))->status, 200);
  // A user of municipality A reading a signal of municipality B: as if it did not exist.
  EXPECT_EQ(af->Get("/api/v1/signals/" + std::to_string(gr["id"].get<long>()))->status, 404);
  json list = Body(af->Get("/api/v1/signals"));
  for (const auto& s : list["items"]) EXPECT_EQ(s["municipality"], "GM1950") << s.dump();
  // Registering for another municipality is refused.
  EXPECT_EQ(PostJson(*af, "/api/v1/signals", other.dump())->status, 422);
  // Beleid sees aggregates only, never a signal.
  auto beleid = server_->ClientAs("beleid");
  EXPECT_EQ(beleid->Get("/api/v1/signals/" + std::to_string(ww["id"].get<long>()))->status, 403);
  EXPECT_EQ(beleid->Get("/api/v1/signals")->status, 403);
  // Police see what police registered or what was referred to them, not a municipal signal.
  auto police = server_->ClientAs("politie");
  EXPECT_EQ(police->Get("/api/v1/signals/" + std::to_string(ww["id"].get<long>()))->status, 404);
  // The privacy officer sees the audit trail, not case content.
  auto fg = server_->ClientAs("privacy_officer");
  EXPECT_EQ(fg->Get("/api/v1/signals/" + std::to_string(ww["id"].get<long>()))->status, 403);
}

TEST_P(AccountsApiTest, RevokedAndGarbageTokensAreRefused) {
  auto admin = server_->ClientAs("beheerder");
  json t = Body(PostJson(*admin, "/api/v1/tokens", R"({"username":"test.ketenregisseur","label":"tijdelijk"})"));
  ASSERT_TRUE(t.contains("token")) << t.dump();
  auto c = server_->AnonymousClient();
  c->set_bearer_token_auth(t["token"].get<std::string>());
  EXPECT_EQ(c->Get("/api/v1/signals")->status, 200);
  EXPECT_EQ(admin->Delete("/api/v1/tokens/" + std::to_string(t["id"].get<long>()))->status, 204);
  EXPECT_EQ(c->Get("/api/v1/signals")->status, 401);
  auto garbage = server_->AnonymousClient();
  garbage->set_bearer_token_auth("dlk_nonsense");
  EXPECT_EQ(garbage->Get("/api/v1/signals")->status, 401);
  // Only the hash is stored: the token's text is nowhere in the listing.
  auto listing = admin->Get("/api/v1/tokens");
  EXPECT_EQ(listing->body.find(t["token"].get<std::string>()), std::string::npos);
}

TEST_P(AccountsApiTest, AuditTrailRecordsReadsAndRefusalsAndDetectsTampering) {
  json s = Body(PostJson(http(), "/api/v1/signals", ValidSignal().dump()));
  const std::string id = std::to_string(s["id"].get<long>());
  ASSERT_EQ(http().Get("/api/v1/signals/" + id)->status, 200);
  ASSERT_EQ(server_->ClientAs("beleid")->Get("/api/v1/signals/" + id)->status, 403);

  auto fg = server_->ClientAs("privacy_officer");
  json entries = Body(fg->Get("/api/v1/audit?objectType=signal&objectId=" + id));
  bool read = false;
  for (const auto& e : entries["items"])
    read = read || (e["action"] == "read" && e["actor"] == "test.ketenregisseur" && e["remoteAddress"] == "127.0.0.1");
  EXPECT_TRUE(read) << entries.dump();
  json denied = Body(fg->Get("/api/v1/audit?actor=test.beleid"));
  bool refusal = false;
  for (const auto& e : denied["items"]) refusal = refusal || (e["action"] == "access_denied" && e["outcome"] == "denied");
  EXPECT_TRUE(refusal) << denied.dump();
  EXPECT_EQ(http().Get("/api/v1/audit")->status, 403);  // case roles do not read the trail
  auto exported = fg->Get("/api/v1/audit/export");
  ASSERT_EQ(exported->status, 200);
  EXPECT_NE(exported->body.find("\"objectType\":\"signal\""), std::string::npos);
  EXPECT_EQ(Body(fg->Get("/api/v1/audit/verify"))["intact"], true);

  int rc = -1;
  std::string out = server_->Cli("audit verify", &rc);
  EXPECT_EQ(rc, 0) << out;
  // Someone with database access changes an entry (after removing the guard trigger).
  std::string url = server_->database_url();
  std::string sql_drop, tamper;
  if (url.rfind("sqlite:", 0) == 0) {
    tamper = "sqlite3 '" + url.substr(7) +
             "' \"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET object_id = '999' WHERE seq = 2\"";
  } else {
    tamper = "psql '" + url +
             "' -qc \"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET object_id = '999' WHERE seq = 2\"";
  }
  ASSERT_EQ(std::system(tamper.c_str()), 0) << tamper;
  out = server_->Cli("audit verify", &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find("seq 2"), std::string::npos) << out;
  EXPECT_NE(out.find("altered"), std::string::npos) << out;
  EXPECT_EQ(Body(fg->Get("/api/v1/audit/verify"))["intact"], false);
}

// A create and its audit entry are one transaction (AuditIntent): while the database refuses
// audit entries (a trigger stands in for a full disk or a broken table), a signal, a public
// report and a meeting are refused with 5xx and none of them is stored; once entries can be
// written again the same requests succeed, each with its entry.
TEST_P(AccountsApiTest, ACreateWhoseAuditEntryCannotBeWrittenIsNotStored) {
  auto anon = server_->AnonymousClient();
  const json report = {{"description", "Busjes met jonge vrouwen bij het pand aan de Markt, elke nacht."},
                       {"municipality", "GM1895"},
                       {"forms", {"SEKS"}}};
  const std::string meeting = R"({"type":"drieluik","scheduledAt":"2026-12-15T09:00:00Z"})";
  http();  // the ketenregisseur's token exists before entries are refused
  std::string url = server_->database_url();
  std::string refuse, allow;
  if (url.rfind("sqlite:", 0) == 0) {
    std::string db = "sqlite3 '" + url.substr(7) + "' ";
    refuse = db + "\"CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'down'); END\"";
    allow = db + "\"DROP TRIGGER audit_down\"";
  } else {
    std::string db = "psql '" + url + "' -qc ";
    refuse = db + "\"CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS \\$\\$BEGIN RAISE EXCEPTION "
                  "'down'; END\\$\\$; CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE "
                  "FUNCTION audit_down()\"";
    allow = db + "\"DROP TRIGGER audit_down ON audit_log\"";
  }
  ASSERT_EQ(std::system(refuse.c_str()), 0) << refuse;
  auto signal = PostJson(http(), "/api/v1/signals", ValidSignal().dump());
  EXPECT_GE(signal->status, 500) << signal->body;
  auto pub = PostJson(*anon, "/api/v1/public/signals", report.dump());
  EXPECT_GE(pub->status, 500) << pub->body;
  EXPECT_EQ(pub->body.find("referenceCode"), std::string::npos) << pub->body;
  auto m = PostJson(http(), "/api/v1/meetings", meeting);
  EXPECT_GE(m->status, 500) << m->body;
  ASSERT_EQ(std::system(allow.c_str()), 0) << allow;

  EXPECT_TRUE(Body(http().Get("/api/v1/signals"))["items"].empty());
  EXPECT_TRUE(Body(http().Get("/api/v1/meetings"))["items"].empty());
  json created = Body(PostJson(http(), "/api/v1/signals", ValidSignal().dump()));
  ASSERT_TRUE(created.contains("id")) << created.dump();
  ASSERT_EQ(PostJson(*anon, "/api/v1/public/signals", report.dump())->status, 201);
  json made = Body(PostJson(http(), "/api/v1/meetings", meeting));
  ASSERT_TRUE(made.contains("id")) << made.dump();
  EXPECT_EQ(Body(http().Get("/api/v1/signals"))["items"].size(), 2u);

  auto fg = server_->ClientAs("privacy_officer");
  json entries = Body(fg->Get("/api/v1/audit?limit=1000"));
  int signal_creates = 0, meeting_creates = 0;
  for (const auto& e : entries["items"]) {
    if (e["action"] != "create") continue;
    if (e["objectType"] == "signal") ++signal_creates;
    if (e["objectType"] == "meeting" && e["objectId"] == std::to_string(made["id"].get<long>())) ++meeting_creates;
  }
  EXPECT_EQ(signal_creates, 2) << entries.dump();
  EXPECT_EQ(meeting_creates, 1) << entries.dump();
  EXPECT_EQ(Body(fg->Get("/api/v1/audit/verify"))["intact"], true);
}

TEST_P(AccountsApiTest, PoliceAndCareCompartmentsStayWithTheirRoles) {
  // A signal registered by the police's TMM team is in the police's view.
  json body = ValidSignal();
  body["organisation"] = "politie-tmm";
  json s = Body(PostJson(http(), "/api/v1/signals", body.dump()));
  const std::string base = "/api/v1/signals/" + std::to_string(s["id"].get<long>());
  auto police = server_->ClientAs("politie");
  auto zc = server_->ClientAs("zorgcoordinator");
  auto af = server_->ClientAs("aandachtsfunctionaris");  // Westerwolde: the signal's municipality
  const std::string police_notes = R"({"notes":"Aangifte opgenomen.","reference":"PL0100-2026123456","outcome":"onderzoek","version":0})";
  ASSERT_EQ(police->Put(base + "/police", police_notes, "application/json")->status, 200);
  // A stale version is refused with the current one.
  auto stale = police->Put(base + "/police", police_notes, "application/json");
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(Body(stale)["currentVersion"], 1);
  // A police-compartment field asked for by an aandachtsfunctionaris (who may read the
  // signal itself), or by a zorgcoördinator: refused.
  EXPECT_EQ(af->Get(base)->status, 200);
  EXPECT_EQ(af->Get(base + "/police")->status, 403);
  EXPECT_EQ(zc->Get(base + "/police")->status, 403);
  EXPECT_EQ(Body(http().Get(base + "/police"))["reference"], "PL0100-2026123456");  // the ketenregisseur

  // Care: zorgcoördinatoren only, the ketenregisseur once the person consented.
  ASSERT_EQ(zc->Put(base + "/care", R"({"notes":"Opvang geregeld.","outcome":"opvang","version":0})",
                    "application/json")->status, 200);
  EXPECT_EQ(police->Get(base + "/care")->status, 403);
  EXPECT_EQ(http().Get(base + "/care")->status, 404);  // no consent: as if there were none
  ASSERT_EQ(zc->Put(base + "/care", R"({"notes":"Opvang geregeld.","outcome":"opvang","consentToShare":true,"version":1})",
                    "application/json")->status, 200);
  EXPECT_EQ(Body(http().Get(base + "/care"))["outcome"], "opvang");
  EXPECT_EQ(http().Put(base + "/care", R"({"notes":"x","version":2})", "application/json")->status, 403);
  // Bad input names the field and changes nothing.
  auto bad = zc->Put(base + "/care", R"({"notes":"x","version":2,"kleur":"rood"})", "application/json");
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("/kleur"), std::string::npos);
  EXPECT_EQ(Body(zc->Get(base + "/care"))["version"], 2);
}

TEST_P(AccountsApiTest, RetentionRunReportsEveryTermsCounts) {
  EXPECT_EQ(PostJson(http(), "/api/v1/retention/run", "{}")->status, 403);  // not for case roles
  auto fg = server_->ClientAs("privacy_officer");
  auto r = PostJson(*fg, "/api/v1/retention/run", "{}");
  ASSERT_EQ(r->status, 200) << r->body;
  json doc = Body(r);
  for (const char* member : {"signalsAnonymised", "reportersErased", "auditEntriesRemoved", "casesAnonymised",
                             "meetingsAnonymised", "drieluikRowsCleared"}) {
    ASSERT_TRUE(doc.contains(member)) << member << " in " << doc.dump();
    EXPECT_TRUE(doc[member].is_number_integer()) << member;
  }
  EXPECT_EQ(doc["casesAnonymised"], 0);  // nothing is five years old here
  // The run is in the audit trail before it changes anything, and after it with its counts.
  json entries = Body(fg->Get("/api/v1/audit?objectType=retention&actor=system"))["items"];
  ASSERT_EQ(entries.size(), 2u) << entries.dump();
  EXPECT_EQ(entries[0]["objectId"], "start");
  EXPECT_EQ(entries[0]["actor"], "system");
  EXPECT_EQ(entries[1]["objectId"], "s" + std::to_string(doc["signalsAnonymised"].get<long>()) + ":r" +
                                        std::to_string(doc["reportersErased"].get<long>()) + ":a" +
                                        std::to_string(doc["auditEntriesRemoved"].get<long>()) + ":c0:m" +
                                        std::to_string(doc["meetingsAnonymised"].get<long>()) + ":d" +
                                        std::to_string(doc["drieluikRowsCleared"].get<long>()));
}

TEST_P(AccountsApiTest, SubjectAccessExportGivesEverythingAboutOnePersonToThePrivacyOfficer) {
  json body = ValidSignal();
  body["persons"] = json::array({{{"role", "possible_victim"}, {"name", "Marta Nowakowska"}, {"dateOfBirth", "1996-02-14"}}});
  json about = Body(PostJson(http(), "/api/v1/signals", body.dump()));
  ASSERT_TRUE(about.contains("id")) << about.dump();
  json other = Body(PostJson(http(), "/api/v1/signals", ValidSignal().dump()));
  ASSERT_EQ(http().Get("/api/v1/signals/" + std::to_string(about["id"].get<long>()))->status, 200);
  const std::string ask = R"({"name":"marta  NOWAKOWSKA","dateOfBirth":"1996-02-14"})";  // normalised as for linkage
  EXPECT_EQ(PostJson(http(), "/api/v1/subject-access", ask)->status, 403);  // not for case roles
  auto fg = server_->ClientAs("privacy_officer");
  auto r = PostJson(*fg, "/api/v1/subject-access", ask);
  ASSERT_EQ(r->status, 200) << r->body;
  json doc = Body(r);
  ASSERT_EQ(doc["signals"].size(), 1u) << doc.dump();
  EXPECT_EQ(doc["signals"][0]["signal"]["id"], about["id"]);
  bool read_logged = false;
  for (const auto& e : doc["signals"][0]["accessLog"]) read_logged = read_logged || e["action"] == "read";
  EXPECT_TRUE(read_logged);
  auto html = fg->Post("/api/v1/subject-access?format=html", ask, "application/json");
  ASSERT_EQ(html->status, 200);
  EXPECT_NE(html->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(html->body.find("Marta Nowakowska"), std::string::npos);
  EXPECT_EQ(html->body.find(other["referenceCode"].get<std::string>()), std::string::npos);
  // The PDF says the same, read back with pdftotext.
  auto pdf = fg->Post("/api/v1/subject-access?format=pdf", ask, "application/json");
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  ASSERT_EQ(pdf->body.substr(0, 5), "%PDF-");
  std::string path = ::testing::TempDir() + "inzage-" + std::to_string(::getpid()) + ".pdf";
  {
    std::ofstream out(path, std::ios::binary);
    out << pdf->body;
  }
  auto text = testing::RunCommand("pdftotext", "-enc UTF-8 " + path + " -");
  std::remove(path.c_str());
  ASSERT_EQ(text.exit_code, 0) << text.output;
  std::replace(text.output.begin(), text.output.end(), '\n', ' ');  // lines wrap at spaces
  EXPECT_NE(text.output.find("Subject access (art. 15 AVG)"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Marta Nowakowska"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find(about["referenceCode"].get<std::string>()), std::string::npos);
  EXPECT_EQ(text.output.find(other["referenceCode"].get<std::string>()), std::string::npos);
  auto odd = fg->Post("/api/v1/subject-access?format=docx", ask, "application/json");
  EXPECT_EQ(odd->status, 422);
  EXPECT_NE(odd->body.find("/format"), std::string::npos) << odd->body;
  auto bad = PostJson(*fg, "/api/v1/subject-access", R"({"name":"Marta Nowakowska","dateOfBirth":"14-02-1996"})");
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("/dateOfBirth"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsApiTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
