#include "platform/random.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace kansrijk {

void InitCrypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fprintf(stderr, "kansrijk: libsodium could not initialise\n");
      std::abort();
    }
  });
}

namespace {
std::string ToHex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}
}  // namespace

std::string RandomHex(size_t bytes) {
  InitCrypto();
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return ToHex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string RandomToken() {
  InitCrypto();
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return Base64UrlEncode(std::string_view(reinterpret_cast<char*>(buf), sizeof buf));
}

std::string NewId() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count();
  char head[16];
  std::snprintf(head, sizeof head, "%012llx", static_cast<unsigned long long>(ms) & 0xffffffffffffULL);
  return std::string(head) + RandomHex(5);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return ToHex(out, sizeof out);
}

bool SecureEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Base64UrlEncode(std::string_view data) {
  InitCrypto();
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool Base64UrlDecode(std::string_view in, std::string& out) {
  InitCrypto();
  out.assign(in.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), nullptr, &len,
                        &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != in.data() + in.size()) {
    return false;
  }
  out.resize(len);
  return true;
}

}  // namespace kansrijk
