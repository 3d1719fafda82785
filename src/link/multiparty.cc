#include "link/multiparty.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_set>

namespace drieluik::link {
namespace {

struct Edge {
  double score;
  PartyRow x, y;
};

std::uint64_t Key(PartyRow a, PartyRow b) {
  if (b < a) std::swap(a, b);
  return (static_cast<std::uint64_t>(a.party) << 56) ^ (static_cast<std::uint64_t>(a.row) << 32) ^
         (static_cast<std::uint64_t>(b.party) << 24) ^ b.row;
}

}  // namespace

std::vector<PartyGroup> GroupParties(const std::vector<const ClkSet*>& parties, double threshold,
                                     int threads) {
  std::vector<Edge> edges;
  for (std::uint32_t p = 0; p < parties.size(); ++p) {
    for (std::uint32_t q = p + 1; q < parties.size(); ++q) {
      for (const auto& c : DiceCandidates(*parties[p], *parties[q], threshold, threads)) {
        edges.push_back({c.score, {p, c.row_a}, {q, c.row_b}});
      }
    }
  }
  std::stable_sort(edges.begin(), edges.end(),
                   [](const Edge& a, const Edge& b) { return a.score > b.score; });
  const bool two = parties.size() == 2;
  std::unordered_set<std::uint64_t> edge_set;
  if (!two) {
    for (const auto& e : edges) edge_set.insert(Key(e.x, e.y));
  }
  std::map<PartyRow, std::size_t> group_of;
  std::vector<std::vector<PartyRow>> groups;
  for (const auto& e : edges) {
    auto gx = group_of.find(e.x);
    auto gy = group_of.find(e.y);
    if (two) {
      if (gx != group_of.end() || gy != group_of.end()) continue;
    }
    if (gx == group_of.end() && gy == group_of.end()) {
      group_of[e.x] = group_of[e.y] = groups.size();
      groups.push_back({e.x, e.y});
      continue;
    }
    std::vector<PartyRow> single_x{e.x}, single_y{e.y};
    const auto& mx = gx == group_of.end() ? single_x : groups[gx->second];
    const auto& my = gy == group_of.end() ? single_y : groups[gy->second];
    if (&mx == &my || (gx != group_of.end() && gy != group_of.end() && gx->second == gy->second)) {
      continue;
    }
    bool clash = false;
    std::size_t linked = 0;
    for (const auto& a : mx) {
      for (const auto& b : my) {
        if (a.party == b.party) clash = true;
        if (edge_set.count(Key(a, b))) ++linked;
      }
    }
    if (clash || 4 * linked < mx.size() * my.size()) continue;
    std::vector<PartyRow> merged = mx;
    merged.insert(merged.end(), my.begin(), my.end());
    std::size_t target;
    if (gx != group_of.end()) {
      target = gx->second;
      if (gy != group_of.end()) groups[gy->second].clear();
    } else {
      target = gy->second;
    }
    groups[target] = merged;
    for (const auto& m : merged) group_of[m] = target;
  }
  std::vector<PartyGroup> out;
  for (auto& g : groups) {
    if (g.size() < 2) continue;
    std::sort(g.begin(), g.end());
    out.push_back({g});
  }
  std::sort(out.begin(), out.end(), [](const PartyGroup& a, const PartyGroup& b) {
    return a.members.front() < b.members.front();
  });
  return out;
}

std::vector<std::uint64_t> CapturePatterns(const std::vector<PartyGroup>& groups,
                                           const std::vector<std::size_t>& party_sizes) {
  std::vector<std::uint64_t> counts(std::size_t{1} << party_sizes.size(), 0);
  std::vector<std::size_t> grouped(party_sizes.size(), 0);
  for (const auto& g : groups) {
    std::size_t mask = 0;
    for (const auto& m : g.members) {
      mask |= std::size_t{1} << m.party;
      ++grouped[m.party];
    }
    ++counts[mask];
  }
  for (std::size_t p = 0; p < party_sizes.size(); ++p) {
    counts[std::size_t{1} << p] += party_sizes[p] - grouped[p];
  }
  return counts;
}

}  // namespace drieluik::link
