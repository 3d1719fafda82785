// The Drieluik resources through the real server on both backends: every request example
// of the OpenAPI document for meetings, cases and actions, sent in an order where each
// refers to what the previous created; field errors, 404, 409 with currentVersion and
// refused transitions with Dutch and English text; and a whole meeting — agenda,
// assessment, case, action — ending with the action overdue on the next agenda.
#include <chrono>
#include <set>

#include "api_test_util.h"
#include "support/fake_smtp_server.h"
#include "base/time.h"
#include "web/api/api.h"

namespace drieluik::testing {
namespace {

using DrieluikApiTest = ApiTest;

json Doc() { return json::parse(web::api::OpenApiDocument()); }

json Example(const std::string& path, const std::string& method) {
  return Doc()["paths"][path][method]["requestBody"]["content"]["application/json"]["example"];
}

std::string Iso(std::chrono::system_clock::time_point t) {
  return FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(t));
}

std::string Day(std::chrono::system_clock::time_point t) {
  return FormatDate(AmsterdamDate(std::chrono::time_point_cast<std::chrono::milliseconds>(t)));
}

TEST_P(DrieluikApiTest, EveryExampleIsAcceptedInOrder) {
  json signal = Create(ValidSignal());
  ASSERT_EQ(signal["id"], 1);
  auto send = [&](const std::string& method, const std::string& path, const std::string& url, const std::string& versioned_get = "") {
    json ex = Example(path, method);
    EXPECT_FALSE(ex.is_null()) << method << " " << path << " has no example";
    if (!versioned_get.empty()) ex["version"] = Body(http().Get(versioned_get))["version"];
    httplib::Result r = method == "post"    ? PostJson(http(), url, ex.dump())
                        : method == "patch" ? PatchJson(http(), url, ex.dump())
                                            : http().Put(url, ex.dump(), "application/json");
    EXPECT_TRUE(r) << method << " " << url;
    if (r) EXPECT_LT(r->status, 300) << method << " " << url << ": " << r->body;
    return r ? json::parse(r->body) : json();
  };
  int sent = 0;
  auto count = [&](json j) {
    ++sent;
    return j;
  };
  json meeting = count(send("post", "/api/v1/meetings", "/api/v1/meetings"));
  EXPECT_EQ(meeting["id"], 1);
  count(send("post", "/api/v1/meetings/plan", "/api/v1/meetings/plan"));
  json patched = count(send("patch", "/api/v1/meetings/{id}", "/api/v1/meetings/1", "/api/v1/meetings/1"));
  EXPECT_EQ(patched["status"], "held");
  json item = count(send("post", "/api/v1/meetings/{id}/agenda/items", "/api/v1/meetings/1/agenda/items"));
  EXPECT_EQ(item["id"], 1);
  count(send("put", "/api/v1/meetings/{id}/agenda/order", "/api/v1/meetings/1/agenda/order"));
  json cs = count(send("post", "/api/v1/cases", "/api/v1/cases"));
  EXPECT_EQ(cs["id"], 1);
  json assessed = count(send("post", "/api/v1/meetings/{id}/agenda/items/{itemId}/assessment",
                             "/api/v1/meetings/1/agenda/items/1/assessment"));
  EXPECT_EQ(assessed["caseId"], 1);
  count(send("post", "/api/v1/cases/{id}/decisions", "/api/v1/cases/1/decisions", "/api/v1/cases/1"));
  count(send("post", "/api/v1/cases/{id}/participants", "/api/v1/cases/1/participants", "/api/v1/cases/1"));
  json moved = count(send("post", "/api/v1/cases/{id}/transitions", "/api/v1/cases/1/transitions", "/api/v1/cases/1"));
  EXPECT_EQ(moved["status"], "in_followup");
  count(send("post", "/api/v1/cases/{id}/signals", "/api/v1/cases/1/signals", "/api/v1/cases/1"));
  json action = count(send("post", "/api/v1/actions", "/api/v1/actions"));
  json done = count(send("patch", "/api/v1/actions/{id}", "/api/v1/actions/1", "/api/v1/actions/1"));
  EXPECT_EQ(done["status"], "done");

  // Every Drieluik operation with a request body was sent.
  int with_body = 0;
  const json doc = Doc();
  for (const auto& [path, item_ops] : doc["paths"].items())
    for (const auto& [method, op] : item_ops.items())
      if ((path.rfind("/api/v1/meetings", 0) == 0 || path.rfind("/api/v1/cases", 0) == 0 ||
           path.rfind("/api/v1/actions", 0) == 0) &&
          op.is_object() && op.contains("requestBody"))
        ++with_body;
  EXPECT_EQ(sent, with_body);

  json c = Body(http().Get("/api/v1/cases/1"));
  std::vector<std::string> log;
  for (const auto& e : c["log"]) log.push_back(e["kind"].get<std::string>() + ":" + e["key"].get<std::string>());
  EXPECT_EQ(log, (std::vector<std::string>{"created:case.log.created", "decision:refer_arbeidsinspectie",
                                           "assessment:suspicion_follow_up", "decision:municipal_measure",
                                           "participant_added:case.log.participant_added",
                                           "transition:case.transition.start_followup"}));
  EXPECT_EQ(c["allowedTransitions"], json({"monitoring", "closed", "merged"}));
  json feedback = Body(http().Get("/api/v1/signals/1/feedback"));
  EXPECT_EQ(feedback["assessed"], true);
  EXPECT_EQ(feedback["outcome"], "suspicion_follow_up");
  EXPECT_EQ(feedback["outcomeLabel"]["nl"], "Beoordeeld: vermoeden van mensenhandel, wordt opgevolgd");
  EXPECT_FALSE(feedback.contains("caseId"));
  EXPECT_FALSE(feedback.contains("reasoning"));

  auto pdf = http().Get("/api/v1/meetings/1/minutes?format=pdf");
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf->get_header_value("Content-Disposition"), "attachment; filename=\"notulen-drieluik-2026-12-01.pdf\"");
  auto docx = http().Get("/api/v1/meetings/1/minutes?format=docx");
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->status, 200);
  EXPECT_EQ(docx->body.substr(0, 2), "PK");
}

TEST_P(DrieluikApiTest, ErrorsNameTheFieldAndRefuseForbiddenTransitions) {
  auto bad = PostJson(http(), "/api/v1/meetings", R"({"type":"koffie","scheduledAt":"morgen","extra":1})");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(ErrorPointers(Body(bad)), (std::vector<std::string>{"/extra unknown_field", "/scheduledAt invalid_timestamp"}));
  auto unknown_type = PostJson(http(), "/api/v1/meetings", R"({"type":"koffie","scheduledAt":"2026-12-01T09:00:00Z"})");
  EXPECT_EQ(ErrorPointers(Body(unknown_type)), (std::vector<std::string>{"/type unknown_code"}));
  EXPECT_EQ(http().Get("/api/v1/meetings/999")->status, 404);
  EXPECT_EQ(http().Get("/api/v1/meetings/abc")->status, 404);
  EXPECT_EQ(http().Get("/api/v1/meetings/999/minutes")->status, 404);

  Create(ValidSignal());
  auto cs = PostJson(http(), "/api/v1/cases", R"({"title":"Casus","signals":[1]})");
  ASSERT_EQ(cs->status, 201) << cs->body;
  auto wrong = PostJson(http(), "/api/v1/cases/1/transitions", R"({"version":1,"to":"monitoring"})");
  ASSERT_EQ(wrong->status, 422);
  json p = Body(wrong);
  EXPECT_EQ(p["errors"][0]["pointer"], "/to");
  EXPECT_EQ(p["errors"][0]["key"], "case.transition.not_allowed");
  EXPECT_EQ(p["errors"][0]["nl"], "Van 'open' naar 'monitoring' is niet toegestaan; wel: in_followup, closed, merged.");
  EXPECT_EQ(p["errors"][0]["en"], "From 'open' to 'monitoring' is not allowed; allowed: in_followup, closed, merged.");
  ASSERT_EQ(PostJson(http(), "/api/v1/cases/1/transitions", R"({"version":1,"to":"closed"})")->status, 200);
  auto stale = PostJson(http(), "/api/v1/cases/1/transitions", R"({"version":1,"to":"open"})");
  ASSERT_EQ(stale->status, 409);
  EXPECT_EQ(Body(stale)["currentVersion"], 2);
  auto reopen_first = PostJson(http(), "/api/v1/cases/1/transitions", R"({"version":2,"to":"in_followup"})");
  EXPECT_EQ(Body(reopen_first)["errors"][0]["key"], "case.transition.reopen_first");

  auto action = PostJson(http(), "/api/v1/actions", R"({"title":"","owner":"x","organisation":"zvhg","dueDate":"2026-02-30"})");
  EXPECT_EQ(ErrorPointers(Body(action)), (std::vector<std::string>{"/title required", "/dueDate invalid_date"}));
  EXPECT_EQ(http().Get("/api/v1/actions?overdue=maybe")->status, 422);
  ASSERT_EQ(PostJson(http(), "/api/v1/meetings", R"({"type":"tvo","scheduledAt":"2026-12-01T13:00:00Z"})")->status, 201);
  auto xls = http().Get("/api/v1/meetings/1/minutes?format=xls");
  EXPECT_EQ(xls->status, 422);
  EXPECT_EQ(ErrorPointers(Body(xls)), (std::vector<std::string>{"/format invalid_value"}));
  auto assess = PostJson(http(), "/api/v1/meetings/1/agenda/items/1/assessment", R"({"outcome":"ja"})");
  EXPECT_EQ(assess->status, 404);
  EXPECT_EQ(http().Get("/api/v1/signals/999/feedback")->status, 404);
}

TEST_P(DrieluikApiTest, WholeMeetingEndsWithTheActionOverdueOnTheNextAgenda) {
  auto now = std::chrono::system_clock::now();
  json signal = Create(ValidSignal());
  json first = Body(PostJson(http(), "/api/v1/meetings",
                             json({{"type", "drieluik"}, {"scheduledAt", Iso(now + std::chrono::hours(24))}}).dump()));
  json agenda = Body(PostJson(http(), "/api/v1/meetings/" + std::to_string(first["id"].get<int>()) + "/agenda/build", "{}"));
  ASSERT_EQ(agenda["items"].size(), 1u) << agenda.dump();
  json item = agenda["items"][0];
  EXPECT_EQ(item["kind"], "new_signal");
  EXPECT_EQ(item["signalId"], signal["id"]);
  EXPECT_EQ(item["summary"], "Arbeidsmigranten slapen in loods — ARBEID");
  EXPECT_EQ(item["restricted"], false);
  // The chair (ketenregisseur) sees police routes; care details only with consent.
  EXPECT_EQ(item["care"], json::array());

  std::string base = "/api/v1/meetings/" + std::to_string(first["id"].get<int>());
  auto a = PostJson(http(), base + "/agenda/items/" + std::to_string(item["id"].get<int>()) + "/assessment",
                    R"({"outcome":"suspicion_follow_up","reasoning":"Paspoorten ingenomen.","decisions":[{"kind":"open_case"},{"kind":"refer_politie","note":"TMM"}]})");
  ASSERT_EQ(a->status, 201) << a->body;
  int case_id = Body(a)["caseId"];
  json after = Body(http().Get(base + "/agenda"));
  EXPECT_EQ(after["items"][0]["status"], "assessed");
  EXPECT_EQ(after["items"][0]["assessment"]["outcome"], "suspicion_follow_up");
  EXPECT_EQ(after["items"][0]["assessment"]["decisions"].size(), 2u);

  // An action that was due yesterday.
  json act = Body(PostJson(http(), "/api/v1/actions",
                           json({{"caseId", case_id}, {"meetingId", first["id"]}, {"title", "Huisbezoek"},
                                 {"owner", "zc.zvhg"}, {"organisation", "zvhg"},
                                 {"dueDate", Day(now - std::chrono::hours(48))}}).dump()));
  EXPECT_EQ(act["overdue"], true);
  EXPECT_EQ(act["dueState"], "overdue");
  json overdue = Body(http().Get("/api/v1/actions?overdue=true"));
  ASSERT_EQ(overdue["items"].size(), 1u);
  EXPECT_EQ(overdue["items"][0]["id"], act["id"]);

  json second = Body(PostJson(http(), "/api/v1/meetings",
                              json({{"type", "drieluik"}, {"scheduledAt", Iso(now + std::chrono::hours(24 * 15))}}).dump()));
  json next = Body(PostJson(http(), "/api/v1/meetings/" + std::to_string(second["id"].get<int>()) + "/agenda/build", "{}"));
  ASSERT_EQ(next["items"].size(), 1u) << next.dump();
  EXPECT_EQ(next["items"][0]["kind"], "overdue_action");
  EXPECT_EQ(next["items"][0]["actionId"], act["id"]);
  EXPECT_EQ(next["items"][0]["caseId"], case_id);

  // Done: no longer in the overdue worklist.
  auto done = PatchJson(http(), "/api/v1/actions/" + std::to_string(act["id"].get<int>()), R"({"version":1,"status":"done"})");
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(Body(http().Get("/api/v1/actions?overdue=true"))["items"].size(), 0u);
  auto stale = PatchJson(http(), "/api/v1/actions/" + std::to_string(act["id"].get<int>()), R"({"version":1,"status":"open"})");
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(Body(stale)["currentVersion"], 2);
}

TEST_P(DrieluikApiTest, RolesAndCompartmentsDecideWhatEachParticipantSees) {
  auto now = std::chrono::system_clock::now();
  Create(ValidSignal());
  json m = Body(PostJson(http(), "/api/v1/meetings",
                         json({{"type", "drieluik"}, {"scheduledAt", Iso(now + std::chrono::hours(24))}}).dump()));
  std::string base = "/api/v1/meetings/" + std::to_string(m["id"].get<int>());
  ASSERT_EQ(PostJson(http(), base + "/agenda/build", "{}")->status, 200);

  // Policy rows: beleid and the aandachtsfunctionaris have no business in the meeting.
  EXPECT_EQ(server_->ClientAs("beleid")->Get(base + "/agenda")->status, 403);
  EXPECT_EQ(server_->ClientAs("aandachtsfunctionaris")->Get("/api/v1/meetings")->status, 403);
  EXPECT_EQ(server_->AnonymousClient()->Get("/api/v1/cases")->status, 401);
  auto police = server_->ClientAs("politie");
  EXPECT_EQ(PostJson(*police, "/api/v1/meetings", R"({"type":"drieluik","scheduledAt":"2026-12-01T09:00:00Z"})")->status, 403);

  // The police participant sees that the (not referred) signal is on the agenda, not what it is.
  json seen = Body(police->Get(base + "/agenda"));
  ASSERT_EQ(seen["items"].size(), 1u) << seen.dump();
  EXPECT_EQ(seen["items"][0]["restricted"], true);
  EXPECT_TRUE(seen["items"][0]["summary"].is_null());
  // The zorgcoordinator sees the care details (route and vulnerable group), no police routes.
  json zc = Body(server_->ClientAs("zorgcoordinator")->Get(base + "/agenda"));
  EXPECT_EQ(zc["items"][0]["restricted"], false);
  EXPECT_EQ(zc["items"][0]["care"], json({"route:zorgcoordinator", "route:comensha", "group:labour_migrant"}));
  EXPECT_EQ(zc["items"][0]["police"], json::array());

  // After a referral to the police the police participant sees it, still without care details.
  int item = seen["items"][0]["id"];
  auto a = PostJson(http(), base + "/agenda/items/" + std::to_string(item) + "/assessment",
                    R"({"outcome":"suspicion_follow_up","reasoning":"Doorverwijzen.","decisions":[{"kind":"refer_politie"},{"kind":"care_trajectory"}]})");
  ASSERT_EQ(a->status, 201) << a->body;
  json after = Body(police->Get(base + "/agenda"));
  EXPECT_EQ(after["items"][0]["restricted"], false);
  EXPECT_EQ(after["items"][0]["care"], json::array());
  ASSERT_EQ(after["items"][0]["assessment"]["decisions"].size(), 1u);
  EXPECT_EQ(after["items"][0]["assessment"]["decisions"][0]["kind"], "refer_politie");
}

TEST_P(DrieluikApiTest, PoliceListsTheSignalsReferredToThemAndTheStatusFollowsTheMeeting) {
  auto now = std::chrono::system_clock::now();
  json created = Create(ValidSignal());
  std::string signal = "/api/v1/signals/" + std::to_string(created["id"].get<int>());
  auto police = server_->ClientAs("politie");
  auto listed = [&] {
    json list = Body(police->Get("/api/v1/signals"));
    for (const auto& s : list["items"])
      if (s["id"] == created["id"]) return true;
    return false;
  };
  EXPECT_FALSE(listed());  // registered by a municipality, not referred: not in the police's view
  EXPECT_EQ(police->Get(signal)->status, 404);

  json m = Body(PostJson(http(), "/api/v1/meetings",
                         json({{"type", "drieluik"}, {"scheduledAt", Iso(now + std::chrono::hours(24))}}).dump()));
  std::string base = "/api/v1/meetings/" + std::to_string(m["id"].get<int>());
  json agenda = Body(PostJson(http(), base + "/agenda/build", "{}"));
  ASSERT_EQ(agenda["items"].size(), 1u) << agenda.dump();
  EXPECT_EQ(Body(http().Get(signal))["status"], "for_drieluik");

  int item = agenda["items"][0]["id"];
  auto a = PostJson(http(), base + "/agenda/items/" + std::to_string(item) + "/assessment",
                    R"({"outcome":"suspicion_follow_up","reasoning":"Doorverwijzen.","decisions":[{"kind":"refer_arbeidsinspectie"}]})");
  ASSERT_EQ(a->status, 201) << a->body;
  json read = Body(http().Get(signal));
  EXPECT_EQ(read["status"], "assessed");
  EXPECT_EQ(read["history"].back()["action"], "assessed");
  EXPECT_TRUE(listed());  // referred to the labour inspectorate: the police's view lists it
  EXPECT_EQ(police->Get(signal)->status, 200);
}

TEST_P(DrieluikApiTest, LinksNameTheCasesOfLinkedSignals) {
  json a = ValidSignal();
  a["phoneNumbers"] = {{{"number", "06-12345678"}}};
  json in_case = Create(a);
  json c = Body(PostJson(http(), "/api/v1/cases",
                         json({{"title", "Kwekerij Ter Apel"}, {"signals", {in_case["id"]}}}).dump()));
  ASSERT_TRUE(c.contains("id")) << c.dump();
  json b = ValidSignal();
  b["summary"] = "Nieuw signaal, zelfde telefoon";
  b["phoneNumbers"] = {{{"number", "+31 6 1234 5678"}}};
  json fresh = Create(b);

  std::string path = "/api/v1/signals/" + std::to_string(fresh["id"].get<int>()) + "/links";
  json links = Body(http().Get(path));
  ASSERT_EQ(links["cases"].size(), 1u) << links.dump();
  EXPECT_EQ(links["cases"][0]["caseId"], c["id"]);
  EXPECT_EQ(links["cases"][0]["title"], "Kwekerij Ter Apel");
  EXPECT_EQ(links["cases"][0]["viaSignals"], json::array({in_case["id"]}));
  std::set<std::string> kinds;  // the sample signals share their address; these two the phone too
  for (const auto& why : links["cases"][0]["reasons"]) kinds.insert(why["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"address", "phone"}));
  bool found = false;
  for (const auto& i : links["items"])
    if (i["signalId"] == in_case["id"]) {
      EXPECT_EQ(i["caseIds"], json::array({c["id"]}));
      found = true;
    }
  EXPECT_TRUE(found) << links.dump();

  // Once the new signal is in the case too, the case is no longer news for it.
  auto linked = PostJson(http(), "/api/v1/cases/" + std::to_string(c["id"].get<int>()) + "/signals",
                         json({{"version", c["version"]}, {"signalId", fresh["id"]}}).dump());
  ASSERT_EQ(linked->status, 200) << linked->body;
  EXPECT_TRUE(Body(http().Get(path))["cases"].empty());

  // A role that may read the signal but not cases sees the link, not the case.
  json af = Body(server_->ClientAs("aandachtsfunctionaris")->Get(path));
  ASSERT_FALSE(af["items"].empty()) << af.dump();
  EXPECT_TRUE(af["items"][0]["caseIds"].empty());
  EXPECT_TRUE(af["cases"].empty());
}

TEST_P(DrieluikApiTest, RemindersAreMailedThroughTheRelayToTheOwnersAddress) {
  FakeSmtpServer relay;
  int rc = 0;
  std::string out = server_->Cli("user add --username zc.herinnering --role zorgcoordinator --organisation zvhg "
                                 "--email zc.herinnering@zvhg.example", &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(server_->Cli("user list --format json").find("\"email\": \"zc.herinnering@zvhg.example\""),
            std::string::npos);
  // Due tomorrow (Dutch date): its reminder three days before has passed and it is not
  // overdue (overdue actions get no reminder), so the run at start sends one, at any hour.
  auto tomorrow = std::chrono::system_clock::now() + std::chrono::hours(24);
  auto a = PostJson(http(), "/api/v1/actions",
                    json({{"title", "Bel de uitzender over Jan de Vries"},
                          {"owner", "zc.herinnering"},
                          {"organisation", "zvhg"},
                          {"dueDate", Day(tomorrow)}})
                        .dump());
  ASSERT_EQ(a->status, 201) << a->body;
  int id = Body(a)["id"];

  server_->SetServeArgs({"--smtp-url", relay.url(), "--smtp-from", "drieluik@westerwolde.example", "--smtp-starttls",
                         "off", "--public-url", "https://drieluik.westerwolde.example/"});
  server_->Restart();
  auto mails = relay.WaitFor(1, 20);
  ASSERT_EQ(mails.size(), 1u) << server_->Log();
  EXPECT_EQ(mails[0].mail_from, "drieluik@westerwolde.example");
  EXPECT_EQ(mails[0].rcpt_to, std::vector<std::string>{"zc.herinnering@zvhg.example"});
  EXPECT_NE(mails[0].data.find("https://drieluik.westerwolde.example/acties/" + std::to_string(id)), std::string::npos)
      << mails[0].data;
  // The mail names the action's number and date, never its title (personal data).
  EXPECT_EQ(mails[0].data.find("Jan de Vries"), std::string::npos) << mails[0].data;
  EXPECT_EQ(mails[0].data.find("uitzender"), std::string::npos);

  // A malformed relay option stops serve with a message naming the option.
  int bad = 0;
  std::string msg = server_->Cli("serve --port 0 --smtp-url http://relay.example --smtp-from drieluik@x.example", &bad);
  EXPECT_NE(bad, 0);
  EXPECT_NE(msg.find("--smtp-url"), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(Backends, DrieluikApiTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
