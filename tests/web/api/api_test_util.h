// Helpers for API tests: a parameterised fixture that runs the real server once per
// suite and backend, and JSON shortcuts.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_server.h"

namespace drieluik::testing {

using nlohmann::json;

class ApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->skip_reason().empty()) GTEST_SKIP() << server_->skip_reason();
    client_ = server_->Client();
  }
  void TearDown() override {
    if (HasFailure() && server_ && server_->skip_reason().empty()) std::cerr << "server log:\n" << server_->Log();
  }

  httplib::Client& http() { return *client_; }

  static json Body(const httplib::Result& r) {
    if (!r) throw std::runtime_error("no response");
    return json::parse(r->body);
  }

  /// A valid create body (Dutch, realistic).
  static json ValidSignal() {
    return {{"channel", "professional"},
            {"municipality", "GM1950"},
            {"organisation", "gem-westerwolde"},
            {"reporter", {{"anonymous", false}, {"name", "Anja Bakker"}, {"professional", true}}},
            {"summary", "Arbeidsmigranten slapen in loods"},
            {"description", "Twaalf matrassen in een loods; paspoorten bij het uitzendbureau."},
            {"forms", {"ARBEID"}},
            {"indicators", {{{"code", "ILO07"}, {"note", "paspoorten ingenomen"}}}},
            {"vulnerableGroups", {"labour_migrant"}},
            {"persons", {{{"role", "possible_victim"}, {"name", "Piotr K."}, {"estimatedAge", 30}, {"nationality", "PL"}}}},
            {"addresses", {{{"street", "Hoofdstraat"}, {"houseNumber", "12a"}, {"postcode", "9561 AB"}, {"city", "Ter Apel"}}}}};
  }

  json Create(const json& body) {
    auto r = PostJson(http(), "/api/v1/signals", body.dump());
    if (!r || r->status != 201) throw std::runtime_error("create failed: " + (r ? r->body : std::string("no response")));
    return json::parse(r->body);
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

inline std::vector<std::string> ErrorPointers(const json& problem) {
  std::vector<std::string> out;
  for (const auto& e : problem.value("errors", json::array())) out.push_back(e["pointer"].get<std::string>() + " " + e["key"].get<std::string>());
  return out;
}

}  // namespace drieluik::testing
