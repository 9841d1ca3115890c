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
  ASSIGN_OR_RETURN(int64_t total, call.ctx.audit.CountForFamily(call.ctx.db, call.family_id()));
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
  return Reply::Json(200, {{"items", items}, {"next_cursor", next}, {"total", total}});
}

// ---------------------------------------------------------------------------------------------
// Further coaches (issue 14)

void WriteCoach(http::JsonWriter& w, const FamilyCoach& c) {
  w.BeginObject()
      .Key("id").String(c.id)
      .Key("user_id").String(c.user_id)
      .Key("display_name").String(c.display_name)
      .Key("role").String(c.role)
      .Key("started_on").String(c.started_on)
      .Key("ended_on").OptString(c.ended_on)
      .Key("note").OptString(c.note)
      .Key("end_note").OptString(c.end_note)
      .Key("active").Bool(!c.ended_on)
      .EndObject();
}

Reply CoachReply(int status, const FamilyCoach& c) {
  http::JsonWriter w;
  WriteCoach(w, c);
  return Reply::JsonText(status, w.Take());
}

CoachDoer DoerOf(const Call& call) { return {call.actor().user_id, call.actor().display_name}; }

Result<Reply> ListCoaches(Call& call) {
  std::vector<FamilyCoach> coaches;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(coaches, ListFurtherCoaches(c, call.family_id()));
    return Status::Ok();
  }));
  call.resource = "family/" + call.family_id() + "/coaches";
  http::JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& c : coaches) WriteCoach(w, c);
  w.EndArray().Key("next_cursor").Null();
  return Reply::JsonText(200, w.EndObject().Take());
}

Result<Reply> AddCoach(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"user_id", "role", "note"});
  auto user_id = f.String("user_id", true, 64);
  auto role = f.String("role", true, 40);
  auto note = f.String("note", false, kMaxCoachNoteChars);
  if (note && note->empty()) note.reset();
  RETURN_IF_ERROR(f.Finish());
  FamilyCoach created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, AddFurtherCoach(tx, call.family_id(), *user_id, *role, note, DoerOf(call),
                                              TodayInAmsterdam(Now())));
    call.resource = "family/" + call.family_id() + "/coaches/" + created.id;
    return Status::Ok();
  }));
  return CoachReply(201, created);
}

Result<Reply> HandOverCoach(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"user_id", "note"});
  auto user_id = f.String("user_id", true, 64);
  auto note = f.String("note", false, kMaxCoachNoteChars);
  RETURN_IF_ERROR(f.Finish());
  call.resource = "family/" + call.family_id() + "/coaches/" + call.req.Param("cid");
  FamilyCoach created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, HandOverFurtherCoach(tx, call.family_id(), call.req.Param("cid"), *user_id, note,
                                                   DoerOf(call), TodayInAmsterdam(Now())));
    return Status::Ok();
  }));
  return CoachReply(201, created);
}

Result<Reply> EndCoach(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"note"});
  auto note = f.String("note", false, kMaxCoachNoteChars);
  RETURN_IF_ERROR(f.Finish());
  call.resource = "family/" + call.family_id() + "/coaches/" + call.req.Param("cid");
  FamilyCoach ended;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(ended, EndFurtherCoach(tx, call.family_id(), call.req.Param("cid"), note, DoerOf(call),
                                            TodayInAmsterdam(Now())));
    return Status::Ok();
  }));
  return CoachReply(200, ended);
}

}  // namespace

void RegisterFamilyRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families/{id}/members", Action::kMemberList, ListMembers});
  routes.Add({"POST", "/api/v1/families/{id}/members", Action::kMemberCreate, CreateMember});
  routes.Add({"GET", "/api/v1/families/{id}/members/{mid}", Action::kMemberRead, GetMember});
  routes.Add({"PATCH", "/api/v1/families/{id}/members/{mid}", Action::kMemberUpdate, PatchMember, true});
  routes.Add({"GET", "/api/v1/families/{id}/access-log", Action::kAccessLogRead, AccessLog});
  // Issue 14: further coaches.
  routes.Add({"GET", "/api/v1/families/{id}/coaches", Action::kFamilyCoachList, ListCoaches});
  routes.Add({"POST", "/api/v1/families/{id}/coaches", Action::kFamilyCoachAdd, AddCoach});
  routes.Add({"POST", "/api/v1/families/{id}/coaches/{cid}/handover", Action::kFamilyCoachHandover, HandOverCoach});
  routes.Add({"POST", "/api/v1/families/{id}/coaches/{cid}/end", Action::kFamilyCoachEnd, EndCoach});
}

}  // namespace kansrijk::families
