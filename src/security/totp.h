// Time-based one-time passwords (RFC 6238, 30 s, 6 digits, SHA-1) via liboath.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

namespace kansrijk::security {

// A new random secret, base32 (160 bits).
std::string NewTotpSecret();
// The otpauth:// URI that authenticator apps read from a QR code.
std::string TotpUri(const std::string& account, const std::string& secret_base32);
constexpr int kTotpStepSeconds = 30;

// The time step (unix time / 30) whose code `code` is, within one step of `now` either way;
// nullopt when it matches none. Callers refuse a step at or before the last one accepted for the
// user, so a code works once (RFC 6238 §5.2).
std::optional<int64_t> MatchTotpStep(const std::string& secret_base32, const std::string& code, std::time_t now);
// True when `code` is valid at `now` (one step of clock drift either way is accepted). Says
// nothing about reuse: use MatchTotpStep where a code is accepted.
bool VerifyTotp(const std::string& secret_base32, const std::string& code, std::time_t now);
// The code for `now` (tests and demo tooling).
std::string TotpCode(const std::string& secret_base32, std::time_t now);

}  // namespace kansrijk::security
