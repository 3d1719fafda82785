#include "link/dice.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

namespace drieluik::link {
namespace {

// The popcount kernels are compiled for the popcnt instruction (every x86-64 server since
// 2008; the CI machines have it) so __builtin_popcountll is one instruction.
#define DRIELUIK_POPCNT __attribute__((target("popcnt")))

DRIELUIK_POPCNT inline std::uint32_t AndCount16(const std::uint64_t* a, const std::uint64_t* b) {
  std::uint64_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (int w = 0; w < 16; w += 4) {
    c0 += __builtin_popcountll(a[w] & b[w]);
    c1 += __builtin_popcountll(a[w + 1] & b[w + 1]);
    c2 += __builtin_popcountll(a[w + 2] & b[w + 2]);
    c3 += __builtin_popcountll(a[w + 3] & b[w + 3]);
  }
  return static_cast<std::uint32_t>(c0 + c1 + c2 + c3);
}

DRIELUIK_POPCNT inline std::uint32_t AndCount(const std::uint64_t* a, const std::uint64_t* b,
                                               std::size_t words) {
  std::uint64_t c = 0;
  for (std::size_t w = 0; w < words; ++w) c += __builtin_popcountll(a[w] & b[w]);
  return static_cast<std::uint32_t>(c);
}

int ThreadCount(int threads, std::size_t rows) {
  int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(n, rows)));
}

// Runs body(begin, end, worker) over rows of `a` in chunks handed out dynamically.
template <typename Body>
void ParallelRows(std::size_t rows, int threads, Body body) {
  const int n = ThreadCount(threads, rows);
  const std::size_t chunk = std::max<std::size_t>(64, rows / (static_cast<std::size_t>(n) * 16));
  std::atomic<std::size_t> next{0};
  auto work = [&](int worker) {
    while (true) {
      std::size_t begin = next.fetch_add(chunk);
      if (begin >= rows) break;
      body(begin, std::min(rows, begin + chunk), worker);
    }
  };
  if (n == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
}

// For each row of a in [begin, end), calls emit(i, j, and_count) for every j of b whose Dice
// reaches the threshold. The test 2c >= t (pa + pb) is done in integers scaled by 2^20 so no
// division sits in the inner loop; a candidate then gets its exact score.
template <typename Emit>
DRIELUIK_POPCNT void CompareRows(const ClkSet& a, const ClkSet& b, std::size_t begin,
                                 std::size_t end, double threshold, Emit emit) {
  const std::size_t words = a.words();
  const std::size_t nb = b.size();
  const std::uint64_t t_scaled = static_cast<std::uint64_t>(std::ceil(threshold * (1 << 20)));
  const bool sixteen = words == 16;
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint64_t* ra = a.row(i);
    const std::uint64_t pa = a.popcount(i);
    for (std::size_t j = 0; j < nb; ++j) {
      const std::uint64_t pb = b.popcount(j);
      std::uint64_t c = sixteen ? AndCount16(ra, b.row(j)) : AndCount(ra, b.row(j), words);
      // 2c / (pa + pb) >= t  <=>  2c * 2^20 >= t * 2^20 * (pa + pb), up to the rounding of t,
      // which the exact check in emit settles.
      if ((c << 21) + (pa + pb) >= t_scaled * (pa + pb)) emit(i, j, c);
    }
  }
}

}  // namespace

Result<ClkSet> ClkSet::FromBytes(const std::vector<std::vector<std::uint8_t>>& encodings,
                                 int bits) {
  ClkSet set(bits);
  for (std::size_t i = 0; i < encodings.size(); ++i) {
    if (encodings[i].size() * 8 != static_cast<std::size_t>(bits)) {
      std::string where = "row " + std::to_string(i + 1);
      return Status::InvalidArgument(
          where + ": encoding has " + std::to_string(encodings[i].size() * 8) + " bits, expected " +
              std::to_string(bits),
          {FieldError{where, "clk_length",
                      {{"bits", std::to_string(encodings[i].size() * 8)},
                       {"expected", std::to_string(bits)}}}});
    }
    set.Add(encodings[i]);
  }
  return set;
}

void ClkSet::Add(const std::vector<std::uint8_t>& bytes) {
  std::size_t at = data_.size();
  data_.resize(at + words_, 0);
  std::memcpy(data_.data() + at, bytes.data(), std::min(bytes.size(), words_ * 8));
  std::uint32_t pc = 0;
  for (std::size_t w = 0; w < words_; ++w) pc += __builtin_popcountll(data_[at + w]);
  popcounts_.push_back(pc);
}

double Dice(const ClkSet& a, std::size_t i, const ClkSet& b, std::size_t j) {
  std::uint32_t total = a.popcount(i) + b.popcount(j);
  if (total == 0) return 0;
  return 2.0 * AndCount(a.row(i), b.row(j), a.words()) / total;
}

std::vector<Candidate> DiceCandidates(const ClkSet& a, const ClkSet& b, double threshold,
                                      int threads) {
  const int n = ThreadCount(threads, a.size());
  std::vector<std::vector<Candidate>> found(n);
  ParallelRows(a.size(), n, [&](std::size_t begin, std::size_t end, int worker) {
    auto& out = found[worker];
    CompareRows(a, b, begin, end, threshold, [&](std::size_t i, std::size_t j, std::uint64_t c) {
      double score = 2.0 * static_cast<double>(c) / (a.popcount(i) + b.popcount(j));
      if (score >= threshold) {
        out.push_back({score, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
      }
    });
  });
  std::vector<Candidate> all;
  for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
  std::sort(all.begin(), all.end(), [](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.row_a != y.row_a) return x.row_a < y.row_a;
    return x.row_b < y.row_b;
  });
  return all;
}

std::uint64_t CountAboveThreshold(const ClkSet& a, const ClkSet& b, double threshold,
                                  int threads) {
  std::atomic<std::uint64_t> total{0};
  ParallelRows(a.size(), threads, [&](std::size_t begin, std::size_t end, int) {
    std::uint64_t local = 0;
    CompareRows(a, b, begin, end, threshold, [&](std::size_t i, std::size_t j, std::uint64_t c) {
      if (2.0 * static_cast<double>(c) / (a.popcount(i) + b.popcount(j)) >= threshold) ++local;
    });
    total += local;
  });
  return total;
}

DRIELUIK_POPCNT std::uint64_t PlainPopcountLoop(const ClkSet& a, const ClkSet& b, int threads) {
  std::atomic<std::uint64_t> total{0};
  ParallelRows(a.size(), threads, [&](std::size_t begin, std::size_t end, int) {
    std::uint64_t local = 0;
    const std::size_t words = a.words();
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint64_t* ra = a.row(i);
      for (std::size_t j = 0; j < b.size(); ++j) {
        const std::uint64_t* rb = b.row(j);
        for (std::size_t w = 0; w < words; ++w) local += __builtin_popcountll(ra[w] & rb[w]);
      }
    }
    total += local;
  });
  return total;
}

std::vector<Candidate> GreedyOneToOne(const std::vector<Candidate>& sorted) {
  std::vector<Candidate> kept;
  std::vector<bool> used_a, used_b;
  for (const auto& c : sorted) {
    if (c.row_a >= used_a.size()) used_a.resize(c.row_a + 1, false);
    if (c.row_b >= used_b.size()) used_b.resize(c.row_b + 1, false);
    if (used_a[c.row_a] || used_b[c.row_b]) continue;
    used_a[c.row_a] = used_b[c.row_b] = true;
    kept.push_back(c);
  }
  return kept;
}

}  // namespace drieluik::link
