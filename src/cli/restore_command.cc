// drieluik restore: a backup made by `drieluik backup` into a fresh database.
// A SQLite backup restores into SQLite (a copy of the file) or into PostgreSQL (row by
// row, checked); a PostgreSQL backup (pg_dump custom format) restores into PostgreSQL
// through pg_restore. The target must be new or empty. See docs/OPERATIONS.md.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/pg_tools.h"
#include "store/store_copy.h"

namespace drieluik::cli {
namespace {

namespace fs = std::filesystem;

struct RestoreOptions {
  std::string input;
  std::string database;
  std::string lang = "nl";
};

enum class BackupKind { kSqlite, kPgDump, kUnknown };

BackupKind KindOf(const std::string& path) {
  char head[16] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(head, sizeof head);
  if (std::string_view(head, in.gcount()) == std::string_view("SQLite format 3\0", 16)) return BackupKind::kSqlite;
  if (in.gcount() >= 5 && std::string_view(head, 5) == "PGDMP") return BackupKind::kPgDump;
  return BackupKind::kUnknown;
}

// pg_restore creates the schema itself: the target must have none yet.
Status RequireFresh(store::Store& target) {
  auto v = target.SchemaVersion();
  if (!v.ok()) return v.status();
  if (*v != 0) return Status::FailedPrecondition("the target database is not empty; restore into a new database");
  return Status::Ok();
}

Result<std::int64_t> Restore(const RestoreOptions& o) {
  if (!fs::exists(o.input)) return Status::Invalid({"--input", "file_not_found", {{"value", o.input}}});
  BackupKind kind = KindOf(o.input);
  if (kind == BackupKind::kUnknown) return Status::Invalid({"--input", "not_a_backup", {{"value", o.input}}});
  bool to_sqlite = o.database.rfind("sqlite:", 0) == 0;

  if (kind == BackupKind::kPgDump) {
    if (to_sqlite)
      return Status::FailedPrecondition(
          "a PostgreSQL backup restores into PostgreSQL; then use migrate-store to move it to SQLite");
    {
      auto target = store::OpenStore(o.database);
      if (!target.ok()) return target.status();
      DRIELUIK_RETURN_IF_ERROR(RequireFresh(**target));
    }
    DRIELUIK_RETURN_IF_ERROR(RunPgTool("pg_restore", o.database,
                                       {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                        o.input}));
    auto target = store::OpenStore(o.database);
    if (!target.ok()) return target.status();
    DRIELUIK_RETURN_IF_ERROR((*target)->Migrate());  // a backup of an older version
    return (*target)->Count();
  }

  if (to_sqlite) {
    // The backup is a complete database file: copy it into place, then bring it up to
    // this version's schema.
    fs::path target = o.database.substr(7);
    if (fs::exists(target)) return Status::Invalid({"--database", "file_exists", {{"value", target.string()}}});
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    fs::path tmp = target.string() + ".restoring";
    std::error_code ec;
    fs::copy_file(o.input, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec) return Status::Unavailable("cannot write " + tmp.string() + ": " + ec.message());
    {
      auto s = store::OpenStore("sqlite:" + tmp.string());
      if (!s.ok()) return s.status();
      DRIELUIK_RETURN_IF_ERROR((*s)->Migrate());
      auto n = (*s)->Count();
      if (!n.ok()) return n.status();
    }
    fs::rename(tmp, target, ec);
    if (ec) return Status::Unavailable("cannot rename " + tmp.string() + ": " + ec.message());
    auto s = store::OpenStore(o.database);
    if (!s.ok()) return s.status();
    return (*s)->Count();
  }

  // SQLite backup into PostgreSQL: open a scratch copy (the backup file stays as it
  // was), then copy every row in one transaction and check it.
  fs::path scratch = fs::temp_directory_path() / ("drieluik-restore-" + std::to_string(::getpid()) + ".db");
  std::error_code ec;
  fs::copy_file(o.input, scratch, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::Unavailable("cannot write " + scratch.string() + ": " + ec.message());
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix, e);
    }
  } cleanup{scratch};
  auto from = store::OpenStore("sqlite:" + scratch.string());
  if (!from.ok()) return from.status();
  DRIELUIK_RETURN_IF_ERROR((*from)->Migrate());
  auto to = store::OpenStore(o.database);
  if (!to.ok()) return to.status();
  DRIELUIK_RETURN_IF_ERROR((*to)->Migrate());  // a new or a migrated, empty database
  auto copied = store::CopyStore(**from, **to);
  if (!copied.ok()) return copied.status();
  return (*to)->Count();
}

}  // namespace

void AddRestoreCommand(CLI::App& app) {
  auto o = std::make_shared<RestoreOptions>();
  auto* cmd = app.add_subcommand("restore", "Zet een back-up terug in een nieuwe database / restore a backup");
  cmd->add_option("--input", o->input, "Back-upbestand / backup file")->required();
  cmd->add_option("--database", o->database, "Nieuwe database: sqlite:PAD of postgresql://... / new database URL")
      ->required();
  cmd->add_option("--lang", o->lang, "Taal / language (nl, en)")->check(CLI::IsMember({"nl", "en"}));
  cmd->callback([o] {
    auto n = Restore(*o);
    if (!n.ok()) throw ExitWith{ReportFailure(n.status())};
    fmt::print(fmt::runtime(Say(o->lang, "Teruggezet: {} meldingen\n", "Restored: {} signals\n")), *n);
  });
}

}  // namespace drieluik::cli
