// Sørensen–Dice similarity of CLK encodings and the candidate pairs above a threshold:
// the matching side of privacy-preserving linkage (as anonlink does it). A ClkSet holds
// encodings of one party, all of one length, packed as 64-bit words; the comparison kernel
// uses the CPU's popcount instruction. ClkSets are immutable once built; DiceCandidates may be
// called from several threads and uses its own worker threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace drieluik::link {

class ClkSet {
 public:
  ClkSet() = default;
  /// Builds a set from encodings of `bits` bits each. InvalidArgument (key
  /// "clk_length", pointer "row <i>") when an encoding is not bits / 8 bytes long.
  static Result<ClkSet> FromBytes(const std::vector<std::vector<std::uint8_t>>& encodings,
                                  int bits);

  std::size_t size() const { return popcounts_.size(); }
  int bits() const { return bits_; }
  std::size_t words() const { return words_; }
  const std::uint64_t* row(std::size_t i) const { return data_.data() + i * words_; }
  std::uint32_t popcount(std::size_t i) const { return popcounts_[i]; }
  const std::vector<std::uint32_t>& popcounts() const { return popcounts_; }

  /// Appends one encoding (for tests and benchmarks); Requires: bytes.size() == bits / 8.
  void Add(const std::vector<std::uint8_t>& bytes);
  /// An empty set for encodings of `bits` bits.
  explicit ClkSet(int bits) : bits_(bits), words_((static_cast<std::size_t>(bits) + 63) / 64) {}

 private:
  int bits_ = 0;
  std::size_t words_ = 0;
  std::vector<std::uint64_t> data_;       // size() * words_
  std::vector<std::uint32_t> popcounts_;
};

/// Dice coefficient 2|a AND b| / (|a| + |b|); 0 when both are empty.
double Dice(const ClkSet& a, std::size_t i, const ClkSet& b, std::size_t j);

/// Which comparison kernel to use: the best the CPU offers (AVX-512 VPOPCNTDQ when present,
/// else scalar popcnt), or scalar popcnt only (benchmarks compare the two).
enum class DiceKernel { kBest, kScalar };

/// Name of the kernel kBest resolves to on this CPU: "avx512-vpopcntdq" or "popcnt".
const char* BestDiceKernelName();

/// A pair of rows (row_a in the first set, row_b in the second) and their Dice score.
struct Candidate {
  double score = 0;
  std::uint32_t row_a = 0;
  std::uint32_t row_b = 0;
  bool operator==(const Candidate&) const = default;
};

/// Every pair with Dice >= threshold, sorted by score descending, then row_a, row_b.
/// Requires: a.bits() == b.bits(). threads <= 0 means one per hardware thread.
std::vector<Candidate> DiceCandidates(const ClkSet& a, const ClkSet& b, double threshold,
                                      int threads = 0, DiceKernel kernel = DiceKernel::kBest);

/// Number of pairs with Dice >= threshold, without storing them (benchmarks).
std::uint64_t CountAboveThreshold(const ClkSet& a, const ClkSet& b, double threshold, int threads,
                                  DiceKernel kernel = DiceKernel::kBest);

/// The hardware's limit for comparison: for every pair, popcount(a AND b) summed, with no
/// threshold test or result; returns the sum so the work cannot be optimised away.
std::uint64_t PlainPopcountLoop(const ClkSet& a, const ClkSet& b, int threads);

/// One-to-one greedy solving: candidates taken by descending score, a pair kept when
/// neither row is already matched. Requires: `sorted` sorted as DiceCandidates returns.
std::vector<Candidate> GreedyOneToOne(const std::vector<Candidate>& sorted);

}  // namespace drieluik::link
