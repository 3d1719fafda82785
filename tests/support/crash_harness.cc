#include "support/crash_harness.h"

#include "support/test_accounts.h"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "store/store.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace drieluik::testing {

using nlohmann::json;

std::string SignalBody(const std::string& token) {
  json body = {
      {"channel", "professional"},
      {"observedAt", "2026-11-20T22:30:00+01:00"},
      {"municipality", "GM1950"},
      {"organisation", "gem-westerwolde"},
      {"reporter",
       {{"anonymous", false},
        {"name", "Anja Bakker"},
        {"organisation", "Gemeente Westerwolde, team OOV"},
        {"phone", "0599-320220"},
        {"email", "a.bakker@example.nl"},
        {"professional", true}}},
      {"summary", "Arbeidsmigranten slapen in loods " + token},
      {"description",
       "Bij een integrale controle zagen we twaalf matrassen in een loods achter de kwekerij. De mannen zeggen dat "
       "hun paspoorten bij het uitzendbureau liggen en dat ze 14 uur per dag werken."},
      {"location", "Loods achter de kwekerij aan de Hoofdstraat, Ter Apel"},
      {"forms", {"ARBEID"}},
      {"indicators", {{{"code", "ILO07"}, {"note", "Paspoorten liggen bij het uitzendbureau"}}}},
      {"vulnerableGroups", {"labour_migrant"}},
      {"acuteDanger", false},
      {"persons",
       {{{"role", "possible_victim"},
         {"name", "Piotr K."},
         {"estimatedAge", 30},
         {"gender", "male"},
         {"nationality", "PL"},
         {"description", "Spreekt alleen Pools"}}}},
      {"addresses",
       {{{"street", "Hoofdstraat"},
         {"houseNumber", "12a"},
         {"postcode", "9561 AB"},
         {"city", "Ter Apel"},
         {"description", "loods achter het huis"}}}},
      {"businesses", {{{"name", "Uitzendbureau Snel Werk"}, {"kvkNumber", "12345678"}, {"sector", "uitzendbranche"}}}},
      {"phoneNumbers", {{{"number", "+31612345678"}, {"description", "voorman"}}}},
      {"vehicles", {{{"licensePlate", "V-123-AB"}, {"description", "witte bestelbus"}}}},
  };
  return body.dump();
}

namespace {

struct Acked {
  std::int64_t id;
  std::string reference;
  std::string token;
};

void Note(CrashTally& t, std::string problem) {
  if (t.problems.size() < 10) t.problems.push_back(std::move(problem));
}

// Checks every stored signal for completeness, and every acknowledged one for presence
// and content.
Status Verify(const std::string& url, const std::vector<Acked>& acked, CrashTally& t) {
  auto opened = store::OpenStore(url);
  if (!opened.ok()) return opened.status();
  store::Store& db = **opened;
  for (const Acked& a : acked) {
    auto s = db.Get(a.id);
    if (!s.ok()) {
      ++t.lost;
      Note(t, "acknowledged signal " + a.reference + " is missing: " + s.status().ToString());
      continue;
    }
    bool intact = s->reference_code == a.reference &&
                  s->content.summary == "Arbeidsmigranten slapen in loods " + a.token &&
                  s->content.forms == std::vector<std::string>{"ARBEID"} && s->content.persons.size() == 1 &&
                  s->content.persons[0].name == "Piotr K." && s->content.vehicles.size() == 1;
    if (intact) ++t.found;
    else {
      ++t.damaged;
      Note(t, "acknowledged signal " + a.reference + " differs from what was sent");
    }
  }
  // Completeness of every stored row, read from one snapshot.
  std::map<std::int64_t, std::set<std::string>> doc_forms, table_forms;
  std::map<std::int64_t, int> created, link_keys;
  Status st = db.Export([&](const store::TableSpec& table, const store::Row& row) {
    if (table.name == "signals") {
      std::int64_t id = std::stoll(*row[0]);
      auto doc = json::parse(*row[10]);
      doc_forms[id] = doc.at("forms").get<std::set<std::string>>();
      table_forms[id];
      created[id];
    } else if (table.name == "signal_forms") {
      table_forms[std::stoll(*row[0])].insert(*row[1]);
    } else if (table.name == "signal_link_keys") {
      ++link_keys[std::stoll(*row[0])];
    } else if (table.name == "signal_history") {
      if (*row[3] == "created") ++created[std::stoll(*row[1])];
    }
    return Status::Ok();
  });
  DRIELUIK_RETURN_IF_ERROR(st);
  t.stored = static_cast<std::int64_t>(doc_forms.size());
  for (const auto& [id, forms] : doc_forms) {
    if (forms != table_forms[id] || created[id] != 1) {
      ++t.half_written;
      Note(t, "signal " + std::to_string(id) + " is half-written");
    }
    if (link_keys[id] == 0) ++t.without_link_keys;
  }
  for (const Acked& a : acked)
    if (doc_forms.count(a.id) && link_keys[a.id] == 0) {
      ++t.acknowledged_without_link_keys;
      Note(t, "acknowledged signal " + a.reference + " has no link keys");
    }
  // The search index holds the acknowledged signals (a sample: each is one query).
  for (std::size_t i = 0; i < acked.size(); i += std::max<std::size_t>(1, acked.size() / 25)) {
    domain::SignalFilter f;
    f.text = acked[i].token;  // a prefix search: "...n5" also finds "...n50"
    f.limit = 200;
    auto page = db.List(f);
    bool hit = false;
    if (page.ok())
      for (const auto& s : page->items) hit = hit || s.reference_code == acked[i].reference;
    if (!hit) {
      ++t.half_written;
      Note(t, "signal " + acked[i].reference + " is not found by search");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<CrashTally> RunCrashRounds(const CrashOptions& o) {
  CrashTally tally;
  std::vector<Acked> acked;
  std::mutex mu;
  std::mt19937 rng(o.seed);
  // The clients post as a signed-in integration (an API token of a ketenregisseur).
  std::string bearer;
  try {
    bearer = CreateTestToken(o.binary, o.database_url, "ketenregisseur", "crash." + std::to_string(o.seed));
  } catch (const std::exception& e) {
    return Status::Unavailable(e.what());
  }
  for (int round = 0; round < o.rounds; ++round) {
    auto server = ServerProcess::Start(o.binary, o.database_url, {}, o.log_path);
    if (!server.ok()) return server.status();
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < o.clients; ++c) {
      clients.emplace_back([&, c] {
        HttpClient http("127.0.0.1", (*server)->port(), 5000);
        http.SetBearer(bearer);
        for (int i = 0; !stop.load(); ++i) {
          std::string token = "crash" + std::to_string(o.seed) + "r" + std::to_string(round) + "c" +
                              std::to_string(c) + "n" + std::to_string(i);
          auto r = http.Request("POST", "/api/v1/signals", SignalBody(token));
          if (!r.ok()) break;  // the server is gone: this request is not acknowledged
          if (r->status != 201) continue;
          auto j = json::parse(r->body, nullptr, false);
          if (j.is_discarded() || !j.contains("id")) continue;
          std::lock_guard lock(mu);
          acked.push_back({j["id"].get<std::int64_t>(), j["referenceCode"].get<std::string>(), token});
          ++tally.acknowledged;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(o.min_ms, o.max_ms)(rng)));
    (*server)->Kill();
    ++tally.kills;
    stop = true;
    for (auto& th : clients) th.join();
  }
  // One more start: the database comes up after the last kill too.
  {
    auto server = ServerProcess::Start(o.binary, o.database_url, {}, o.log_path);
    if (!server.ok()) return server.status();
    (*server)->Stop();
  }
  DRIELUIK_RETURN_IF_ERROR(Verify(o.database_url, acked, tally));
  return tally;
}

}  // namespace drieluik::testing
