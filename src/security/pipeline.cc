#include "security/pipeline.h"

#include <algorithm>

#include "platform/api_helpers.h"
#include "platform/random.h"
#include "security/guard.h"

namespace kansrijk::security {

Reply Reply::Json(int status, const http::Json& body) {
  Reply r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, http::Json::error_handler_t::replace);
  return r;
}

Reply Reply::JsonText(int status, std::string body) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Reply Reply::NoContent() {
  Reply r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

bool IsWellFormedId(std::string_view id) {
  return id.size() == 22 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Lang RequestLang(const http::Request& req) { return LangFromAcceptLanguage(req.header("Accept-Language")); }

std::string ResourceForPath(std::string_view path) {
  if (path.starts_with("/api/v1/")) path.remove_prefix(8);
  std::string out(path);
  if (out.starts_with("families/")) out.replace(0, 9, "family/");
  return out;
}

namespace {

const char* ScopeLabel(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kOrganisation: return "organisation";
    case ScopeKind::kFamily: return "family";
    case ScopeKind::kReferral: return "referral";
    case ScopeKind::kPublic: return "public";
  }
  return "organisation";
}

http::Response ToResponse(Reply reply) {
  http::Response res;
  res.status = reply.status;
  res.body = std::move(reply.body);
  res.content_type = std::move(reply.content_type);
  res.headers = std::move(reply.headers);
  if (reply.version) res.headers.emplace("ETag", http::ETagFor(*reply.version));
  return res;
}

// Runs one request through the pipeline (see pipeline.h for the order).
http::Response Handle(ApiContext& ctx, const RouteSpec& spec, http::Request& req) {
  const Lang lang = RequestLang(req);
  const PolicyRow& row = RowFor(spec.action);
  const std::string action_name(row.name);

  if (row.scope == ScopeKind::kPublic) {
    Call call(req, ctx, lang, nullptr, nullptr, std::nullopt, spec.action, ResourceForPath(req.path));
    auto reply = spec.handler(call);
    if (!reply.ok()) return http::ProblemResponse(reply.status(), lang);
    return ToResponse(std::move(reply).value());
  }

  // 2. Who is calling.
  auto session = ctx.sessions.Resolve(SessionTokenFromCookie(req.header("Cookie")));
  if (!session.ok()) {
    auto res = http::ProblemResponse(session.status(), lang);
    if (session.status().code() == Code::kUnauthenticated)
      res.headers.emplace("Set-Cookie", ClearedSessionCookie(ctx.secure_cookies));
    return res;
  }
  const Actor& actor = session->actor;
  std::string resource = ResourceForPath(req.path);
  std::optional<std::string> audit_family;  // the family a refusal is put on record for
  auto refuse = [&](const Status& why) {
    Status audited = ctx.audit.AppendNow(ctx.db, AuditFor(req, actor, action_name, resource, audit_family, OutcomeOf(why)));
    return http::ProblemResponse(audited.ok() ? why : audited, lang);
  };

  bool is_write = req.method != "GET" && req.method != "HEAD";
  if (is_write && !SecureEquals(req.header("X-CSRF-Token"), session->csrf_token))
    return refuse(Status(Code::kPermissionDenied, "csrf").WithSlug("csrf"));

  // 3. The policy, first the principal: a role that never may gets 403 for any id.
  if (!MayEver(actor, spec.action)) return refuse(Status::Forbidden());

  // 4. Path parameters are ids; anything else cannot name a row and never reaches the database.
  for (const auto& [name, value] : req.path_params)
    if (!IsWellFormedId(value)) {
      resource = ResourceForPath(req.route);  // the malformed text is not worth keeping
      return refuse(row.scope == ScopeKind::kFamily && name == "id" ? Status::NotFound("family_not_found")
                                                                    : Status::NotFound());
    }

  // 5. The policy again, now on the scope.
  std::optional<FamilyScope> family;
  if (row.scope == ScopeKind::kFamily) {
    const std::string family_id = req.Param("id");
    Status st = ctx.db.Read([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(family, ctx.load_family_scope(c, family_id));
      return Status::Ok();
    });
    if (!st.ok()) return refuse(st.code() == Code::kNotFound ? Status::NotFound("family_not_found") : st);
    // Attempts on a family of the own organisation go on its access log; another
    // organisation's never do (that would show names across organisations).
    if (family->organisation_id == actor.organisation_id) audit_family = family_id;
  }
  if (auto decided = ToStatus(Decide(actor, spec.action, family ? &*family : nullptr)); !decided.ok())
    return refuse(decided);

  // 6. If-Match.
  std::optional<int64_t> version;
  if (spec.needs_version) {
    auto v = http::RequireIfMatch(req);
    if (!v.ok()) return refuse(v.status());
    version = *v;
  }

  // 7. The handler.
  Call call(req, ctx, lang, &session.value(), family ? &*family : nullptr, version, spec.action, resource);
  auto reply = spec.handler(call);
  resource = call.resource;
  if (!reply.ok()) {
    // A not-found of something inside a family of the own organisation stays on that family's log.
    return refuse(reply.status());
  }
  // 8. The audit row: already in the write's transaction, or now, before anyone sees the data.
  if (!call.audited()) {
    Status st = ctx.audit.AppendNow(ctx.db, AuditFor(req, actor, action_name, resource, audit_family, "success"));
    if (!st.ok()) return http::ProblemResponse(st, lang);
  }
  return ToResponse(std::move(reply).value());
}

}  // namespace

Call::Call(http::Request& r, ApiContext& c, Lang l, const Session* s, const FamilyScope* f, std::optional<int64_t> v,
           Action action, std::string res)
    : req(r), ctx(c), lang(l), resource(std::move(res)), session_(s), family_(f), if_match_(v), action_(action) {}

bool Call::Allowed(Action action) const { return Decide(actor(), action, family_) == Decision::kAllow; }

Status Call::Read(const std::function<Status(db::Connection&)>& read) { return ctx.db.Read(read); }

Status Call::Write(const std::function<Status(db::Connection&)>& write) {
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    also_audit_.clear();  // a retried transaction starts again
    std::optional<std::string> family_id;
    if (family_) {
      // Decide again inside the transaction: the coach may have changed since the check.
      ASSIGN_OR_RETURN(FamilyScope now, ctx.load_family_scope(tx, family_->family_id));
      RETURN_IF_ERROR(ToStatus(Decide(actor(), action_, &now)));
      family_id = family_->family_id;
      if (ctx.case_write_guard) RETURN_IF_ERROR(ctx.case_write_guard(tx, family_->family_id, action_));
    }
    RETURN_IF_ERROR(write(tx));
    // A write that made a family of the caller's organisation (POST /families, /referrals) names
    // it in `resource`; its audit row carries the family id, so it shows in that family's log.
    if (!family_id && resource.starts_with("family/")) {
      std::string rest = resource.substr(7);
      std::string id = rest.substr(0, rest.find('/'));
      if (IsWellFormedId(id)) family_id = id;
    }
    std::vector<AuditEntry> entries;
    entries.push_back(AuditFor(req, actor(), ActionName(action_), resource, family_id, "success"));
    for (Action a : also_audit_) entries.push_back(AuditFor(req, actor(), ActionName(a), resource, family_id, "success"));
    for (auto& e : entries) RETURN_IF_ERROR(ctx.audit.Append(tx, std::move(e)));
    return Status::Ok();
  });
  if (st.ok()) audited_ = true;
  return st;
}

void Routes::Add(RouteSpec spec) {
  const PolicyRow& row = RowFor(spec.action);
  infos_.push_back({spec.method, spec.pattern, std::string(row.name),
                    ScopeLabel(row.scope), spec.needs_version});
  auto shared = std::make_shared<RouteSpec>(std::move(spec));
  ApiContext& ctx = ctx_;
  router_.Add(shared->method, shared->pattern, [&ctx, shared](http::Request& req) { return Handle(ctx, *shared, req); });
}

std::vector<Routes::Info> Routes::Describe() const {
  auto out = infos_;
  std::sort(out.begin(), out.end(), [](const Info& a, const Info& b) {
    return std::tie(a.pattern, a.method) < std::tie(b.pattern, b.method);
  });
  return out;
}

}  // namespace kansrijk::security
