// GCC 12 warns about _mm512_undefined_* inside its own intrinsics headers (a false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "link/dice.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

#include <immintrin.h>

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
// Rows of b are visited in tiles of this many rows (128 KiB of 1,024-bit encodings), each
// compared with every row of a's range before the next, so b streams from memory once per
// range instead of once per row of a.
constexpr std::size_t kTileRows = 1024;

template <typename Emit>
DRIELUIK_POPCNT void CompareRows(const ClkSet& a, const ClkSet& b, std::size_t begin,
                                 std::size_t end, double threshold, Emit emit) {
  const std::size_t words = a.words();
  const std::size_t nb = b.size();
  const std::uint64_t t_scaled = static_cast<std::uint64_t>(std::ceil(threshold * (1 << 20)));
  const bool sixteen = words == 16;
  for (std::size_t tile = 0; tile < nb; tile += kTileRows) {
  const std::size_t tile_end = std::min(nb, tile + kTileRows);
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint64_t* ra = a.row(i);
    const std::uint64_t pa = a.popcount(i);
    for (std::size_t j = tile; j < tile_end; ++j) {
      const std::uint64_t pb = b.popcount(j);
      std::uint64_t c = sixteen ? AndCount16(ra, b.row(j)) : AndCount(ra, b.row(j), words);
      // 2c / (pa + pb) >= t  <=>  2c * 2^20 >= t * 2^20 * (pa + pb), up to the rounding of t,
      // which the exact check in emit settles.
      if ((c << 21) + (pa + pb) >= t_scaled * (pa + pb)) emit(i, j, c);
    }
  }
  }
}

#define DRIELUIK_AVX512 __attribute__((target("avx512f,avx512dq,avx512vpopcntdq,popcnt")))

bool HasAvx512Popcount() {
  static const bool has = __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512dq") &&
                          __builtin_cpu_supports("avx512vpopcntdq");
  return has;
}

// Sums each of eight vectors' lanes: lane j of the result = sum of the lanes of v[j].
DRIELUIK_AVX512 inline __m512i SumLanes8(const __m512i v[8]) {
  __m512i t01 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[0], v[1]), _mm512_unpackhi_epi64(v[0], v[1]));
  __m512i t23 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[2], v[3]), _mm512_unpackhi_epi64(v[2], v[3]));
  __m512i t45 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[4], v[5]), _mm512_unpackhi_epi64(v[4], v[5]));
  __m512i t67 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[6], v[7]), _mm512_unpackhi_epi64(v[6], v[7]));
  // 128-bit blocks: even blocks of both, odd blocks of both.
  __m512i p = _mm512_add_epi64(_mm512_shuffle_i64x2(t01, t23, 0x88), _mm512_shuffle_i64x2(t01, t23, 0xDD));
  __m512i q = _mm512_add_epi64(_mm512_shuffle_i64x2(t45, t67, 0x88), _mm512_shuffle_i64x2(t45, t67, 0xDD));
  return _mm512_add_epi64(_mm512_shuffle_i64x2(p, q, 0x88), _mm512_shuffle_i64x2(p, q, 0xDD));
}

// As CompareRows for 1,024-bit encodings, eight rows of b at a time with VPOPCNTQ.
template <typename Emit>
DRIELUIK_AVX512 void CompareRows1024Avx512(const ClkSet& a, const ClkSet& b, std::size_t begin,
                                           std::size_t end, double threshold, Emit emit) {
  const std::size_t nb = b.size();
  const std::size_t nb8 = nb / 8 * 8;
  const std::uint64_t t_scaled = static_cast<std::uint64_t>(std::ceil(threshold * (1 << 20)));
  const __m512i vt = _mm512_set1_epi64(static_cast<long long>(t_scaled));
  alignas(64) std::uint64_t counts[8];
  for (std::size_t tile = 0; tile < nb8; tile += kTileRows) {
  const std::size_t tile_end = std::min(nb8, tile + kTileRows);
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint64_t* ra = a.row(i);
    const __m512i a0 = _mm512_loadu_si512(ra);
    const __m512i a1 = _mm512_loadu_si512(ra + 8);
    const std::uint64_t pa = a.popcount(i);
    const __m512i vpa = _mm512_set1_epi64(static_cast<long long>(pa));
    for (std::size_t j = tile; j < tile_end; j += 8) {
      __m512i v[8];
      for (int k = 0; k < 8; ++k) {
        const std::uint64_t* rb = b.row(j + k);
        v[k] = _mm512_add_epi64(
            _mm512_popcnt_epi64(_mm512_and_si512(a0, _mm512_loadu_si512(rb))),
            _mm512_popcnt_epi64(_mm512_and_si512(a1, _mm512_loadu_si512(rb + 8))));
      }
      __m512i c = SumLanes8(v);
      __m512i sum = _mm512_add_epi64(
          vpa, _mm512_cvtepu32_epi64(_mm256_loadu_si256(
                   reinterpret_cast<const __m256i*>(&b.popcounts()[j]))));
      __m512i lhs = _mm512_add_epi64(_mm512_slli_epi64(c, 21), sum);
      __m512i rhs = _mm512_mullo_epi64(vt, sum);
      __mmask8 hit = _mm512_cmpge_epu64_mask(lhs, rhs);
      if (hit) {
        _mm512_store_si512(counts, c);
        for (int k = 0; k < 8; ++k) {
          if (hit & (1u << k)) emit(i, j + k, counts[k]);
        }
      }
    }
  }
  }
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint64_t* ra = a.row(i);
    const std::uint64_t pa = a.popcount(i);
    for (std::size_t j = nb8; j < nb; ++j) {
      const std::uint64_t pb = b.popcount(j);
      std::uint64_t c = AndCount16(ra, b.row(j));
      if ((c << 21) + (pa + pb) >= t_scaled * (pa + pb)) emit(i, j, c);
    }
  }
}

template <typename Emit>
void CompareRowsBest(const ClkSet& a, const ClkSet& b, std::size_t begin, std::size_t end,
                     double threshold, DiceKernel kernel, Emit emit) {
  if (kernel == DiceKernel::kBest && a.words() == 16 && HasAvx512Popcount()) {
    CompareRows1024Avx512(a, b, begin, end, threshold, emit);
  } else {
    CompareRows(a, b, begin, end, threshold, emit);
  }
}

}  // namespace

const char* BestDiceKernelName() { return HasAvx512Popcount() ? "avx512-vpopcntdq" : "popcnt"; }

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
                                      int threads, DiceKernel kernel) {
  const int n = ThreadCount(threads, a.size());
  std::vector<std::vector<Candidate>> found(n);
  ParallelRows(a.size(), n, [&](std::size_t begin, std::size_t end, int worker) {
    auto& out = found[worker];
    CompareRowsBest(a, b, begin, end, threshold, kernel, [&](std::size_t i, std::size_t j, std::uint64_t c) {
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
                                  int threads, DiceKernel kernel) {
  std::atomic<std::uint64_t> total{0};
  ParallelRows(a.size(), threads, [&](std::size_t begin, std::size_t end, int) {
    std::uint64_t local = 0;
    CompareRowsBest(a, b, begin, end, threshold, kernel, [&](std::size_t i, std::size_t j, std::uint64_t c) {
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
    for (std::size_t tile = 0; tile < b.size(); tile += kTileRows) {
      const std::size_t tile_end = std::min(b.size(), tile + kTileRows);
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint64_t* ra = a.row(i);
        for (std::size_t j = tile; j < tile_end; ++j) {
          const std::uint64_t* rb = b.row(j);
          local += words == 16 ? AndCount16(ra, rb) : AndCount(ra, rb, words);
        }
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
