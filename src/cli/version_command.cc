#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.h"

#ifndef DRIELUIK_VERSION
#define DRIELUIK_VERSION "0.1.0"
#endif

namespace drieluik::cli {

void AddVersionCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Toon de versie / print the version");
  cmd->callback([] { fmt::print("drieluik {}\n", DRIELUIK_VERSION); });
}

}  // namespace drieluik::cli
