#include "trajectory/api.h"

#include "families/wire.h"
#include "platform/api_helpers.h"
#include "platform/json_writer.h"
#include "trajectory/service.h"
#include "trajectory/wire.h"

namespace kansrijk::trajectory {
namespace {

using families::Member;
using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Reply CaseReply(int status, const Case& c, const std::vector<Member>* members) {
  http::JsonWriter w;
  WriteCase(w, c, members, Detail::kFull, Now());
  return Reply::JsonText(status, w.Take()).WithVersion(c.family.version);
}

Doer DoerOf(const Call& call) { return {call.actor().user_id, call.actor().display_name}; }
Date Today() { return TodayInAmsterdam(Now()); }

// A page of family list items with its cursor and the total over all pages; `cursor_sort` is put
// first in the cursor unless the list is sorted by name.
Reply PageReply(const CasePage& page, int64_t total, const std::string& cursor_sort) {
  http::JsonWriter w;
  const TimePoint now = Now();
  w.BeginObject().Key("items").BeginArray();
  for (const auto& c : page.items) WriteCase(w, c, nullptr, Detail::kListItem, now);
  w.EndArray().Key("next_cursor");
  if (!page.next) w.Null();
  else if (cursor_sort == "name") w.String(http::EncodeCursor({page.next->first, page.next->second}));
  else w.String(http::EncodeCursor({cursor_sort, page.next->first, page.next->second}));
  w.Key("total").Int(total);
  return Reply::JsonText(200, w.EndObject().Take());
}

// Reads the members of a new family from `f` ("members", at most 50), validated.
std::vector<families::MemberFields> ReadMembers(FieldReader& f) {
  std::vector<families::MemberFields> members;
  Date today = Today();
  if (const Json* list = f.Array("members")) {
    if (list->size() > 50) f.Error("members", "too_many", {{"max", "50"}});
    for (size_t i = 0; i < list->size() && i < 50; ++i) {
      std::string prefix = "members[" + std::to_string(i) + "].";
      if (!(*list)[i].is_object()) {
        f.Error("members[" + std::to_string(i) + "]", "not_object");
        continue;
      }
      auto m = families::ReadMemberFields((*list)[i], f.errors(), prefix);
      MergeFieldErrors(f.errors(), families::ValidateMember(m, true, today, prefix));
      members.push_back(std::move(m));
    }
  }
  return members;
}

// ---------------------------------------------------------------------------------------------
// The caseload and the family file

// Reads the query of the family list into `q`; field errors for what cannot be read.
FieldErrors ReadListQuery(const http::Request& req, CaseloadQuery& q, std::string& sort) {
  FieldErrors errors;
  auto limit = http::ParseLimit(req);
  if (!limit.ok()) MergeFieldErrors(errors, limit.status().field_errors());
  else q.limit = *limit;
  sort = req.QueryValue("sort").value_or("");
  if (sort.empty()) sort = "name";
  if (sort == "waiting") q.sort = CaseloadQuery::Sort::kByWaiting;
  else if (sort == "updated") q.sort = CaseloadQuery::Sort::kByUpdated;
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
    if (!IsPhase(*phase)) errors["phase"].push_back({"choose_one_of", {{"options", kPhaseOptions}}});
    q.phase = *phase;
  }
  if (auto programme = req.QueryValue("programme_id"); programme && !programme->empty()) {
    if (programme->size() > 64) errors["programme_id"].push_back({"programme_not_found", {}});
    q.programme_id = *programme;
  }
  if (auto status = req.QueryValue("status"); status && !status->empty()) {
    if (!families::IsFamilyStatus(*status))
      errors["status"].push_back({"choose_one_of", {{"options", "active, archived"}}});
    q.status = *status;
  }
  if (auto coach = req.QueryValue("coach_id"); coach && !coach->empty()) q.coach_id = *coach;
  if (auto role = req.QueryValue("coach_role"); role && !role->empty()) {
    if (*role != "main") errors["coach_role"].push_back({"choose_one_of", {{"options", "main"}}});
    q.main_coach_only = true;
  }
  if (auto text = req.QueryValue("q"); text && !text->empty()) {
    if (text->size() > 200) errors["q"].push_back({"search_too_long", {}});
    q.name_contains = *text;
  }
  return errors;
}

Result<Reply> ListFamilies(Call& call) {
  ASSIGN_OR_RETURN(auto scope, security::ScopeFamilyList(call.actor()));
  CaseloadQuery q;
  q.organisation_id = scope.organisation_id;
  std::string sort;
  if (auto errors = ReadListQuery(call.req, q, sort); !errors.empty()) return Status::Invalid(errors);
  if (scope.only_coach_id) {
    // A coach's list is their own caseload; a filter for someone else's simply finds nothing.
    if (q.coach_id && *q.coach_id != *scope.only_coach_id)
      return Reply::Json(200, {{"items", Json::array()}, {"next_cursor", nullptr}, {"total", 0}});
    q.coach_id = scope.only_coach_id;
  }
  CasePage page;
  int64_t total = 0;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, ListCases(c, q));
    ASSIGN_OR_RETURN(total, CountCases(c, q));
    return Status::Ok();
  }));
  // Searches are logged (NEN 7513) by the presence of a search term, never its text. The list
  // carries no case content beyond what identifies a family, so it is one audit row.
  call.resource = q.name_contains ? "families?search" : "families";
  return PageReply(page, total, sort);
}

Result<Reply> CreateFamily(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"name", "coach_id", "members"});
  families::NewFamily family;
  family.organisation_id = call.actor().organisation_id;
  auto name = f.String("name", true, families::kMaxFamilyNameChars);
  family.coach_id = f.String("coach_id", false, 64);
  family.members = ReadMembers(f);
  // Who may hand a family to someone else is the policy's assign action; anyone else who
  // registers a family becomes its coach.
  if (!security::MayEver(call.actor(), Action::kFamilyAssignCoach)) {
    if (family.coach_id && *family.coach_id != call.actor().user_id) return Status::Forbidden("coach_change_forbidden");
    family.coach_id = call.actor().user_id;
  }
  RETURN_IF_ERROR(f.Finish());
  family.name = *name;
  CaseFile created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, CreateCase(tx, family));
    call.resource = "family/" + created.c.family.id;
    return Status::Ok();
  }));
  return CaseReply(201, created.c, &created.members).WithLocation("/api/v1/families/" + created.c.family.id);
}

Result<Reply> GetFamily(Call& call) {
  CaseFile found;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, GetCase(c, call.family_id()));
    return Status::Ok();
  }));
  return CaseReply(200, found.c, &found.members);
}

Result<Reply> PatchFamily(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"name", "coach_id", "status"});
  families::FamilyChange change;
  change.name = f.String("name", false, families::kMaxFamilyNameChars);
  if (change.name && change.name->empty()) f.Error("name", "not_empty");
  change.coach_change = f.Present("coach_id");
  change.coach_id = f.String("coach_id", false, 64);
  change.status = f.String("status", false, 20);
  if (change.status && !families::IsFamilyStatus(*change.status))
    f.Error("status", "choose_one_of", {{"options", "active, archived"}});
  if (f.IsNull("name")) f.Error("name", "not_empty");
  if (f.IsNull("status")) f.Error("status", "not_empty");
  RETURN_IF_ERROR(f.Finish());
  Case updated;
  bool may_assign = call.Allowed(Action::kFamilyAssignCoach);
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, UpdateCase(tx, call.family_id(), call.if_match(), change, may_assign));
    return Status::Ok();
  }));
  return CaseReply(200, updated, nullptr);
}

// ---------------------------------------------------------------------------------------------
// Referral and waiting list

// Reads the contact object of a referral into `contact`, with errors on "contact" or "contact.<field>".
void ReadContact(const Json& body, FieldReader& f, Contact& contact) {
  auto it = body.find("contact");
  if (it == body.end() || it->is_null()) {
    f.Error("contact", "contact_required");
    return;
  }
  if (!it->is_object()) {
    f.Error("contact", "not_object");
    return;
  }
  FieldReader c(*it, {"phone", "email", "address"});
  contact.phone = c.String("phone", false, 40);
  contact.email = c.String("email", false, 200);
  contact.address = c.String("address", false, 400);
  if (contact.email && !contact.email->empty() && contact.email->find('@') == std::string::npos)
    c.Error("email", "contact_email_invalid");
  for (auto& [field, list] : c.errors())
    for (auto& e : list) f.Error("contact." + field, e.code, e.params);
  if (c.errors().empty() && !HasAnyContact(contact)) f.Error("contact", "contact_required");
}

Result<Reply> PostReferral(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"family_name", "programme_id", "referrer_organisation", "referrer_kind", "reason", "contact",
                       "members"});
  NewReferral r;
  r.family.organisation_id = call.actor().organisation_id;
  auto name = f.String("family_name", true, families::kMaxFamilyNameChars);
  r.programme_id = f.String("programme_id", false, 64);
  auto organisation = f.String("referrer_organisation", true, kMaxOrganisationChars);
  // Checked against the organisation's list by CreateReferral.
  auto kind = f.String("referrer_kind", true, 40);
  auto reason = f.String("reason", true, kMaxReasonChars);
  ReadContact(body, f, r.contact);
  r.family.members = ReadMembers(f);
  RETURN_IF_ERROR(f.Finish());
  r.family.name = *name;
  r.referrer_organisation = *organisation;
  r.referrer_kind = *kind;
  r.reason = *reason;
  // Someone who may not assign coaches and takes a referral becomes the family's coach (as
  // with POST /families); a team lead's referral waits on the list until they assign someone.
  if (!security::MayEver(call.actor(), Action::kFamilyAssignCoach)) r.family.coach_id = call.actor().user_id;
  CaseFile created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, trajectory::CreateReferral(tx, r, DoerOf(call), Today()));
    call.resource = "family/" + created.c.family.id;
    return Status::Ok();
  }));
  return CaseReply(201, created.c, &created.members).WithLocation("/api/v1/families/" + created.c.family.id);
}

Result<Reply> WaitingList(Call& call) {
  CaseloadQuery q;
  q.organisation_id = call.actor().organisation_id;
  q.waiting_only = true;
  q.sort = CaseloadQuery::Sort::kByWaiting;
  FieldErrors errors;
  auto limit = http::ParseLimit(call.req);
  if (!limit.ok()) errors = limit.status().field_errors();
  else q.limit = *limit;
  if (auto cursor = call.req.QueryValue("cursor"); cursor && !cursor->empty()) {
    auto parts = http::DecodeCursor(*cursor, 3);
    if (!parts.ok() || (*parts)[0] != "waiting") errors["cursor"].push_back({"cursor_invalid", {}});
    else q.after = std::pair{(*parts)[1], (*parts)[2]};
  }
  if (auto programme = call.req.QueryValue("programme_id"); programme && !programme->empty())
    q.programme_id = *programme;
  if (!errors.empty()) return Status::Invalid(errors);
  CasePage page;
  int64_t total = 0;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, ListCases(c, q));
    ASSIGN_OR_RETURN(total, CountCases(c, q));
    return Status::Ok();
  }));
  call.resource = "waiting-list";
  return PageReply(page, total, "waiting");
}

// ---------------------------------------------------------------------------------------------
// Assignment, handover and phases

Result<Reply> Assign(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"coach_id", "note"});
  auto coach_id = f.String("coach_id", true, 64);
  auto note = f.String("note", false, kMaxNoteChars);
  if (note && note->empty()) note.reset();
  RETURN_IF_ERROR(f.Finish());
  call.resource = "family/" + call.family_id();
  Case updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, AssignCoach(tx, call.family_id(), *coach_id, note, DoerOf(call), Today()));
    return Status::Ok();
  }));
  return CaseReply(200, updated, nullptr);
}

Result<Reply> PostPhase(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"to", "date", "note", "closing_reason", "closing_summary"});
  PhaseRequest change;
  change.to = f.String("to", true, 40).value_or("");
  change.date = f.DateField("date", true);
  change.note = f.String("note", false, kMaxNoteChars);
  change.closing_reason = f.String("closing_reason", false, 40);
  change.closing_summary = f.String("closing_summary", false, kMaxSummaryChars);
  RETURN_IF_ERROR(f.Finish());
  if (change.note && change.note->empty()) change.note.reset();
  call.resource = "family/" + call.family_id();
  Case updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, ChangePhase(tx, call.family_id(), change, DoerOf(call), Today()));
    return Status::Ok();
  }));
  return CaseReply(200, updated, nullptr);
}

// ---------------------------------------------------------------------------------------------
// Timeline and team overview

Result<Reply> Timeline(Call& call) {
  std::vector<timeline::Entry> entries;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(entries, timeline::ForFamily(c, call.family_id()));
    return Status::Ok();
  }));
  http::JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& e : entries) WriteTimelineEntry(w, e);
  w.EndArray().Key("next_cursor").Null();
  return Reply::JsonText(200, w.EndObject().Take());
}

Result<Reply> TeamOverviewReply(Call& call) {
  TeamOverview overview;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(overview, trajectory::GetTeamOverview(c, call.actor().organisation_id, Now()));
    return Status::Ok();
  }));
  call.resource = "team/overview";
  Json list = Json::array();
  for (const auto& c : overview.coaches) {
    Json by_phase = Json::object();
    for (const auto& [phase, n] : c.by_phase) by_phase[phase] = n;
    list.push_back({{"id", c.id}, {"display_name", c.display_name}, {"families_by_phase", by_phase},
                    {"total_active", c.total}, {"over_caseload", OverCaseload(c.total, kDefaultCaseloadMax)}});
  }
  for (size_t i = 0; i < overview.coaches.size(); ++i) {
    Json by_role = Json::object();
    for (const auto& [role, n] : overview.coaches[i].by_role) by_role[role] = n;
    list[i]["families_by_role"] = by_role;
  }
  Json not_started_by_reason = Json::object();
  for (const auto& [reason, n] : overview.closings.not_started_by_reason) not_started_by_reason[reason] = n;
  Json referrals = Json::object();
  for (const auto& [kind, n] : overview.referrals_by_kind) referrals[kind] = n;
  return Reply::Json(200, {{"coaches", list},
                           {"caseload_max", kDefaultCaseloadMax},
                           {"waiting",
                            {{"count", overview.waiting_count},
                             {"longest_days", overview.longest_days},
                             {"average_days", overview.average_days}}},
                           {"closed",
                            {{"not_started", overview.closings.not_started},
                             {"completed", overview.closings.completed},
                             {"not_started_by_reason", not_started_by_reason}}},
                           {"referrals_by_kind", referrals}});
}

// ---------------------------------------------------------------------------------------------
// Aftercare (nazorg)

Reply FollowUpsReply(const std::vector<FollowUp>& items, const std::optional<std::string>& next_cursor,
                     bool with_family) {
  http::JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& f : items) WriteFollowUp(w, f, with_family);
  w.EndArray().Key("next_cursor").OptString(next_cursor);
  return Reply::JsonText(200, w.EndObject().Take());
}

Result<Reply> FamilyFollowUps(Call& call) {
  std::vector<FollowUp> items;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(items, ListFollowUps(c, call.family_id()));
    return Status::Ok();
  }));
  call.resource = "family/" + call.family_id() + "/follow-ups";
  return FollowUpsReply(items, std::nullopt, false);
}

Result<Reply> DueFollowUpsReply(Call& call) {
  ASSIGN_OR_RETURN(auto scope, security::ScopeFamilyList(call.actor()));
  FollowUpQuery q;
  q.organisation_id = scope.organisation_id;
  q.coach_id = scope.only_coach_id;
  FieldErrors errors;
  auto limit = http::ParseLimit(call.req);
  if (!limit.ok()) MergeFieldErrors(errors, limit.status().field_errors());
  else q.limit = *limit;
  // Without due_before: what is due today (in the Netherlands).
  q.due_before = FormatDate(Today());
  if (auto due = call.req.QueryValue("due_before"); due && !due->empty()) {
    auto d = ParseDate(*due);
    if (!d) errors["due_before"].push_back({"bad_date", {}});
    else q.due_before = FormatDate(*d);
  }
  if (auto cursor = call.req.QueryValue("cursor"); cursor && !cursor->empty()) {
    auto parts = http::DecodeCursor(*cursor, 2);
    if (!parts.ok()) MergeFieldErrors(errors, parts.status().field_errors());
    else q.after = std::pair{(*parts)[0], (*parts)[1]};
  }
  if (!errors.empty()) return Status::Invalid(errors);
  FollowUpPage page;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, DueFollowUps(c, q));
    return Status::Ok();
  }));
  call.resource = "follow-ups";
  std::optional<std::string> next;
  if (page.next) next = http::EncodeCursor({page.next->first, page.next->second});
  return FollowUpsReply(page.items, next, true);
}

Result<Reply> PostFollowUp(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"outcome", "note"});
  auto outcome = f.String("outcome", false, 20);
  auto note = f.String("note", false, kMaxNoteChars);
  if (note && note->empty()) note.reset();
  RETURN_IF_ERROR(f.Finish());
  call.resource = "family/" + call.family_id() + "/follow-ups/" + call.req.Param("fid");
  Case updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated,
                     RecordFollowUp(tx, call.family_id(), call.req.Param("fid"), outcome, note, DoerOf(call), Today()));
    return Status::Ok();
  }));
  return CaseReply(200, updated, nullptr);
}

// ---------------------------------------------------------------------------------------------
// Referrer kinds

Reply ReferrerKindsReply(const std::vector<ReferrerKind>& kinds) {
  Json items = Json::array();
  for (const auto& k : kinds) items.push_back({{"code", k.code}, {"label", k.label}});
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Result<Reply> GetReferrerKinds(Call& call) {
  std::vector<ReferrerKind> kinds;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(kinds, ListReferrerKinds(c, call.actor().organisation_id));
    return Status::Ok();
  }));
  call.resource = "referrer-kinds";
  return ReferrerKindsReply(kinds);
}

Result<Reply> PutReferrerKinds(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"items"});
  std::vector<ReferrerKind> kinds;
  if (const Json* list = f.Array("items")) {
    for (size_t i = 0; i < list->size() && i <= kMaxReferrerKinds; ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) {
        f.Error(at, "not_object");
        continue;
      }
      FieldReader item((*list)[i], {"code", "label"});
      ReferrerKind k;
      // Missing or empty code and label are the list rule's to name (ValidateReferrerKinds).
      k.code = item.String("code", false, 400).value_or("");
      k.label = item.String("label", false, 400).value_or("");
      for (auto& [field, errs] : item.errors())
        for (auto& e : errs) f.Error(at + "." + field, e.code, e.params);
      kinds.push_back(std::move(k));
    }
    if (list->size() > kMaxReferrerKinds) {
      f.Error("items", "too_many", {{"max", std::to_string(kMaxReferrerKinds)}});
    } else {
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto& k : kinds) pairs.emplace_back(k.code, k.label);
      MergeFieldErrors(f.errors(), ValidateReferrerKinds(pairs));
    }
  } else if (!f.Present("items")) {
    f.Error("items", "required");
  }
  RETURN_IF_ERROR(f.Finish());
  call.resource = "referrer-kinds";
  std::vector<ReferrerKind> saved;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(saved, ReplaceReferrerKinds(tx, call.actor().organisation_id, kinds));
    return Status::Ok();
  }));
  return ReferrerKindsReply(saved);
}

}  // namespace

void RegisterTrajectoryRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families", Action::kFamilyList, ListFamilies});
  routes.Add({"POST", "/api/v1/families", Action::kFamilyCreate, CreateFamily});
  routes.Add({"GET", "/api/v1/families/{id}", Action::kFamilyRead, GetFamily});
  routes.Add({"PATCH", "/api/v1/families/{id}", Action::kFamilyUpdate, PatchFamily, /*needs_version=*/true});
  routes.Add({"POST", "/api/v1/referrals", Action::kReferralCreate, PostReferral});
  routes.Add({"GET", "/api/v1/waiting-list", Action::kWaitingListRead, WaitingList});
  routes.Add({"POST", "/api/v1/families/{id}/assign", Action::kFamilyAssignCoach, Assign});
  routes.Add({"POST", "/api/v1/families/{id}/phase", Action::kFamilyPhaseChange, PostPhase});
  routes.Add({"GET", "/api/v1/families/{id}/timeline", Action::kTimelineRead, Timeline});
  routes.Add({"GET", "/api/v1/team/overview", Action::kTeamOverview, TeamOverviewReply});
  // Issue 14: aftercare and referrer kinds.
  routes.Add({"GET", "/api/v1/families/{id}/follow-ups", Action::kFollowUpList, FamilyFollowUps});
  routes.Add({"POST", "/api/v1/families/{id}/follow-ups/{fid}", Action::kFollowUpRecord, PostFollowUp});
  routes.Add({"GET", "/api/v1/follow-ups", Action::kFollowUpDue, DueFollowUpsReply});
  routes.Add({"GET", "/api/v1/referrer-kinds", Action::kReferrerKindRead, GetReferrerKinds});
  routes.Add({"PUT", "/api/v1/referrer-kinds", Action::kReferrerKindManage, PutReferrerKinds});
}

}  // namespace kansrijk::trajectory
