#include "security/passwords.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <semaphore>
#include <string>
#include <unordered_set>

#include "platform/random.h"

namespace kansrijk::embedded {
const std::map<std::string, std::string_view>& Files();
}

namespace kansrijk::security {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> list = [] {
    std::unordered_set<std::string> out;
    const auto& files = embedded::Files();
    auto it = files.find("data/passwords/common.txt");
    if (it == files.end()) return out;
    std::string_view text = it->second;
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') out.insert(Lower(line));
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return out;
  }();
  return list;
}

// One part of at most half the length, repeated: "aaaaaaaaaaaa", "abcabcabcabc", "passwordpassword".
bool IsRepeated(const std::string& p) {
  for (size_t unit = 1; unit <= p.size() / 2; ++unit) {
    if (p.size() % unit != 0) continue;
    bool same = true;
    for (size_t i = unit; i < p.size() && same; ++i) same = p[i] == p[i - unit];
    if (same) return true;
  }
  return false;
}

// True when each character of `p` comes right after the one before it in `row` (dir +1), or
// right before it (dir -1). With `wrap` the row is a circle (…7890123…).
bool Walks(std::string_view row, bool wrap, const std::string& p, int dir) {
  long n = long(row.size());
  for (size_t k = 1; k < p.size(); ++k) {
    size_t i = row.find(p[k - 1]), j = row.find(p[k]);
    if (i == std::string_view::npos || j == std::string_view::npos) return false;
    long next = long(i) + dir;
    if (wrap) next = (next + n) % n;
    if (next != long(j)) return false;
  }
  return true;
}

// A simple sequence: abcdef…, 123456789012, qwertyuiop…, and the same backwards.
bool IsSequence(const std::string& p) {
  static const std::string_view kRows[] = {"abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm",
                                           "azertyuiopqsdfghjklmwxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"};
  for (int dir : {1, -1}) {
    if (Walks("0123456789", true, p, dir)) return true;
    for (auto row : kRows)
      if (Walks(row, false, p, dir)) return true;
  }
  return false;
}

// The bound on concurrent argon2 work. A slot is held only for the hash or check itself.
std::counting_semaphore<kMaxConcurrentPasswordChecks>& Slots() {
  static std::counting_semaphore<kMaxConcurrentPasswordChecks> slots(kMaxConcurrentPasswordChecks);
  return slots;
}

class Slot {
 public:
  Slot() : held_(Slots().try_acquire_for(kPasswordSlotWait)) {}
  ~Slot() {
    if (held_) Slots().release();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
  bool held() const { return held_; }

 private:
  bool held_;
};

Status Busy() {
  return Status(Code::kUnavailable, "busy_try_again")
      .WithRetryAfter(2);
}

Result<std::string> HashUnbounded(std::string_view password) {
  InitCrypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Internal("password hashing ran out of memory");
  return std::string(out);
}

const std::string& DummyHash() {
  static const std::string dummy = [] {
    auto h = HashUnbounded(RandomHex(16));
    return h.ok() ? h.value() : std::string();
  }();
  return dummy;
}

}  // namespace

bool IsCommonPassword(std::string_view password) { return CommonPasswords().contains(Lower(password)); }
size_t CommonPasswordCount() { return CommonPasswords().size(); }

std::optional<FieldError> CheckPasswordRule(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return FieldError{"password_too_short", {{"min", std::to_string(kMinPasswordLength)}}};
  if (password.size() > kMaxPasswordLength)
    return FieldError{"password_too_long", {{"max", std::to_string(kMaxPasswordLength)}}};
  std::string lower = Lower(password);
  if (IsCommonPassword(lower))
    return FieldError{"password_common", {}};
  if (IsRepeated(lower))
    return FieldError{"password_repeated", {}};
  if (IsSequence(lower))
    return FieldError{"password_sequence", {}};
  return std::nullopt;
}

Result<std::string> HashPassword(std::string_view password) {
  Slot slot;
  if (!slot.held()) return Busy();
  return HashUnbounded(password);
}

Result<bool> VerifyPassword(const std::string& encoded, std::string_view password) {
  InitCrypto();
  const std::string& hash = encoded.empty() ? DummyHash() : encoded;
  Slot slot;
  if (!slot.held()) return Busy();
  bool match = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  return match && !encoded.empty();
}

Status VerifyDummyPassword(std::string_view password) {
  auto r = VerifyPassword("", password);
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace kansrijk::security
