#include "crypto/key_ring.h"

#include <sodium.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsValidKeyId(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

KeyRing::~KeyRing() {
  for (Key& k : keys_) sodium_memzero(k.data(), k.size());
}

Result<KeyRing> KeyRing::Parse(std::string_view text, std::string_view source) {
  if (!InitSodium()) return Status::Internal("libsodium cannot be initialised");
  KeyRing ring;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string where = std::string(source) + ":" + std::to_string(line_no) + ": ";
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument(where + "expected id=base64key");
    }
    std::string id(Trim(line.substr(0, eq)));
    std::string_view b64 = Trim(line.substr(eq + 1));
    if (!IsValidKeyId(id)) {
      return Status::InvalidArgument(where + "key id must be 1-32 characters of A-Z a-z 0-9 _ -");
    }
    if (ring.Has(id)) return Status::InvalidArgument(where + "duplicate key id \"" + id + "\"");
    std::vector<unsigned char> raw(b64.size());
    std::size_t raw_len = 0;
    const char* b64_end = nullptr;
    // The padded and the unpadded variant; '=' padding is ignored as a character to skip.
    int rc = sodium_base642bin(raw.data(), raw.size(), b64.data(), b64.size(), "=", &raw_len, &b64_end,
                               sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    if (rc != 0 || b64_end != b64.data() + b64.size()) {
      sodium_memzero(raw.data(), raw.size());
      return Status::InvalidArgument(where + "key \"" + id + "\" is not valid base64");
    }
    if (raw_len < 32) {
      sodium_memzero(raw.data(), raw.size());
      return Status::InvalidArgument(where + "key \"" + id + "\" has " + std::to_string(raw_len) +
                                     " bytes; at least 32 are required");
    }
    Key key;
    if (raw_len == 32) {
      std::copy(raw.begin(), raw.begin() + 32, key.begin());
    } else {
      crypto_generichash(key.data(), key.size(), raw.data(), raw_len, nullptr, 0);
    }
    sodium_memzero(raw.data(), raw.size());
    ring.ids_.push_back(id);
    ring.keys_.push_back(key);
    sodium_memzero(key.data(), key.size());
  }
  if (ring.ids_.empty()) return Status::InvalidArgument(std::string(source) + ": no keys");
  return ring;
}

Result<KeyRing> KeyRing::LoadFile(const std::string& path) {
  // Open first, then check the opened file (no window between check and read).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound("key file " + path + " cannot be opened");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::FailedPrecondition("key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::FailedPrecondition("key file " + path +
                                      " may be read or written by group or others; run chmod 600 on it");
  }
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  sodium_memzero(buf, sizeof buf);
  ::close(fd);
  Result<KeyRing> ring = Parse(text, path);
  sodium_memzero(text.data(), text.size());
  return ring;
}

Result<KeyRing> KeyRing::FromEnvironmentValue(std::string_view value) {
  std::string text(value);
  for (char& c : text) {
    if (c == ';' || c == ',') c = '\n';
  }
  Result<KeyRing> ring = Parse(text, kKeysEnvironmentVariable);
  sodium_memzero(text.data(), text.size());
  return ring;
}

Result<KeyRing> KeyRing::Load(const std::string& path) {
  if (!path.empty()) return LoadFile(path);
  const char* env = std::getenv(kKeysEnvironmentVariable);
  if (env == nullptr || *env == '\0') env = std::getenv(kKeyEnvironmentVariableAlias);
  if (env != nullptr && *env != '\0') return FromEnvironmentValue(env);
  return Status::FailedPrecondition(std::string("no keys: give a key file (--key-file) or set ") +
                                    kKeysEnvironmentVariable);
}

bool KeyRing::EnvironmentHasKeys() {
  for (const char* name : {kKeysEnvironmentVariable, kKeyEnvironmentVariableAlias}) {
    const char* env = std::getenv(name);
    if (env != nullptr && *env != '\0') return true;
  }
  return false;
}

Result<KeyRing> KeyRing::Merge(const KeyRing& next) const {
  KeyRing out;
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    bool in_next = false;
    for (std::size_t j = 0; j < next.ids_.size(); ++j) {
      if (next.ids_[j] != ids_[i]) continue;
      in_next = true;
      if (sodium_memcmp(next.keys_[j].data(), keys_[i].data(), keys_[i].size()) != 0)
        return Status::InvalidArgument("key id \"" + ids_[i] + "\" differs between the old and the new keys");
    }
    if (in_next) continue;
    out.ids_.push_back(ids_[i]);
    out.keys_.push_back(keys_[i]);
  }
  for (std::size_t j = 0; j < next.ids_.size(); ++j) {
    out.ids_.push_back(next.ids_[j]);
    out.keys_.push_back(next.keys_[j]);
  }
  return out;
}

std::string KeyRing::GenerateKeyLine(std::string_view id) {
  if (!InitSodium() || !IsValidKeyId(id)) std::abort();
  unsigned char key[32];
  randombytes_buf(key, sizeof key);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
  sodium_memzero(key, sizeof key);
  std::string line = std::string(id) + "=" + b64;
  sodium_memzero(b64, sizeof b64);
  return line;
}

bool KeyRing::Has(std::string_view id) const {
  for (const std::string& i : ids_) {
    if (i == id) return true;
  }
  return false;
}

KeyRing::Key KeyRing::DeriveKey(std::string_view id, std::string_view context, std::uint64_t subkey) const {
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_kdf_CONTEXTBYTES == 8);
  if (context.size() != crypto_kdf_CONTEXTBYTES) std::abort();
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    if (ids_[i] != id) continue;
    char ctx[crypto_kdf_CONTEXTBYTES];
    std::copy(context.begin(), context.end(), ctx);
    Key out;
    crypto_kdf_derive_from_key(out.data(), out.size(), subkey, ctx, keys_[i].data());
    return out;
  }
  std::abort();  // Requires: Has(id)
}

}  // namespace drieluik::crypto
