#include "crypto/password_hasher.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "crypto/sodium_secrets.h"

namespace drieluik::crypto {

static_assert(crypto_pwhash_OPSLIMIT_INTERACTIVE == 2);
static_assert(crypto_pwhash_MEMLIMIT_INTERACTIVE == 64u * 1024 * 1024);
static_assert(crypto_pwhash_OPSLIMIT_MIN == 1);
static_assert(crypto_pwhash_MEMLIMIT_MIN == 8192);

class PasswordHasher::Slot {
 public:
  explicit Slot(PasswordHasher& h) : h_(h) {
    std::unique_lock lock(h_.mu_);
    h_.cv_.wait(lock, [&] { return h_.running_ < h_.options_.max_concurrent; });
    ++h_.running_;
    int peak = h_.peak_.load();
    while (h_.running_ > peak && !h_.peak_.compare_exchange_weak(peak, h_.running_)) {
    }
  }
  ~Slot() {
    {
      std::lock_guard lock(h_.mu_);
      --h_.running_;
    }
    h_.cv_.notify_one();
  }

 private:
  PasswordHasher& h_;
};

namespace {

// crypto_pwhash_str_verify wants a NUL-terminated string that fits crypto_pwhash_STRBYTES.
bool CopyStored(std::string_view stored, char (&out)[crypto_pwhash_STRBYTES]) {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  if (stored.find('\0') != std::string_view::npos) return false;
  std::memcpy(out, stored.data(), stored.size());
  out[stored.size()] = '\0';
  return true;
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordHashOptions options) : options_(options) {
  if (!InitSodium()) std::abort();
  if (options_.max_concurrent < 1) std::abort();  // a bug in the caller, not user input
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  char pw[65];
  sodium_bin2hex(pw, sizeof pw, random, sizeof random);
  Result<std::string> h = Hash(pw);
  if (!h.ok()) std::abort();  // cannot even hash once: refuse to run
  dummy_hash_ = std::move(h).value();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  if (password.empty()) return Status::Invalid({"/password", "required", {}});
  if (password.size() > kMaxPasswordBytes) {
    return Status::Invalid({"/password", "too_long", {{"max", std::to_string(kMaxPasswordBytes)}}});
  }
  char out[crypto_pwhash_STRBYTES];
  Slot slot(*this);
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), options_.ops_limit, options_.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::ResourceExhausted("argon2id: out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view password, std::string_view stored) {
  char buf[crypto_pwhash_STRBYTES];
  if (!CopyStored(stored, buf)) return false;
  if (password.size() > kMaxPasswordBytes) return false;
  Slot slot(*this);
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

bool PasswordHasher::VerifyUnknownUser(std::string_view password) {
  (void)Verify(password, dummy_hash_);
  return false;
}

bool PasswordHasher::NeedsRehash(std::string_view stored) const {
  char buf[crypto_pwhash_STRBYTES];
  if (!CopyStored(stored, buf)) return true;
  // The argon2id-specific check: an argon2i hash (wrong prefix) gives -1, i.e. re-hash.
  return crypto_pwhash_argon2id_str_needs_rehash(buf, options_.ops_limit, options_.mem_limit) != 0;
}

}  // namespace drieluik::crypto
