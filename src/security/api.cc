#include "security/api.h"

#include <chrono>
#include <ctime>

#include "platform/api_helpers.h"
#include "security/guard.h"
#include "security/passwords.h"
#include "security/totp.h"

namespace kansrijk::security {

using http::FieldReader;
using http::Json;

Json UserJson(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", RoleName(u.role)},
          {"organisation_id", u.organisation_id},
          {"organisation_name", u.organisation_name},
          {"totp_enabled", u.totp_enabled},
          {"disabled", u.disabled},
          {"activation_pending", u.password_hash.empty()},
          {"version", u.version}};
}

namespace {

Result<User> LoadUser(db::Connection& c, const std::string& id) { return AccountRepo::ById(c, id); }

// A user of the caller's own organisation; another organisation's user does not exist for them.
Result<User> OwnOrganisationUser(db::Connection& c, const Actor& actor, const std::string& id) {
  auto user = AccountRepo::ById(c, id);
  if (!user.ok() || user->organisation_id != actor.organisation_id) return Status::NotFound("user_not_found");
  return user;
}

Reply UserReply(int status, const User& u) { return Reply::Json(status, UserJson(u)).WithVersion(u.version); }

Json ActivationJson(const Activation& a) {
  // The token travels in the fragment (#), so it never reaches a server log or a Referer header.
  return {{"token", a.token}, {"link", "/activeren#" + a.token}, {"expires_at", a.expires_at}};
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// Requests without a session (login, activation) cannot carry the CSRF token, so they are held
// to what a cross-site HTML form cannot send: a JSON body (415 otherwise) and, when the browser
// names an Origin, our own (403 otherwise). Same origin: scheme + Host header (host and port).
Status RefuseCrossSite(const ApiContext& ctx, const http::Request& req) {
  std::string type = LowerAscii(req.header("Content-Type"));
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  if (type != "application/json")
    return Status(Code::kUnsupportedMediaType, "unsupported_media_type").WithSlug("unsupported-media-type");
  std::string origin = LowerAscii(req.header("Origin"));
  if (origin.empty()) return Status::Ok();  // not a browser, or a same-origin GET-like request
  std::string host = LowerAscii(req.header("Host"));
  bool same = !host.empty() && (origin == "https://" + host || (!ctx.secure_cookies && origin == "http://" + host));
  if (!same) return Status::Forbidden("cross_site_refused").WithSlug("origin");
  return Status::Ok();
}

// A password field taken as typed (no trimming, any characters). Adds a field error when absent.
std::string RawPassword(const Json& body, FieldReader& f, const std::string& name) {
  if (!body.contains(name) || !body.at(name).is_string() || body.at(name).get<std::string>().empty()) {
    f.Error(name, "required");
    return "";
  }
  std::string value = body.at(name).get<std::string>();
  if (value.size() > kMaxPasswordLength) {
    f.Error(name, "password_too_long", {{"max", std::to_string(kMaxPasswordLength)}});
    return "";
  }
  return value;
}

// The rule check for a new password as a field error. A refused common, repeated or sequential
// password also carries its code as the problem type slug (password_common, ...).
Status NewPasswordRule(const std::string& field, const std::string& password) {
  auto problem = CheckPasswordRule(password);
  if (!problem) return Status::Ok();
  Status st = Status::Invalid({{field, {*problem}}});
  if (problem->code != "password_too_short" && problem->code != "password_too_long") st.WithSlug(problem->code);
  return st;
}

// Checks the caller's current password (counted with the login's counter).
Status RequireOwnPassword(Call& call, const std::string& field, const std::string& password) {
  ASSIGN_OR_RETURN(bool right, call.ctx.sessions.CheckOwnPassword(call.session(), password, ClientOf(call.req),
                                                                  ActionName(call.action())));
  if (!right) return Status::InvalidField(field, "password_wrong");
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Signing in (public: the use cases audit every attempt themselves)

Result<Reply> Login(Call& call) {
  RETURN_IF_ERROR(RefuseCrossSite(call.ctx, call.req));
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"username", "password", "totp_code"});
  auto username = f.String("username", true, 64);
  std::string password = RawPassword(body, f, "password");
  auto code = f.String("totp_code", false, 10);
  RETURN_IF_ERROR(f.Finish());
  ASSIGN_OR_RETURN(auto ok, call.ctx.sessions.Login(*username, password, code.value_or(""), ClientOf(call.req)));
  return Reply::Json(200, {{"user", UserJson(ok.user)}, {"csrf_token", ok.csrf_token}})
      .WithHeader("Set-Cookie", SessionCookie(ok.token, call.ctx.secure_cookies));
}

// POST /api/v1/auth/activate {token, password}: the new user chooses their own password.
Result<Reply> Activate(Call& call) {
  RETURN_IF_ERROR(RefuseCrossSite(call.ctx, call.req));
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"token", "password"});
  auto token = f.String("token", true, 128);
  std::string password;
  if (!body.contains("password") || !body.at("password").is_string()) f.Error("password", "required");
  else password = body.at("password").get<std::string>();
  RETURN_IF_ERROR(f.Finish());
  RETURN_IF_ERROR(NewPasswordRule("password", password));
  // Check the link before the expensive hash, and again when it is used.
  RETURN_IF_ERROR(call.ctx.db.Read([&](db::Connection& c) { return AccountRepo::UserForActivation(c, *token).status(); }));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  ASSIGN_OR_RETURN(User user, call.ctx.sessions.Activate(*token, hash, ClientOf(call.req)));
  return Reply::Json(200, {{"username", user.username}, {"display_name", user.display_name}});
}

// ---------------------------------------------------------------------------------------------
// The own account

Result<Reply> Logout(Call& call) {
  call.resource = "user/" + call.actor().username;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) { return SessionService::End(tx, call.session().token_hash); }));
  return Reply::NoContent().WithHeader("Set-Cookie", ClearedSessionCookie(call.ctx.secure_cookies));
}

Result<Reply> Me(Call& call) {
  call.resource = "user/" + call.actor().username;
  User user;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(user, LoadUser(c, call.actor().user_id));
    return Status::Ok();
  }));
  // What the user may do, from the policy: the web shows menus, tabs and buttons from this.
  return Reply::Json(200, {{"user", UserJson(user)},
                           {"kind", PrincipalKindName(call.actor().kind)},
                           {"capabilities", Capabilities(call.actor())},
                           {"csrf_token", call.session().csrf_token}});
}

// Runs a change to the caller's own account in one transaction with its audit row.
Status ChangeOwnAccount(Call& call, const std::function<Status(db::Connection&)>& change) {
  call.resource = "user/" + call.actor().username;
  return call.Write(change);
}

Result<Reply> ChangePassword(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"current_password", "new_password"});
  std::string current, next;
  for (auto [name, out] : {std::pair{"current_password", &current}, std::pair{"new_password", &next}}) {
    if (!body.contains(name) || !body.at(name).is_string()) f.Error(name, "required");
    else *out = body.at(name).get<std::string>();
  }
  RETURN_IF_ERROR(f.Finish());
  RETURN_IF_ERROR(NewPasswordRule("new_password", next));
  RETURN_IF_ERROR(RequireOwnPassword(call, "current_password", current));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(next));  // before the transaction: it is slow
  RETURN_IF_ERROR(ChangeOwnAccount(call, [&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(AccountRepo::SetPasswordHash(tx, call.actor().user_id, hash));
    // Other devices signed in with the old password are signed out.
    return SessionService::RevokeOthers(tx, call.actor().user_id, call.session().token_hash);
  }));
  return Reply::NoContent();
}

// TOTP set-up, enabling and disabling each need the current password: a session left open on a
// shared computer must not be enough to take over or weaken the second factor.
Result<Reply> TotpSetup(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"password"});
  std::string password = RawPassword(body, f, "password");
  RETURN_IF_ERROR(f.Finish());
  if (call.session().totp_enabled) return Status::Conflict("totp_already_on");
  RETURN_IF_ERROR(RequireOwnPassword(call, "password", password));
  std::string secret = NewTotpSecret();
  RETURN_IF_ERROR(ChangeOwnAccount(call, [&](db::Connection& tx) {
    return AccountRepo::SetTotp(tx, call.actor().user_id, secret, false);
  }));
  return Reply::Json(200, {{"secret", secret}, {"otpauth_uri", TotpUri(call.actor().username, secret)}})
      .WithHeader("Cache-Control", "no-store");
}

Result<Reply> TotpEnable(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"password", "code"});
  std::string password = RawPassword(body, f, "password");
  auto code = f.String("code", true, 10);
  RETURN_IF_ERROR(f.Finish());
  User user;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(user, LoadUser(c, call.actor().user_id));
    return Status::Ok();
  }));
  if (!user.totp_secret) return Status::InvalidField("code", "totp_setup_first");
  RETURN_IF_ERROR(RequireOwnPassword(call, "password", password));
  RETURN_IF_ERROR(ChangeOwnAccount(call, [&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(bool accepted, SessionService::AcceptTotpStep(tx, call.actor().user_id, *user.totp_secret, *code,
                                                                   std::time(nullptr)));
    if (!accepted) return Status::InvalidField("code", "totp_wrong");
    return AccountRepo::SetTotp(tx, call.actor().user_id, user.totp_secret, true);
  }));
  return Reply::NoContent();
}

Result<Reply> TotpDisable(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"password"});
  std::string password = RawPassword(body, f, "password");
  RETURN_IF_ERROR(f.Finish());
  RETURN_IF_ERROR(RequireOwnPassword(call, "password", password));
  RETURN_IF_ERROR(ChangeOwnAccount(call, [&](db::Connection& tx) {
    return AccountRepo::SetTotp(tx, call.actor().user_id, std::nullopt, false);
  }));
  return Reply::NoContent();
}

// ---------------------------------------------------------------------------------------------
// Accounts of the organisation

Result<Reply> ListUsers(Call& call) {
  std::optional<Role> role;
  if (auto role_param = call.req.QueryValue("role")) {
    role = ParseRole(*role_param);
    if (!role) return Status::InvalidField("role", "choose_one_of", {{"options", "admin, team_lead, coach"}});
  }
  // Those who manage accounts see every account; those who only assign see the staff they can
  // assign, never the administrators.
  bool manager = MayEver(call.actor(), Action::kUserManage);
  if (!manager && role == Role::kAdmin) return Status::Forbidden();
  call.resource = "users";
  std::vector<User> users;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(users, AccountRepo::List(c, call.actor().organisation_id, role));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& u : users)
    if (manager || u.role != Role::kAdmin) items.push_back(UserJson(u));
  // One page holds every account, so the total is what it shows.
  const size_t total = items.size();
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}, {"total", total}});
}

Result<Reply> RoleChanges(Call& call) {
  ASSIGN_OR_RETURN(int limit, http::ParseLimit(call.req, 100, 200));
  call.resource = "users";
  std::vector<RoleChange> changes;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(changes, AccountRepo::RoleChanges(c, call.actor().organisation_id, limit));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& r : changes)
    items.push_back({{"at", r.at},
                     {"kind", r.kind},
                     {"user_id", r.user_id},
                     {"username", r.username},
                     {"display_name", r.display_name},
                     {"old_role", r.old_role ? Json(*r.old_role) : Json(nullptr)},
                     {"new_role", r.new_role},
                     {"changed_by_name", r.changed_by_name ? Json(*r.changed_by_name) : Json(nullptr)}});
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

// An admin creates the account; the person chooses their own password through a one-time
// activation link (shown once here), so no admin ever knows it.
Result<Reply> CreateUser(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"username", "display_name", "role"});
  NewUser nu;
  nu.organisation_id = call.actor().organisation_id;
  nu.created_by = call.actor().user_id;
  nu.username = f.String("username", true, 64).value_or("");
  nu.display_name = f.String("display_name", true, 100).value_or("");
  nu.role = f.String("role", true, 20).value_or("");
  if (body.contains("password")) f.errors()["password"] = {FieldError{"password_not_by_admin", {}}};
  RETURN_IF_ERROR(f.Finish());
  User created;
  Activation activation;
  Status st = call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, AccountRepo::AddUser(tx, nu));
    ASSIGN_OR_RETURN(activation, AccountRepo::IssueActivation(tx, created.id, call.actor().user_id, false));
    call.resource = "user/" + created.username;
    call.AlsoAudit(Action::kUserRoleGrant);  // a grant of a role is what gives access to families
    return Status::Ok();
  });
  if (st.code() == Code::kConflict) return Status::InvalidField("username", "username_taken");
  RETURN_IF_ERROR(st);
  Json out = UserJson(created);
  out["activation"] = ActivationJson(activation);
  return Reply::Json(201, out)
      .WithVersion(created.version)
      .WithLocation("/api/v1/users/" + created.id)
      .WithHeader("Cache-Control", "no-store");
}

// A password reset by an admin: the old password stops working, every session of the user
// ends, and a new activation link is issued (and shown to the team leads).
Result<Reply> ResetActivation(Call& call) {
  const std::string id = call.req.Param("id");
  if (id == call.actor().user_id) return Status::Conflict("own_password_via_account");
  Activation activation;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(User target, OwnOrganisationUser(tx, call.actor(), id));
    call.resource = "user/" + target.username;
    RETURN_IF_ERROR(AccountRepo::SetPasswordHash(tx, id, ""));
    RETURN_IF_ERROR(SessionService::RevokeOthers(tx, id, ""));
    ASSIGN_OR_RETURN(activation, AccountRepo::IssueActivation(tx, id, call.actor().user_id, true));
    return Status::Ok();
  }));
  return Reply::Json(201, {{"activation", ActivationJson(activation)}}).WithHeader("Cache-Control", "no-store");
}

Result<Reply> GetUser(Call& call) {
  User user;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(user, OwnOrganisationUser(c, call.actor(), call.req.Param("id")));
    return Status::Ok();
  }));
  call.resource = "user/" + user.username;
  return UserReply(200, user);
}

Result<Reply> PatchUser(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"display_name", "role", "disabled"});
  UserChange change{f.String("display_name", false, 100), f.String("role", false, 20), f.Bool("disabled")};
  const std::string id = call.req.Param("id");
  if (id == call.actor().user_id && (change.disabled.value_or(false) || (change.role && *change.role != "admin")))
    f.Error(change.disabled ? "disabled" : "role", "own_admin_rights");
  RETURN_IF_ERROR(f.Finish());
  User updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(User target, OwnOrganisationUser(tx, call.actor(), id));
    ASSIGN_OR_RETURN(updated, AccountRepo::Update(tx, id, call.if_match(), change, call.actor().user_id));
    call.resource = "user/" + updated.username;
    // A role change gets a row of its own: it is what gives or takes access to families.
    if (updated.role != target.role) call.AlsoAudit(Action::kUserRoleChange);
    return Status::Ok();
  }));
  return UserReply(200, updated);
}

}  // namespace

void RegisterAuthRoutes(Routes& routes) {
  routes.Add({"POST", "/api/v1/auth/login", Action::kAuthLogin, Login});
  routes.Add({"POST", "/api/v1/auth/activate", Action::kAuthActivate, Activate});
  routes.Add({"POST", "/api/v1/auth/logout", Action::kAuthLogout, Logout});
  routes.Add({"GET", "/api/v1/me", Action::kMeRead, Me});
  routes.Add({"POST", "/api/v1/me/password", Action::kMePasswordChange, ChangePassword});
  routes.Add({"POST", "/api/v1/me/totp/setup", Action::kMeTotpSetup, TotpSetup});
  routes.Add({"POST", "/api/v1/me/totp/enable", Action::kMeTotpEnable, TotpEnable});
  routes.Add({"POST", "/api/v1/me/totp/disable", Action::kMeTotpDisable, TotpDisable});
}

void RegisterUserRoutes(Routes& routes) {
  routes.Add({"GET", "/api/v1/users", Action::kUserListStaff, ListUsers});
  // Before /users/{id}: the router takes the first pattern that matches.
  routes.Add({"GET", "/api/v1/users/role-changes", Action::kUserRoleChangesRead, RoleChanges});
  routes.Add({"POST", "/api/v1/users", Action::kUserCreate, CreateUser});
  routes.Add({"POST", "/api/v1/users/{id}/activation", Action::kUserActivationReset, ResetActivation});
  routes.Add({"GET", "/api/v1/users/{id}", Action::kUserRead, GetUser});
  routes.Add({"PATCH", "/api/v1/users/{id}", Action::kUserUpdate, PatchUser, /*needs_version=*/true});
}

}  // namespace kansrijk::security
