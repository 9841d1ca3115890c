#include "families/api.h"

#include "families/service.h"
#include "families/wire.h"
#include "platform/api_helpers.h"
#include "platform/json_writer.h"
#include "trajectory/model.h"

namespace kansrijk::families {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

std::optional<int64_t> WaitingDaysOf(const Family& f) {
  if (!f.waiting_since) return std::nullopt;
  return trajectory::WaitingDays(*f.waiting_since, Now());
}

Reply FamilyReply(int status, const Family& f, const std::vector<Member>* members) {
  http::JsonWriter w;
  WriteFamily(w, f, members, FamilyDetail::kFull, WaitingDaysOf(f));
  return Reply::JsonText(status, w.Take()).WithVersion(f.version);
}

Reply MemberReply(int status, const Member& m) {
  http::JsonWriter w;
  WriteMember(w, m);
  return Reply::JsonText(status, w.Take()).WithVersion(m.version);
}

// Reads the query of the family list into `q`; field errors for what cannot be read.
FieldErrors ReadListQuery(const http::Request& req, FamilyListQuery& q, std::string& sort) {
  FieldErrors errors;
  auto limit = http::ParseLimit(req);
  if (!limit.ok()) MergeFieldErrors(errors, limit.status().field_errors());
  else q.limit = *limit;
  sort = req.QueryValue("sort").value_or("");
  if (sort.empty()) sort = "name";
  if (sort == "waiting") q.sort = FamilyListQuery::Sort::kByWaiting;
  else if (sort == "updated") q.sort = FamilyListQuery::Sort::kByUpdated;
  else if (sort != "name") errors["sort"].push_back({"choose_one_of", {{"options", "name, waiting, updated"}}});
  if (auto cursor = req.QueryValue("cursor"); cursor && !cursor->empty()) {
    // Name-sorted cursors are [key, id]; the others say their sort first, so a cursor from one
    // order is never read as a position in another.
    if (sort == "name") {
      auto parts = http::DecodeCursor(*cursor, 2);
      if (!parts.ok()) MergeFieldErrors(errors, parts.status().field_errors());
      else q.after = std::pair{(*parts)[0], (*parts)[1]};
    } else {
      auto parts = http::DecodeCursor(*cursor, 3);
      if (!parts.ok() || (*parts)[0] != sort) errors["cursor"].push_back({"cursor_invalid", {}});
      else q.after = std::pair{(*parts)[1], (*parts)[2]};
    }
  }
  if (auto phase = req.QueryValue("phase"); phase && !phase->empty()) {
    if (!trajectory::IsPhase(*phase))
      errors["phase"].push_back({"choose_one_of", {{"options", "aanmelding, intake, actief, afsluiting, nazorg"}}});
    q.phase = *phase;
  }
  if (auto programme = req.QueryValue("programme_id"); programme && !programme->empty()) {
    if (programme->size() > 64) errors["programme_id"].push_back({"programme_not_found", {}});
    q.programme_id = *programme;
  }
  if (auto status = req.QueryValue("status"); status && !status->empty()) {
    if (!IsFamilyStatus(*status)) errors["status"].push_back({"choose_one_of", {{"options", "active, archived"}}});
    q.status = *status;
  }
  if (auto coach = req.QueryValue("coach_id"); coach && !coach->empty()) q.coach_id = *coach;
  if (auto text = req.QueryValue("q"); text && !text->empty()) {
    if (text->size() > 200) errors["q"].push_back({"search_too_long", {}});
    q.name_contains = *text;
  }
  return errors;
}

Result<Reply> ListFamilies(Call& call) {
  ASSIGN_OR_RETURN(auto scope, security::ScopeFamilyList(call.actor()));
  FamilyListQuery q;
  q.organisation_id = scope.organisation_id;
  std::string sort;
  if (auto errors = ReadListQuery(call.req, q, sort); !errors.empty()) return Status::Invalid(errors);
  if (scope.only_coach_id) {
    // A coach's list is their own caseload; a filter for someone else's simply finds nothing.
    if (q.coach_id && *q.coach_id != *scope.only_coach_id) return Reply::Json(200, {{"items", Json::array()}, {"next_cursor", nullptr}});
    q.coach_id = scope.only_coach_id;
  }
  FamilyPage page;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, FamilyRepo::List(c, q));
    return Status::Ok();
  }));
  // Searches are logged (NEN 7513) by the presence of a search term, never its text. The list
  // carries no case content beyond what identifies a family, so it is one audit row.
  call.resource = q.name_contains ? "families?search" : "families";
  http::JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& f : page.items) WriteFamily(w, f, nullptr, FamilyDetail::kListItem, WaitingDaysOf(f));
  w.EndArray().Key("next_cursor");
  if (!page.next) w.Null();
  else if (sort == "name") w.String(http::EncodeCursor({page.next->first, page.next->second}));
  else w.String(http::EncodeCursor({sort, page.next->first, page.next->second}));
  return Reply::JsonText(200, w.EndObject().Take());
}

Result<Reply> CreateFamily(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"name", "coach_id", "members"});
  NewFamily family;
  family.organisation_id = call.actor().organisation_id;
  auto name = f.String("name", true, kMaxFamilyNameChars);
  family.coach_id = f.String("coach_id", false, 64);
  Date today = TodayInAmsterdam(Now());
  if (const Json* list = f.Array("members")) {
    if (list->size() > 50) f.Error("members", "too_many", {{"max", "50"}});
    for (size_t i = 0; i < list->size() && i < 50; ++i) {
      std::string prefix = "members[" + std::to_string(i) + "].";
      if (!(*list)[i].is_object()) {
        f.Error("members[" + std::to_string(i) + "]", "not_object");
        continue;
      }
      auto m = ReadMemberFields((*list)[i], f.errors(), prefix);
      MergeFieldErrors(f.errors(), ValidateMember(m, true, today, prefix));
      family.members.push_back(std::move(m));
    }
  }
  // Who may hand a family to someone else is the policy's assign action; anyone else who
  // registers a family becomes its coach.
  bool may_assign = security::MayEver(call.actor(), Action::kFamilyAssignCoach);
  if (!may_assign) {
    if (family.coach_id && *family.coach_id != call.actor().user_id) return Status::Forbidden("coach_change_forbidden");
    family.coach_id = call.actor().user_id;
  }
  RETURN_IF_ERROR(f.Finish());
  family.name = *name;
  FamilyWithMembers created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, families::CreateFamily(tx, family));
    call.resource = "family/" + created.family.id;
    return Status::Ok();
  }));
  return FamilyReply(201, created.family, &created.members).WithLocation("/api/v1/families/" + created.family.id);
}

Result<Reply> GetFamily(Call& call) {
  FamilyWithMembers found;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, families::GetFamily(c, call.family_id()));
    return Status::Ok();
  }));
  return FamilyReply(200, found.family, &found.members);
}

Result<Reply> PatchFamily(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"name", "coach_id", "status"});
  FamilyChange change;
  change.name = f.String("name", false, kMaxFamilyNameChars);
  if (change.name && change.name->empty()) f.Error("name", "not_empty");
  change.coach_change = f.Present("coach_id");
  change.coach_id = f.String("coach_id", false, 64);
  change.status = f.String("status", false, 20);
  if (change.status && !IsFamilyStatus(*change.status)) f.Error("status", "choose_one_of", {{"options", "active, archived"}});
  if (f.IsNull("name")) f.Error("name", "not_empty");
  if (f.IsNull("status")) f.Error("status", "not_empty");
  RETURN_IF_ERROR(f.Finish());
  Family updated;
  bool may_assign = call.Allowed(Action::kFamilyAssignCoach);
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, UpdateFamily(tx, call.family_id(), call.if_match(), change, may_assign));
    return Status::Ok();
  }));
  return FamilyReply(200, updated, nullptr);
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
  routes.Add({"GET", "/api/v1/families", Action::kFamilyList, ListFamilies});
  routes.Add({"POST", "/api/v1/families", Action::kFamilyCreate, CreateFamily});
  routes.Add({"GET", "/api/v1/families/{id}", Action::kFamilyRead, GetFamily});
  routes.Add({"PATCH", "/api/v1/families/{id}", Action::kFamilyUpdate, PatchFamily, /*needs_version=*/true});
  routes.Add({"GET", "/api/v1/families/{id}/members", Action::kMemberList, ListMembers});
  routes.Add({"POST", "/api/v1/families/{id}/members", Action::kMemberCreate, CreateMember});
  routes.Add({"GET", "/api/v1/families/{id}/members/{mid}", Action::kMemberRead, GetMember});
  routes.Add({"PATCH", "/api/v1/families/{id}/members/{mid}", Action::kMemberUpdate, PatchMember, true});
  routes.Add({"GET", "/api/v1/families/{id}/access-log", Action::kAccessLogRead, AccessLog});
}

}  // namespace kansrijk::families
