#include "security/totp.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>

#include "platform/random.h"

namespace kansrijk::security {
namespace {
void InitOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

std::string DecodeSecret(const std::string& b32) {
  char* raw = nullptr;
  size_t len = 0;
  if (oath_base32_decode(b32.c_str(), b32.size(), &raw, &len) != OATH_OK) return "";
  std::string out(raw, len);
  std::free(raw);
  return out;
}

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out.push_back(char(c));
    else { out.push_back('%'); out.push_back(hex[c >> 4]); out.push_back(hex[c & 15]); }
  }
  return out;
}
}  // namespace

std::string NewTotpSecret() {
  InitOath();
  std::string hex = RandomHex(20);
  std::string raw;
  for (size_t i = 0; i < hex.size(); i += 2) raw.push_back(char(std::stoi(hex.substr(i, 2), nullptr, 16)));
  char* b32 = nullptr;
  size_t len = 0;
  oath_base32_encode(raw.data(), raw.size(), &b32, &len);
  std::string out(b32, len);
  std::free(b32);
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

std::string TotpUri(const std::string& account, const std::string& secret_base32) {
  return "otpauth://totp/kansrijk:" + UrlEncode(account) + "?secret=" + secret_base32 +
         "&issuer=kansrijk&algorithm=SHA1&digits=6&period=30";
}

std::optional<int64_t> MatchTotpStep(const std::string& secret_base32, const std::string& code, std::time_t now) {
  InitOath();
  if (code.size() != 6) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  if (DecodeSecret(secret_base32).empty()) return std::nullopt;
  int64_t step = int64_t(now) / kTotpStepSeconds;
  std::optional<int64_t> found;
  for (int64_t s : {step - 1, step, step + 1}) {
    // Compare all three without stopping early, in constant time per comparison.
    std::string expected = TotpCode(secret_base32, std::time_t(s * kTotpStepSeconds));
    if (expected.size() == code.size() && SecureEquals(expected, code) && !found) found = s;
  }
  return found;
}

bool VerifyTotp(const std::string& secret_base32, const std::string& code, std::time_t now) {
  return MatchTotpStep(secret_base32, code, now).has_value();
}

std::string TotpCode(const std::string& secret_base32, std::time_t now) {
  InitOath();
  std::string secret = DecodeSecret(secret_base32);
  char otp[7] = {0};
  oath_totp_generate(secret.data(), secret.size(), now, OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 6, otp);
  return otp;
}

}  // namespace kansrijk::security
