#include "link/clk_schema.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

#include "link/base64.h"

namespace drieluik::link {
namespace {

using nlohmann::json;

Status SchemaError(const std::string& pointer, const std::string& key, std::string detail = "") {
  FieldError field{pointer.empty() ? "/" : pointer, key, {}};
  if (!detail.empty()) field.params.push_back({"detail", detail});
  std::string message =
      "schema " + field.pointer + ": " + key + (detail.empty() ? "" : ": " + detail);
  return Status::InvalidArgument(std::move(message), {std::move(field)});
}

// Small typed accessors that report the JSON pointer of what is wrong.
Result<const json*> Member(const json& obj, const std::string& at, const char* name,
                           bool required) {
  if (!obj.is_object()) return SchemaError(at, "expected_object");
  auto it = obj.find(name);
  if (it == obj.end()) {
    if (required) return SchemaError(at + "/" + name, "required");
    return static_cast<const json*>(nullptr);
  }
  return &*it;
}

Result<std::optional<long long>> IntMember(const json& obj, const std::string& at,
                                           const char* name, bool required) {
  auto m = Member(obj, at, name, required);
  if (!m.ok()) return m.error();
  if (*m == nullptr) return std::optional<long long>();
  if (!(*m)->is_number_integer()) return SchemaError(at + "/" + name, "expected_integer");
  return std::optional<long long>((*m)->get<long long>());
}

Result<std::optional<std::string>> StringMember(const json& obj, const std::string& at,
                                                const char* name, bool required) {
  auto m = Member(obj, at, name, required);
  if (!m.ok()) return m.error();
  if (*m == nullptr) return std::optional<std::string>();
  if (!(*m)->is_string()) return SchemaError(at + "/" + name, "expected_string");
  return std::optional<std::string>((*m)->get<std::string>());
}

Result<bool> BoolMember(const json& obj, const std::string& at, const char* name, bool fallback) {
  auto m = Member(obj, at, name, false);
  if (!m.ok()) return m.error();
  if (*m == nullptr) return fallback;
  if (!(*m)->is_boolean()) return SchemaError(at + "/" + name, "expected_boolean");
  return (*m)->get<bool>();
}

#define DRIELUIK_ASSIGN_OR_RETURN(lhs, expr) \
  auto lhs##_r = (expr);                     \
  if (!lhs##_r.ok()) return lhs##_r.error(); \
  auto lhs = std::move(*lhs##_r)

Status ParseFormat(const json& format, const std::string& at, ClkFeature& f) {
  DRIELUIK_ASSIGN_OR_RETURN(type, StringMember(format, at, "type", true));
  if (*type == "string") {
    f.type = ClkValueType::kString;
    DRIELUIK_ASSIGN_OR_RETURN(enc, StringMember(format, at, "encoding", false));
    if (enc) {
      std::string e = *enc;
      std::transform(e.begin(), e.end(), e.begin(), ::tolower);
      if (e == "ascii") {
        f.ascii_only = true;
      } else if (e != "utf-8" && e != "utf8") {
        return SchemaError(at + "/encoding", "unsupported", *enc);
      }
    }
    DRIELUIK_ASSIGN_OR_RETURN(minl, IntMember(format, at, "minLength", false));
    DRIELUIK_ASSIGN_OR_RETURN(maxl, IntMember(format, at, "maxLength", false));
    if (minl) f.min_length = static_cast<int>(*minl);
    if (maxl) f.max_length = static_cast<int>(*maxl);
    DRIELUIK_ASSIGN_OR_RETURN(cs, StringMember(format, at, "case", false));
    if (cs) {
      if (*cs != "upper" && *cs != "lower" && *cs != "mixed") {
        return SchemaError(at + "/case", "enum", *cs);
      }
      f.letter_case = *cs;
    }
    DRIELUIK_ASSIGN_OR_RETURN(pattern, StringMember(format, at, "pattern", false));
    f.pattern = pattern;
  } else if (*type == "integer") {
    f.type = ClkValueType::kInteger;
    DRIELUIK_ASSIGN_OR_RETURN(mn, IntMember(format, at, "minimum", false));
    DRIELUIK_ASSIGN_OR_RETURN(mx, IntMember(format, at, "maximum", false));
    f.minimum = mn;
    f.maximum = mx;
  } else if (*type == "date") {
    f.type = ClkValueType::kDate;
    DRIELUIK_ASSIGN_OR_RETURN(fmt, StringMember(format, at, "format", false));
    if (fmt) {
      for (std::size_t i = 0; i < fmt->size(); ++i) {
        if ((*fmt)[i] != '%') continue;
        char c = i + 1 < fmt->size() ? (*fmt)[i + 1] : '\0';
        if (c != 'Y' && c != 'm' && c != 'd' && c != 'y' && c != '%') {
          return SchemaError(at + "/format", "unsupported", *fmt);
        }
        ++i;
      }
      f.date_format = *fmt;
    }
  } else if (*type == "enum") {
    f.type = ClkValueType::kEnum;
    DRIELUIK_ASSIGN_OR_RETURN(values, Member(format, at, "values", true));
    if (!values->is_array()) return SchemaError(at + "/values", "expected_array");
    for (std::size_t i = 0; i < values->size(); ++i) {
      if (!(*values)[i].is_string()) {
        return SchemaError(at + "/values/" + std::to_string(i), "expected_string");
      }
      f.enum_values.push_back((*values)[i].get<std::string>());
    }
  } else {
    return SchemaError(at + "/type", "unsupported", *type);
  }
  return Status::Ok();
}

Status ParseHashType(const json& hash, const std::string& at, ClkFeature& f) {
  DRIELUIK_ASSIGN_OR_RETURN(type, StringMember(hash, at, "type", true));
  if (*type == "doubleHash") {
    f.hash = ClkHashType::kDoubleHash;
  } else if (*type == "blakeHash") {
    f.hash = ClkHashType::kBlakeHash;
  } else {
    return SchemaError(at + "/type", "unsupported", *type);
  }
  DRIELUIK_ASSIGN_OR_RETURN(ps, BoolMember(hash, at, "prevent_singularity", false));
  f.prevent_singularity = ps;
  return Status::Ok();
}

Status ParseMissing(const json& hashing, const std::string& at, ClkFeature& f) {
  DRIELUIK_ASSIGN_OR_RETURN(mv, Member(hashing, at, "missingValue", false));
  if (mv == nullptr) return Status::Ok();
  DRIELUIK_ASSIGN_OR_RETURN(sentinel, StringMember(*mv, at + "/missingValue", "sentinel", true));
  DRIELUIK_ASSIGN_OR_RETURN(with, StringMember(*mv, at + "/missingValue", "replaceWith", false));
  f.missing_sentinel = sentinel;
  f.missing_replace_with = with.value_or("");
  return Status::Ok();
}

// Bits per token or feature: 0 to 10,000 (more than any filter length in use).
Status PositiveBits(std::optional<long long> v, const std::string& at) {
  if (v && *v < 0) return SchemaError(at, "minimum", "0");
  if (v && *v > 10000) return SchemaError(at, "maximum", "10000");
  return Status::Ok();
}

// Version 3: hashing = {comparison, strategy, hash, missingValue}.
Status ParseHashingV3(const json& h, const std::string& at, ClkFeature& f) {
  DRIELUIK_ASSIGN_OR_RETURN(cmp, Member(h, at, "comparison", true));
  std::string cat = at + "/comparison";
  DRIELUIK_ASSIGN_OR_RETURN(ctype, StringMember(*cmp, cat, "type", true));
  if (*ctype == "ngram") {
    DRIELUIK_ASSIGN_OR_RETURN(n, IntMember(*cmp, cat, "n", true));
    if (*n < 0 || *n > 16) return SchemaError(cat + "/n", "out_of_range", std::to_string(*n));
    f.ngram = static_cast<int>(*n);
    DRIELUIK_ASSIGN_OR_RETURN(pos, BoolMember(*cmp, cat, "positional", false));
    f.positional = pos;
  } else if (*ctype == "exact") {
    f.exact = true;
    f.ngram = 0;
  } else {
    return SchemaError(cat + "/type", "unsupported", *ctype);
  }
  DRIELUIK_ASSIGN_OR_RETURN(strategy, Member(h, at, "strategy", true));
  std::string sat = at + "/strategy";
  DRIELUIK_ASSIGN_OR_RETURN(bpt, IntMember(*strategy, sat, "bitsPerToken", false));
  DRIELUIK_ASSIGN_OR_RETURN(bpf, IntMember(*strategy, sat, "bitsPerFeature", false));
  DRIELUIK_RETURN_IF_ERROR(PositiveBits(bpt, sat + "/bitsPerToken"));
  DRIELUIK_RETURN_IF_ERROR(PositiveBits(bpf, sat + "/bitsPerFeature"));
  if (!bpt && !bpf) return SchemaError(sat + "/bitsPerToken", "required");
  if (bpt) f.bits_per_token = static_cast<int>(*bpt);
  if (bpf) f.bits_per_feature = static_cast<int>(*bpf);
  DRIELUIK_ASSIGN_OR_RETURN(hash, Member(h, at, "hash", false));
  if (hash) DRIELUIK_RETURN_IF_ERROR(ParseHashType(*hash, at + "/hash", f));
  return ParseMissing(h, at, f);
}

// Versions 1 and 2: hashing = {ngram, positional, weight (v1) | strategy {k|numBits} (v2),
// hash, missingValue}.
Status ParseHashingV12(const json& h, const std::string& at, ClkFeature& f, int version,
                       long long v1_k, const json* v1_hash) {
  DRIELUIK_ASSIGN_OR_RETURN(n, IntMember(h, at, "ngram", true));
  if (*n < 0 || *n > 16) return SchemaError(at + "/ngram", "out_of_range", std::to_string(*n));
  f.ngram = static_cast<int>(*n);
  DRIELUIK_ASSIGN_OR_RETURN(pos, BoolMember(h, at, "positional", false));
  f.positional = pos;
  if (version == 1) {
    auto w = Member(h, at, "weight", false);
    if (!w.ok()) return w.error();
    double weight = 1.0;
    if (*w != nullptr) {
      if (!(*w)->is_number()) return SchemaError(at + "/weight", "expected_number");
      weight = (*w)->get<double>();
    }
    if (weight < 0 || weight * static_cast<double>(v1_k) > 10000) {
      return SchemaError(at + "/weight", "out_of_range");
    }
    // Python's round(): halves go to the even neighbour.
    f.bits_per_token = static_cast<int>(std::nearbyint(weight * static_cast<double>(v1_k)));
    if (v1_hash) DRIELUIK_RETURN_IF_ERROR(ParseHashType(*v1_hash, "/clkConfig/hash", f));
  } else {
    DRIELUIK_ASSIGN_OR_RETURN(strategy, Member(h, at, "strategy", true));
    std::string sat = at + "/strategy";
    DRIELUIK_ASSIGN_OR_RETURN(k, IntMember(*strategy, sat, "k", false));
    DRIELUIK_ASSIGN_OR_RETURN(nb, IntMember(*strategy, sat, "numBits", false));
    DRIELUIK_RETURN_IF_ERROR(PositiveBits(k, sat + "/k"));
    DRIELUIK_RETURN_IF_ERROR(PositiveBits(nb, sat + "/numBits"));
    if (!k && !nb) return SchemaError(sat + "/k", "required");
    if (k) f.bits_per_token = static_cast<int>(*k);
    if (nb) f.bits_per_feature = static_cast<int>(*nb);
    DRIELUIK_ASSIGN_OR_RETURN(hash, Member(h, at, "hash", false));
    if (hash) DRIELUIK_RETURN_IF_ERROR(ParseHashType(*hash, at + "/hash", f));
  }
  return ParseMissing(h, at, f);
}

Status ParseKdf(const json& kdf, const std::string& at, ClkSchema& s) {
  DRIELUIK_ASSIGN_OR_RETURN(type, StringMember(kdf, at, "type", true));
  if (*type != "HKDF") return SchemaError(at + "/type", "unsupported", *type);
  DRIELUIK_ASSIGN_OR_RETURN(hash, StringMember(kdf, at, "hash", false));
  if (hash) {
    if (*hash != "SHA256" && *hash != "SHA512") return SchemaError(at + "/hash", "unsupported", *hash);
    s.kdf_hash = *hash;
  }
  for (const char* name : {"salt", "info"}) {
    DRIELUIK_ASSIGN_OR_RETURN(b64, StringMember(kdf, at, name, false));
    if (!b64) continue;
    auto bytes = Base64Decode(*b64);
    if (!bytes.ok()) {
      return SchemaError(at + "/" + name, "base64_invalid", bytes.error().message());
    }
    (std::string(name) == "salt" ? s.salt : s.info) = std::string(bytes->begin(), bytes->end());
  }
  DRIELUIK_ASSIGN_OR_RETURN(ks, IntMember(kdf, at, "keySize", false));
  if (ks) {
    if (*ks < 1 || *ks > 1024) return SchemaError(at + "/keySize", "out_of_range", std::to_string(*ks));
    s.key_size = static_cast<int>(*ks);
  }
  return Status::Ok();
}

Result<ClkSchema> ParseDocument(const json& doc) {
  ClkSchema s;
  if (!doc.is_object()) return SchemaError("", "expected_object");
  DRIELUIK_ASSIGN_OR_RETURN(version, IntMember(doc, "", "version", true));
  if (*version < 1 || *version > 3) {
    return SchemaError("/version", "unsupported", std::to_string(*version));
  }
  s.version = static_cast<int>(*version);
  DRIELUIK_ASSIGN_OR_RETURN(cfg, Member(doc, "", "clkConfig", true));
  DRIELUIK_ASSIGN_OR_RETURN(l, IntMember(*cfg, "/clkConfig", "l", true));
  if (*l <= 0 || *l % 8 != 0 || *l > (1 << 20)) {
    return SchemaError("/clkConfig/l", "multiple_of_8", std::to_string(*l));
  }
  s.l = static_cast<int>(*l);
  DRIELUIK_ASSIGN_OR_RETURN(folds, IntMember(*cfg, "/clkConfig", "xor_folds", false));
  if (folds) {
    if (*folds < 0 || *folds > 8) return SchemaError("/clkConfig/xor_folds", "out_of_range");
    s.xor_folds = static_cast<int>(*folds);
  }
  DRIELUIK_ASSIGN_OR_RETURN(kdf, Member(*cfg, "/clkConfig", "kdf", true));
  DRIELUIK_RETURN_IF_ERROR(ParseKdf(*kdf, "/clkConfig/kdf", s));
  long long v1_k = 0;
  const json* v1_hash = nullptr;
  if (s.version == 1) {
    DRIELUIK_ASSIGN_OR_RETURN(k, IntMember(*cfg, "/clkConfig", "k", true));
    if (*k < 0 || *k > 10000) return SchemaError("/clkConfig/k", "out_of_range");
    v1_k = *k;
    DRIELUIK_ASSIGN_OR_RETURN(h, Member(*cfg, "/clkConfig", "hash", false));
    v1_hash = h;
  }
  DRIELUIK_ASSIGN_OR_RETURN(features, Member(doc, "", "features", true));
  if (!features->is_array()) return SchemaError("/features", "expected_array");
  for (std::size_t i = 0; i < features->size(); ++i) {
    const json& fj = (*features)[i];
    std::string at = "/features/" + std::to_string(i);
    ClkFeature f;
    DRIELUIK_ASSIGN_OR_RETURN(id, StringMember(fj, at, "identifier", true));
    f.identifier = *id;
    DRIELUIK_ASSIGN_OR_RETURN(ignored, BoolMember(fj, at, "ignored", false));
    f.ignored = ignored;
    if (!f.ignored) {
      DRIELUIK_ASSIGN_OR_RETURN(format, Member(fj, at, "format", true));
      DRIELUIK_RETURN_IF_ERROR(ParseFormat(*format, at + "/format", f));
      DRIELUIK_ASSIGN_OR_RETURN(hashing, Member(fj, at, "hashing", true));
      if (s.version == 3) {
        DRIELUIK_RETURN_IF_ERROR(ParseHashingV3(*hashing, at + "/hashing", f));
      } else {
        DRIELUIK_RETURN_IF_ERROR(
            ParseHashingV12(*hashing, at + "/hashing", f, s.version, v1_k, v1_hash));
      }
      if (f.hash == ClkHashType::kBlakeHash && (s.l & (s.l - 1)) != 0) {
        return SchemaError(at + "/hashing/hash", "blake_needs_power_of_two_l");
      }
    }
    s.features.push_back(std::move(f));
  }
  if (s.features.empty()) return SchemaError("/features", "min_items", "1");
  return s;
}

#undef DRIELUIK_ASSIGN_OR_RETURN

// Salt and info of drieluik's default schema (also clkhash's example schema values).
constexpr char kDefaultSaltB64[] =
    "SCbL2zHNnmsckfzchsNkZY9XoHk96P/G5nUBrM7ybymlEFsMV6PAeDZCNp3rfNUPCtLDMOGQHG4pCQpfhiHCyA==";
constexpr char kDefaultInfoB64[] = "c2NoZW1hX2V4YW1wbGU=";

bool NameHas(const std::string& lower, std::initializer_list<const char*> parts) {
  for (const char* p : parts) {
    if (lower.find(p) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<ClkSchema> ParseClkSchema(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    return SchemaError("", "json_syntax", "byte " + std::to_string(e.byte) + ": " + e.what());
  }
  try {
    return ParseDocument(doc);
  } catch (const json::exception& e) {
    return SchemaError("", "json_type", e.what());
  }
}

ClkSchema DefaultClkSchema(const std::vector<std::string>& columns) {
  ClkSchema s;
  auto salt = Base64Decode(kDefaultSaltB64);
  auto info = Base64Decode(kDefaultInfoB64);
  s.salt = std::string(salt->begin(), salt->end());
  s.info = std::string(info->begin(), info->end());
  for (const auto& c : columns) {
    ClkFeature f;
    f.identifier = c;
    std::string lower = c;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    f.bits_per_token = 20;
    if (NameHas(lower, {"birth", "dob", "geboorte"})) {
      f.ngram = 1;
      f.positional = true;
      f.bits_per_token = 20;
    } else if (NameHas(lower, {"postcode", "zip", "number", "nummer", "huisnr", "phone",
                               "telefoon"})) {
      f.ngram = 1;
      f.positional = true;
      f.bits_per_token = 12;
    } else if (NameHas(lower, {"sex", "gender", "geslacht", "state", "provincie"})) {
      f.exact = true;
      f.ngram = 0;
      f.bits_per_token = 20;
    }
    s.features.push_back(std::move(f));
  }
  return s;
}

std::string ClkSchemaToJson(const ClkSchema& s) {
  json doc;
  doc["version"] = 3;
  std::vector<std::uint8_t> salt(s.salt.begin(), s.salt.end()), info(s.info.begin(), s.info.end());
  doc["clkConfig"] = {{"l", s.l},
                      {"xor_folds", s.xor_folds},
                      {"kdf",
                       {{"type", "HKDF"},
                        {"hash", s.kdf_hash},
                        {"salt", Base64Encode(salt)},
                        {"info", Base64Encode(info)},
                        {"keySize", s.key_size}}}};
  json features = json::array();
  for (const auto& f : s.features) {
    if (f.ignored) {
      features.push_back({{"identifier", f.identifier}, {"ignored", true}});
      continue;
    }
    json format;
    switch (f.type) {
      case ClkValueType::kString:
        format = {{"type", "string"}, {"encoding", f.ascii_only ? "ascii" : "utf-8"}};
        if (f.letter_case != "mixed") format["case"] = f.letter_case;
        if (f.min_length) format["minLength"] = *f.min_length;
        if (f.max_length) format["maxLength"] = *f.max_length;
        if (f.pattern) format["pattern"] = *f.pattern;
        break;
      case ClkValueType::kInteger:
        format = {{"type", "integer"}};
        if (f.minimum) format["minimum"] = *f.minimum;
        if (f.maximum) format["maximum"] = *f.maximum;
        break;
      case ClkValueType::kDate: format = {{"type", "date"}, {"format", f.date_format}}; break;
      case ClkValueType::kEnum: format = {{"type", "enum"}, {"values", f.enum_values}}; break;
    }
    json hashing;
    if (f.exact) {
      hashing["comparison"] = {{"type", "exact"}};
    } else {
      hashing["comparison"] = {{"type", "ngram"}, {"n", f.ngram}, {"positional", f.positional}};
    }
    if (f.bits_per_token) {
      hashing["strategy"] = {{"bitsPerToken", *f.bits_per_token}};
    } else {
      hashing["strategy"] = {{"bitsPerFeature", f.bits_per_feature.value_or(0)}};
    }
    hashing["hash"] = {{"type", f.hash == ClkHashType::kDoubleHash ? "doubleHash" : "blakeHash"}};
    if (f.prevent_singularity) hashing["hash"]["prevent_singularity"] = true;
    if (f.missing_sentinel) {
      hashing["missingValue"] = {{"sentinel", *f.missing_sentinel},
                                 {"replaceWith", f.missing_replace_with}};
    }
    features.push_back({{"identifier", f.identifier}, {"format", format}, {"hashing", hashing}});
  }
  doc["features"] = features;
  return doc.dump(2);
}

}  // namespace drieluik::link
