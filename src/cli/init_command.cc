#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"

namespace drieluik::cli {

void AddInitCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("init", "Maak of migreer de database / create or migrate the database");
  auto opts = std::make_shared<StoreOptions>();
  opts->AddTo(*cmd);
  cmd->callback([opts] {
    auto store = opts->OpenAndMigrate(/*create_keys=*/true);
    if (!store.ok()) throw ExitWith{ReportError(store.status())};
    auto v = (*store)->SchemaVersion();
    fmt::print("database klaar / ready: {} (schema {})\n", (*store)->Describe(), v.ok() ? *v : 0);
  });
}

}  // namespace drieluik::cli
