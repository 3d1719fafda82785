// drieluik backup: a consistent copy of a running database in one file.
// SQLite: the online backup API (the server may keep running). PostgreSQL: pg_dump in
// its custom format (restore with `drieluik restore` or pg_restore). See
// docs/OPERATIONS.md.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/pg_tools.h"
#include "store/sqlite/sqlite_store.h"

namespace drieluik::cli {
namespace {

struct BackupOptions {
  std::string database;
  std::string output;
  std::string lang = "nl";
};

Status Backup(const BackupOptions& o) {
  if (std::filesystem::exists(o.output))
    return Status::Invalid({"--output", "file_exists", {{"value", o.output}}});
  if (o.database.rfind("sqlite:", 0) == 0) {
    std::string path = o.database.substr(7);
    if (!std::filesystem::exists(path)) return Status::NotFound("no SQLite database at " + path);
    auto store = store::sqlite::SqliteStore::Open(path, 1);
    if (!store.ok()) return store.status();
    DRIELUIK_RETURN_IF_ERROR((*store)->BackupTo(o.output));
    return Status::Ok();
  }
  // pg_dump reads one snapshot of the database while the server keeps running.
  Status s = RunPgTool("pg_dump", o.database, {"--format=custom", "--no-owner", "--no-privileges", "--file=" + o.output});
  if (!s.ok()) {
    std::error_code ec;
    std::filesystem::remove(o.output, ec);  // no half-written backup
  }
  return s;
}

}  // namespace

void AddBackupCommand(CLI::App& app) {
  auto o = std::make_shared<BackupOptions>();
  auto* cmd = app.add_subcommand("backup", "Maak een back-up van de database / back up the database");
  cmd->add_option("--database", o->database, "sqlite:PAD of postgresql://... / database URL")->required();
  cmd->add_option("--output", o->output, "Nieuw back-upbestand / new backup file")->required();
  cmd->add_option("--lang", o->lang, "Taal / language (nl, en)")->check(CLI::IsMember({"nl", "en"}));
  cmd->callback([o] {
    Status s = Backup(*o);
    if (!s.ok()) throw ExitWith{ReportFailure(s)};
    fmt::print(fmt::runtime(Say(o->lang, "Back-up geschreven naar {}\n", "Backup written to {}\n")), o->output);
  });
}

}  // namespace drieluik::cli
