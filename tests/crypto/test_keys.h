// Fixed keys for crypto tests (never use them anywhere else).
#pragma once

namespace drieluik::crypto::test_keys {

// base64 of "0123456789abcdef0123456789abcdef" and of "fedcba9876543210fedcba9876543210".
inline constexpr char kK1[] = "k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n";
inline constexpr char kK2[] = "k2=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=\n";

}  // namespace drieluik::crypto::test_keys
