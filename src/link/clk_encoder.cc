// GCC 12 reports -Wmaybe-uninitialized inside <regex>'s own std::function use when optimising
// with sanitizers (a false positive); the pragma must precede every include to cover it.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "link/clk_encoder.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#include <cstdlib>
#include <cstring>
#include <regex>

namespace drieluik::link {
namespace {

Status FormatError(const ClkFeature& f, const char* key, std::string_view value) {
  FieldError field{f.identifier, key, {{"value", std::string(value)}}};
  return Status::InvalidArgument(
      "feature " + f.identifier + ": " + key + ": \"" + std::string(value) + "\"", {field});
}

// Splits UTF-8 text into code points (each as its bytes); false on malformed UTF-8.
bool SplitCodePoints(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t j = 1; j < n; ++j) {
      if ((static_cast<unsigned char>(s[i + j]) & 0xC0) != 0x80) return false;
    }
    out.push_back(s.substr(i, n));
    i += n;
  }
  return true;
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// strptime for the subset %Y %m %d %y %% and literal characters; YYYYMMDD on success.
bool ParseDateToCompact(std::string_view value, const std::string& format, std::string& out) {
  int year = -1, month = -1, day = -1;
  std::size_t v = 0;
  auto digits = [&](int max_len, int& target) {
    int n = 0, x = 0;
    while (n < max_len && v < value.size() && std::isdigit(static_cast<unsigned char>(value[v]))) {
      x = x * 10 + (value[v] - '0');
      ++v;
      ++n;
    }
    if (n == 0) return false;
    target = x;
    return true;
  };
  for (std::size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == '%' && i + 1 < format.size()) {
      char d = format[++i];
      if (d == 'Y') {
        if (!digits(4, year)) return false;
      } else if (d == 'y') {
        int y;
        if (!digits(2, y)) return false;
        year = y < 69 ? 2000 + y : 1900 + y;  // POSIX/Python pivot
      } else if (d == 'm') {
        if (!digits(2, month)) return false;
      } else if (d == 'd') {
        if (!digits(2, day)) return false;
      } else if (d == '%') {
        if (v >= value.size() || value[v] != '%') return false;
        ++v;
      } else {
        return false;
      }
    } else {
      if (v >= value.size() || value[v] != c) return false;
      ++v;
    }
  }
  if (v != value.size()) return false;
  if (year < 1) year = 1900;
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day > max_day) return false;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  out = buf;
  return true;
}

// Big-endian digest modulo l, as Python's int(hexdigest, 16) % l.
std::uint64_t DigestMod(const unsigned char* d, unsigned int len, std::uint64_t l) {
  std::uint64_t r = 0;
  for (unsigned int i = 0; i < len; ++i) r = (r * 256 + d[i]) % l;
  return r;
}

void SetBit(std::vector<std::uint8_t>& bf, std::uint64_t i) {
  bf[i >> 3] |= static_cast<std::uint8_t>(0x80u >> (i & 7));
}

std::vector<int> BitsPerToken(const ClkFeature& f, std::size_t tokens) {
  if (f.bits_per_token) return std::vector<int>(tokens, *f.bits_per_token);
  if (tokens == 0) return {};
  int total = f.bits_per_feature.value_or(0);
  int k = total / static_cast<int>(tokens);
  int rest = total % static_cast<int>(tokens);
  std::vector<int> ks(tokens, k);
  for (int i = 0; i < rest; ++i) ks[i] += 1;
  return ks;
}

void DoubleHash(const std::vector<std::string>& tokens, const std::vector<int>& ks,
                const std::string& key_sha1, const std::string& key_md5, bool prevent_singularity,
                std::uint64_t l, std::vector<std::uint8_t>& bf) {
  unsigned char sha[EVP_MAX_MD_SIZE], md5[EVP_MAX_MD_SIZE];
  unsigned int sha_len = 0, md5_len = 0;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const auto* data = reinterpret_cast<const unsigned char*>(tokens[t].data());
    HMAC(EVP_sha1(), key_sha1.data(), static_cast<int>(key_sha1.size()), data, tokens[t].size(),
         sha, &sha_len);
    HMAC(EVP_md5(), key_md5.data(), static_cast<int>(key_md5.size()), data, tokens[t].size(), md5,
         &md5_len);
    std::uint64_t a = DigestMod(sha, sha_len, l);
    std::uint64_t b = DigestMod(md5, md5_len, l);
    if (prevent_singularity) {
      // clkhash's non-singular variant: rehash with a counter byte appended until b != 0.
      for (unsigned i = 0; b == 0 && i < 256; ++i) {
        std::string m = tokens[t];
        m += static_cast<char>(i);  // chr(i).encode(): ASCII only for i < 128
        if (i >= 128) {
          m.pop_back();
          m += static_cast<char>(0xC0 | (i >> 6));
          m += static_cast<char>(0x80 | (i & 0x3F));
        }
        HMAC(EVP_md5(), key_md5.data(), static_cast<int>(key_md5.size()),
             reinterpret_cast<const unsigned char*>(m.data()), m.size(), md5, &md5_len);
        b = DigestMod(md5, md5_len, l);
      }
    }
    for (int i = 0; i < ks[t]; ++i) SetBit(bf, (a + static_cast<std::uint64_t>(i) * b) % l);
  }
}

bool BlakeHash(const std::vector<std::string>& tokens, const std::vector<int>& ks,
               const std::string& key, std::uint64_t l, std::vector<std::uint8_t>& bf) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "BLAKE2BMAC", nullptr);
  if (mac == nullptr) return false;
  bool ok = true;
  for (std::size_t t = 0; t < tokens.size() && ok; ++t) {
    std::vector<std::uint16_t> shorts;
    int macs = (ks[t] + 31) / 32;
    for (int m = 0; m < macs && ok; ++m) {
      std::string salt = std::to_string(m);
      EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
      OSSL_PARAM params[2] = {
          OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_SALT, salt.data(), salt.size()),
          OSSL_PARAM_construct_end()};
      unsigned char out[64];
      std::size_t out_len = 0;
      ok = ctx != nullptr &&
           EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                        params) == 1 &&
           EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(tokens[t].data()),
                          tokens[t].size()) == 1 &&
           EVP_MAC_final(ctx, out, &out_len, sizeof out) == 1 && out_len == 64;
      EVP_MAC_CTX_free(ctx);
      for (int j = 0; ok && j < 32; ++j) {
        shorts.push_back(static_cast<std::uint16_t>(out[2 * j] | (out[2 * j + 1] << 8)));
      }
    }
    for (int i = 0; ok && i < ks[t]; ++i) SetBit(bf, shorts[i] % l);
  }
  EVP_MAC_free(mac);
  return ok;
}

}  // namespace

Result<std::string> Hkdf(std::string_view hash, std::string_view secret, std::string_view salt,
                         std::string_view info, std::size_t length) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
  std::string out(length, '\0');
  std::size_t out_len = length;
  const EVP_MD* md = hash == "SHA512" ? EVP_sha512() : EVP_sha256();
  bool ok = ctx != nullptr && EVP_PKEY_derive_init(ctx) > 0 &&
            EVP_PKEY_CTX_set_hkdf_md(ctx, md) > 0 &&
            EVP_PKEY_CTX_set1_hkdf_salt(ctx, reinterpret_cast<const unsigned char*>(salt.data()),
                                        static_cast<int>(salt.size())) > 0 &&
            EVP_PKEY_CTX_set1_hkdf_key(ctx, reinterpret_cast<const unsigned char*>(secret.data()),
                                       static_cast<int>(secret.size())) > 0 &&
            EVP_PKEY_CTX_add1_hkdf_info(ctx, reinterpret_cast<const unsigned char*>(info.data()),
                                        static_cast<int>(info.size())) > 0 &&
            EVP_PKEY_derive(ctx, reinterpret_cast<unsigned char*>(out.data()), &out_len) > 0 &&
            out_len == length;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) return Status::Internal("HKDF failed");
  return out;
}

Result<ClkEncoder> ClkEncoder::Create(ClkSchema schema, std::string_view secret) {
  if (secret.empty()) {
    return Status::InvalidArgument("secret is empty", {FieldError{"secret", "required", {}}});
  }
  const std::size_t n = schema.features.size();
  auto okm = Hkdf(schema.kdf_hash, secret, schema.salt, schema.info,
                  n * 2 * static_cast<std::size_t>(schema.key_size));
  if (!okm.ok()) return okm.error();
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < 2 * n; ++i) {
    keys.push_back(okm->substr(i * schema.key_size, schema.key_size));
  }
  return ClkEncoder(std::move(schema), std::move(keys));
}

Result<std::string> ClkEncoder::Normalise(const ClkFeature& f, std::string_view value) const {
  if (f.missing_sentinel && value == *f.missing_sentinel) return f.missing_replace_with;
  std::vector<std::string_view> cps;
  if (!SplitCodePoints(value, cps)) return FormatError(f, "format_utf8", value);
  switch (f.type) {
    case ClkValueType::kString: {
      if (f.ascii_only) {
        for (char c : value) {
          if (static_cast<unsigned char>(c) >= 0x80) return FormatError(f, "format_ascii", value);
        }
      }
      int len = static_cast<int>(cps.size());
      if ((f.min_length && len < *f.min_length) || (f.max_length && len > *f.max_length)) {
        return FormatError(f, "format_string_length", value);
      }
      if (f.letter_case != "mixed") {
        bool upper = f.letter_case == "upper";
        for (char c : value) {
          if (upper ? std::islower(static_cast<unsigned char>(c))
                    : std::isupper(static_cast<unsigned char>(c))) {
            return FormatError(f, "format_case", value);
          }
        }
      }
      if (f.pattern) {
        try {
          if (!std::regex_match(std::string(value), std::regex(*f.pattern))) {
            return FormatError(f, "format_pattern", value);
          }
        } catch (const std::regex_error&) {
          return FormatError(f, "format_pattern", value);
        }
      }
      return std::string(value);
    }
    case ClkValueType::kInteger: {
      // Python's str(int(value)): surrounding spaces and a '+' sign go, leading zeros go.
      std::string t = Trim(value);
      bool negative = false;
      std::size_t i = 0;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
      if (i == t.size()) return FormatError(f, "format_integer", value);
      for (std::size_t j = i; j < t.size(); ++j) {
        if (!std::isdigit(static_cast<unsigned char>(t[j]))) {
          return FormatError(f, "format_integer", value);
        }
      }
      std::string digits = t.substr(i);
      std::size_t nz = digits.find_first_not_of('0');
      digits = nz == std::string::npos ? "0" : digits.substr(nz);
      if (digits.size() > 18) return FormatError(f, "format_integer", value);
      long long v = std::stoll(digits) * (negative ? -1 : 1);
      if ((f.minimum && v < *f.minimum) || (f.maximum && v > *f.maximum)) {
        return FormatError(f, "format_integer", value);
      }
      return std::to_string(v);
    }
    case ClkValueType::kDate: {
      std::string out;
      if (!ParseDateToCompact(value, f.date_format, out)) {
        return FormatError(f, "format_date", value);
      }
      return out;
    }
    case ClkValueType::kEnum: {
      for (const auto& e : f.enum_values) {
        if (e == value) return std::string(value);
      }
      return FormatError(f, "format_enum", value);
    }
  }
  return std::string(value);
}

std::vector<std::string> ClkEncoder::Tokenise(const ClkFeature& f, std::string_view value) {
  if (f.exact) return {std::string(value)};
  std::vector<std::string_view> cps;
  std::string padded;
  const int n = f.ngram;
  if (n > 1) {
    padded = " " + std::string(value) + " ";
    value = padded;
  }
  std::vector<std::string> tokens;
  if (n == 0 || !SplitCodePoints(value, cps)) return tokens;
  for (std::size_t i = 0; i + n <= cps.size(); ++i) {
    std::string gram;
    if (f.positional) gram = std::to_string(i + 1) + " ";
    for (int j = 0; j < n; ++j) gram += cps[i + j];
    tokens.push_back(std::move(gram));
  }
  return tokens;
}

Result<std::vector<std::uint8_t>> ClkEncoder::Encode(
    const std::vector<std::string_view>& values) const {
  if (values.size() != schema_.features.size()) {
    return Status::InvalidArgument(
        "record has " + std::to_string(values.size()) + " values, schema has " +
            std::to_string(schema_.features.size()) + " features",
        {FieldError{"record", "feature_count", {}}});
  }
  const std::uint64_t hash_l = static_cast<std::uint64_t>(schema_.l) << schema_.xor_folds;
  std::vector<std::uint8_t> bf(hash_l / 8, 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const ClkFeature& f = schema_.features[i];
    if (f.ignored) continue;
    auto normal = Normalise(f, values[i]);
    if (!normal.ok()) return normal.error();
    std::vector<std::string> tokens = Tokenise(f, *normal);
    std::vector<int> ks = BitsPerToken(f, tokens.size());
    if (f.hash == ClkHashType::kDoubleHash) {
      DoubleHash(tokens, ks, keys_[2 * i], keys_[2 * i + 1], f.prevent_singularity, hash_l, bf);
    } else if (!BlakeHash(tokens, ks, keys_[2 * i], hash_l, bf)) {
      return Status::Internal("BLAKE2b MAC not available");
    }
  }
  for (int fold = 0; fold < schema_.xor_folds; ++fold) {
    std::size_t half = bf.size() / 2;
    for (std::size_t j = 0; j < half; ++j) bf[j] ^= bf[half + j];
    bf.resize(half);
  }
  return bf;
}

}  // namespace drieluik::link
