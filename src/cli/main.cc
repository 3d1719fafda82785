// main(): builds the command-line application from the subcommands in commands.h and
// runs the one chosen. Subcommand callbacks do the work and end by throwing ExitWith.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{
      "drieluik — informatiesysteem voor de aanpak van mensenhandel / information system for "
      "the approach against human trafficking",
      "drieluik"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Alle subcommando's / all subcommands");

  drieluik::cli::AddServeCommand(app);
  drieluik::cli::AddInitCommand(app);
  drieluik::cli::AddDemoCommand(app);
  drieluik::cli::AddVersionCommand(app);
  drieluik::cli::AddEstimateCommand(app);
  drieluik::cli::AddLinkCommand(app);
  drieluik::cli::AddBackupCommand(app);
  drieluik::cli::AddRestoreCommand(app);
  drieluik::cli::AddMigrateStoreCommand(app);
  drieluik::cli::AddAccountCommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const drieluik::cli::ExitWith& e) {
    return e.code;
  }
  return drieluik::cli::kExitOk;
}
