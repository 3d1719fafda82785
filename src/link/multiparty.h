// Linking encodings of two or more parties: candidate pairs by Dice above a threshold between
// every two parties, then greedy grouping into entities with at most one record per party.
// With two parties this is exactly one-to-one greedy solving. The overlap of the groups gives
// the capture-pattern table that `drieluik estimate` reads (one 0/1 column per list, count).
// Pure functions over their arguments; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "link/dice.h"

namespace drieluik::link {

/// A record of one party: (party index, row in that party's set).
struct PartyRow {
  std::uint32_t party = 0;
  std::uint32_t row = 0;
  bool operator==(const PartyRow&) const = default;
  auto operator<=>(const PartyRow&) const = default;
};

/// A group of records judged to be one person; members sorted by party.
struct PartyGroup {
  std::vector<PartyRow> members;
};

/// Groups the parties' records. Candidate pairs (Dice >= threshold) of all party pairs are
/// taken by descending score (ties: lower party pair, then rows). Two groups are merged when
/// they share no party and at least a quarter of the pairs between their members are candidates
/// (for two single records: the candidate itself). Only groups of two or more records are
/// returned, ordered by their first member. Requires: all sets of the same bit length.
std::vector<PartyGroup> GroupParties(const std::vector<const ClkSet*>& parties, double threshold,
                                     int threads = 0);

/// Capture patterns: for each subset of parties (a 0/1 mask, bit p = party p) the number of
/// entities seen by exactly those parties, counting singletons too. Indexed by mask; index 0
/// is 0 (unseen entities are what the estimate is for).
std::vector<std::uint64_t> CapturePatterns(const std::vector<PartyGroup>& groups,
                                           const std::vector<std::size_t>& party_sizes);

}  // namespace drieluik::link
