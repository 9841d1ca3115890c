#include "security/passwords.h"

#include <sodium.h>

#include "platform/random.h"

namespace kansrijk::security {

std::optional<std::string> CheckPasswordRule(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return "Het wachtwoord moet minstens " + std::to_string(kMinPasswordLength) + " tekens hebben.";
  if (password.size() > kMaxPasswordLength)
    return "Het wachtwoord mag hoogstens " + std::to_string(kMaxPasswordLength) + " tekens hebben.";
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
