// The subcommands of the drieluik binary. Each Add*Command registers one subcommand
// (with its own --help) on the application; main.cc calls them all. A command's
// callback returns through ExitWith so main() can map the outcome to an exit code.
#pragma once

namespace CLI {
class App;
}

namespace drieluik::cli {

void AddVersionCommand(CLI::App& app);
void AddInitCommand(CLI::App& app);
void AddDemoCommand(CLI::App& app);
void AddServeCommand(CLI::App& app);
void AddEstimateCommand(CLI::App& app);
void AddLinkCommand(CLI::App& app);
void AddBackupCommand(CLI::App& app);
void AddRestoreCommand(CLI::App& app);
void AddMigrateStoreCommand(CLI::App& app);
/// user, token and audit (account_commands.cc).
void AddAccountCommands(CLI::App& app);

}  // namespace drieluik::cli
