#include "security/sessions.h"

#include "platform/random.h"
#include "platform/text.h"
#include "security/passwords.h"
#include "security/totp.h"

namespace kansrijk::security {
namespace {

const char* kBadCredentials = "bad_credentials";

std::optional<TimePoint> OptTime(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return ParseUtc(*s);
}

Status Locked(int seconds) {
  int minutes = (seconds + 59) / 60;
  return Status(Code::kResourceExhausted, "login_locked", {{"minutes", std::to_string(minutes)}})
      .WithRetryAfter(seconds);
}

}  // namespace

std::optional<int> LockedFor(const ThrottleState& s, TimePoint now) {
  if (!s.locked_until || *s.locked_until <= now) return std::nullopt;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(*s.locked_until - now).count();
  return int(std::max<int64_t>(1, left));
}

ThrottleState AfterFailure(ThrottleState s, TimePoint now) {
  if (s.failures == 0 || now - s.window_start > kFailureWindow || (s.locked_until && *s.locked_until <= now)) {
    s = ThrottleState{0, now, std::nullopt};
  }
  ++s.failures;
  if (s.failures >= kMaxFailedLogins) s.locked_until = now + kLockout;
  return s;
}

Status SessionService::RecordFailure(const std::string& key, const std::optional<User>& user,
                                     const ClientInfo& client, const std::string& username,
                                     const std::string& outcome) {
  // Throttle update and audit row commit together; a lock also stops the right password.
  return db_.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT failures, window_start, locked_until FROM login_throttle "
                                         "WHERE throttle_key = ?",
                                         {key}));
    ThrottleState s;
    if (!rows.empty())
      s = {int(rows[0].Int(0)), ParseUtc(rows[0].Text(1)).value_or(TimePoint{}), OptTime(rows[0].OptText(2))};
    auto now = Now();
    s = AfterFailure(s, now);
    std::optional<std::string> locked = s.locked_until ? std::optional(FormatUtc(*s.locked_until)) : std::nullopt;
    if (rows.empty())
      RETURN_IF_ERROR(tx.Exec("INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
                              "VALUES (?, ?, ?, ?)",
                              {key, int64_t{s.failures}, FormatUtc(s.window_start), db::Opt(locked)})
                          .status());
    else
      RETURN_IF_ERROR(tx.Exec("UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ? "
                              "WHERE throttle_key = ?",
                              {int64_t{s.failures}, FormatUtc(s.window_start), db::Opt(locked), key})
                          .status());
    AuditEntry e;
    if (user) {
      e.user_id = user->id;
      e.role = RoleName(user->role);
      e.organisation_id = user->organisation_id;
    }
    e.action = "auth.login";
    // The typed name is not stored for unknown users: it may be someone's password typed in the wrong box.
    e.resource = user ? "user/" + user->username : "user/?";
    e.outcome = outcome;
    e.client_addr = client.client_addr;
    e.request_id = client.request_id;
    (void)username;
    return audit_.Append(tx, e);
  });
}

Result<SessionService::LoginOk> SessionService::Login(const std::string& username_in, const std::string& password,
                                                      const std::string& totp_code, const ClientInfo& client) {
  std::string username = AsciiLower(Trim(username_in));
  std::string key = "user:" + username;
  auto now = Now();

  std::optional<User> user;
  ThrottleState throttle;
  RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto rows, c.Query("SELECT failures, window_start, locked_until FROM login_throttle "
                                        "WHERE throttle_key = ?",
                                        {key}));
    if (!rows.empty())
      throttle = {int(rows[0].Int(0)), ParseUtc(rows[0].Text(1)).value_or(TimePoint{}), OptTime(rows[0].OptText(2))};
    auto found = AccountRepo::ByUsername(c, username);
    if (found.ok()) user = found.value();
    else if (found.status().code() != Code::kNotFound) return found.status();
    return Status::Ok();
  }));

  if (auto left = LockedFor(throttle, now)) {
    RETURN_IF_ERROR(audit_.AppendNow(db_, {.user_id = user ? std::optional(user->id) : std::nullopt,
                                           .role = user ? std::optional(RoleName(user->role)) : std::nullopt,
                                           .organisation_id = user ? std::optional(user->organisation_id) : std::nullopt,
                                           .action = "auth.login",
                                           .resource = user ? "user/" + user->username : "user/?",
                                           .outcome = "locked",
                                           .client_addr = client.client_addr,
                                           .request_id = client.request_id}));
    return Locked(*left);
  }

  bool password_ok = false;
  if (user && !user->disabled) password_ok = VerifyPassword(user->password_hash, password);
  else VerifyDummyPassword(password);
  if (!password_ok) {
    RETURN_IF_ERROR(RecordFailure(key, user, client, username, user && user->disabled ? "disabled" : "failure"));
    return Status(Code::kUnauthenticated, kBadCredentials);
  }
  if (user->totp_enabled) {
    if (totp_code.empty())
      return Status(Code::kUnauthenticated, "totp_required").WithSlug("totp-required");
    if (!user->totp_secret || !VerifyTotp(*user->totp_secret, totp_code, std::chrono::system_clock::to_time_t(now))) {
      RETURN_IF_ERROR(RecordFailure(key, user, client, username, "failure_totp"));
      return Status(Code::kUnauthenticated, "totp_wrong").WithSlug("totp-required");
    }
  }

  LoginOk ok{*user, RandomToken(), RandomToken()};
  RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(tx.Exec("DELETE FROM login_throttle WHERE throttle_key = ?", {key}).status());
    std::string t = FormatUtc(now);
    RETURN_IF_ERROR(tx.Exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
                            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                            {Sha256Hex(ok.token), user->id, ok.csrf_token, t, t, FormatUtc(now + kSessionAbsolute)})
                        .status());
    return audit_.Append(tx, {.user_id = user->id,
                              .role = RoleName(user->role),
                              .organisation_id = user->organisation_id,
                              .action = "auth.login",
                              .resource = "user/" + user->username,
                              .outcome = "success",
                              .client_addr = client.client_addr,
                              .request_id = client.request_id});
  }));
  return ok;
}

Result<Session> SessionService::Resolve(const std::string& token) {
  if (token.empty() || token.size() > 128) return Status(Code::kUnauthenticated, "unauthenticated");
  std::string token_hash = Sha256Hex(token);
  Session s;
  std::string last_seen, expires;
  bool found = false, disabled = false;
  RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto rows,
                     c.Query("SELECT s.csrf_token, s.last_seen_at, s.expires_at, u.id, u.username, u.display_name, "
                             "u.organisation_id, o.name, u.role, u.disabled, u.totp_enabled "
                             "FROM sessions s JOIN users u ON u.id = s.user_id "
                             "JOIN organisations o ON o.id = u.organisation_id WHERE s.token_hash = ?",
                             {token_hash}));
    if (rows.empty()) return Status::Ok();
    const auto& r = rows[0];
    found = true;
    s.csrf_token = r.Text(0);
    last_seen = r.Text(1);
    expires = r.Text(2);
    // A role the policy does not know gives no access at all (fail closed), never a coach's.
    s.actor = Actor{.kind = PrincipalKind::kStaff,
                    .role = ParseRole(r.Text(8)),
                    .user_id = r.Text(3),
                    .username = r.Text(4),
                    .display_name = r.Text(5),
                    .organisation_id = r.Text(6),
                    .organisation_name = r.Text(7)};
    disabled = r.Int(9) != 0;
    s.totp_enabled = r.Int(10) != 0;
    return Status::Ok();
  }));
  const Status expired(Code::kUnauthenticated, "session_expired");
  if (!found) return Status(Code::kUnauthenticated, "unauthenticated");
  auto now = Now();
  auto seen = ParseUtc(last_seen), until = ParseUtc(expires);
  if (disabled || !seen || !until || now >= *until || now - *seen >= kSessionIdle) {
    RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) {
      return tx.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}).status();
    }));
    return expired;
  }
  // Touch at most once a minute: an idle timeout of 30 min does not need a write per request.
  if (now - *seen > std::chrono::minutes(1)) {
    RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) {
      return tx.Exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {FormatUtc(now), token_hash})
          .status();
    }));
  }
  s.token_hash = token_hash;
  return s;
}

Status SessionService::Logout(const Session& s, const ClientInfo& client) {
  return db_.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE token_hash = ?", {s.token_hash}).status());
    return audit_.Append(tx, {.user_id = s.actor.user_id,
                              .role = RoleLabel(s.actor),
                              .organisation_id = s.actor.organisation_id,
                              .action = "auth.logout",
                              .resource = "user/" + s.actor.username,
                              .outcome = "success",
                              .client_addr = client.client_addr,
                              .request_id = client.request_id});
  });
}

Status SessionService::RevokeOthers(db::Connection& tx, const std::string& user_id, const std::string& keep) {
  return tx.Exec("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep}).status();
}

}  // namespace kansrijk::security
