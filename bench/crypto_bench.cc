// Benchmark of the security building blocks (issue 3), side by side in one run, to size
// logins and `drieluik rotate-key`:
//   - argon2id at the INTERACTIVE settings: one hash, and logins per second with 4 callers
//     against the default bound of 2 concurrent hashes;
//   - field encryption and decryption of a name (20 bytes) and a description (2 KB);
//   - a blind index of a name, and the word indexes of the 2 KB description;
//   - from these, the estimated time to rotate 100,000 signals of 10 encrypted fields each.
// Wall time; on a machine shared with other builds the figures are inflated.
// Usage: crypto_bench
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "crypto/blind_index.h"
#include "crypto/field_cipher.h"
#include "crypto/key_ring.h"
#include "crypto/password_hasher.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace drieluik::crypto;

// Microseconds per call of f, over at least `min_ms` of wall time.
double MicrosPerCall(const std::function<void()>& f, int min_ms = 300) {
  int n = 0;
  auto start = Clock::now();
  auto until = start + std::chrono::milliseconds(min_ms);
  do {
    f();
    ++n;
  } while (Clock::now() < until);
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / n;
}

void Row(const char* what, double us, double base_us) {
  std::printf("%-44s %12.2f us %12.0f /s %10.2fx\n", what, us, 1e6 / us, us / base_us);
}

}  // namespace

int main() {
  const std::string old_line = KeyRing::GenerateKeyLine("old");
  KeyRing ring = *KeyRing::Parse(old_line + "\n" + KeyRing::GenerateKeyLine("new"), "bench");
  KeyRing old_only = *KeyRing::Parse(old_line, "bench");
  FieldCipher cipher(ring);
  BlindIndex index(ring);
  const FieldPlace place{"signal_person", "name", "123456"};
  const std::string name = "Maria Łukasiewicz-Jansen";
  std::string text;
  while (text.size() < 2048) text += "Zij werkt zeven dagen per week in de nagelsalon en de baas houdt haar paspoort. ";
  std::string name_ct = cipher.Encrypt(name, place);
  std::string text_ct = cipher.Encrypt(text, place);
  std::string old_ct = FieldCipher(old_only).Encrypt(name, place);
  volatile std::size_t sink = 0;

  double enc_name = MicrosPerCall([&] { sink = sink + cipher.Encrypt(name, place).size(); });
  std::printf("%-44s %15s %15s %11s\n", "operation", "per call", "rate", "vs enc name");
  Row("encrypt name (24 B)", enc_name, enc_name);
  Row("decrypt name", MicrosPerCall([&] { sink = sink + cipher.Decrypt(name_ct, place)->size(); }), enc_name);
  Row("encrypt description (2 KB)", MicrosPerCall([&] { sink = sink + cipher.Encrypt(text, place).size(); }),
      enc_name);
  Row("decrypt description (2 KB)", MicrosPerCall([&] { sink = sink + cipher.Decrypt(text_ct, place)->size(); }),
      enc_name);
  double rotate_us = MicrosPerCall([&] { sink = sink + cipher.Reencrypt(old_ct, place)->size(); });
  Row("re-encrypt name old key -> new key", rotate_us, enc_name);
  double index_us = MicrosPerCall([&] { sink = sink + index.Compute(IndexKind::kName, name).size(); });
  Row("blind index of a name", index_us, enc_name);
  double words_us = MicrosPerCall([&] { sink = sink + index.WordIndexes(text).size(); });
  Row("word indexes of the description (2 KB)", words_us, enc_name);

  // rotate-key per signal: 10 fields re-encrypted, 8 exact indexes and one text's words recomputed.
  double per_signal_us = 10 * rotate_us + 8 * index_us + words_us;
  std::printf("\nestimated rotate-key work for 100,000 signals: %.1f s of CPU (without database I/O)\n",
              per_signal_us * 100000 / 1e6);

  PasswordHasher hasher;  // INTERACTIVE, at most 2 at a time
  std::string hash = *hasher.Hash("correct horse battery staple");
  auto t0 = Clock::now();
  bool ok = hasher.Verify("correct horse battery staple", hash);
  double one_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::printf("\nargon2id INTERACTIVE (64 MiB, t=2): one verify %.0f ms (%s)\n", one_ms, ok ? "ok" : "FAILED");
  constexpr int kCallers = 4, kEach = 4;
  t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < kEach; ++j) sink = sink + hasher.Verify("wrong password", hash);
    });
  }
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("%d callers x %d verifies, bound 2: %.1f logins/s, peak concurrent %d (64 MiB each)\n", kCallers,
              kEach, kCallers * kEach / secs, hasher.TEST_PeakConcurrent());
  return 0;
}
