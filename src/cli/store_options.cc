#include "cli/store_options.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>

#include "cli/exit_codes.h"
#include "web/api/messages.h"

namespace drieluik::cli {

void StoreOptions::AddTo(CLI::App& cmd) {
  cmd.add_option("--data", data_dir, "Map voor gegevens / data directory")->capture_default_str();
  cmd.add_option("--database", database,
                 "Database: sqlite:PAD of postgresql://... / database URL (default sqlite:DATA/drieluik.db)");
}

std::string StoreOptions::Url() const {
  return database.empty() ? "sqlite:" + (std::filesystem::path(data_dir) / "drieluik.db").string() : database;
}

Result<std::unique_ptr<store::Store>> StoreOptions::OpenAndMigrate() const {
  std::string url = Url();
  if (url.rfind("sqlite:", 0) == 0) {
    std::error_code ec;
    auto parent = std::filesystem::path(url.substr(7)).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Status::Unavailable("cannot create directory " + parent.string() + ": " + ec.message());
  }
  auto store = store::OpenStore(url);
  if (!store.ok()) return store.status();
  DRIELUIK_RETURN_IF_ERROR((*store)->Migrate());
  return store;
}

int ReportError(const Status& s) {
  fmt::print(stderr, "drieluik: fout / error: {}\n", s.message());
  for (const auto& f : s.fields())
    fmt::print(stderr, "  {}: {} / {}\n", f.pointer, web::api::Message(f.key, f.params, web::api::Lang::kNl),
               web::api::Message(f.key, f.params, web::api::Lang::kEn));
  return ExitCodeFor(s);
}

}  // namespace drieluik::cli
