// Password hashing with argon2id (libsodium's interactive limits: 64 MiB per hash or check) and
// the password rule. Hashing and checking are bounded: at most kMaxConcurrentPasswordChecks run
// at once in this process, so a flood of logins cannot use more than
// kMaxConcurrentPasswordChecks x 64 MiB for argon2 (see docs/security.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"

namespace kansrijk::security {

constexpr size_t kMinPasswordLength = 12;
constexpr size_t kMaxPasswordLength = 256;
constexpr int kMaxConcurrentPasswordChecks = 4;
// How long a request waits for a free slot before it gets 503 with Retry-After.
constexpr auto kPasswordSlotWait = std::chrono::seconds(2);
// Memory one argon2id hash or check takes (libsodium's MEMLIMIT_INTERACTIVE).
constexpr size_t kArgon2Bytes = size_t{64} << 20;

// The field error (password_too_short, password_too_long, password_common, password_repeated,
// password_sequence) when `password` breaks the rule (ASVS 2.1.1, 2.1.7): 12..256 characters, not on
// the shipped list of common passwords (data/passwords/common.txt, compared without case), not
// one character or one short part repeated, not a simple sequence (abcdef..., 123456..., qwerty...).
// nullopt when acceptable. Pure.
std::optional<FieldError> CheckPasswordRule(std::string_view password);
// True when `password` (any case) is on the shipped list of common passwords.
bool IsCommonPassword(std::string_view password);
// Number of entries in the shipped list (for tests and the start-up log).
size_t CommonPasswordCount();

// An encoded argon2id hash ("$argon2id$..."). kUnavailable (Retry-After) when no slot is free
// within kPasswordSlotWait; kInternal when memory runs out.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `encoded`. An empty `encoded` (an account still waiting for its
// activation) costs a full dummy check and is false, so timing tells nothing. Constant time in
// the password. kUnavailable (Retry-After) when no slot is free within kPasswordSlotWait.
Result<bool> VerifyPassword(const std::string& encoded, std::string_view password);
// Spends the same time and memory as a verification (for unknown users), under the same bound.
Status VerifyDummyPassword(std::string_view password);

}  // namespace kansrijk::security
