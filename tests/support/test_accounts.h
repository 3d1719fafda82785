// Test and benchmark accounts: creates a user of a role in a database through the real
// `drieluik user add` and returns a bearer token from `drieluik token create`, so tests
// and benchmarks that drive the server call it as a signed-in integration would.
#pragma once

#include <stdexcept>
#include <string>

#include "support/run_command.h"

namespace drieluik::testing {

/// A token of a new user "<username>" with this role, in the database at `url`. Municipal
/// roles work for Westerwolde (GM1950), politie for the TMM team, the rest for the ZVHG.
/// Throws std::runtime_error when the binary fails.
inline std::string CreateTestToken(const std::string& binary, const std::string& url, const std::string& role,
                                   const std::string& username) {
  std::string org = "zvhg", municipality;
  if (role == "aandachtsfunctionaris" || role == "handhaving") {
    org = "gem-westerwolde";
    municipality = "GM1950";
  } else if (role == "politie") {
    org = "politie-tmm";
  }
  auto add = RunCommand("printf '%s\\n' 'test-wachtwoord-lang' | " + binary,
                        "user add --username " + username + " --role " + role + " --organisation " + org +
                            (municipality.empty() ? "" : " --municipality " + municipality) +
                            " --password-stdin --database '" + url + "'");
  if (add.exit_code != 0) throw std::runtime_error("user add failed: " + add.output);
  auto tok = RunCommand(binary, "token create --user " + username + " --database '" + url + "'");
  if (tok.exit_code != 0) throw std::runtime_error("token create failed: " + tok.output);
  // The token is the line that is exactly "dlk_" + 52 symbols (stderr names its hint).
  std::size_t pos = 0;
  while (pos < tok.output.size()) {
    std::size_t end = tok.output.find('\n', pos);
    if (end == std::string::npos) end = tok.output.size();
    std::string line = tok.output.substr(pos, end - pos);
    if (line.size() == 56 && line.rfind("dlk_", 0) == 0) return line;
    pos = end + 1;
  }
  throw std::runtime_error("no token in: " + tok.output);
}

}  // namespace drieluik::testing
