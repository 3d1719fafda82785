#include "cli/store_options.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "cli/exit_codes.h"
#include "web/api/messages.h"

namespace drieluik::cli {

void StoreOptions::AddTo(CLI::App& cmd) {
  cmd.add_option("--data", data_dir, "Map voor gegevens / data directory")->capture_default_str();
  cmd.add_option("--database", database,
                 "Database: sqlite:PAD of postgresql://... / database URL (default sqlite:DATA/drieluik.db)");
  cmd.add_option("--key-file", key_file,
                 "Sleutelbestand voor versleuteling (anders DRIELUIK_KEYS, anders DATA/drieluik.keys) / key file for "
                 "encryption at rest (else DRIELUIK_KEYS, else DATA/drieluik.keys)");
}

std::string StoreOptions::DefaultKeyFile() const { return (std::filesystem::path(data_dir) / "drieluik.keys").string(); }

Result<std::shared_ptr<const crypto::KeyRing>> StoreOptions::LoadKeys(bool create) const {
  std::string path = key_file;
  if (path.empty() && !crypto::KeyRing::EnvironmentHasKeys()) {
    path = DefaultKeyFile();
    if (!std::filesystem::exists(path)) {
      if (!create)
        return Status::FailedPrecondition("no keys: give --key-file, set DRIELUIK_KEYS, or create " + path +
                                          " (drieluik init does)");
      std::error_code ec;
      std::filesystem::create_directories(data_dir, ec);
      // O_EXCL: never overwrite a key file another process just wrote.
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0) return Status::Unavailable("cannot create key file " + path);
      std::string text = "# drieluik keys (docs/PRIVACY.md); keep an offline copy: without it the data is lost\n" +
                         crypto::KeyRing::GenerateKeyLine("k1") + "\n";
      bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
      ::fsync(fd);
      ::close(fd);
      std::fill(text.begin(), text.end(), '\0');
      if (!written) return Status::Unavailable("cannot write key file " + path);
      fmt::print(stderr,
                 "drieluik: nieuw sleutelbestand {} aangemaakt; bewaar een kopie apart / new key file {} created; keep "
                 "a copy apart from the database\n",
                 path, path);
    }
  }
  auto ring = crypto::KeyRing::Load(path);
  if (!ring.ok()) return ring.status();
  return std::shared_ptr<const crypto::KeyRing>(std::make_shared<crypto::KeyRing>(std::move(ring).value()));
}

std::string StoreOptions::Url() const {
  return database.empty() ? "sqlite:" + (std::filesystem::path(data_dir) / "drieluik.db").string() : database;
}

Result<std::unique_ptr<store::Store>> StoreOptions::OpenAndMigrateKeysOptional() const {
  return Open(false, true);
}

Result<std::unique_ptr<store::Store>> StoreOptions::OpenAndMigrate(bool create_keys) const {
  return Open(create_keys, false);
}

Result<std::unique_ptr<store::Store>> StoreOptions::Open(bool create_keys, bool keys_optional) const {
  std::string url = Url();
  if (url.rfind("sqlite:", 0) == 0) {
    std::error_code ec;
    auto parent = std::filesystem::path(url.substr(7)).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Status::Unavailable("cannot create directory " + parent.string() + ": " + ec.message());
  }
  auto keys = LoadKeys(create_keys);
  if (!keys.ok()) {
    if (!keys_optional || keys.status().code() != StatusCode::kFailedPrecondition) return keys.status();
    keys = std::shared_ptr<const crypto::KeyRing>();
  }
  auto store = store::OpenStore(url, *keys);
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
