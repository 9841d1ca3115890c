// Cryptographic randomness, ids and hashing (libsodium).
#pragma once

#include <string>
#include <string_view>

namespace kansrijk {

// Calls sodium_init once; safe to call from any thread. Aborts if libsodium cannot start.
void InitCrypto();
// `bytes` random bytes as lowercase hex.
std::string RandomHex(size_t bytes);
// 32 random bytes, base64url without padding: session tokens and CSRF tokens.
std::string RandomToken();
// A new opaque id: 12 hex digits of milliseconds since 1970 then 10 random hex digits, so ids sort by creation time.
std::string NewId();
// SHA-256 as lowercase hex.
std::string Sha256Hex(std::string_view data);
// HMAC-SHA-256 with `key` as lowercase hex.
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Constant-time equality for secrets.
bool SecureEquals(std::string_view a, std::string_view b);
std::string Base64UrlEncode(std::string_view data);
// Returns false on malformed input.
bool Base64UrlDecode(std::string_view in, std::string& out);

}  // namespace kansrijk
