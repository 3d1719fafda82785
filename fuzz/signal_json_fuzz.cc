// libFuzzer target: a request body as the signal endpoints read it — JSON parsing, strict
// wire reading (all three kinds) and domain validation must never crash, hang or leak,
// whatever the bytes. Build: CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja
// -DDRIELUIK_FUZZ=ON && cmake --build build-fuzz --target signal_json_fuzz
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/catalog.h"
#include "domain/signal_validation.h"
#include "web/api/json_fields.h"
#include "web/api/signal_dto.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drieluik;
  std::string body(reinterpret_cast<const char*>(data), size);
  std::string detail;
  auto j = web::api::ParseBody(body, detail);
  if (!j) return 0;
  const TimePoint now = *ParseTimestamp("2026-11-28T12:00:00Z");
  for (auto kind : {web::api::SignalWrite::kCreate, web::api::SignalWrite::kPatch, web::api::SignalWrite::kPublic}) {
    web::api::SignalWriteResult partial;
    auto r = web::api::ReadSignalWrite(*j, kind, &partial);
    domain::SignalContent c = r.ok() ? r->content : partial.content;
    if (!c.received_at) c.received_at = now;
    (void)domain::ValidateSignal(c, domain::Catalog::Embedded(), now);
  }
  return 0;
}
