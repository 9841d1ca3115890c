// Password hashing with argon2id (libsodium's interactive limits) and the password rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"

namespace kansrijk::security {

constexpr size_t kMinPasswordLength = 12;
constexpr size_t kMaxPasswordLength = 256;

// The field error when `password` breaks the rule; nullopt when it is acceptable.
std::optional<FieldError> CheckPasswordRule(std::string_view password);
// An encoded argon2id hash ("$argon2id$..."); kInternal when memory runs out.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `encoded`. Constant time in the password.
bool VerifyPassword(const std::string& encoded, std::string_view password);
// Spends the same time as a verification, for unknown users, so timing does not tell them apart.
void VerifyDummyPassword(std::string_view password);

}  // namespace kansrijk::security
