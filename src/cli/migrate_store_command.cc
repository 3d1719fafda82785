// drieluik migrate-store: moves a whole region from one database to another (SQLite to
// PostgreSQL or back) in one transaction on the target, then checks every table row by
// row. The target must be empty. See docs/OPERATIONS.md ("Moving a region").
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/pg_tools.h"
#include "store/store_copy.h"

namespace drieluik::cli {
namespace {

struct MigrateStoreOptions {
  std::string from;
  std::string to;
  std::string lang = "nl";
};

Result<std::vector<store::TableSummary>> MigrateStore(const MigrateStoreOptions& o) {
  auto from = store::OpenStore(o.from);
  if (!from.ok()) return from.status();
  DRIELUIK_RETURN_IF_ERROR((*from)->Migrate());  // both sides on this version's schema
  auto to = store::OpenStore(o.to);
  if (!to.ok()) return to.status();
  DRIELUIK_RETURN_IF_ERROR((*to)->Migrate());
  return store::CopyStore(**from, **to);
}

}  // namespace

void AddMigrateStoreCommand(CLI::App& app) {
  auto o = std::make_shared<MigrateStoreOptions>();
  auto* cmd = app.add_subcommand("migrate-store",
                                 "Kopieer alle gegevens naar een andere, lege database / copy everything to another, "
                                 "empty database");
  cmd->add_option("--from", o->from, "Bron: sqlite:PAD of postgresql://... / source database URL")->required();
  cmd->add_option("--to", o->to, "Doel (leeg): sqlite:PAD of postgresql://... / empty target database URL")
      ->required();
  cmd->add_option("--lang", o->lang, "Taal / language (nl, en)")->check(CLI::IsMember({"nl", "en"}));
  cmd->callback([o] {
    auto copied = MigrateStore(*o);
    if (!copied.ok()) throw ExitWith{ReportFailure(copied.status())};
    for (const auto& t : *copied)
      fmt::print(fmt::runtime(Say(o->lang, "{:<20} {:>10} rijen gekopieerd en gecontroleerd\n",
                                  "{:<20} {:>10} rows copied and verified\n")),
                 t.table, t.rows);
  });
}

}  // namespace drieluik::cli
