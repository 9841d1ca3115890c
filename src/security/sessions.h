// Sessions and login: opaque random tokens (only their SHA-256 is stored), idle timeout
// 30 min, absolute 12 h; failed-login throttling shared through the database.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "platform/db.h"
#include "platform/time.h"
#include "security/accounts.h"
#include "security/audit.h"
#include "security/policy.h"

namespace kansrijk::security {

constexpr auto kSessionIdle = std::chrono::minutes(30);
constexpr auto kSessionAbsolute = std::chrono::hours(12);
constexpr int kMaxFailedLogins = 5;
constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr auto kLockout = std::chrono::minutes(15);

// Throttle arithmetic (pure): failures within a window lock the key for a while.
struct ThrottleState {
  int failures = 0;
  TimePoint window_start{};
  std::optional<TimePoint> locked_until;
};
// Seconds left of a lock at `now` (nullopt when not locked).
std::optional<int> LockedFor(const ThrottleState& s, TimePoint now);
// The state after one more failure at `now`.
ThrottleState AfterFailure(ThrottleState s, TimePoint now);

struct Session {
  Actor actor;
  std::string csrf_token;
  std::string token_hash;
  bool totp_enabled = false;
};

// Who is calling, for audit rows of requests without a session (logins).
struct ClientInfo {
  std::string client_addr;
  std::string request_id;
};

class SessionService {
 public:
  SessionService(db::Database& db, const AuditLog& audit) : db_(db), audit_(audit) {}

  struct LoginOk {
    User user;
    std::string token;
    std::string csrf_token;
  };
  // Checks the throttle, the password and (when enabled) the TOTP code; creates a session.
  // Errors: kUnauthenticated (same message for unknown user and wrong password; slug
  // "totp-required" when a code is needed), kResourceExhausted with Retry-After when locked.
  // Every attempt is audited.
  Result<LoginOk> Login(const std::string& username, const std::string& password, const std::string& totp_code,
                        const ClientInfo& client);
  // The session for a cookie token; kUnauthenticated when unknown, expired or the user is disabled.
  Result<Session> Resolve(const std::string& token);
  Status Logout(const Session& s, const ClientInfo& client);
  // Ends every session of a user except `keep_token_hash` (after a password change).
  static Status RevokeOthers(db::Connection& tx, const std::string& user_id, const std::string& keep_token_hash);

 private:
  Status RecordFailure(const std::string& key, const std::optional<User>& user, const ClientInfo& client,
                       const std::string& username, const std::string& outcome);
  db::Database& db_;
  const AuditLog& audit_;
};

}  // namespace kansrijk::security
