// The one access pipeline. Every API route is declared once, as a RouteSpec: method, path
// pattern, the policy action, where its scope comes from, and the handler. For each request the
// pipeline, in this order:
//   1. picks the language of the answer (Accept-Language: nl default, en);
//   2. authenticates the session (401), checks the CSRF token on writes (403);
//   3. asks the policy whether the principal's kind and role may ever do this (403);
//   4. checks every path parameter against the id format (a malformed id is 404, like an
//      unknown one, and never reaches the database);
//   5. asks the policy about the scope — for a family-bound action the family is loaded and
//      decided on (404 outside the caller's reach);
//   6. reads If-Match on routes that update a versioned row (428, 412);
//   7. runs the handler, which only translates HTTP to a service call and back;
//   8. writes the audit row — reads, writes and refusals alike, with the family id whenever the
//      family is of the caller's own organisation — and turns a Status into problem+json in the
//      request's language, a Reply's version into an ETag.
// Features never include another feature's HTTP header; they register their routes here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"
#include "platform/http.h"
#include "platform/messages.h"
#include "security/audit.h"
#include "security/policy.h"
#include "security/sessions.h"

namespace kansrijk::security {

// What the pipeline and its handlers share; owned by the app, outlives the server.
struct ApiContext {
  db::Database& db;
  const AuditLog& audit;
  SessionService& sessions;
  bool secure_cookies = false;  // add `Secure` when served over TLS
  // Loads the scope of a family for the policy: its organisation and coaches. kNotFound when
  // there is no such family. Provided by the families feature (the app wires it), so security
  // knows no feature.
  std::function<Result<FamilyScope>(db::Connection&, const std::string& family_id)> load_family_scope;
  // A state rule over a family-bound write, run inside its transaction after the policy (e.g.
  // the hold after coaching consent was withdrawn). Provided by a feature, wired by the app;
  // empty: no such rule.
  std::function<Status(db::Connection&, const std::string& family_id, Action action)> case_write_guard;
};

// A handler's answer when it succeeds.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::optional<int64_t> version;  // sent as ETag
  http::Headers headers;

  static Reply Json(int status, const http::Json& body);
  static Reply JsonText(int status, std::string body);  // already-written JSON text
  static Reply NoContent();
  Reply& WithVersion(int64_t v) { version = v; return *this; }
  Reply& WithLocation(std::string location) {
    headers.emplace("Location", std::move(location));
    return *this;
  }
  Reply& WithHeader(std::string name, std::string value) {
    headers.emplace(std::move(name), std::move(value));
    return *this;
  }
};

class Call;
using RouteHandler = std::function<Result<Reply>(Call&)>;

struct RouteSpec {
  std::string method;
  std::string pattern;  // "/api/v1/families/{id}/members/{mid}"; {id} names the family on family-bound routes
  Action action;
  RouteHandler handler;
  bool needs_version = false;  // an update of a versioned row: If-Match is required
  // The scope comes from the action's row: the caller's organisation, the family named by {id},
  // or none for a public action (signing in), whose use case writes its own audit row.
};

// One request as the handler sees it, after the pipeline has let it through.
class Call {
 public:
  http::Request& req;
  ApiContext& ctx;
  const Lang lang;

  // The signed-in principal (public routes have none: do not call).
  const Actor& actor() const { return session_->actor; }
  const Session& session() const { return *session_; }
  // The family of a family-bound route, as the policy decided on it.
  const FamilyScope& family() const { return *family_; }
  const std::string& family_id() const { return family_->family_id; }
  // The version from If-Match on routes with needs_version.
  int64_t if_match() const { return *if_match_; }
  // The audit resource, "family/<id>/members/<mid>" by default; a handler that creates a row
  // names it here so the audit row points at what was made.
  std::string resource;

  // Whether the policy allows `action` on the same scope (e.g. assigning a coach while updating).
  bool Allowed(Action action) const;
  // Runs `read` in a read transaction.
  Status Read(const std::function<Status(db::Connection&)>& read);
  // Runs `write` in one write transaction: the scope is decided again inside it (a change of
  // coach in between cannot slip through), and the audit row of the success is appended in
  // the same transaction, so a write and its audit row commit together or not at all.
  Status Write(const std::function<Status(db::Connection&)>& write);
  // Inside a Write: an audit row for one more action in the same transaction (e.g. the role
  // change that an account update also made).
  void AlsoAudit(Action action) { also_audit_.push_back(action); }

  Call(http::Request& r, ApiContext& c, Lang l, const Session* s, const FamilyScope* f, std::optional<int64_t> v,
       Action action, std::string res);
  bool audited() const { return audited_; }
  // The action the route was declared with.
  Action action() const { return action_; }

 private:
  const Session* session_;
  const FamilyScope* family_;
  std::optional<int64_t> if_match_;
  Action action_;
  bool audited_ = false;
  std::vector<Action> also_audit_;
};

// The route table of the server. Add() wraps each spec in the pipeline and registers it.
class Routes {
 public:
  Routes(http::Router& router, ApiContext& ctx) : router_(router), ctx_(ctx) {}
  void Add(RouteSpec spec);

  struct Info {
    std::string method;
    std::string pattern;
    std::string action;  // audit name
    std::string scope;   // "organisation", "family", "referral" or "public"
    bool needs_version = false;
  };
  // Every route added, sorted by pattern then method (for `kansrijk routes --json` and the
  // test that walks every route).
  std::vector<Info> Describe() const;

 private:
  http::Router& router_;
  ApiContext& ctx_;
  std::vector<Info> infos_;
};

// True for an id as NewId() makes them (22 lowercase hex digits). Pure.
bool IsWellFormedId(std::string_view id);
// The language a request asks for.
Lang RequestLang(const http::Request& req);
// The audit resource for a path: "/api/v1/families/x/members" -> "family/x/members". Pure.
std::string ResourceForPath(std::string_view path);

}  // namespace kansrijk::security
