// drieluik rotate-key: re-encrypts every encrypted field and recomputes every word index
// under a new key, in small transactions, while the server may keep running
// (docs/PRIVACY.md, "Encryption at rest and keys"; docs/OPERATIONS.md, "Key rotation").
//
// The old keys come from the usual --key-file / DRIELUIK_KEYS / DATA/drieluik.keys. The new
// key file's last key becomes current; when the file does not exist it is created (mode
// 0600) from the old keys plus a fresh key, so a server restarted with it reads rows under
// either key during the rotation. Interrupted, it resumes where it stopped: each batch
// commits, and only rows under another key are picked up.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "crypto/key_ring.h"

namespace drieluik::cli {
namespace {

struct RotateKeyOptions {
  StoreOptions store;
  std::string new_key_file;
  int batch = 500;
};

// The old keys as key-file text (the file's, or the environment value one per line).
Result<std::string> OldKeyText(const StoreOptions& o) {
  std::string path = o.key_file;
  if (path.empty() && crypto::KeyRing::EnvironmentHasKeys()) {
    const char* env = std::getenv(crypto::kKeysEnvironmentVariable);
    if (env == nullptr || *env == '\0') env = std::getenv(crypto::kKeyEnvironmentVariableAlias);
    std::string text(env);
    for (char& c : text)
      if (c == ';' || c == ',') c = '\n';
    return text + "\n";
  }
  if (path.empty()) path = o.DefaultKeyFile();
  std::ifstream in(path);
  if (!in) return Status::NotFound("key file " + path + " cannot be opened");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

Status CreateNewKeyFile(const RotateKeyOptions& o, const crypto::KeyRing& old) {
  auto text = OldKeyText(o.store);
  if (!text.ok()) return text.status();
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "k%Y%m%d%H%M%S", std::gmtime(&now));
  std::string id = stamp;
  for (int n = 2; old.Has(id); ++n) id = std::string(stamp) + "-" + std::to_string(n);
  std::string out = *text + "# added by drieluik rotate-key; the last key is the current one\n" +
                    crypto::KeyRing::GenerateKeyLine(id) + "\n";
  int fd = ::open(o.new_key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Unavailable("cannot create key file " + o.new_key_file);
  bool written = ::write(fd, out.data(), out.size()) == static_cast<ssize_t>(out.size());
  ::fsync(fd);
  ::close(fd);
  std::fill(out.begin(), out.end(), '\0');
  if (!written) return Status::Unavailable("cannot write key file " + o.new_key_file);
  fmt::print("nieuw sleutelbestand / new key file: {} (nieuwe sleutel / new key {})\n", o.new_key_file, id);
  return Status::Ok();
}

Status RotateKey(const RotateKeyOptions& o) {
  auto old = o.store.LoadKeys();
  if (!old.ok()) return old.status();
  if (!std::filesystem::exists(o.new_key_file)) DRIELUIK_RETURN_IF_ERROR(CreateNewKeyFile(o, **old));
  auto next = crypto::KeyRing::LoadFile(o.new_key_file);
  if (!next.ok()) return next.status();
  auto merged = (*old)->Merge(*next);
  if (!merged.ok()) return merged.status();
  auto ring = std::make_shared<const crypto::KeyRing>(std::move(merged).value());
  auto store = store::OpenStore(o.store.Url(), ring);
  if (!store.ok()) return store.status();
  DRIELUIK_RETURN_IF_ERROR((*store)->Migrate());  // refuses a key file that does not match
  std::int64_t signals = 0, additions = 0, compartments = 0, totp_secrets = 0, drieluik_rows = 0;
  auto started = std::chrono::steady_clock::now();
  while (true) {
    auto step = (*store)->ReencryptBatch(o.batch);
    if (!step.ok()) return step.status();
    signals += step->signals;
    additions += step->additions;
    compartments += step->compartments;
    totp_secrets += step->totp_secrets;
    drieluik_rows += step->drieluik_rows;
    if (step->done) break;
    fmt::print(stderr, "\r{} meldingen, {} aanvullingen / signals, additions", signals, additions);
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print(stderr, "\n");
  fmt::print(
      "klaar / done: {} meldingen en {} aanvullingen opnieuw versleuteld met sleutel {} in {:.1f} s / {} signals and "
      "{} additions re-encrypted under key {} (and {} compartment documents, {} TOTP secrets, {} Drieluik rows)\n"
      "Gebruik voortaan / from now on use --key-file {}; oude sleutels mogen eruit zodra elke server ermee draait / "
      "old keys may be removed once every server runs with it\n",
      signals, additions, ring->current_id(), s, signals, additions, ring->current_id(), compartments, totp_secrets,
      drieluik_rows, o.new_key_file);
  return Status::Ok();
}

}  // namespace

void AddRotateKeyCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "rotate-key", "Versleutel alles opnieuw met een nieuwe sleutel / re-encrypt everything under a new key");
  auto o = std::make_shared<RotateKeyOptions>();
  o->store.AddTo(*cmd);
  cmd->add_option("--new-key-file", o->new_key_file,
                  "Nieuw sleutelbestand; de laatste sleutel wordt de huidige (wordt aangemaakt als het ontbreekt) / new "
                  "key file; its last key becomes current (created when missing)")
      ->required();
  cmd->add_option("--batch", o->batch, "Rijen per transactie / rows per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->callback([o] {
    Status s = RotateKey(*o);
    if (!s.ok()) throw ExitWith{ReportError(s)};
  });
}

}  // namespace drieluik::cli
