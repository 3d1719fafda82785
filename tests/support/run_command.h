// Runs the drieluik binary as a user would, capturing stdout and stderr together.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace drieluik::testing {

struct CommandRun {
  int exit_code;
  std::string output;  // stdout and stderr
};

/// `binary args 2>&1`; exit_code -1 when it did not exit normally.
inline CommandRun RunCommand(const std::string& binary, const std::string& args) {
  std::string cmd = binary + " " + args + " 2>&1";
  CommandRun r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace drieluik::testing
