#include "security/passwords.h"

#include <sodium.h>

#include "platform/random.h"

namespace kansrijk::security {

std::optional<FieldError> CheckPasswordRule(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return FieldError{"password_too_short", {{"min", std::to_string(kMinPasswordLength)}}};
  if (password.size() > kMaxPasswordLength)
    return FieldError{"password_too_long", {{"max", std::to_string(kMaxPasswordLength)}}};
  return std::nullopt;
}

Result<std::string> HashPassword(std::string_view password) {
  InitCrypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Internal("password hashing ran out of memory");
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded, std::string_view password) {
  InitCrypto();
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

void VerifyDummyPassword(std::string_view password) {
  static const std::string dummy = [] {
    auto h = HashPassword(RandomHex(16));
    return h.ok() ? h.value() : std::string();
  }();
  (void)VerifyPassword(dummy, password);
}

}  // namespace kansrijk::security
