#include "domain/compartment.h"

#include <vector>

namespace drieluik::domain {
namespace {

std::size_t Characters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string_view ToCode(Compartment c) { return c == Compartment::kPolice ? "police" : "care"; }

std::optional<Compartment> CompartmentFromCode(std::string_view code) {
  if (code == "police") return Compartment::kPolice;
  if (code == "care") return Compartment::kCare;
  return std::nullopt;
}

std::string_view PolicyResource(Compartment c) { return c == Compartment::kPolice ? "signal.police" : "signal.care"; }

Status ValidateCompartment(const CompartmentRecord& r) {
  std::vector<FieldError> errors;
  if (Characters(r.notes) > 10000) errors.push_back({"/notes", "too_long", {{"max", "10000"}}});
  if (Characters(r.reference) > 100) errors.push_back({"/reference", "too_long", {{"max", "100"}}});
  if (Characters(r.outcome) > 200) errors.push_back({"/outcome", "too_long", {{"max", "200"}}});
  if (!errors.empty()) return Status::InvalidArgument("invalid compartment", errors);
  return Status::Ok();
}

}  // namespace drieluik::domain
