#include "link/similarity.h"

#include <algorithm>
#include <vector>

namespace drieluik::link {
namespace {

// Decodes UTF-8 leniently (a malformed byte stands for itself).
void Decode(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) n = 1;
    char32_t cp = n == 1 ? c : (c & (0x7F >> n));
    for (std::size_t j = 1; j < n; ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
}

}  // namespace

double JaroWinkler(std::string_view sa, std::string_view sb) {
  if (sa == sb) return sa.empty() ? 0.0 : 1.0;
  thread_local std::vector<char32_t> a, b;
  Decode(sa, a);
  Decode(sb, b);
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (la == 0 || lb == 0) return 0.0;
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  thread_local std::vector<char> ma, mb;
  ma.assign(la, 0);
  mb.assign(lb, 0);
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    int lo = std::max(0, i - window), hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, j = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

int DamerauLevenshtein(std::string_view sa, std::string_view sb) {
  thread_local std::vector<char32_t> a, b;
  Decode(sa, a);
  Decode(sb, b);
  const std::size_t la = a.size(), lb = b.size();
  thread_local std::vector<int> d;
  d.assign((la + 1) * (lb + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * (lb + 1) + j]; };
  for (std::size_t i = 0; i <= la; ++i) at(i, 0) = static_cast<int>(i);
  for (std::size_t j = 0; j <= lb; ++j) at(0, j) = static_cast<int>(j);
  for (std::size_t i = 1; i <= la; ++i) {
    for (std::size_t j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, at(i - 2, j - 2) + 1);
      }
      at(i, j) = v;
    }
  }
  return at(la, lb);
}

}  // namespace drieluik::link
