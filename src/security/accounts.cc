#include "security/accounts.h"

#include <regex>

#include "platform/random.h"
#include "platform/time.h"
#include "platform/text.h"
#include "security/passwords.h"

namespace kansrijk::security {
namespace {

constexpr const char* kUserColumns =
    "u.id, u.organisation_id, o.name, u.username, u.display_name, u.role, u.totp_enabled, u.disabled, u.version, "
    "u.password_hash, u.totp_secret, u.totp_last_step";

User FromRow(const db::Row& r) {
  User u;
  u.id = r.Text(0);
  u.organisation_id = r.Text(1);
  u.organisation_name = r.Text(2);
  u.username = r.Text(3);
  u.display_name = r.Text(4);
  u.role = ParseRole(r.Text(5));
  u.totp_enabled = r.Int(6) != 0;
  u.disabled = r.Int(7) != 0;
  u.version = r.Int(8);
  u.password_hash = r.Text(9);
  u.totp_secret = r.OptText(10);
  if (!r.IsNull(11)) u.totp_last_step = r.Int(11);
  return u;
}

Status RecordRoleChange(db::Connection& tx, const std::string& org, const std::string& user_id,
                        const std::optional<std::string>& old_role, const std::string& new_role,
                        const std::optional<std::string>& changed_by, const std::string& at,
                        const std::string& kind = "role") {
  return tx
      .Exec("INSERT INTO role_changes (id, organisation_id, user_id, kind, old_role, new_role, changed_by, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {NewId(), org, user_id, kind, db::Opt(old_role), new_role, db::Opt(changed_by), at})
      .status();
}

Result<User> One(db::Connection& c, const std::string& where, const std::string& value) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kUserColumns +
                                          " FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE " +
                                          where,
                                      {value}));
  if (rows.empty()) return Status::NotFound("user_not_found");
  return FromRow(rows[0]);
}

void CheckDisplayName(const std::string& name, FieldErrors& errors) {
  auto len = Utf8Length(name);
  if (len == 0) errors["display_name"].push_back({"required", {}});
  else if (len > 100) errors["display_name"].push_back({"too_long", {{"max", "100"}}});
}

}  // namespace

FieldErrors ValidateNewUser(const NewUser& u) {
  FieldErrors errors;
  static const std::regex kUsername("^[a-z0-9._-]{3,64}$");
  if (!std::regex_match(u.username, kUsername))
    errors["username"].push_back({"username_format", {}});
  CheckDisplayName(u.display_name, errors);
  if (!ParseRole(u.role)) errors["role"].push_back({"choose_one_of", {{"options", "admin, team_lead, coach"}}});
  if (u.password)
    if (auto problem = CheckPasswordRule(*u.password)) errors["password"].push_back(*problem);
  return errors;
}

FieldErrors ValidateUserChange(const UserChange& c) {
  FieldErrors errors;
  if (c.display_name) CheckDisplayName(*c.display_name, errors);
  if (c.role && !ParseRole(*c.role)) errors["role"].push_back({"choose_one_of", {{"options", "admin, team_lead, coach"}}});
  return errors;
}

Result<std::string> AccountRepo::AddOrganisation(db::Connection& tx, const std::string& name) {
  std::string trimmed(Trim(name));
  if (trimmed.empty() || Utf8Length(trimmed) > 200)
    return Status::InvalidField("name", "too_long", {{"max", "200"}});
  std::string id = NewId();
  auto st = tx.Exec("INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)",
                    {id, trimmed, FormatUtc(Now())});
  if (st.status().code() == Code::kConflict)
    return Status::Invalid({{"name", {FieldError{"organisation_name_taken", {}}}}}).WithSlug("conflict");
  if (!st.ok()) return st.status();
  return id;
}

Result<std::string> AccountRepo::OrganisationIdByName(db::Connection& c, const std::string& name) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM organisations WHERE name = ?", {name}));
  if (rows.empty()) return Status(Code::kNotFound, "organisation_not_found", {{"name", name}});
  return rows[0].Text(0);
}

Result<User> AccountRepo::AddUser(db::Connection& tx, const NewUser& u) {
  auto errors = ValidateNewUser(u);
  if (!errors.empty()) return Status::Invalid(errors);
  std::string hash;  // "" = waits for activation; no password matches it
  if (u.password) {
    ASSIGN_OR_RETURN(hash, HashPassword(*u.password));
  }
  std::string id = NewId(), now = FormatUtc(Now());
  auto st = tx.Exec(
      "INSERT INTO users (id, organisation_id, username, display_name, role, password_hash, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {id, u.organisation_id, u.username, std::string(Trim(u.display_name)), u.role, hash, now, now});
  if (st.status().code() == Code::kConflict)
    return Status(Code::kConflict, "username_taken");
  if (!st.ok()) return st.status();
  RETURN_IF_ERROR(RecordRoleChange(tx, u.organisation_id, id, std::nullopt, u.role, u.created_by, now));
  return ById(tx, id);
}

Result<User> AccountRepo::ByUsername(db::Connection& c, const std::string& username) {
  return One(c, "u.username = ?", username);
}

Result<User> AccountRepo::ById(db::Connection& c, const std::string& id) { return One(c, "u.id = ?", id); }

Result<std::vector<User>> AccountRepo::List(db::Connection& c, const std::string& organisation_id,
                                            std::optional<Role> role) {
  std::vector<User> out;
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string("SELECT ") + kUserColumns +
                               " FROM users u JOIN organisations o ON o.id = u.organisation_id "
                               "WHERE u.organisation_id = ? AND (? = '' OR u.role = ?) ORDER BY u.display_name, u.id",
                           {organisation_id, role ? RoleName(*role) : std::string(),
                            role ? RoleName(*role) : std::string()}));
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<User>> AccountRepo::ListAll(db::Connection& c) {
  std::vector<User> out;
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kUserColumns +
                                      " FROM users u JOIN organisations o ON o.id = u.organisation_id "
                                      "ORDER BY o.name, u.username"));
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<User> AccountRepo::Update(db::Connection& tx, const std::string& id, int64_t expected_version,
                                 const UserChange& c, const std::optional<std::string>& changed_by) {
  auto errors = ValidateUserChange(c);
  if (!errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(User current, ById(tx, id));
  if (current.version != expected_version)
    return Status(Code::kFailedPrecondition, "version_stale");
  std::string display = c.display_name ? std::string(Trim(*c.display_name)) : current.display_name;
  std::string role = c.role ? *c.role : RoleName(current.role);
  int64_t disabled = c.disabled ? (*c.disabled ? 1 : 0) : (current.disabled ? 1 : 0);
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE users SET display_name = ?, role = ?, disabled = ?, version = version + 1, "
                           "updated_at = ? WHERE id = ? AND version = ?",
                           {display, role, disabled, FormatUtc(Now()), id, expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  if (role != RoleName(current.role))
    RETURN_IF_ERROR(RecordRoleChange(tx, current.organisation_id, id, RoleName(current.role), role, changed_by,
                                     FormatUtc(Now())));
  if (disabled) RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE user_id = ?", {id}).status());
  return ById(tx, id);
}

Status AccountRepo::SetPassword(db::Connection& tx, const std::string& id, const std::string& password) {
  if (auto problem = CheckPasswordRule(password))
    return Status::Invalid({{"password", {*problem}}});
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return SetPasswordHash(tx, id, hash);
}

Status AccountRepo::SetPasswordHash(db::Connection& tx, const std::string& id, const std::string& hash) {
  ASSIGN_OR_RETURN(int64_t changed, tx.Exec("UPDATE users SET password_hash = ?, version = version + 1, updated_at = ? "
                                            "WHERE id = ?",
                                            {hash, FormatUtc(Now()), id}));
  if (changed != 1) return Status::NotFound("user_not_found");
  return Status::Ok();
}

Status AccountRepo::SetTotp(db::Connection& tx, const std::string& id, const std::optional<std::string>& secret,
                            bool enabled) {
  // A new or removed secret forgets the last step; enabling keeps the step its code just used.
  return tx.Exec("UPDATE users SET totp_secret = ?, totp_enabled = ?, "
                 "totp_last_step = CASE WHEN ? = 1 THEN totp_last_step ELSE NULL END, "
                 "version = version + 1, updated_at = ? WHERE id = ?",
                 {db::Opt(secret), int64_t{enabled ? 1 : 0}, int64_t{enabled ? 1 : 0}, FormatUtc(Now()), id})
      .status();
}

Result<Activation> AccountRepo::IssueActivation(db::Connection& tx, const std::string& user_id,
                                                const std::optional<std::string>& created_by, bool reset) {
  auto now = Now();
  if (reset) {
    // Whoever opens the link can sign in as this user: the team leads see that it happened.
    ASSIGN_OR_RETURN(User u, ById(tx, user_id));
    RETURN_IF_ERROR(RecordRoleChange(tx, u.organisation_id, u.id, RoleName(u.role), RoleName(u.role), created_by,
                                     FormatUtc(now), "activation"));
  }
  Activation a{RandomToken(), FormatUtc(now + kActivationValidity)};
  RETURN_IF_ERROR(tx.Exec("DELETE FROM user_activations WHERE user_id = ?", {user_id}).status());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO user_activations (token_hash, user_id, created_by, created_at, expires_at) "
                          "VALUES (?, ?, ?, ?, ?)",
                          {Sha256Hex(a.token), user_id, db::Opt(created_by), FormatUtc(now), a.expires_at})
                      .status());
  return a;
}

namespace {
Status BadActivation() {
  return Status::InvalidField("token", "activation_link_invalid");
}
}  // namespace

Result<User> AccountRepo::UserForActivation(db::Connection& c, const std::string& token) {
  if (token.empty() || token.size() > 128) return BadActivation();
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT user_id, expires_at FROM user_activations WHERE token_hash = ?",
                                      {Sha256Hex(token)}));
  if (rows.empty()) return BadActivation();
  auto until = ParseUtc(rows[0].Text(1));
  if (!until || Now() >= *until) return BadActivation();
  auto user = ById(c, rows[0].Text(0));
  if (!user.ok() || user->disabled) return BadActivation();
  return user;
}

Result<User> AccountRepo::Activate(db::Connection& tx, const std::string& token, const std::string& password_hash) {
  ASSIGN_OR_RETURN(User user, UserForActivation(tx, token));
  // Deleting by token first makes a second use of the same link (even a parallel one) fail.
  ASSIGN_OR_RETURN(int64_t used, tx.Exec("DELETE FROM user_activations WHERE token_hash = ?", {Sha256Hex(token)}));
  if (used != 1) return BadActivation();
  RETURN_IF_ERROR(tx.Exec("DELETE FROM user_activations WHERE user_id = ?", {user.id}).status());
  RETURN_IF_ERROR(SetPasswordHash(tx, user.id, password_hash));
  return ById(tx, user.id);
}

Result<std::vector<RoleChange>> AccountRepo::RoleChanges(db::Connection& c, const std::string& organisation_id,
                                                         int limit) {
  std::vector<RoleChange> out;
  ASSIGN_OR_RETURN(auto rows,
                   c.Query("SELECT r.changed_at, r.user_id, u.username, u.display_name, r.old_role, r.new_role, "
                           "b.display_name, r.kind FROM role_changes r JOIN users u ON u.id = r.user_id "
                           "LEFT JOIN users b ON b.id = r.changed_by "
                           "WHERE r.organisation_id = ? ORDER BY r.changed_at DESC, r.id LIMIT ?",
                           {organisation_id, int64_t{limit}}));
  for (const auto& r : rows)
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Text(5), r.OptText(6), r.Text(7)});
  return out;
}

}  // namespace kansrijk::security
