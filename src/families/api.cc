#include "families/api.h"

#include "families/service.h"
#include "families/wire.h"
#include "platform/api_helpers.h"
#include "platform/json_writer.h"

namespace kansrijk::families {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Reply MemberReply(int status, const Member& m) {
  http::JsonWriter w;
  WriteMember(w, m);
  return Reply::JsonText(status, w.Take()).WithVersion(m.version);
}

Result<Reply> ListMembers(Call& call) {
  std::vector<Member> members;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(members, FamilyRepo::Members(c, call.family_id()));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& m : members) items.push_back(MemberJson(m));
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

// Reads and validates member fields from the body; `is_new` requires the fields a new member needs.
Result<MemberFields> ReadMemberBody(const http::Request& req, bool is_new) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req.body));
  FieldErrors errors;
  auto fields = ReadMemberFields(body, errors, "");
  if (!is_new)
    for (const char* required : {"given_name", "sex", "household_role"})
      if (body.contains(required) && body.at(required).is_null()) errors[required].push_back({"not_empty", {}});
  MergeFieldErrors(errors, ValidateMember(fields, is_new, TodayInAmsterdam(Now())));
  if (!errors.empty()) return Status::Invalid(errors);
  return fields;
}

Result<Reply> CreateMember(Call& call) {
  ASSIGN_OR_RETURN(MemberFields fields, ReadMemberBody(call.req, true));
  Member created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, AddMember(tx, call.family_id(), fields));
    call.resource = "family/" + call.family_id() + "/members/" + created.id;
    return Status::Ok();
  }));
  return MemberReply(201, created).WithLocation("/api/v1/families/" + call.family_id() + "/members/" + created.id);
}

Result<Reply> GetMember(Call& call) {
  Member member;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(member, FamilyRepo::GetMember(c, call.family_id(), call.req.Param("mid")));
    return Status::Ok();
  }));
  return MemberReply(200, member);
}

Result<Reply> PatchMember(Call& call) {
  ASSIGN_OR_RETURN(MemberFields change, ReadMemberBody(call.req, false));
  Member updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, ChangeMember(tx, call.family_id(), call.req.Param("mid"), change, call.if_match()));
    return Status::Ok();
  }));
  return MemberReply(200, updated);
}

Result<Reply> AccessLog(Call& call) {
  ASSIGN_OR_RETURN(int limit, http::ParseLimit(call.req));
  int64_t before = 0;
  if (auto cursor = call.req.QueryValue("cursor"); cursor && !cursor->empty()) {
    ASSIGN_OR_RETURN(auto parts, http::DecodeCursor(*cursor, 1));
    try {
      before = std::stoll(parts[0]);
    } catch (...) {
      return Status::InvalidField("cursor", "cursor_invalid");
    }
  }
  // Reading the log is itself logged (NEN 7513), before the page is read, so it shows up in it.
  RETURN_IF_ERROR(call.Write([](db::Connection&) { return Status::Ok(); }));
  ASSIGN_OR_RETURN(auto rows, call.ctx.audit.ForFamily(call.ctx.db, call.family_id(), limit + 1, before));
  Json items = Json::array();
  for (size_t i = 0; i < rows.size() && i < size_t(limit); ++i) {
    const auto& r = rows[i];
    items.push_back({{"seq", r.seq},
                     {"at", r.at},
                     {"user_id", r.user_id},
                     {"user_name", r.user_name},
                     {"role", r.role},
                     {"action", r.action},
                     {"outcome", r.outcome},
                     {"request_id", r.request_id}});
  }
  Json next = rows.size() > size_t(limit) ? Json(http::EncodeCursor({std::to_string(rows[limit - 1].seq)})) : Json(nullptr);
  return Reply::Json(200, {{"items", items}, {"next_cursor", next}});
}

}  // namespace

void RegisterFamilyRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families/{id}/members", Action::kMemberList, ListMembers});
  routes.Add({"POST", "/api/v1/families/{id}/members", Action::kMemberCreate, CreateMember});
  routes.Add({"GET", "/api/v1/families/{id}/members/{mid}", Action::kMemberRead, GetMember});
  routes.Add({"PATCH", "/api/v1/families/{id}/members/{mid}", Action::kMemberUpdate, PatchMember, true});
  routes.Add({"GET", "/api/v1/families/{id}/access-log", Action::kAccessLogRead, AccessLog});
}

}  // namespace kansrijk::families
