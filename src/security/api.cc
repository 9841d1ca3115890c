#include "security/api.h"

#include <chrono>
#include <ctime>

#include "platform/api_helpers.h"
#include "security/passwords.h"
#include "security/totp.h"

namespace kansrijk::security {

using http::FieldReader;
using http::Json;
using http::ProblemResponse;
using http::Request;
using http::Response;

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

Result<User> LoadUser(ApiContext& ctx, const std::string& id) {
  std::optional<User> user;
  RETURN_IF_ERROR(ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(user, AccountRepo::ById(c, id));
    return Status::Ok();
  }));
  return *user;
}

Response UserResponse(int status, const User& u) {
  auto res = http::JsonResponse(status, UserJson(u));
  res.headers.emplace("ETag", http::ETagFor(u.version));
  return res;
}

Json ActivationJson(const Activation& a) {
  // The token travels in the fragment (#), so it never reaches a server log or a Referer header.
  return {{"token", a.token}, {"link", "/activeren#" + a.token}, {"expires_at", a.expires_at}};
}

// A problem+json answer with an HTTP status that has no Code of its own (415).
Response ProblemWithHttpStatus(int http_status, const std::string& slug, const std::string& title,
                               const std::string& detail) {
  Response r = http::JsonResponse(http_status, {{"type", "https://kansrijk.nl/problems/" + slug},
                                                {"title", title},
                                                {"status", http_status},
                                                {"detail", detail}});
  r.content_type = "application/problem+json";
  return r;
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// Requests without a session (login, activation) cannot carry the CSRF token, so they are held
// to what a cross-site HTML form cannot send: a JSON body (415 otherwise) and, when the browser
// names an Origin, our own (403 otherwise). Same origin: scheme + Host header (host and port).
std::optional<Response> RefuseCrossSite(const ApiContext& ctx, const Request& req) {
  std::string type = LowerAscii(req.header("Content-Type"));
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  if (type != "application/json")
    return ProblemWithHttpStatus(415, "unsupported-media-type", "Verkeerd soort inhoud",
                                 "Stuur de gegevens als JSON (Content-Type: application/json).");
  std::string origin = LowerAscii(req.header("Origin"));
  if (origin.empty()) return std::nullopt;  // not a browser, or a same-origin GET-like request
  std::string host = LowerAscii(req.header("Host"));
  bool same = !host.empty() && (origin == "https://" + host || (!ctx.secure_cookies && origin == "http://" + host));
  if (!same)
    return ProblemResponse(Status::Forbidden("Dit verzoek komt van een andere website en is geweigerd.").WithSlug("origin"));
  return std::nullopt;
}

// A password field taken as typed (no trimming, any characters). Adds a field error when absent.
std::string RawPassword(const Json& body, FieldReader& f, const std::string& name) {
  if (!body.contains(name) || !body.at(name).is_string() || body.at(name).get<std::string>().empty()) {
    f.Error(name, "Vul uw wachtwoord in.");
    return "";
  }
  std::string value = body.at(name).get<std::string>();
  if (value.size() > kMaxPasswordLength) {
    f.Error(name, "Dit wachtwoord is te lang.");
    return "";
  }
  return value;
}

// The rule check for a new password as a field error. A refused common, repeated or sequential
// password carries its stable code as the problem type slug (password_common, ...).
Status NewPasswordRule(const std::string& field, const std::string& password) {
  auto problem = CheckPasswordRule(password);
  if (!problem) return Status::Ok();
  Status st = Status::InvalidField(field, problem->message);
  if (problem->code != "password_length") st.WithSlug(problem->code);
  return st;
}

// Checks the caller's current password (counted with the login's counter). An error Response, or
// nullopt when it is right.
std::optional<Response> RequireOwnPassword(ApiContext& ctx, const Request& req, const Session& s,
                                           const std::string& field, const std::string& password,
                                           const std::string& action) {
  auto right = ctx.sessions.CheckOwnPassword(s, password, ClientOf(req), action);
  if (!right.ok()) return ProblemResponse(right.status());
  if (!*right) return ProblemResponse(Status::InvalidField(field, "Uw wachtwoord klopt niet."));
  return std::nullopt;
}

// Runs a change to the caller's own account in one transaction with its audit row.
Response ChangeOwnAccount(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                          const std::function<Status(db::Connection&)>& change) {
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(change(tx));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, "user/" + s.actor.username, std::nullopt, "success"));
  });
  return st.ok() ? http::NoContent() : ProblemResponse(st);
}

Response Login(ApiContext& ctx, Request& req) {
  if (auto refused = RefuseCrossSite(ctx, req)) return *refused;
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"username", "password", "totp_code"});
  auto username = f.String("username", true, 64);
  std::string password = RawPassword(*body, f, "password");
  auto code = f.String("totp_code", false, 10);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  auto ok = ctx.sessions.Login(*username, password, code.value_or(""), ClientOf(req));
  if (!ok.ok()) return ProblemResponse(ok.status());
  auto res = http::JsonResponse(200, {{"user", UserJson(ok->user)}, {"csrf_token", ok->csrf_token}});
  res.headers.emplace("Set-Cookie", SessionCookie(ok->token, ctx.secure_cookies));
  return res;
}

// POST /api/v1/auth/activate {token, password}: the new user chooses their own password.
Response Activate(ApiContext& ctx, Request& req) {
  if (auto refused = RefuseCrossSite(ctx, req)) return *refused;
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"token", "password"});
  auto token = f.String("token", true, 128);
  std::string password;
  if (!body->contains("password") || !body->at("password").is_string())
    f.Error("password", "Kies een wachtwoord.");
  else
    password = body->at("password").get<std::string>();
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  if (auto st = NewPasswordRule("password", password); !st.ok()) return ProblemResponse(st);
  // Check the link before the expensive hash, and again when it is used.
  Status st = ctx.db.Read([&](db::Connection& c) { return AccountRepo::UserForActivation(c, *token).status(); });
  if (!st.ok()) return ProblemResponse(st);
  auto hash = HashPassword(password);
  if (!hash.ok()) return ProblemResponse(hash.status());
  std::optional<User> user;
  st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(user, AccountRepo::Activate(tx, *token, *hash));
    Actor actor{user->id, user->username, user->display_name, user->organisation_id, user->organisation_name,
                user->role};
    return ctx.audit.Append(tx, AuditFor(req, actor, "user.activate", "user/" + user->username, std::nullopt,
                                         "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  return http::JsonResponse(200, {{"username", user->username}, {"display_name", user->display_name}});
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/auth/login", [&ctx](Request& req) { return Login(ctx, req); });
  router.Add("POST", "/api/v1/auth/activate", [&ctx](Request& req) { return Activate(ctx, req); });

  router.Add("POST", "/api/v1/auth/logout", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               Status st = ctx.sessions.Logout(s, ClientOf(req));
               if (!st.ok()) return ProblemResponse(st);
               auto res = http::NoContent();
               res.headers.emplace("Set-Cookie", ClearedSessionCookie(ctx.secure_cookies));
               return res;
             }));

  router.Add("GET", "/api/v1/me", WithSession(ctx, [&ctx](Request&, const Session& s) {
               auto user = LoadUser(ctx, s.actor.user_id);
               if (!user.ok()) return ProblemResponse(user.status());
               return http::JsonResponse(200, {{"user", UserJson(*user)}, {"csrf_token", s.csrf_token}});
             }));

  router.Add("POST", "/api/v1/me/password", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemResponse(body.status());
               FieldReader f(*body, {"current_password", "new_password"});
               std::string current, next;
               for (auto [name, out] : {std::pair{"current_password", &current}, std::pair{"new_password", &next}}) {
                 if (!body->contains(name) || !body->at(name).is_string()) f.Error(name, "Dit veld is verplicht.");
                 else *out = body->at(name).get<std::string>();
               }
               if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
               if (auto st = NewPasswordRule("new_password", next); !st.ok()) return ProblemResponse(st);
               if (auto refused = RequireOwnPassword(ctx, req, s, "current_password", current, "user.password_change"))
                 return *refused;
               auto hash = HashPassword(next);  // before the transaction: it is slow
               if (!hash.ok()) return ProblemResponse(hash.status());
               return ChangeOwnAccount(ctx, req, s, "user.password_change", [&](db::Connection& tx) -> Status {
                 RETURN_IF_ERROR(AccountRepo::SetPasswordHash(tx, s.actor.user_id, *hash));
                 // Other devices signed in with the old password are signed out.
                 return SessionService::RevokeOthers(tx, s.actor.user_id, s.token_hash);
               });
             }));

  // TOTP set-up, enabling and disabling each need the current password: a session left open on a
  // shared computer must not be enough to take over or weaken the second factor.
  router.Add("POST", "/api/v1/me/totp/setup", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemResponse(body.status());
               FieldReader f(*body, {"password"});
               std::string password = RawPassword(*body, f, "password");
               if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
               if (s.totp_enabled)
                 return ProblemResponse(Status(Code::kConflict, "Tweestapsverificatie staat al aan. Zet haar eerst uit."));
               if (auto refused = RequireOwnPassword(ctx, req, s, "password", password, "user.totp_setup"))
                 return *refused;
               std::string secret = NewTotpSecret();
               auto res = ChangeOwnAccount(ctx, req, s, "user.totp_setup", [&](db::Connection& tx) {
                 return AccountRepo::SetTotp(tx, s.actor.user_id, secret, false);
               });
               if (res.status != 204) return res;
               return http::JsonResponse(200, {{"secret", secret}, {"otpauth_uri", TotpUri(s.actor.username, secret)}});
             }));

  router.Add("POST", "/api/v1/me/totp/enable", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemResponse(body.status());
               FieldReader f(*body, {"password", "code"});
               std::string password = RawPassword(*body, f, "password");
               auto code = f.String("code", true, 10);
               if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
               auto user = LoadUser(ctx, s.actor.user_id);
               if (!user.ok()) return ProblemResponse(user.status());
               if (!user->totp_secret)
                 return ProblemResponse(Status::InvalidField("code", "Begin eerst met instellen (setup)."));
               if (auto refused = RequireOwnPassword(ctx, req, s, "password", password, "user.totp_enable"))
                 return *refused;
               return ChangeOwnAccount(ctx, req, s, "user.totp_enable", [&](db::Connection& tx) -> Status {
                 ASSIGN_OR_RETURN(bool accepted, SessionService::AcceptTotpStep(tx, s.actor.user_id, *user->totp_secret,
                                                                                *code, std::time(nullptr)));
                 if (!accepted)
                   return Status::InvalidField("code", "Deze code klopt niet of is al gebruikt. Probeer de nieuwste code.");
                 return AccountRepo::SetTotp(tx, s.actor.user_id, user->totp_secret, true);
               });
             }));

  router.Add("POST", "/api/v1/me/totp/disable", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemResponse(body.status());
               FieldReader f(*body, {"password"});
               std::string password = RawPassword(*body, f, "password");
               if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
               if (auto refused = RequireOwnPassword(ctx, req, s, "password", password, "user.totp_disable"))
                 return *refused;
               return ChangeOwnAccount(ctx, req, s, "user.totp_disable", [&](db::Connection& tx) {
                 return AccountRepo::SetTotp(tx, s.actor.user_id, std::nullopt, false);
               });
             }));
}

void RegisterUserRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/users", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto role_param = req.QueryValue("role");
               std::optional<Role> role;
               if (role_param) {
                 role = ParseRole(*role_param);
                 if (!role) return ProblemResponse(Status::InvalidField("role", "Kies admin, team_lead of coach."));
               }
               bool manager = Decide(s.actor, Action::kUserManage) == Decision::kAllow;
               if (!manager && Decide(s.actor, Action::kUserListStaff) != Decision::kAllow)
                 return ProblemResponse(Status::Forbidden());
               if (!manager && role == Role::kAdmin) return ProblemResponse(Status::Forbidden());
               std::vector<User> users;
               Status st = ctx.db.Read([&](db::Connection& c) -> Status {
                 ASSIGN_OR_RETURN(users, AccountRepo::List(c, s.actor.organisation_id, role));
                 return Status::Ok();
               });
               if (!st.ok()) return ProblemResponse(st);
               Json items = Json::array();
               for (const auto& u : users) {
                 if (!manager && u.role == Role::kAdmin) continue;  // team leads see only staff they can assign
                 items.push_back(UserJson(u));
               }
               st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, "user.list", "users", std::nullopt, "success"));
               if (!st.ok()) return ProblemResponse(st);
               return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
             }));

  // Before /users/{id}: the router takes the first pattern that matches.
  router.Add("GET", "/api/v1/users/role-changes", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               // Team leads watch who gets access to family files; admins see what they did.
               if (s.actor.role != Role::kTeamLead && s.actor.role != Role::kAdmin)
                 return ProblemResponse(Status::Forbidden());
               auto limit = http::ParseLimit(req, 100, 200);
               if (!limit.ok()) return ProblemResponse(limit.status());
               std::vector<RoleChange> changes;
               Status st = ctx.db.Read([&](db::Connection& c) -> Status {
                 ASSIGN_OR_RETURN(changes, AccountRepo::RoleChanges(c, s.actor.organisation_id, *limit));
                 return Status::Ok();
               });
               if (!st.ok()) return ProblemResponse(st);
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
               st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, "user.role_changes_read", "users", std::nullopt,
                                                         "success"));
               if (!st.ok()) return ProblemResponse(st);
               return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
             }));

  // An admin creates the account; the person chooses their own password through a one-time
  // activation link (shown once here), so no admin ever knows it.
  router.Add("POST", "/api/v1/users", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemResponse(Status::Forbidden());
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemResponse(body.status());
               FieldReader f(*body, {"username", "display_name", "role"});
               NewUser nu;
               nu.organisation_id = s.actor.organisation_id;
               nu.created_by = s.actor.user_id;
               nu.username = f.String("username", true, 64).value_or("");
               nu.display_name = f.String("display_name", true, 100).value_or("");
               nu.role = f.String("role", true, 20).value_or("");
               if (body->contains("password"))
                 f.errors()["password"] = {"Een beheerder kiest geen wachtwoord: de gebruiker kiest het zelf via de "
                                           "activeringslink."};
               if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
               std::optional<User> created;
               std::optional<Activation> activation;
               Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
                 ASSIGN_OR_RETURN(created, AccountRepo::AddUser(tx, nu));
                 ASSIGN_OR_RETURN(activation, AccountRepo::IssueActivation(tx, created->id, s.actor.user_id, false));
                 RETURN_IF_ERROR(ctx.audit.Append(tx, AuditFor(req, s.actor, "user.create", "user/" + created->username,
                                                               std::nullopt, "success")));
                 return ctx.audit.Append(tx, AuditFor(req, s.actor, "user.role_grant", "user/" + created->username,
                                                      std::nullopt, "success"));
               });
               if (st.code() == Code::kConflict)
                 return ProblemResponse(Status::InvalidField("username", "Deze gebruikersnaam is al in gebruik."));
               if (!st.ok()) return ProblemResponse(st);
               Json out = UserJson(*created);
               out["activation"] = ActivationJson(*activation);
               auto res = http::JsonResponse(201, out);
               res.headers.emplace("ETag", http::ETagFor(created->version));
               res.headers.emplace("Location", "/api/v1/users/" + created->id);
               res.headers.emplace("Cache-Control", "no-store");
               return res;
             }));

  // A password reset by an admin: the old password stops working, every session of the user
  // ends, and a new activation link is issued (and shown to the team leads).
  router.Add("POST", "/api/v1/users/{id}/activation", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemResponse(Status::Forbidden());
               std::string id = req.Param("id");
               if (id == s.actor.user_id)
                 return ProblemResponse(Status(Code::kConflict, "Wijzig uw eigen wachtwoord via Mijn account."));
               std::optional<User> target;
               std::optional<Activation> activation;
               Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
                 auto found = AccountRepo::ById(tx, id);
                 if (!found.ok() || found->organisation_id != s.actor.organisation_id)
                   return Status::NotFound("Deze gebruiker bestaat niet.");
                 target = *found;
                 RETURN_IF_ERROR(AccountRepo::SetPasswordHash(tx, id, ""));
                 RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE user_id = ?", {id}).status());
                 ASSIGN_OR_RETURN(activation, AccountRepo::IssueActivation(tx, id, s.actor.user_id, true));
                 return ctx.audit.Append(tx, AuditFor(req, s.actor, "user.password_reset", "user/" + target->username,
                                                      std::nullopt, "success"));
               });
               if (!st.ok()) return ProblemResponse(st);
               auto res = http::JsonResponse(201, {{"activation", ActivationJson(*activation)}});
               res.headers.emplace("Cache-Control", "no-store");
               return res;
             }));

  router.Add("GET", "/api/v1/users/{id}", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemResponse(Status::Forbidden());
               auto user = LoadUser(ctx, req.Param("id"));
               // Another organisation's user does not exist for this admin.
               if (!user.ok() || user->organisation_id != s.actor.organisation_id)
                 return ProblemResponse(Status::NotFound("Deze gebruiker bestaat niet."));
               Status st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, "user.read", "user/" + user->username,
                                                                std::nullopt, "success"));
               if (!st.ok()) return ProblemResponse(st);
               return UserResponse(200, *user);
             }));

  router.Add("PATCH", "/api/v1/users/{id}", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemResponse(Status::Forbidden());
               auto version = http::RequireIfMatch(req);
               if (!version.ok()) return ProblemResponse(version.status());
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemResponse(body.status());
               FieldReader f(*body, {"display_name", "role", "disabled"});
               UserChange change{f.String("display_name", false, 100), f.String("role", false, 20), f.Bool("disabled")};
               std::string id = req.Param("id");
               if (id == s.actor.user_id && (change.disabled.value_or(false) || (change.role && *change.role != "admin")))
                 f.Error(change.disabled ? "disabled" : "role", "U kunt uw eigen beheerrechten niet intrekken.");
               if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
               std::optional<User> updated;
               Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
                 auto target = AccountRepo::ById(tx, id);
                 // Another organisation's user does not exist for this admin.
                 if (!target.ok() || target->organisation_id != s.actor.organisation_id)
                   return Status::NotFound("Deze gebruiker bestaat niet.");
                 ASSIGN_OR_RETURN(updated, AccountRepo::Update(tx, id, *version, change, s.actor.user_id));
                 RETURN_IF_ERROR(ctx.audit.Append(tx, AuditFor(req, s.actor, "user.update", "user/" + updated->username,
                                                               std::nullopt, "success")));
                 // A role change gets a row of its own: it is what gives or takes access to families.
                 if (updated->role == target->role) return Status::Ok();
                 return ctx.audit.Append(tx, AuditFor(req, s.actor, "user.role_change", "user/" + updated->username,
                                                      std::nullopt, "success"));
               });
               if (!st.ok()) return ProblemResponse(st);
               return UserResponse(200, *updated);
             }));
}

}  // namespace kansrijk::security
