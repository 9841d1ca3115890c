#include "security/sessions.h"

#include <arpa/inet.h>

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

ThrottleState AfterFailure(ThrottleState s, TimePoint now, int max_failures) {
  if (s.failures == 0 || now - s.window_start > kFailureWindow || (s.locked_until && *s.locked_until <= now)) {
    s = ThrottleState{0, now, std::nullopt};
  }
  ++s.failures;
  if (s.failures >= max_failures) s.locked_until = now + kLockout;
  return s;
}

std::string AddressKey(const std::string& client_addr) {
  in6_addr a6{};
  if (client_addr.find(':') != std::string::npos && inet_pton(AF_INET6, client_addr.c_str(), &a6) == 1) {
    if (!IN6_IS_ADDR_V4MAPPED(&a6)) {
      for (int i = 8; i < 16; ++i) a6.s6_addr[i] = 0;
      char out[INET6_ADDRSTRLEN] = {0};
      inet_ntop(AF_INET6, &a6, out, sizeof out);
      return "addr:" + std::string(out) + "/64";
    }
  }
  return "addr:" + client_addr;
}

Status SessionService::AuditAttempt(const std::optional<User>& user, const ClientInfo& client,
                                    const std::string& action, const std::string& outcome) {
  AuditEntry e;
  if (user) {
    e.user_id = user->id;
    e.role = RoleName(user->role);
    e.organisation_id = user->organisation_id;
  }
  e.action = action;
  // The typed name is not stored for unknown users: it may be someone's password typed in the wrong box.
  e.resource = user ? "user/" + user->username : "user/?";
  e.outcome = outcome;
  e.client_addr = client.client_addr;
  e.request_id = client.request_id;
  return audit_.AppendNow(db_, e);
}

Result<SessionService::Reservation> SessionService::Reserve(const std::string& username,
                                                            const std::optional<User>& user,
                                                            const ClientInfo& client, const std::string& action) {
  Reservation r{"user:" + username, AddressKey(client.client_addr)};
  std::optional<int> locked_for;
  Status st = db_.Write([&](db::Connection& tx) -> Status {
    auto now = Now();
    const bool pg = tx.dialect() == db::Dialect::kPostgres;
    std::vector<std::pair<std::string, int>> keys = {{r.user_key, limits_.per_user},
                                                     {r.address_key, limits_.per_address}};
    std::vector<ThrottleState> states;
    for (const auto& [key, max] : keys) {
      // Make sure the row exists, then lock it (PostgreSQL; SQLite has one writer at a time), so
      // concurrent reservations for the same key queue here and each sees the count before it.
      RETURN_IF_ERROR(tx.Exec("INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
                              "VALUES (?, 0, ?, NULL) ON CONFLICT (throttle_key) DO NOTHING",
                              {key, FormatUtc(now)})
                          .status());
      ASSIGN_OR_RETURN(auto rows, tx.Query(pg ? "SELECT failures, window_start, locked_until FROM login_throttle "
                                                "WHERE throttle_key = ? FOR UPDATE"
                                              : "SELECT failures, window_start, locked_until FROM login_throttle "
                                                "WHERE throttle_key = ?",
                                           {key}));
      ThrottleState s;
      if (!rows.empty())
        s = {int(rows[0].Int(0)), ParseUtc(rows[0].Text(1)).value_or(TimePoint{}), OptTime(rows[0].OptText(2))};
      if (auto left = LockedFor(s, now)) locked_for = std::max(locked_for.value_or(0), *left);
      states.push_back(s);
    }
    if (locked_for) {
      AuditEntry e;
      if (user) {
        e.user_id = user->id;
        e.role = RoleName(user->role);
        e.organisation_id = user->organisation_id;
      }
      e.action = action;
      e.resource = user ? "user/" + user->username : "user/?";
      e.outcome = "locked";
      e.client_addr = client.client_addr;
      e.request_id = client.request_id;
      return audit_.Append(tx, e);
    }
    for (size_t i = 0; i < keys.size(); ++i) {
      ThrottleState s = AfterFailure(states[i], now, keys[i].second);
      std::optional<std::string> until = s.locked_until ? std::optional(FormatUtc(*s.locked_until)) : std::nullopt;
      RETURN_IF_ERROR(tx.Exec("UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ? "
                              "WHERE throttle_key = ?",
                              {int64_t{s.failures}, FormatUtc(s.window_start), db::Opt(until), keys[i].first})
                          .status());
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (locked_for) return Locked(*locked_for);
  return r;
}

namespace {
// Gives one reserved attempt back to `key` (and lifts a lock that attempt set).
Status GiveBack(db::Connection& tx, const std::string& key, int max_failures) {
  return tx
      .Exec("UPDATE login_throttle SET failures = failures - 1, "
            "locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END "
            "WHERE throttle_key = ? AND failures > 0",
            {int64_t{max_failures}, key})
      .status();
}
}  // namespace

Status SessionService::Undo(const Reservation& r) {
  return db_.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(GiveBack(tx, r.user_key, limits_.per_user));
    return GiveBack(tx, r.address_key, limits_.per_address);
  });
}

Status SessionService::Succeeded(db::Connection& tx, const Reservation& r) {
  // The username starts again; the address only gets this attempt back (an attacker's own
  // account must not reset the address's count).
  RETURN_IF_ERROR(tx.Exec("DELETE FROM login_throttle WHERE throttle_key = ?", {r.user_key}).status());
  return GiveBack(tx, r.address_key, limits_.per_address);
}

Result<bool> SessionService::AcceptTotpStep(db::Connection& tx, const std::string& user_id, const std::string& secret,
                                            const std::string& code, std::time_t now) {
  auto step = MatchTotpStep(secret, code, now);
  if (!step) return false;
  // Atomic: of two requests with the same code, only one moves the step forward.
  ASSIGN_OR_RETURN(int64_t changed, tx.Exec("UPDATE users SET totp_last_step = ? WHERE id = ? AND "
                                            "(totp_last_step IS NULL OR totp_last_step < ?)",
                                            {*step, user_id, *step}));
  return changed == 1;
}

Result<SessionService::LoginOk> SessionService::Login(const std::string& username_in, const std::string& password,
                                                      const std::string& totp_code, const ClientInfo& client) {
  std::string username = AsciiLower(Trim(username_in));

  std::optional<User> user;
  RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
    auto found = AccountRepo::ByUsername(c, username);
    if (found.ok()) user = found.value();
    else if (found.status().code() != Code::kNotFound) return found.status();
    return Status::Ok();
  }));

  // The attempt is counted before the slow check, so parallel attempts cannot pass the limit.
  ASSIGN_OR_RETURN(Reservation reservation, Reserve(username, user, client, "auth.login"));

  // Unknown users, disabled users and accounts waiting for activation cost the same check.
  Result<bool> checked = user && !user->disabled ? VerifyPassword(user->password_hash, password)
                                                 : VerifyPassword(std::string(), password);
  if (!checked.ok()) {
    // No check ran (too busy): the attempt is given back.
    RETURN_IF_ERROR(Undo(reservation));
    return checked.status();
  }
  if (!*checked) {
    RETURN_IF_ERROR(AuditAttempt(user, client, "auth.login", user && user->disabled ? "disabled" : "failure"));
    return Status(Code::kUnauthenticated, kBadCredentials);
  }
  auto now = Now();
  if (user->totp_enabled) {
    if (totp_code.empty()) {
      // The password was right, the code is still to come: not a failure, but no reset either
      // (else leaving the code out would undo the count of wrong codes).
      RETURN_IF_ERROR(Undo(reservation));
      return Status(Code::kUnauthenticated, "totp_required").WithSlug("totp-required");
    }
    bool accepted = false;
    RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) -> Status {
      if (!user->totp_secret) return Status::Ok();
      ASSIGN_OR_RETURN(accepted, AcceptTotpStep(tx, user->id, *user->totp_secret, totp_code,
                                                std::chrono::system_clock::to_time_t(now)));
      return Status::Ok();
    }));
    if (!accepted) {
      RETURN_IF_ERROR(AuditAttempt(user, client, "auth.login", "failure_totp"));
      return Status(Code::kUnauthenticated, "totp_wrong")
          .WithSlug("totp-required");
    }
  }

  LoginOk ok{*user, RandomToken(), RandomToken()};
  RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(Succeeded(tx, reservation));
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

Result<bool> SessionService::CheckOwnPassword(const Session& s, const std::string& password,
                                              const ClientInfo& client, const std::string& action) {
  std::optional<User> user;
  RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(user, AccountRepo::ById(c, s.actor.user_id));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(Reservation reservation, Reserve(user->username, user, client, action));
  Result<bool> checked = VerifyPassword(user->password_hash, password);
  if (!checked.ok()) {
    RETURN_IF_ERROR(Undo(reservation));
    return checked.status();
  }
  if (!*checked) {
    RETURN_IF_ERROR(AuditAttempt(user, client, action, "failure"));
    return false;
  }
  RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) { return Succeeded(tx, reservation); }));
  return true;
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

Status SessionService::End(db::Connection& tx, const std::string& token_hash) {
  return tx.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}).status();
}

Result<User> SessionService::Activate(const std::string& token, const std::string& password_hash,
                                      const ClientInfo& client) {
  std::optional<User> user;
  RETURN_IF_ERROR(db_.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(user, AccountRepo::Activate(tx, token, password_hash));
    return audit_.Append(tx, {.user_id = user->id,
                              .role = RoleName(user->role),
                              .organisation_id = user->organisation_id,
                              .action = ActionName(Action::kAuthActivate),
                              .resource = "user/" + user->username,
                              .outcome = "success",
                              .client_addr = client.client_addr,
                              .request_id = client.request_id});
  }));
  return *user;
}

Status SessionService::RevokeOthers(db::Connection& tx, const std::string& user_id, const std::string& keep) {
  return tx.Exec("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep}).status();
}

}  // namespace kansrijk::security
