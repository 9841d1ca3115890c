#include "security/api.h"

#include <chrono>

#include "platform/api_helpers.h"
#include "security/passwords.h"
#include "security/guard.h"
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
          {"version", u.version}};
}

namespace {

// A problem answer in the language the request asks for.
Response ProblemFor(const Request& req, const Status& status) { return http::ProblemResponse(status, RequestLang(req)); }

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

// Runs a change to the caller's own account in one transaction with its audit row.
Response ChangeOwnAccount(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                          const std::function<Status(db::Connection&)>& change) {
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(change(tx));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, "user/" + s.actor.username, std::nullopt, "success"));
  });
  return st.ok() ? http::NoContent() : ProblemFor(req, st);
}

Response Login(ApiContext& ctx, Request& req) {
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemFor(req, body.status());
  FieldReader f(*body, {"username", "password", "totp_code"});
  auto username = f.String("username", true, 64);
  // Passwords are taken as typed (no trimming, any characters): read them raw.
  std::optional<std::string> password;
  if (!f.Present("password") || !body->at("password").is_string() || body->at("password").get<std::string>().empty())
    f.Error("password", "required");
  else if (body->at("password").get<std::string>().size() > kMaxPasswordLength)
    f.Error("password", "too_long", {{"max", "256"}});
  else
    password = body->at("password").get<std::string>();
  auto code = f.String("totp_code", false, 10);
  if (auto st = f.Finish(); !st.ok()) return ProblemFor(req, st);
  auto ok = ctx.sessions.Login(*username, *password, code.value_or(""), ClientOf(req));
  if (!ok.ok()) return ProblemFor(req, ok.status());
  auto res = http::JsonResponse(200, {{"user", UserJson(ok->user)}, {"csrf_token", ok->csrf_token}});
  res.headers.emplace("Set-Cookie", SessionCookie(ok->token, ctx.secure_cookies));
  return res;
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/auth/login", [&ctx](Request& req) { return Login(ctx, req); });

  router.Add("POST", "/api/v1/auth/logout", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               Status st = ctx.sessions.Logout(s, ClientOf(req));
               if (!st.ok()) return ProblemFor(req, st);
               auto res = http::NoContent();
               res.headers.emplace("Set-Cookie", ClearedSessionCookie(ctx.secure_cookies));
               return res;
             }));

  router.Add("GET", "/api/v1/me", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto user = LoadUser(ctx, s.actor.user_id);
               if (!user.ok()) return ProblemFor(req, user.status());
               // What the user may do, from the policy: the web shows menus, tabs and buttons from this.
               return http::JsonResponse(200, {{"user", UserJson(*user)},
                                               {"kind", PrincipalKindName(s.actor.kind)},
                                               {"capabilities", Capabilities(s.actor)},
                                               {"csrf_token", s.csrf_token}});
             }));

  router.Add("POST", "/api/v1/me/password", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemFor(req, body.status());
               FieldReader f(*body, {"current_password", "new_password"});
               std::string current, next;
               for (auto [name, out] : {std::pair{"current_password", &current}, std::pair{"new_password", &next}}) {
                 if (!body->contains(name) || !body->at(name).is_string()) f.Error(name, "required");
                 else *out = body->at(name).get<std::string>();
               }
               if (!f.errors().contains("new_password"))
                 if (auto problem = CheckPasswordRule(next)) f.Error("new_password", problem->code, problem->params);
               if (auto st = f.Finish(); !st.ok()) return ProblemFor(req, st);
               auto user = LoadUser(ctx, s.actor.user_id);
               if (!user.ok()) return ProblemFor(req, user.status());
               if (!VerifyPassword(user->password_hash, current))
                 return ProblemFor(req, Status::InvalidField("current_password", "password_wrong"));
               return ChangeOwnAccount(ctx, req, s, "user.password_change", [&](db::Connection& tx) -> Status {
                 RETURN_IF_ERROR(AccountRepo::SetPassword(tx, s.actor.user_id, next));
                 // Other devices signed in with the old password are signed out.
                 return SessionService::RevokeOthers(tx, s.actor.user_id, s.token_hash);
               });
             }));

  router.Add("POST", "/api/v1/me/totp/setup", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (s.totp_enabled)
                 return ProblemFor(req, Status(Code::kConflict, "totp_already_on"));
               std::string secret = NewTotpSecret();
               auto res = ChangeOwnAccount(ctx, req, s, "user.totp_setup", [&](db::Connection& tx) {
                 return AccountRepo::SetTotp(tx, s.actor.user_id, secret, false);
               });
               if (res.status != 204) return res;
               return http::JsonResponse(200, {{"secret", secret}, {"otpauth_uri", TotpUri(s.actor.username, secret)}});
             }));

  router.Add("POST", "/api/v1/me/totp/enable", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemFor(req, body.status());
               FieldReader f(*body, {"code"});
               auto code = f.String("code", true, 10);
               if (auto st = f.Finish(); !st.ok()) return ProblemFor(req, st);
               auto user = LoadUser(ctx, s.actor.user_id);
               if (!user.ok()) return ProblemFor(req, user.status());
               if (!user->totp_secret)
                 return ProblemFor(req, Status::InvalidField("code", "totp_setup_first"));
               if (!VerifyTotp(*user->totp_secret, *code, std::time(nullptr)))
                 return ProblemFor(req, Status::InvalidField("code", "totp_wrong"));
               return ChangeOwnAccount(ctx, req, s, "user.totp_enable", [&](db::Connection& tx) {
                 return AccountRepo::SetTotp(tx, s.actor.user_id, user->totp_secret, true);
               });
             }));

  router.Add("POST", "/api/v1/me/totp/disable", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemFor(req, body.status());
               FieldReader f(*body, {"password"});
               if (!body->contains("password") || !body->at("password").is_string())
                 f.Error("password", "required");
               if (auto st = f.Finish(); !st.ok()) return ProblemFor(req, st);
               auto user = LoadUser(ctx, s.actor.user_id);
               if (!user.ok()) return ProblemFor(req, user.status());
               if (!VerifyPassword(user->password_hash, body->at("password").get<std::string>()))
                 return ProblemFor(req, Status::InvalidField("password", "password_wrong"));
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
                 if (!role) return ProblemFor(req, Status::InvalidField("role", "choose_one_of", {{"options", "admin, team_lead, coach"}}));
               }
               bool manager = Decide(s.actor, Action::kUserManage) == Decision::kAllow;
               if (!manager && Decide(s.actor, Action::kUserListStaff) != Decision::kAllow)
                 return ProblemFor(req, Status::Forbidden());
               if (!manager && role == Role::kAdmin) return ProblemFor(req, Status::Forbidden());
               std::vector<User> users;
               Status st = ctx.db.Read([&](db::Connection& c) -> Status {
                 ASSIGN_OR_RETURN(users, AccountRepo::List(c, s.actor.organisation_id, role));
                 return Status::Ok();
               });
               if (!st.ok()) return ProblemFor(req, st);
               Json items = Json::array();
               for (const auto& u : users) {
                 if (!manager && u.role == Role::kAdmin) continue;  // team leads see only staff they can assign
                 items.push_back(UserJson(u));
               }
               st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, "user.list", "users", std::nullopt, "success"));
               if (!st.ok()) return ProblemFor(req, st);
               return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
             }));

  router.Add("POST", "/api/v1/users", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemFor(req, Status::Forbidden());
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemFor(req, body.status());
               FieldReader f(*body, {"username", "display_name", "role", "password"});
               NewUser nu;
               nu.organisation_id = s.actor.organisation_id;
               nu.username = f.String("username", true, 64).value_or("");
               nu.display_name = f.String("display_name", true, 100).value_or("");
               nu.role = f.String("role", true, 20).value_or("");
               if (body->contains("password") && body->at("password").is_string())
                 nu.password = body->at("password").get<std::string>();
               else
                 f.Error("password", "required");
               if (auto st = f.Finish(); !st.ok()) return ProblemFor(req, st);
               std::optional<User> created;
               Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
                 ASSIGN_OR_RETURN(created, AccountRepo::AddUser(tx, nu));
                 return ctx.audit.Append(tx, AuditFor(req, s.actor, "user.create", "user/" + created->username,
                                                      std::nullopt, "success"));
               });
               if (st.code() == Code::kConflict)
                 return ProblemFor(req, Status::InvalidField("username", "username_taken"));
               if (!st.ok()) return ProblemFor(req, st);
               auto res = UserResponse(201, *created);
               res.headers.emplace("Location", "/api/v1/users/" + created->id);
               return res;
             }));

  router.Add("GET", "/api/v1/users/{id}", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemFor(req, Status::Forbidden());
               auto user = LoadUser(ctx, req.Param("id"));
               // Another organisation's user does not exist for this admin.
               if (!user.ok() || user->organisation_id != s.actor.organisation_id)
                 return ProblemFor(req, Status::NotFound("user_not_found"));
               Status st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, "user.read", "user/" + user->username,
                                                                std::nullopt, "success"));
               if (!st.ok()) return ProblemFor(req, st);
               return UserResponse(200, *user);
             }));

  router.Add("PATCH", "/api/v1/users/{id}", WithSession(ctx, [&ctx](Request& req, const Session& s) {
               if (Decide(s.actor, Action::kUserManage) != Decision::kAllow)
                 return ProblemFor(req, Status::Forbidden());
               auto version = http::RequireIfMatch(req);
               if (!version.ok()) return ProblemFor(req, version.status());
               auto body = http::ParseJsonObject(req.body);
               if (!body.ok()) return ProblemFor(req, body.status());
               FieldReader f(*body, {"display_name", "role", "disabled"});
               UserChange change{f.String("display_name", false, 100), f.String("role", false, 20), f.Bool("disabled")};
               std::string id = req.Param("id");
               if (id == s.actor.user_id && (change.disabled.value_or(false) || (change.role && *change.role != "admin")))
                 f.Error(change.disabled ? "disabled" : "role", "own_admin_rights");
               if (auto st = f.Finish(); !st.ok()) return ProblemFor(req, st);
               std::optional<User> updated;
               Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
                 auto target = AccountRepo::ById(tx, id);
                 // Another organisation's user does not exist for this admin.
                 if (!target.ok() || target->organisation_id != s.actor.organisation_id)
                   return Status::NotFound("user_not_found");
                 ASSIGN_OR_RETURN(updated, AccountRepo::Update(tx, id, *version, change));
                 return ctx.audit.Append(tx, AuditFor(req, s.actor, "user.update", "user/" + updated->username,
                                                      std::nullopt, "success"));
               });
               if (!st.ok()) return ProblemFor(req, st);
               return UserResponse(200, *updated);
             }));
}

}  // namespace kansrijk::security
