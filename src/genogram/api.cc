#include "genogram/api.h"

#include "genogram/patterns.h"
#include "genogram/service.h"
#include "genogram/wire.h"
#include "platform/api_helpers.h"
#include "platform/time.h"

namespace kansrijk::genogram {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

namespace {

FamilyRef FamilyOf(const Call& call) { return {call.family_id(), call.family().organisation_id}; }

// Whether the caller may read the free-text notes about this family's persons.
bool NotesVisible(const Call& call) { return call.Allowed(Action::kGenogramNoteRead); }

std::string Base(const Call& call) { return "/api/v1/families/" + call.family_id() + "/genogram"; }
std::string Resource(const Call& call) { return "family/" + call.family_id() + "/genogram"; }

PartialDate Today() {
  Date d = TodayInAmsterdam(Now());
  return PartialDate::Day(d.year, d.month, d.day);
}

// Reads the whole genogram in a read transaction.
Result<FamilyGenogram> Load(Call& call) {
  FamilyGenogram g;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(g, LoadGenogram(c, FamilyOf(call)));
    return Status::Ok();
  }));
  return g;
}

// ---- whole genogram, drawing, patterns, export --------------------------------------------------

Result<Reply> GetGenogram(Call& call) {
  ASSIGN_OR_RETURN(FamilyGenogram g, Load(call));
  return Reply::Json(200, GenogramJson(call.family_id(), g, NotesVisible(call)));
}

Result<Reply> GetSvg(Call& call) {
  SvgOptions options;
  options.today = Today();
  if (auto h = call.req.QueryValue("highlight")) {
    const std::string& list = *h;
    for (size_t start = 0; start <= list.size() && options.highlight.size() <= kMaxPersons;) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      if (comma > start) options.highlight.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  ASSIGN_OR_RETURN(options.legend, ReadBoolQuery(call.req, "legend", options.legend));
  const bool notes = NotesVisible(call);
  std::string svg;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(svg, DrawFamilyGenogram(c, FamilyOf(call), notes, options));
    return Status::Ok();
  }));
  Reply reply;
  reply.content_type = "image/svg+xml; charset=utf-8";
  reply.body = std::move(svg);
  return reply.WithHeader("Cache-Control", "no-store");
}

Result<Reply> GetGedcom(Call& call) {
  const bool notes = NotesVisible(call);
  std::string gedcom;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(gedcom, ExportFamilyGedcom(c, FamilyOf(call), notes, Today()));
    return Status::Ok();
  }));
  Reply reply;
  reply.content_type = "text/plain; charset=utf-8";
  reply.body = std::move(gedcom);
  return reply.WithHeader("Content-Disposition", "attachment; filename=\"genogram.ged\"")
      .WithHeader("Cache-Control", "no-store");
}

Result<Reply> GetPatterns(Call& call) {
  ASSIGN_OR_RETURN(FamilyGenogram g, Load(call));
  return Reply::Json(200, PatternsJson(FindPatterns(ToModel(g))));
}

// ---- persons ----------------------------------------------------------------------------------

Result<Reply> GetPerson(Call& call) {
  ASSIGN_OR_RETURN(FamilyGenogram g, Load(call));
  int i = g.FindPerson(call.req.Param("pid"));
  if (i < 0) return Status::NotFound("genogram_person_not_found");
  const auto& r = g.persons[static_cast<size_t>(i)];
  return Reply::Json(200, PersonJson(r, GenerationOf(g, static_cast<size_t>(i)), NotesVisible(call))).WithVersion(r.version);
}

Result<Reply> CreatePerson(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"given_names", "surname", "role_label", "sex", "kind", "birth", "death", "deceased",
                       "index_person", "in_household", "details", "member_id", "themes", "note", "link"});
  PersonPatch patch = ReadPersonPatch(f);
  auto link = ReadLink(f, body);
  RETURN_IF_ERROR(f.Finish());
  AddedPerson added;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(added, AddPerson(tx, FamilyOf(call), patch, link));
    call.resource = Resource(call) + "/persons/" + added.placed.person.person.id;
    return Status::Ok();
  }));
  const bool notes = NotesVisible(call);
  Json rels = Json::array();
  for (const auto& rel : added.relations) rels.push_back(RelationJson(rel, notes));
  const PersonRecord& r = added.placed.person;
  return Reply::Json(201, {{"person", PersonJson(r, added.placed.generation, notes)}, {"relations", rels}})
      .WithVersion(r.version)
      .WithLocation(Base(call) + "/persons/" + r.person.id);
}

Result<Reply> UpdatePerson(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"given_names", "surname", "role_label", "sex", "kind", "birth", "death", "deceased",
                       "index_person", "in_household", "details", "member_id", "themes", "note"});
  PersonPatch patch = ReadPersonPatch(f);
  RETURN_IF_ERROR(f.Finish());
  PersonAt updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, ChangePerson(tx, FamilyOf(call), call.req.Param("pid"), patch, call.if_match()));
    return Status::Ok();
  }));
  return Reply::Json(200, PersonJson(updated.person, updated.generation, NotesVisible(call))).WithVersion(updated.person.version);
}

Result<Reply> DeletePersonRoute(Call& call) {
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    return DeletePerson(tx, FamilyOf(call), call.req.Param("pid"), call.if_match());
  }));
  return Reply::NoContent();
}

Result<Reply> FromHouseholdRoute(Call& call) {
  HouseholdTakeOver added;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(added, TakeOverHousehold(tx, FamilyOf(call)));
    return Status::Ok();
  }));
  const bool notes = NotesVisible(call);
  Json persons = Json::array(), relations = Json::array();
  for (const auto& p : added.persons) persons.push_back(PersonJson(p.person, p.generation, notes));
  for (const auto& r : added.relations) relations.push_back(RelationJson(r, notes));
  return Reply::Json(200, {{"persons", persons}, {"relations", relations}});
}

// ---- relations --------------------------------------------------------------------------------

Result<Reply> GetRelation(Call& call) {
  ASSIGN_OR_RETURN(FamilyGenogram g, Load(call));
  const RelationRecord* r = FindRelation(g, call.req.Param("rid"));
  if (!r) return Status::NotFound("genogram_relation_not_found");
  return Reply::Json(200, RelationJson(*r, NotesVisible(call))).WithVersion(r->version);
}

Result<Reply> CreateRelation(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"type", "a", "b", "kind", "state", "start", "end", "note"});
  NewRelationFields fields = ReadNewRelationFields(f);
  RelationPatch patch = ReadRelationPatch(f);
  if (fields.type == RelationType::kEmotional && !patch.fields.count("kind"))
    f.Error("kind", "genogram_emotional_kind_required");
  RETURN_IF_ERROR(f.Finish());
  RelationRecord r = NewRelation(*fields.type, fields.a, fields.b, patch);
  if (r.type == RelationType::kEmotional && r.kind.empty()) return Status::InvalidField("kind", "genogram_emotional_kind_required");
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(r, AddRelation(tx, FamilyOf(call), r));
    call.resource = Resource(call) + "/relations/" + r.id;
    return Status::Ok();
  }));
  return Reply::Json(201, RelationJson(r, NotesVisible(call))).WithVersion(r.version).WithLocation(Base(call) + "/relations/" + r.id);
}

Result<Reply> UpdateRelation(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"kind", "state", "start", "end", "note"});
  RelationPatch patch = ReadRelationPatch(f);
  RETURN_IF_ERROR(f.Finish());
  RelationRecord updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, ChangeRelation(tx, FamilyOf(call), call.req.Param("rid"), patch, call.if_match()));
    return Status::Ok();
  }));
  return Reply::Json(200, RelationJson(updated, NotesVisible(call))).WithVersion(updated.version);
}

Result<Reply> DeleteRelationRoute(Call& call) {
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    return DeleteRelation(tx, FamilyOf(call), call.req.Param("rid"), call.if_match());
  }));
  return Reply::NoContent();
}

// ---- events -----------------------------------------------------------------------------------

Result<Reply> GetEvent(Call& call) {
  ASSIGN_OR_RETURN(FamilyGenogram g, Load(call));
  const EventRecord* e = FindEvent(g, call.req.Param("eid"));
  if (!e) return Status::NotFound("genogram_event_not_found");
  return Reply::Json(200, EventJson(*e)).WithVersion(e->version);
}

Result<Reply> CreateEvent(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"person_id", "kind", "date", "description", "place", "place_from", "other_person_id"});
  EventPatch patch = ReadEventPatch(f, true);
  RETURN_IF_ERROR(f.Finish());
  EventRecord e;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(e, AddEvent(tx, FamilyOf(call), NewEvent(patch)));
    call.resource = Resource(call) + "/events/" + e.event.id;
    return Status::Ok();
  }));
  return Reply::Json(201, EventJson(e)).WithVersion(e.version).WithLocation(Base(call) + "/events/" + e.event.id);
}

Result<Reply> UpdateEvent(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"person_id", "kind", "date", "description", "place", "place_from", "other_person_id"});
  EventPatch patch = ReadEventPatch(f, false);
  RETURN_IF_ERROR(f.Finish());
  EventRecord updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, ChangeEvent(tx, FamilyOf(call), call.req.Param("eid"), patch, call.if_match()));
    return Status::Ok();
  }));
  return Reply::Json(200, EventJson(updated)).WithVersion(updated.version);
}

Result<Reply> DeleteEventRoute(Call& call) {
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    return DeleteEvent(tx, FamilyOf(call), call.req.Param("eid"), call.if_match());
  }));
  return Reply::NoContent();
}

// ---- GEDCOM import ----------------------------------------------------------------------------

// One route for the dry run and the real import (one method and path, so one route spec with
// the action genogram.import). The audit row of a dry run carries the same action name; its
// resource ends in "import?dry_run", so the access log still tells the two apart.
Result<Reply> Import(Call& call) {
  ASSIGN_OR_RETURN(bool dry_run, ReadBoolQuery(call.req, "dry_run", false));
  Details details = Details::kMinimal;
  if (auto v = call.req.QueryValue("details")) {
    auto d = ParseDetails(*v);
    if (!d) return Status::InvalidField("details", "choose_one_of", {{"options", "minimal, full"}});
    details = *d;
  }
  call.resource = Resource(call) + (dry_run ? "/import?dry_run" : "/import");
  ASSIGN_OR_RETURN(GedcomImport import, PlanGedcomImport(call.req.body, details));
  auto apply = [&](db::Connection& tx) { return ApplyGedcomImport(tx, FamilyOf(call), import, dry_run); };
  RETURN_IF_ERROR(dry_run ? call.Read(apply) : call.Write(apply));
  return Reply::Json(dry_run ? 200 : 201, ImportReportJson(import.result, import.plan, details, dry_run, call.lang));
}

// ---- theme list -------------------------------------------------------------------------------

std::string ThemesResource(const Call& call) { return "organisation/" + call.actor().organisation_id + "/genogram-themes"; }

Result<Reply> GetThemes(Call& call) {
  call.resource = ThemesResource(call);
  std::vector<Theme> themes;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(themes, ThemeList(c, call.actor().organisation_id));
    return Status::Ok();
  }));
  return Reply::Json(200, ThemesJson(themes));
}

Result<Reply> PutThemes(Call& call) {
  call.resource = ThemesResource(call);
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  ASSIGN_OR_RETURN(std::vector<Theme> themes, ReadThemeList(body));
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) { return ReplaceThemeList(tx, call.actor().organisation_id, themes); }));
  return Reply::Json(200, ThemesJson(themes));
}

}  // namespace

bool IsGedcomUploadPath(std::string_view path) {
  constexpr std::string_view prefix = "/api/v1/families/", suffix = "/genogram/import";
  return path.size() > prefix.size() + suffix.size() && path.starts_with(prefix) && path.ends_with(suffix);
}

void RegisterGenogramRoutes(security::Routes& routes) {
  constexpr bool kVersioned = true;
  routes.Add({"GET", "/api/v1/families/{id}/genogram", Action::kGenogramRead, GetGenogram});
  routes.Add({"GET", "/api/v1/families/{id}/genogram.svg", Action::kGenogramSvg, GetSvg});
  routes.Add({"GET", "/api/v1/families/{id}/genogram.ged", Action::kGenogramExport, GetGedcom});
  routes.Add({"GET", "/api/v1/families/{id}/genogram/patterns", Action::kGenogramPatterns, GetPatterns});
  routes.Add({"POST", "/api/v1/families/{id}/genogram/import", Action::kGenogramImport, Import});
  routes.Add({"POST", "/api/v1/families/{id}/genogram/from-household", Action::kGenogramFromHousehold, FromHouseholdRoute});
  routes.Add({"POST", "/api/v1/families/{id}/genogram/persons", Action::kGenogramPersonCreate, CreatePerson});
  routes.Add({"GET", "/api/v1/families/{id}/genogram/persons/{pid}", Action::kGenogramPersonRead, GetPerson});
  routes.Add({"PATCH", "/api/v1/families/{id}/genogram/persons/{pid}", Action::kGenogramPersonUpdate, UpdatePerson, kVersioned});
  routes.Add({"DELETE", "/api/v1/families/{id}/genogram/persons/{pid}", Action::kGenogramPersonDelete, DeletePersonRoute, kVersioned});
  routes.Add({"POST", "/api/v1/families/{id}/genogram/relations", Action::kGenogramRelationCreate, CreateRelation});
  routes.Add({"GET", "/api/v1/families/{id}/genogram/relations/{rid}", Action::kGenogramRelationRead, GetRelation});
  routes.Add({"PATCH", "/api/v1/families/{id}/genogram/relations/{rid}", Action::kGenogramRelationUpdate, UpdateRelation, kVersioned});
  routes.Add({"DELETE", "/api/v1/families/{id}/genogram/relations/{rid}", Action::kGenogramRelationDelete, DeleteRelationRoute, kVersioned});
  routes.Add({"POST", "/api/v1/families/{id}/genogram/events", Action::kGenogramEventCreate, CreateEvent});
  routes.Add({"GET", "/api/v1/families/{id}/genogram/events/{eid}", Action::kGenogramEventRead, GetEvent});
  routes.Add({"PATCH", "/api/v1/families/{id}/genogram/events/{eid}", Action::kGenogramEventUpdate, UpdateEvent, kVersioned});
  routes.Add({"DELETE", "/api/v1/families/{id}/genogram/events/{eid}", Action::kGenogramEventDelete, DeleteEventRoute, kVersioned});
  routes.Add({"GET", "/api/v1/genogram/themes", Action::kGenogramThemesRead, GetThemes});
  routes.Add({"PUT", "/api/v1/genogram/themes", Action::kGenogramThemesManage, PutThemes});
}

}  // namespace kansrijk::genogram
