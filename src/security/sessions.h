// Sessions and login: opaque random tokens (only their SHA-256 is stored), idle timeout
// 30 min, absolute 12 h; failed-login throttling shared through the database.
//
// Throttling: every password check (login, and the checks inside a session: password change,
// TOTP set-up and switch-off) first reserves an attempt for the username and for the client
// address, in one transaction, before the slow argon2 check runs. The reservation counts as a
// failure until the check succeeds; then the username's count is reset and the address's
// reservation given back. So parallel attempts cannot get past the limit: at most the limit's
// number of checks ever run per window.
#pragma once

#include <chrono>
#include <ctime>
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
constexpr int kMaxFailedLogins = 5;               // per username
constexpr int kMaxFailedLoginsPerAddress = 50;    // per client address (IPv6: per /64)
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
// The state after one more failure at `now`; locked once `max_failures` are reached.
ThrottleState AfterFailure(ThrottleState s, TimePoint now, int max_failures = kMaxFailedLogins);
// The throttle key of a client address: IPv4 as is, IPv6 cut to its /64 (one subscriber).
std::string AddressKey(const std::string& client_addr);

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

struct LoginLimits {
  int per_user = kMaxFailedLogins;
  int per_address = kMaxFailedLoginsPerAddress;
};

class SessionService {
 public:
  SessionService(db::Database& db, const AuditLog& audit, LoginLimits limits = {})
      : db_(db), audit_(audit), limits_(limits) {}

  struct LoginOk {
    User user;
    std::string token;
    std::string csrf_token;
  };
  // Reserves an attempt (throttle), checks the password and (when enabled) the TOTP code, once
  // per time step; creates a session. Errors: kUnauthenticated (same message for unknown user,
  // an account still waiting for activation and a wrong password; slug "totp-required" when a
  // code is needed), kResourceExhausted with Retry-After when the username or address is locked,
  // kUnavailable with Retry-After when too many password checks run already. Every attempt is audited.
  Result<LoginOk> Login(const std::string& username, const std::string& password, const std::string& totp_code,
                        const ClientInfo& client);
  // A password check inside a session (password change, TOTP set-up, enable, disable), counted
  // and locked with the same counters as logins. true/false for right/wrong (a wrong one is
  // audited as `action` with outcome "failure"); kResourceExhausted when locked, kUnavailable when busy.
  Result<bool> CheckOwnPassword(const Session& s, const std::string& password, const ClientInfo& client,
                                const std::string& action);
  // Accepts a TOTP code for `user_id` once: true when it matches a step after the last accepted one
  // (which it then records). Inside the caller's write transaction.
  static Result<bool> AcceptTotpStep(db::Connection& tx, const std::string& user_id, const std::string& secret,
                                     const std::string& code, std::time_t now);
  // The session for a cookie token; kUnauthenticated when unknown, expired or the user is disabled.
  Result<Session> Resolve(const std::string& token);
  // Ends the session with `token_hash`, in the caller's transaction (logout).
  static Status End(db::Connection& tx, const std::string& token_hash);
  // Sets the password of the account that `token` activates, once, and audits it as
  // user.activate on behalf of that user. kInvalidArgument (field token) for an unknown, used or
  // expired link.
  Result<User> Activate(const std::string& token, const std::string& password_hash, const ClientInfo& client);
  // Ends every session of a user except `keep_token_hash` (after a password change).
  static Status RevokeOthers(db::Connection& tx, const std::string& user_id, const std::string& keep_token_hash);

 private:
  struct Reservation {
    std::string user_key, address_key;
  };
  // In one transaction: refuses (kResourceExhausted, audited as `action`/"locked") when either key
  // is locked, else counts one attempt against both.
  Result<Reservation> Reserve(const std::string& username, const std::optional<User>& user, const ClientInfo& client,
                              const std::string& action);
  // Gives one reserved attempt back to both keys (the check did not run, or was not a failure).
  Status Undo(const Reservation& r);
  // After a right password: resets the username's count, gives the address its attempt back.
  Status Succeeded(db::Connection& tx, const Reservation& r);
  Status AuditAttempt(const std::optional<User>& user, const ClientInfo& client, const std::string& action,
                      const std::string& outcome);
  db::Database& db_;
  const AuditLog& audit_;
  LoginLimits limits_;
};

}  // namespace kansrijk::security
