#include "families/api.h"

#include "families/model.h"
#include "families/repo.h"
#include "platform/api_helpers.h"
#include "platform/json_writer.h"
#include "security/policy.h"
#include "trajectory/model.h"

namespace kansrijk::families {

using http::FieldReader;
using http::Json;
using http::ProblemResponse;
using http::Request;
using http::Response;
using security::Action;
using security::ApiContext;
using security::AuditFor;
using security::Session;

void WriteMember(http::JsonWriter& w, const Member& m) {
  w.BeginObject()
      .Key("id").String(m.id)
      .Key("family_id").String(m.family_id)
      .Key("given_name").String(m.given_name)
      .Key("family_name").String(m.family_name)
      .Key("birth_date").OptString(m.birth_date)
      .Key("sex").String(m.sex)
      .Key("household_role").String(m.household_role)
      .Key("version").Int(m.version)
      .Key("created_at").String(m.created_at)
      .Key("updated_at").String(m.updated_at)
      .EndObject();
}

void WriteFamily(http::JsonWriter& w, const Family& f, const std::vector<Member>* members) {
  w.BeginObject()
      .Key("id").String(f.id)
      .Key("name").String(f.name)
      .Key("coach_id").OptString(f.coach_id)
      .Key("coach_name").OptString(f.coach_id ? std::optional(f.coach_name) : std::nullopt)
      .Key("status").String(f.status)
      .Key("version").Int(f.version)
      .Key("created_at").String(f.created_at)
      .Key("updated_at").String(f.updated_at)
      .Key("member_count").Int(f.member_count)
      .Key("programme_id").OptString(f.programme_id)
      .Key("programme_name").OptString(f.programme_id ? std::optional(f.programme_name) : std::nullopt)
      .Key("phase").String(f.phase)
      .Key("waiting_since").OptString(f.waiting_since)
      .Key("waiting_days");
  if (f.waiting_since) w.Int(trajectory::WaitingDays(*f.waiting_since, Now()));
  else w.Null();
  w.Key("intake_date").OptString(f.intake_date)
      .Key("closing_reason").OptString(f.closing_reason)
      .Key("closing_summary").OptString(f.closing_summary)
      .Key("referral");
  if (f.referrer_kind) {
    w.BeginObject()
        .Key("referrer_organisation").String(f.referrer_organisation.value_or(""))
        .Key("referrer_kind").String(*f.referrer_kind)
        .Key("reason").String(f.referral_reason.value_or(""))
        .Key("contact").BeginObject();
    if (f.contact_phone) w.Key("phone").String(*f.contact_phone);
    if (f.contact_email) w.Key("email").String(*f.contact_email);
    if (f.contact_address) w.Key("address").String(*f.contact_address);
    w.EndObject().EndObject();
  } else {
    w.Null();
  }
  if (members) {
    w.Key("members").BeginArray();
    for (const auto& m : *members) WriteMember(w, m);
    w.EndArray();
  }
  w.EndObject();
}

Json MemberJson(const Member& m) {
  http::JsonWriter w;
  WriteMember(w, m);
  return Json::parse(w.Take());
}

Json FamilyJson(const Family& f) {
  http::JsonWriter w;
  WriteFamily(w, f, nullptr);
  return Json::parse(w.Take());
}

Json FamilyWithMembers(const Family& f, const std::vector<Member>& members) {
  http::JsonWriter w;
  WriteFamily(w, f, &members);
  return Json::parse(w.Take());
}

namespace {

Response WithETag(Response res, int64_t version) {
  res.headers.emplace("ETag", http::ETagFor(version));
  return res;
}

std::string FamilyResource(const std::string& id) { return "family/" + id; }

void Merge(FieldErrors& into, const FieldErrors& from) {
  for (const auto& [k, v] : from) into[k].insert(into[k].end(), v.begin(), v.end());
}

}  // namespace

// Reads member fields from a JSON object; `prefix` names the fields in errors (members[0].given_name).
MemberFields ReadMemberFields(const Json& obj, FieldErrors& errors, const std::string& prefix) {
  FieldReader f(obj, {"given_name", "family_name", "birth_date", "sex", "household_role"});
  MemberFields m;
  m.given_name = f.String("given_name", false, kMaxPersonNameChars + 1);
  m.family_name = f.String("family_name", false, kMaxPersonNameChars + 1);
  if (f.IsNull("birth_date")) m.birth_date = std::optional<std::string>();
  else if (auto b = f.String("birth_date", false, 10)) m.birth_date = std::optional<std::string>(*b);
  m.sex = f.String("sex", false, 20);
  m.household_role = f.String("household_role", false, 20);
  for (auto& [field, messages] : f.errors())
    for (auto& msg : messages) errors[prefix + field].push_back(msg);
  return m;
}

Response Refuse(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                const std::string& resource, const std::optional<std::string>& family_id, const Status& why) {
  Status audited = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, resource, family_id, security::OutcomeOf(why)));
  return ProblemResponse(audited.ok() ? why : audited);
}

Response FailedWrite(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                     const std::string& resource, const Status& why) {
  if (why.code() == Code::kNotFound || why.code() == Code::kPermissionDenied)
    return Refuse(ctx, req, s, action, resource, std::nullopt, why);
  return ProblemResponse(why);
}

std::optional<Response> AuditedFamilyRead(ApiContext& ctx, const Request& req, const Session& s, Action action,
                                          const std::string& action_name, const std::string& resource,
                                          const std::function<Status(db::Connection&)>& read) {
  const std::string id = req.Param("id");
  std::optional<std::string> same_org_family;
  Status st = RoleAllows(s, action);
  if (st.ok())
    st = ctx.db.Read([&](db::Connection& c) -> Status {
      RETURN_IF_ERROR(AuthorizedFamily(c, s, id, action, &same_org_family).status());
      return read(c);
    });
  if (!st.ok()) return Refuse(ctx, req, s, action_name, resource, same_org_family, st);
  // The read is on record before anyone sees the data.
  st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action_name, resource, id, "success"));
  if (!st.ok()) return ProblemResponse(st);
  return std::nullopt;
}

// Loads a family and applies the policy for `action`. Unknown ids and ids outside the caller's
// reach look the same (404).
Result<Family> AuthorizedFamily(db::Connection& c, const Session& s, const std::string& id, Action action,
                                std::optional<std::string>* same_org_family) {
  auto family = FamilyRepo::Get(c, id);
  if (!family.ok()) return family.status();
  if (same_org_family && family->organisation_id == s.actor.organisation_id) *same_org_family = id;
  security::FamilyScope scope{family->organisation_id, family->coach_id};
  RETURN_IF_ERROR(security::ToStatus(security::Decide(s.actor, action, &scope)));
  return family;
}

// For reads: the role check comes first, so a role without access gets 403 for any id.
Status RoleAllows(const Session& s, Action action) {
  // A family-bound action with a scope of our own org and no coach tells whether the role has it at all.
  security::FamilyScope probe{s.actor.organisation_id, s.actor.user_id};
  return security::Decide(s.actor, action, &probe) == security::Decision::kDenyRole ? Status::Forbidden()
                                                                                     : Status::Ok();
}

namespace {

Response ListFamilies(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "family.list";
  auto scope = security::ScopeFamilyList(s.actor);
  if (!scope.ok()) return Refuse(ctx, req, s, action, "families", std::nullopt, scope.status());
  FieldErrors errors;
  FamilyListQuery q;
  q.organisation_id = scope->organisation_id;
  auto limit = http::ParseLimit(req);
  if (!limit.ok()) Merge(errors, limit.status().field_errors()); else q.limit = *limit;
  std::string sort = req.QueryValue("sort").value_or("");
  if (sort.empty()) sort = "name";
  if (sort == "waiting") q.sort = FamilyListQuery::Sort::kByWaiting;
  else if (sort == "updated") q.sort = FamilyListQuery::Sort::kByUpdated;
  else if (sort != "name") errors["sort"].push_back("Kies name, waiting of updated.");
  if (auto cursor = req.QueryValue("cursor"); cursor && !cursor->empty()) {
    // Name-sorted cursors are [key, id] (as before issue 4); the others say their sort first, so a
    // cursor from one order is never read as a position in another.
    if (sort == "name") {
      auto parts = http::DecodeCursor(*cursor, 2);
      if (!parts.ok()) Merge(errors, parts.status().field_errors());
      else q.after = std::pair{(*parts)[0], (*parts)[1]};
    } else {
      auto parts = http::DecodeCursor(*cursor, 3);
      if (!parts.ok() || (*parts)[0] != sort) errors["cursor"].push_back("Deze cursor is niet geldig. Begin opnieuw bij de eerste pagina.");
      else q.after = std::pair{(*parts)[1], (*parts)[2]};
    }
  }
  if (auto phase = req.QueryValue("phase"); phase && !phase->empty()) {
    if (!trajectory::IsPhase(*phase)) errors["phase"].push_back("Kies aanmelding, intake, actief, afsluiting of nazorg.");
    q.phase = *phase;
  }
  if (auto programme = req.QueryValue("programme_id"); programme && !programme->empty()) {
    if (programme->size() > 64) errors["programme_id"].push_back("Dit programma bestaat niet.");
    q.programme_id = *programme;
  }
  if (auto status = req.QueryValue("status"); status && !status->empty()) {
    if (!IsFamilyStatus(*status)) errors["status"].push_back("Kies active of archived.");
    q.status = *status;
  }
  if (auto coach = req.QueryValue("coach_id"); coach && !coach->empty()) q.coach_id = *coach;
  if (scope->only_coach_id) {
    // A coach's list is their own caseload; a filter for someone else's simply finds nothing.
    if (q.coach_id && *q.coach_id != *scope->only_coach_id) q.coach_id = "\x01none";
    else q.coach_id = scope->only_coach_id;
  }
  if (auto text = req.QueryValue("q"); text && !text->empty()) {
    if (text->size() > 200) errors["q"].push_back("De zoekterm is te lang.");
    q.name_contains = *text;
  }
  if (!errors.empty()) return ProblemResponse(Status::Invalid(errors));
  FamilyPage page;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, FamilyRepo::List(c, q));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  // Searches are logged too (NEN 7513); the list itself is not tied to one family.
  st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, q.name_contains ? "families?search" : "families",
                                            std::nullopt, "success"));
  if (!st.ok()) return ProblemResponse(st);
  http::JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& f : page.items) WriteFamily(w, f, nullptr);
  w.EndArray().Key("next_cursor");
  if (!page.next) w.Null();
  else if (sort == "name") w.String(http::EncodeCursor({page.next->first, page.next->second}));
  else w.String(http::EncodeCursor({sort, page.next->first, page.next->second}));
  return http::JsonTextResponse(200, w.EndObject().Take());
}

Response CreateFamily(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "family.create";
  if (security::Decide(s.actor, Action::kFamilyCreate) != security::Decision::kAllow)
    return Refuse(ctx, req, s, action, "families", std::nullopt, Status::Forbidden());
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"name", "coach_id", "members"});
  auto name = f.String("name", true, kMaxFamilyNameChars);
  auto coach_id = f.String("coach_id", false, 64);
  std::vector<MemberFields> members;
  Date today = TodayInAmsterdam(Now());
  if (const Json* list = f.Array("members")) {
    if (list->size() > 50) f.Error("members", "Een huishouden kan hier hoogstens 50 leden hebben.");
    for (size_t i = 0; i < list->size() && i < 50; ++i) {
      std::string prefix = "members[" + std::to_string(i) + "].";
      if (!(*list)[i].is_object()) {
        f.Error("members[" + std::to_string(i) + "]", "Elk gezinslid moet een object zijn.");
        continue;
      }
      auto m = ReadMemberFields((*list)[i], f.errors(), prefix);
      Merge(f.errors(), ValidateMember(m, true, today, prefix));
      members.push_back(std::move(m));
    }
  }
  if (s.actor.role == security::Role::kCoach) {
    // A coach who registers a family becomes its coach; they cannot hand it to someone else.
    if (coach_id && *coach_id != s.actor.user_id)
      return Refuse(ctx, req, s, action, "families", std::nullopt,
                    Status::Forbidden("Alleen een teamleider kan een gezin aan een andere coach toewijzen."));
    coach_id = s.actor.user_id;
  }
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::optional<Family> created;
  std::vector<Member> created_members;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    if (coach_id && s.actor.role != security::Role::kCoach)
      RETURN_IF_ERROR(FamilyRepo::CheckCoach(tx, s.actor.organisation_id, *coach_id));
    ASSIGN_OR_RETURN(created, FamilyRepo::Insert(tx, s.actor.organisation_id, *name, coach_id));
    for (const auto& m : members) {
      ASSIGN_OR_RETURN(auto member, FamilyRepo::InsertMember(tx, created->id, m));
      created_members.push_back(std::move(member));
    }
    created->member_count = int64_t(created_members.size());
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, FamilyResource(created->id), created->id, "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  auto res = WithETag(http::JsonResponse(201, FamilyWithMembers(*created, created_members)), created->version);
  res.headers.emplace("Location", "/api/v1/families/" + created->id);
  return res;
}

Response GetFamily(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "family.read";
  std::optional<Family> family;
  std::vector<Member> members;
  std::optional<std::string> same_org_family;
  Status st = RoleAllows(s, Action::kFamilyRead);
  if (st.ok())
    st = ctx.db.Read([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(family, AuthorizedFamily(c, s, id, Action::kFamilyRead, &same_org_family));
      ASSIGN_OR_RETURN(members, FamilyRepo::Members(c, id));
      return Status::Ok();
    });
  if (!st.ok()) return Refuse(ctx, req, s, action, FamilyResource(id), same_org_family, st);
  // The read is on record before anyone sees the data.
  st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, FamilyResource(id), id, "success"));
  if (!st.ok()) return ProblemResponse(st);
  family->member_count = int64_t(members.size());
  http::JsonWriter w;
  WriteFamily(w, *family, &members);
  return WithETag(http::JsonTextResponse(200, w.Take()), family->version);
}

Response PatchFamily(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "family.update";
  if (auto st = RoleAllows(s, Action::kFamilyUpdate); !st.ok())
    return Refuse(ctx, req, s, action, FamilyResource(id), std::nullopt, st);
  auto version = http::RequireIfMatch(req);
  if (!version.ok()) return ProblemResponse(version.status());
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"name", "coach_id", "status"});
  auto name = f.String("name", false, kMaxFamilyNameChars);
  if (name && name->empty()) f.Error("name", "Vul een naam in; die mag niet leeg zijn.");
  bool coach_change = f.Present("coach_id");
  auto coach_id = f.String("coach_id", false, 64);
  auto status = f.String("status", false, 20);
  if (status && !IsFamilyStatus(*status)) f.Error("status", "Kies active of archived.");
  if (f.IsNull("name") || f.IsNull("status")) f.Error(f.IsNull("name") ? "name" : "status", "Dit veld mag niet leeg zijn.");
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);

  std::optional<Family> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(Family current, AuthorizedFamily(tx, s, id, Action::kFamilyUpdate));
    std::optional<std::string> new_coach = current.coach_id;
    if (coach_change && coach_id != current.coach_id) {
      security::FamilyScope scope{current.organisation_id, current.coach_id};
      if (security::Decide(s.actor, Action::kFamilyAssignCoach, &scope) != security::Decision::kAllow)
        return Status::Forbidden("Alleen een teamleider kan de coach van een gezin wijzigen.");
      if (coach_id) RETURN_IF_ERROR(FamilyRepo::CheckCoach(tx, s.actor.organisation_id, *coach_id));
      new_coach = coach_id;
    }
    ASSIGN_OR_RETURN(updated, FamilyRepo::Update(tx, current, *version, name.value_or(current.name), new_coach,
                                                 status.value_or(current.status)));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, FamilyResource(id), id, "success"));
  });
  if (!st.ok()) {
    if (st.code() == Code::kInvalidArgument || st.code() == Code::kFailedPrecondition) return ProblemResponse(st);
    return Refuse(ctx, req, s, action, FamilyResource(id), std::nullopt, st);
  }
  return WithETag(http::JsonResponse(200, FamilyJson(*updated)), updated->version);
}

Response ListMembers(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  std::vector<Member> members;
  if (auto refused = AuditedFamilyRead(ctx, req, s, Action::kMemberRead, "member.list", FamilyResource(id) + "/members",
                                       [&](db::Connection& c) -> Status {
                                         ASSIGN_OR_RETURN(members, FamilyRepo::Members(c, id));
                                         return Status::Ok();
                                       }))
    return *refused;
  Json items = Json::array();
  for (const auto& m : members) items.push_back(MemberJson(m));
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response CreateMember(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "member.create";
  if (auto st = RoleAllows(s, Action::kMemberWrite); !st.ok())
    return Refuse(ctx, req, s, action, FamilyResource(id) + "/members", std::nullopt, st);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldErrors errors;
  auto fields = ReadMemberFields(*body, errors, "");
  Merge(errors, ValidateMember(fields, true, TodayInAmsterdam(Now())));
  if (!errors.empty()) return ProblemResponse(Status::Invalid(errors));
  std::optional<Member> created;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(AuthorizedFamily(tx, s, id, Action::kMemberWrite).status());
    ASSIGN_OR_RETURN(created, FamilyRepo::InsertMember(tx, id, fields));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, FamilyResource(id) + "/members/" + created->id, id,
                                         "success"));
  });
  if (!st.ok()) return Refuse(ctx, req, s, action, FamilyResource(id) + "/members", std::nullopt, st);
  auto res = WithETag(http::JsonResponse(201, MemberJson(*created)), created->version);
  res.headers.emplace("Location", "/api/v1/families/" + id + "/members/" + created->id);
  return res;
}

Response GetMember(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), mid = req.Param("mid");
  std::optional<Member> member;
  if (auto refused = AuditedFamilyRead(ctx, req, s, Action::kMemberRead, "member.read",
                                       FamilyResource(id) + "/members/" + mid, [&](db::Connection& c) -> Status {
                                         ASSIGN_OR_RETURN(member, FamilyRepo::GetMember(c, id, mid));
                                         return Status::Ok();
                                       }))
    return *refused;
  http::JsonWriter w;
  WriteMember(w, *member);
  return WithETag(http::JsonTextResponse(200, w.Take()), member->version);
}

Response PatchMember(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), mid = req.Param("mid"), action = "member.update";
  const std::string resource = FamilyResource(id) + "/members/" + mid;
  if (auto st = RoleAllows(s, Action::kMemberWrite); !st.ok())
    return Refuse(ctx, req, s, action, resource, std::nullopt, st);
  auto version = http::RequireIfMatch(req);
  if (!version.ok()) return ProblemResponse(version.status());
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldErrors errors;
  auto change = ReadMemberFields(*body, errors, "");
  for (const char* required : {"given_name", "sex", "household_role"})
    if (body->contains(required) && body->at(required).is_null()) errors[required].push_back("Dit veld mag niet leeg zijn.");
  Merge(errors, ValidateMember(change, false, TodayInAmsterdam(Now())));
  if (!errors.empty()) return ProblemResponse(Status::Invalid(errors));
  std::optional<Member> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(AuthorizedFamily(tx, s, id, Action::kMemberWrite).status());
    ASSIGN_OR_RETURN(Member current, FamilyRepo::GetMember(tx, id, mid));
    ASSIGN_OR_RETURN(updated, FamilyRepo::UpdateMember(tx, ApplyMemberChange(current, change), *version));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, resource, id, "success"));
  });
  if (!st.ok()) {
    if (st.code() == Code::kFailedPrecondition) return ProblemResponse(st);
    return Refuse(ctx, req, s, action, resource, std::nullopt, st);
  }
  return WithETag(http::JsonResponse(200, MemberJson(*updated)), updated->version);
}

Response AccessLog(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "access_log.read";
  auto limit = http::ParseLimit(req);
  if (!limit.ok()) return ProblemResponse(limit.status());
  int64_t before = 0;
  if (auto cursor = req.QueryValue("cursor"); cursor && !cursor->empty()) {
    auto parts = http::DecodeCursor(*cursor, 1);
    if (!parts.ok()) return ProblemResponse(parts.status());
    try {
      before = std::stoll((*parts)[0]);
    } catch (...) {
      return ProblemResponse(Status::InvalidField("cursor", "Deze cursor is niet geldig."));
    }
  }
  Status st = RoleAllows(s, Action::kAccessLogRead);
  if (st.ok())
    st = ctx.db.Read([&](db::Connection& c) { return AuthorizedFamily(c, s, id, Action::kAccessLogRead).status(); });
  if (!st.ok()) return Refuse(ctx, req, s, action, FamilyResource(id) + "/access-log", std::nullopt, st);
  // Reading the log is itself logged (NEN 7513), before the page is read, so it shows up in it.
  st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, FamilyResource(id) + "/access-log", id, "success"));
  if (!st.ok()) return ProblemResponse(st);
  auto rows = ctx.audit.ForFamily(ctx.db, id, *limit + 1, before);
  if (!rows.ok()) return ProblemResponse(rows.status());
  Json items = Json::array();
  for (size_t i = 0; i < rows->size() && i < size_t(*limit); ++i) {
    const auto& r = (*rows)[i];
    items.push_back({{"seq", r.seq},
                     {"at", r.at},
                     {"user_id", r.user_id},
                     {"user_name", r.user_name},
                     {"role", r.role},
                     {"action", r.action},
                     {"outcome", r.outcome},
                     {"request_id", r.request_id}});
  }
  Json next = rows->size() > size_t(*limit) ? Json(http::EncodeCursor({std::to_string((*rows)[*limit - 1].seq)}))
                                            : Json(nullptr);
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", next}});
}

}  // namespace

void RegisterFamilyRoutes(http::Router& router, ApiContext& ctx) {
  auto route = [&](const char* method, const char* pattern, security::FeatureHandler fn) {
    security::AddRoute(router, ctx, method, pattern, fn);
  };
  route("GET", "/api/v1/families", ListFamilies);
  route("POST", "/api/v1/families", CreateFamily);
  route("GET", "/api/v1/families/{id}", GetFamily);
  route("PATCH", "/api/v1/families/{id}", PatchFamily);
  route("GET", "/api/v1/families/{id}/members", ListMembers);
  route("POST", "/api/v1/families/{id}/members", CreateMember);
  route("GET", "/api/v1/families/{id}/members/{mid}", GetMember);
  route("PATCH", "/api/v1/families/{id}/members/{mid}", PatchMember);
  route("GET", "/api/v1/families/{id}/access-log", AccessLog);
}

}  // namespace kansrijk::families
