// The key ring of a test process: one random key, made once per process, and also put in
// the DRIELUIK_KEYS environment variable (unless it is set already) so that every drieluik
// child process a test starts (serve, init, demo, rotate-key) uses the same key as the
// TestStores of that test. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "crypto/key_ring.h"

namespace drieluik::testing {

std::shared_ptr<const crypto::KeyRing> TestKeys();

/// The DRIELUIK_KEYS value TestKeys() uses ("test=<base64>").
const std::string& TestKeysText();

/// A ring parsed from key-file text (e.g. KeyRing::GenerateKeyLine("k2")); the test fails
/// when it does not parse.
std::shared_ptr<const crypto::KeyRing> RingOf(const std::string& text);

}  // namespace drieluik::testing
