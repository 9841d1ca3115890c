// Time-based one-time passwords (RFC 6238, 30 s, 6 digits, SHA-1) via liboath.
#pragma once

#include <ctime>
#include <string>

namespace kansrijk::security {

// A new random secret, base32 (160 bits).
std::string NewTotpSecret();
// The otpauth:// URI that authenticator apps read from a QR code.
std::string TotpUri(const std::string& account, const std::string& secret_base32);
// True when `code` is valid at `now` (one step of clock drift either way is accepted).
bool VerifyTotp(const std::string& secret_base32, const std::string& code, std::time_t now);
// The code for `now` (tests and demo tooling).
std::string TotpCode(const std::string& secret_base32, std::time_t now);

}  // namespace kansrijk::security
