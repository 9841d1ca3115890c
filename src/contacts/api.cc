#include "contacts/api.h"

#include "contacts/service.h"
#include "contacts/wire.h"
#include "platform/api_helpers.h"
#include "platform/spreadsheet.h"

namespace kansrijk::contacts {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

std::vector<std::string> Strings(FieldReader& f, const std::string& name) {
  std::vector<std::string> out;
  if (!f.Present(name) || f.IsNull(name)) return out;
  if (const Json* list = f.Array(name)) {
    for (const auto& x : *list) {
      if (x.is_string()) out.push_back(x.get<std::string>());
      else f.Error(name, "not_text");
    }
  }
  return out;
}

Result<int> ReadWeeks(const http::Request& req) {
  auto w = req.QueryValue("weeks");
  if (!w || w->empty()) return 8;
  char* end = nullptr;
  long v = std::strtol(w->c_str(), &end, 10);
  if (*end != '\0' || v < 1 || v > kMaxWeeks)
    return Status::InvalidField("weeks", "out_of_range", {{"min", "1"}, {"max", std::to_string(kMaxWeeks)}});
  return static_cast<int>(v);
}

Result<Reply> List(Call& call) {
  ASSIGN_OR_RETURN(int limit, http::ParseLimit(call.req));
  std::optional<std::pair<std::string, std::string>> after;
  if (auto cursor = call.req.QueryValue("cursor"); cursor && !cursor->empty()) {
    ASSIGN_OR_RETURN(auto parts, http::DecodeCursor(*cursor, 2));
    after = std::make_pair(parts[0], parts[1]);
  }
  const bool notes = call.Allowed(Action::kContactNoteRead);
  std::vector<Contact> page;
  int64_t total = 0;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, ContactRepo::Page(c, call.family_id(), limit, after));
    ASSIGN_OR_RETURN(total, ContactRepo::Count(c, call.family_id()));
    return Status::Ok();
  }));
  Json next = nullptr;
  if (static_cast<int>(page.size()) > limit) {
    page.resize(limit);
    next = http::EncodeCursor({page.back().started_at, page.back().id});
  }
  Json items = Json::array();
  for (const auto& c : page) items.push_back(ContactJson(c, notes));
  return Reply::Json(200, {{"items", items}, {"next_cursor", next}, {"total", total}});
}

Result<Reply> Create(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"started_at", "duration_minutes", "kind", "direct", "planned", "member_ids", "topics", "note",
                       "follow_ups"});
  Contact c;
  c.family_id = call.family_id();
  c.coach_id = call.actor().user_id;
  c.coach_name = call.actor().display_name;
  c.started_at = f.String("started_at", true, 40).value_or("");
  c.duration_minutes = f.Int("duration_minutes", true, -1000000, 1000000).value_or(0);
  c.kind = f.String("kind", true, 40).value_or("");
  c.direct = f.Bool("direct").value_or(true);
  c.planned = f.Bool("planned").value_or(false);
  c.member_ids = Strings(f, "member_ids");
  c.topics = Strings(f, "topics");
  c.follow_ups = Strings(f, "follow_ups");
  c.note = f.String("note", false, kMaxNoteChars);
  if (c.note && c.note->empty()) c.note.reset();
  // Reader errors first; the rules add what the reader did not already say about a field.
  for (auto& [field, errors] : ValidateContact(c, Now()))
    if (!f.errors().contains(field) && f.Present(field))
      for (auto& e : errors) f.Error(field, e.code, e.params);
  RETURN_IF_ERROR(f.Finish());
  Contact created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, LogContact(tx, c, Now()));
    call.resource = "family/" + call.family_id() + "/contacts/" + created.id;
    return Status::Ok();
  }));
  return Reply::Json(201, ContactJson(created, call.Allowed(Action::kContactNoteRead)));
}

// POST …/contacts/{cid}/plan-actions: follow-up line `follow_up` (0-based) becomes a plan
// action in one transaction. Body: follow_up (required); goal_id, member_id, due_on,
// version_id as for plan items. (Path parameters are ids only, so the line is in the body.)
Result<Reply> FollowUpToPlanRoute(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldErrors errors;
  std::optional<std::string> version_id;
  std::optional<int64_t> line;
  Json fields = Json::object();
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() == "follow_up") {
      if (it.value().is_number_integer() && it.value().get<int64_t>() >= 0 &&
          it.value().get<int64_t>() < static_cast<int64_t>(kMaxFollowUps))
        line = it.value().get<int64_t>();
      else
        errors["follow_up"].push_back({"contact_follow_up_not_found", {}});
    } else if (it.key() == "version_id") {
      if (it.value().is_string()) version_id = it.value().get<std::string>();
      else if (!it.value().is_null()) errors["version_id"].push_back({"not_text", {}});
    } else if (it.key() == "goal_id" || it.key() == "member_id" || it.key() == "due_on") {
      fields[it.key()] = it.value();
    } else {
      errors[it.key()].push_back({"unknown_field", {}});
    }
  }
  if (!body.contains("follow_up")) errors["follow_up"].push_back({"required", {}});
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  FollowUpToPlan done;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(done, TakeFollowUpIntoPlan(tx, call.family_id(), call.req.Param("cid"), *line, fields, version_id,
                                                call.actor().user_id, call.actor().display_name));
    call.resource = "family/" + call.family_id() + "/contacts/" + done.contact.id;
    return Status::Ok();
  }));
  return Reply::Json(201, {{"action_id", done.action_id},
                           {"contact", ContactJson(done.contact, call.Allowed(Action::kContactNoteRead))}});
}

Result<Reply> FamilyHoursRoute(Call& call) {
  ASSIGN_OR_RETURN(int weeks, ReadWeeks(call.req));
  Hours h;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(h, FamilyHours(c, call.family_id(), TodayInAmsterdam(Now()), weeks));
    return Status::Ok();
  }));
  return Reply::Json(200, HoursJson(h));
}

Result<Reply> ProgrammeHoursRoute(Call& call) {
  int weeks = 4;
  if (auto w = call.req.QueryValue("weeks"); w && !w->empty()) {
    ASSIGN_OR_RETURN(weeks, ReadWeeks(call.req));
  }
  const std::string format = call.req.QueryValue("format").value_or("json");
  if (format != "json" && format != "csv" && format != "xlsx")
    return Status::InvalidField("format", "choose_one_of", {{"options", "json, csv, xlsx"}});
  // A CSV holds one table: the families (default) or the coaches' totals.
  const std::string sheet = call.req.QueryValue("sheet").value_or("families");
  if (sheet != "families" && sheet != "coaches")
    return Status::InvalidField("sheet", "choose_one_of", {{"options", "families, coaches"}});
  HoursReport r;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(r, ProgrammeHours(c, call.actor().organisation_id, call.req.Param("pid"), TodayInAmsterdam(Now()),
                                       weeks));
    return Status::Ok();
  }));
  if (format == "json") return Reply::Json(200, HoursReportJson(r));
  std::string name = "uren-" + FormatDate(r.from) + "-" + FormatDate(r.to);
  auto sheets = HoursReportSheets(r);
  Reply reply;
  if (format == "csv") {
    if (sheet == "coaches") name = "uren-coaches-" + FormatDate(r.from) + "-" + FormatDate(r.to);
    reply.content_type = spreadsheet::kCsvType;
    reply.body = spreadsheet::ToCsv(sheets.at(sheet == "coaches" ? 1 : 0));
  } else {
    ASSIGN_OR_RETURN(reply.body, spreadsheet::ToXlsx(sheets));
    reply.content_type = spreadsheet::kXlsxType;
  }
  return reply.WithHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
}

Result<Reply> OwnHoursRoute(Call& call) {
  ASSIGN_OR_RETURN(int weeks, ReadWeeks(call.req));
  Hours h;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(h, CoachHours(c, call.actor().user_id, TodayInAmsterdam(Now()), weeks));
    return Status::Ok();
  }));
  return Reply::Json(200, HoursJson(h));
}

}  // namespace

void RegisterContactRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families/{id}/contacts", Action::kContactList, List});
  routes.Add({"POST", "/api/v1/families/{id}/contacts", Action::kContactCreate, Create});
  routes.Add({"GET", "/api/v1/families/{id}/contacts/hours", Action::kContactHours, FamilyHoursRoute});
  routes.Add({"GET", "/api/v1/me/contact-hours", Action::kContactHoursOwn, OwnHoursRoute});
  routes.Add({"GET", "/api/v1/programmes/{pid}/contact-hours", Action::kContactHoursReport, ProgrammeHoursRoute});
  routes.Add({"POST", "/api/v1/families/{id}/contacts/{cid}/plan-actions", Action::kContactFollowUpToPlan,
              FollowUpToPlanRoute});
}

}  // namespace kansrijk::contacts
