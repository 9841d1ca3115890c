#include "genogram/api.h"

#include <algorithm>
#include <map>
#include <set>

#include "families/legacy.h"
#include "families/repo.h"
#include "genogram/gedcom.h"
#include "genogram/patterns.h"
#include "genogram/record.h"
#include "genogram/repo.h"
#include "genogram/svg.h"
#include "platform/api_helpers.h"
#include "platform/time.h"
#include "security/policy.h"

namespace kansrijk::genogram {

using http::FieldReader;
using http::Json;
using http::ProblemResponse;
using http::Request;
using http::Response;
using security::Action;
using security::ApiContext;
using security::AuditFor;
using security::Session;

namespace {

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxLabelChars = 100;
constexpr size_t kMaxNoteChars = 4000;
constexpr size_t kMaxDateChars = 100;
constexpr size_t kMaxPeopleInReport = 500;

std::string Resource(const std::string& family_id) { return "family/" + family_id + "/genogram"; }

// ---- JSON ----------------------------------------------------------------------------------

void DateFields(Json& j, const char* name, const PartialDate& d) {
  j[name] = FormatGedcomDate(d);
  j[std::string(name) + "_text"] = FormatDutchDate(d);
}

Json PersonJson(const PersonRecord& r, int generation, bool notes) {
  const Person& p = r.person;
  Json j = {{"id", p.id},
            {"given_names", p.given_names},
            {"surname", p.surname},
            {"role_label", p.role_label},
            {"sex", ToString(p.sex)},
            {"kind", ToString(p.kind)},
            {"deceased", p.deceased},
            {"index_person", p.index_person},
            {"in_household", p.in_household},
            {"details", ToString(r.details)},
            {"member_id", r.member_id ? Json(*r.member_id) : Json(nullptr)},
            {"themes", p.theme_ids},
            {"display_name", DisplayName(p)},
            {"generation", generation + 1},
            {"version", r.version}};
  DateFields(j, "birth", p.birth);
  DateFields(j, "death", p.death);
  if (notes) j["note"] = p.note;
  return j;
}

Json RelationJson(const RelationRecord& r, bool notes) {
  Json j = {{"id", r.id}, {"type", ToString(r.type)}, {"a", r.a}, {"b", r.b}, {"kind", r.kind}, {"version", r.version}};
  if (r.type == RelationType::kPartner) {
    j["state"] = r.state;
    DateFields(j, "start", r.start);
    DateFields(j, "end", r.end);
  }
  if (notes && (r.type == RelationType::kPartner || r.type == RelationType::kEmotional)) j["note"] = r.note;
  return j;
}

Json EventJson(const EventRecord& r) {
  const LifeEvent& e = r.event;
  auto year = DisplayYear(e.date);
  Json j = {{"id", e.id},
            {"person_id", e.person_id},
            {"kind", ToString(e.kind)},
            {"label", DutchLabel(e.kind)},
            {"year", year ? Json(*year) : Json(nullptr)},
            {"description", e.description},
            {"place", e.place},
            {"place_from", e.place_from},
            {"other_person_id", e.other_person_id.empty() ? Json(nullptr) : Json(e.other_person_id)},
            {"version", r.version}};
  DateFields(j, "date", e.date);
  return j;
}

Json ThemeJson(const Theme& t) { return {{"id", t.id}, {"label", t.label}, {"strength", t.strength}}; }

Json GenogramJson(const std::string& family_id, const FamilyGenogram& g, bool notes) {
  auto generations = ComputeGenerations(ToModel(g));
  Json persons = Json::array(), relations = Json::array(), events = Json::array(), themes = Json::array();
  for (size_t i = 0; i < g.persons.size(); ++i) persons.push_back(PersonJson(g.persons[i], generations[i], notes));
  for (const auto& r : g.relations) relations.push_back(RelationJson(r, notes));
  for (const auto& e : g.events) events.push_back(EventJson(e));
  for (const auto& t : g.themes) themes.push_back(ThemeJson(t));
  return {{"family_id", family_id}, {"persons", persons},         {"relations", relations},
          {"events", events},       {"themes", themes},           {"max_persons", kMaxPersons},
          {"notes_visible", notes}};
}

int GenerationOf(const FamilyGenogram& g, size_t index) { return ComputeGenerations(ToModel(g)).at(index); }

Response WithETag(Response res, int64_t version) {
  res.headers.emplace("ETag", http::ETagFor(version));
  return res;
}

Response Created(Json body, const std::string& location, int64_t version) {
  auto res = WithETag(http::JsonResponse(201, body), version);
  res.headers.emplace("Location", location);
  return res;
}

// ---- access -----------------------------------------------------------------------------------

// Whether the caller may read free-text notes about the persons of this family; and the
// family's name for the drawing's title.
Result<bool> NotesVisible(db::Connection& c, const Session& s, const std::string& family_id,
                          std::string* family_name = nullptr) {
  ASSIGN_OR_RETURN(auto family, families::FamilyRepo::Get(c, family_id));
  if (family_name) *family_name = family.name;
  security::FamilyScope scope{family.organisation_id, family.coach_id};
  return security::Decide(s.actor, Action::kGenogramNoteRead, &scope) == security::Decision::kAllow;
}

// What every write checks before it touches the database, in the order the API promises:
// the role (403, audited), If-Match for a change to an existing item (428), a JSON body (400).
struct WriteGate {
  std::optional<Response> refused;
  int64_t version = 0;
  Json body;
};
WriteGate OpenWrite(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                    const std::string& resource, bool if_match, bool json_body) {
  WriteGate gate;
  if (auto st = families::RoleAllows(s, Action::kGenogramWrite); !st.ok()) {
    gate.refused = families::Refuse(ctx, req, s, action, resource, std::nullopt, st);
    return gate;
  }
  if (if_match) {
    auto version = http::RequireIfMatch(req);
    if (!version.ok()) {
      gate.refused = ProblemResponse(version.status());
      return gate;
    }
    gate.version = *version;
  }
  if (json_body) {
    auto body = http::ParseJsonObject(req.body);
    if (!body.ok()) {
      gate.refused = ProblemResponse(body.status());
      return gate;
    }
    gate.body = std::move(*body);
  }
  return gate;
}

// A DELETE of one item: the gate with If-Match, then `remove` takes the item out of the loaded
// genogram and deletes its rows (kNotFound when it is not there); 204 when done.
using RemoveFn = std::function<Status(db::Connection&, FamilyGenogram&, int64_t version)>;
Response ChangeGenogramDelete(ApiContext& ctx, Request& req, const Session& s, const std::string& action,
                              const std::string& resource, const RemoveFn& remove);

// Reads the whole genogram of the request's family for `action_name`, audited; then `respond`
// (with `family_name` set first when given).
template <typename Respond>
Response ReadGenogram(ApiContext& ctx, Request& req, const Session& s, const std::string& action_name,
                      const std::string& resource, Respond respond, std::string* family_name = nullptr) {
  const std::string id = req.Param("id");
  FamilyGenogram g;
  bool notes = false;
  std::optional<Response> out;
  if (auto refused = families::AuditedFamilyRead(ctx, req, s, Action::kGenogramRead, action_name, resource,
                                                 [&](db::Connection& c) -> Status {
                                                   ASSIGN_OR_RETURN(g, GenogramRepo::Load(c, id, s.actor.organisation_id));
                                                   ASSIGN_OR_RETURN(notes, NotesVisible(c, s, id, family_name));
                                                   // Items that are not there are refused (and audited) as such.
                                                   auto r = respond(g, notes);
                                                   if (!r.ok()) return r.status();
                                                   out = std::move(*r);
                                                   return Status::Ok();
                                                 }))
    return *refused;
  return std::move(*out);
}

// Runs a change of the request's family genogram in one transaction: checks the role, authorises
// the family, loads the whole genogram, lets `change` edit it and write its rows, refuses the
// lot when the result is inconsistent, and appends the audit row.
using ChangeFn = std::function<Status(db::Connection&, FamilyGenogram&)>;
Status ChangeGenogram(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                      const std::string& resource, const ChangeFn& change, bool* notes = nullptr) {
  const std::string id = req.Param("id");
  return ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(families::AuthorizedFamily(tx, s, id, Action::kGenogramWrite).status());
    RETURN_IF_ERROR(GenogramRepo::LockFamily(tx, id));
    ASSIGN_OR_RETURN(FamilyGenogram g, GenogramRepo::Load(tx, id, s.actor.organisation_id));
    RETURN_IF_ERROR(change(tx, g));
    RETURN_IF_ERROR(CheckConsistent(g));
    if (notes) {
      ASSIGN_OR_RETURN(*notes, NotesVisible(tx, s, id));
    }
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, resource, id, "success"));
  });
}

Response ChangeGenogramDelete(ApiContext& ctx, Request& req, const Session& s, const std::string& action,
                              const std::string& resource, const RemoveFn& remove) {
  auto w = OpenWrite(ctx, req, s, action, resource, true, false);
  if (w.refused) return std::move(*w.refused);
  Status st = ChangeGenogram(ctx, req, s, action, resource,
                             [&](db::Connection& tx, FamilyGenogram& g) { return remove(tx, g, w.version); });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return http::NoContent();
}

// ---- input ------------------------------------------------------------------------------------

std::optional<PartialDate> ReadDate(FieldReader& f, const std::string& name) {
  auto text = f.String(name, false, kMaxDateChars);
  if (!text) return std::nullopt;
  return ParseDate(*text);
}

template <typename E>
std::optional<E> ReadEnum(FieldReader& f, const std::string& name, bool required,
                          std::optional<E> (*parse)(std::string_view), const char* choices) {
  auto text = f.String(name, required, 40);
  if (!text) return std::nullopt;
  auto v = parse(*text);
  if (!v) f.Error(name, std::string("Kies een van: ") + choices + ".");
  return v;
}

// Which person fields a body set, so a change to minimal details can leave out only the rest.
struct PersonBody {
  std::set<std::string> present;
};

// Reads person fields into `r` (absent fields stay). Checks themes against the list and the
// member against the family's members inside the transaction (CheckPersonRefs).
PersonBody ReadPersonFields(FieldReader& f, const Json& body, PersonRecord& r) {
  PersonBody out;
  for (const auto& [key, value] : body.items()) out.present.insert(key);
  Person& p = r.person;
  if (auto v = f.String("given_names", false, kMaxNameChars)) p.given_names = *v;
  if (auto v = f.String("surname", false, kMaxNameChars)) p.surname = *v;
  if (auto v = f.String("role_label", false, kMaxLabelChars)) p.role_label = *v;
  if (auto v = ReadEnum<Sex>(f, "sex", false, ParseSex, "male, female, other, unknown")) p.sex = *v;
  if (auto v = ReadEnum<PersonKind>(f, "kind", false, ParsePersonKind, "born, pregnancy, miscarriage, stillbirth"))
    p.kind = *v;
  if (auto v = ReadDate(f, "birth")) p.birth = *v;
  if (auto v = ReadDate(f, "death")) p.death = *v;
  if (f.IsNull("birth")) p.birth = {};
  if (f.IsNull("death")) p.death = {};
  if (auto v = f.Bool("deceased")) p.deceased = *v;
  if (auto v = f.Bool("index_person")) p.index_person = *v;
  if (auto v = f.Bool("in_household")) p.in_household = *v;
  if (auto v = ReadEnum<Details>(f, "details", false, ParseDetails, "minimal, full")) r.details = *v;
  if (f.Present("member_id")) {
    if (f.IsNull("member_id")) r.member_id.reset();
    else if (auto v = f.String("member_id", false, 64)) r.member_id = *v;
  }
  if (f.Present("themes") && !f.IsNull("themes")) {
    if (const Json* themes = f.Array("themes")) {
      std::vector<std::string> ids;
      for (const auto& t : *themes) {
        if (!t.is_string() || t.get_ref<const std::string&>().empty() || t.get_ref<const std::string&>().size() > 40) {
          f.Error("themes", "Geef de thema's als een lijst met codes, zoals [\"zorgzaam\"].");
          break;
        }
        if (std::find(ids.begin(), ids.end(), t.get<std::string>()) == ids.end()) ids.push_back(t.get<std::string>());
      }
      p.theme_ids = ids;
    }
  } else if (f.IsNull("themes")) {
    p.theme_ids.clear();
  }
  if (auto v = f.String("note", false, kMaxNoteChars)) p.note = *v;
  if (!p.deceased && !p.death.empty()) p.deceased = true;  // a death date says it
  return out;
}

// Rules of a person that need the rest of the genogram or the family: one index person, a
// member at most once and of this family, a name or role, privacy of minimal details.
Status CheckPerson(db::Connection& tx, const std::string& family_id, const FamilyGenogram& g, const PersonRecord& r) {
  FieldErrors errors = ValidatePersonPrivacy(r);
  const Person& p = r.person;
  if (p.given_names.empty() && p.surname.empty() && p.role_label.empty() && p.kind == PersonKind::kBorn)
    errors["given_names"].push_back("Vul een voornaam in, of hoe de familie deze persoon noemt (bijvoorbeeld 'oma moederskant').");
  for (const auto& other : g.persons) {
    if (other.person.id == p.id) continue;
    if (p.index_person && other.person.index_person)
      errors["index_person"].push_back("Er is al een indexpersoon: " + DisplayName(other.person) +
                                       ". Zet die eerst uit.");
    if (r.member_id && other.member_id == r.member_id)
      errors["member_id"].push_back("Dit gezinslid staat al in het genogram als " + DisplayName(other.person) + ".");
  }
  if (r.member_id) {
    auto member = families::FamilyRepo::GetMember(tx, family_id, *r.member_id);
    if (!member.ok()) errors["member_id"].push_back("Dit gezinslid hoort niet bij dit gezin.");
  }
  if (errors.empty()) return Status::Ok();
  std::string first = errors.begin()->second.front();
  return Status::Invalid(std::move(errors), first);
}

// A relation between two persons of the genogram, checked for its own fields.
Status CheckRelation(const RelationRecord& r) {
  FieldErrors errors = ValidateRelationFields(r);
  if (!errors.empty()) return Status::Invalid(errors, errors.begin()->second.front());
  return Status::Ok();
}

std::string DefaultKind(RelationType t) {
  switch (t) {
    case RelationType::kPartner: return "relationship";
    case RelationType::kParentChild: return "biological";
    case RelationType::kEmotional: return "";
    case RelationType::kTwins: return "fraternal";
  }
  return "";
}

// Reads kind, state, start, end and note of a relation into `r` (absent fields stay).
void ReadRelationFields(FieldReader& f, RelationRecord& r) {
  if (auto v = f.String("kind", false, 40)) r.kind = *v;
  if (auto v = f.String("state", false, 40)) r.state = *v;
  if (auto v = ReadDate(f, "start")) r.start = *v;
  if (auto v = ReadDate(f, "end")) r.end = *v;
  if (f.IsNull("start")) r.start = {};
  if (f.IsNull("end")) r.end = {};
  if (auto v = f.String("note", false, kMaxNoteChars)) r.note = *v;
}

void ReadEventFields(FieldReader& f, LifeEvent& e, bool is_new) {
  if (auto v = f.String("person_id", is_new, 64)) e.person_id = *v;
  if (auto v = ReadEnum<EventKind>(f, "kind", is_new, ParseEventKind,
                                   "birth, death, move, broken_contact, reconciliation, divorce, job_loss, new_job, "
                                   "debts_started, debts_resolved, school_drop_out, diploma, illness, addiction, "
                                   "detention, other"))
    e.kind = *v;
  if (auto v = ReadDate(f, "date")) e.date = *v;
  if (f.IsNull("date")) e.date = {};
  if (auto v = f.String("description", false, kMaxNoteChars)) e.description = *v;
  if (auto v = f.String("place", false, kMaxNameChars)) e.place = *v;
  if (auto v = f.String("place_from", false, kMaxNameChars)) e.place_from = *v;
  if (f.Present("other_person_id")) e.other_person_id = f.String("other_person_id", false, 64).value_or("");
}


template <typename T>
T* FindById(std::vector<T>& items, const std::string& id, const std::string& (*id_of)(const T&)) {
  for (auto& x : items)
    if (id_of(x) == id) return &x;
  return nullptr;
}
const std::string& PersonId(const PersonRecord& r) { return r.person.id; }
const std::string& RelationId(const RelationRecord& r) { return r.id; }
const std::string& EventId(const EventRecord& r) { return r.event.id; }

// ---- whole genogram, drawing, patterns, export --------------------------------------------------

Response GetGenogram(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  return ReadGenogram(ctx, req, s, "genogram.read", Resource(id), [&](const FamilyGenogram& g, bool notes) -> Result<Response> {
    return http::JsonResponse(200, GenogramJson(id, g, notes));
  });
}

PartialDate Today() {
  Date d = TodayInAmsterdam(Now());
  return PartialDate::Day(d.year, d.month, d.day);
}

Response GetSvg(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  SvgOptions options;
  options.today = Today();
  if (auto h = req.QueryValue("highlight")) {
    std::string list = *h;
    for (size_t start = 0; start <= list.size() && options.highlight.size() <= kMaxPersons;) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      if (comma > start) options.highlight.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  if (auto legend = req.QueryValue("legend")) {
    if (*legend != "true" && *legend != "false")
      return ProblemResponse(Status::Invalid({{"legend", {"Kies true of false."}}}));
    options.legend = *legend == "true";
  }
  std::string family_name;
  return ReadGenogram(ctx, req, s, "genogram.svg", Resource(id) + ".svg", [&](const FamilyGenogram& g, bool) -> Result<Response> {
    // The title is what a printed page on the kitchen table says at the top.
    options.title = "Genogram " + family_name + " (" + FormatDutchDate(options.today) + ")";
    Response res;
    res.content_type = "image/svg+xml; charset=utf-8";
    res.body = RenderSvg(ToModel(g), options);
    res.headers.emplace("Cache-Control", "no-store");
    return res;
  }, &family_name);
}

Response GetPatterns(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  return ReadGenogram(ctx, req, s, "genogram.patterns", Resource(id) + "/patterns",
                      [&](const FamilyGenogram& g, bool) -> Result<Response> {
                        Json items = Json::array();
                        for (const auto& p : FindPatterns(ToModel(g)))
                          items.push_back({{"kind", p.kind == Pattern::Kind::kTheme ? "theme" : "event"},
                                           {"key", p.key},
                                           {"label", p.label},
                                           {"strength", p.strength},
                                           {"person_ids", p.person_ids},
                                           {"generations", p.generations}});
                        return http::JsonResponse(200, {{"items", items}});
                      });
}

Response GetGedcom(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  return ReadGenogram(ctx, req, s, "genogram.export", Resource(id) + ".ged", [&](const FamilyGenogram& g, bool notes) -> Result<Response> {
    Genogram m = ToModel(g);
    // Notes about relatives outside the household stay in kansrijk: a GEDCOM file travels to
    // genealogy programs and other people, and those relatives never consented to anything.
    std::set<std::string> outside;
    for (auto& p : m.persons)
      if (!notes || !p.in_household) {
        p.note.clear();
        outside.insert(p.id);
      }
    for (auto& r : m.partners)
      if (!notes || outside.count(r.a) || outside.count(r.b)) r.note.clear();
    for (auto& r : m.emotional)
      if (!notes || outside.count(r.a) || outside.count(r.b)) r.note.clear();
    ExportOptions options;
    options.date = FormatGedcomDate(Today());
    Response res;
    res.content_type = "text/plain; charset=utf-8";
    res.body = ExportGedcom(m, options).gedcom;
    res.headers.emplace("Content-Disposition", "attachment; filename=\"genogram.ged\"");
    res.headers.emplace("Cache-Control", "no-store");
    return res;
  });
}

// ---- persons ----------------------------------------------------------------------------------

Response GetPerson(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), pid = req.Param("pid");
  return ReadGenogram(ctx, req, s, "genogram.person.read", Resource(id) + "/persons/" + pid,
                      [&](const FamilyGenogram& g, bool notes) -> Result<Response> {
                        int i = g.FindPerson(pid);
                        if (i < 0) return Status::NotFound("Deze persoon staat niet in het genogram.");
                        return WithETag(http::JsonResponse(200, PersonJson(g.persons[i], GenerationOf(g, i), notes)),
                                        g.persons[i].version);
                      });
}

// A quick action's link from a new person to one already there.
struct Link {
  std::string type;  // parent | child | partner | sibling
  std::string person_id, other_parent_id;
};

std::optional<Link> ReadLink(FieldReader& f, const Json& body) {
  if (!body.contains("link") || body.at("link").is_null()) return std::nullopt;
  const Json& j = body.at("link");
  if (!j.is_object()) {
    f.Error("link", "Geef de koppeling als {\"type\": …, \"person_id\": …}.");
    return std::nullopt;
  }
  FieldReader lf(j, {"type", "person_id", "other_parent_id"});
  Link link;
  link.type = lf.String("type", true, 20).value_or("");
  if (!link.type.empty() && link.type != "parent" && link.type != "child" && link.type != "partner" &&
      link.type != "sibling")
    lf.Error("type", "Kies een van: parent, child, partner, sibling.");
  link.person_id = lf.String("person_id", true, 64).value_or("");
  link.other_parent_id = lf.String("other_parent_id", false, 64).value_or("");
  if (!link.other_parent_id.empty() && link.type != "child")
    lf.Error("other_parent_id", "Een tweede ouder kan alleen bij een nieuw kind.");
  for (const auto& [field, messages] : lf.errors())
    for (const auto& m : messages) f.Error("link." + field, m);
  return link;
}

// The relations a quick action adds for the new person `added`.
Result<std::vector<RelationRecord>> LinkRelations(const FamilyGenogram& g, const Link& link, const std::string& added) {
  auto relation = [](RelationType type, std::string a, std::string b, std::string kind) {
    RelationRecord r;
    r.type = type;
    r.a = std::move(a);
    r.b = std::move(b);
    r.kind = std::move(kind);
    if (type == RelationType::kPartner) r.state = "together";
    return r;
  };
  auto unknown = [] {
    return Status::Invalid({{"link.person_id", {"Deze persoon staat niet in het genogram van dit gezin."}}},
                           "Deze persoon staat niet in het genogram van dit gezin.");
  };
  if (g.FindPerson(link.person_id) < 0) return unknown();
  std::vector<RelationRecord> out;
  if (link.type == "parent") out.push_back(relation(RelationType::kParentChild, added, link.person_id, "biological"));
  if (link.type == "partner") out.push_back(relation(RelationType::kPartner, link.person_id, added, "relationship"));
  if (link.type == "child") {
    out.push_back(relation(RelationType::kParentChild, link.person_id, added, "biological"));
    if (!link.other_parent_id.empty()) {
      if (g.FindPerson(link.other_parent_id) < 0)
        return Status::Invalid({{"link.other_parent_id", {"Deze persoon staat niet in het genogram van dit gezin."}}},
                               "De tweede ouder staat niet in het genogram van dit gezin.");
      out.push_back(relation(RelationType::kParentChild, link.other_parent_id, added, "biological"));
    }
  }
  if (link.type == "sibling") {
    for (const auto& r : g.relations)
      if (r.type == RelationType::kParentChild && r.b == link.person_id)
        out.push_back(relation(RelationType::kParentChild, r.a, added, r.kind));
    if (out.empty())
      return Status::Invalid({{"link.person_id", {"Voeg eerst een ouder toe; dan kunnen we broers en zussen koppelen."}}},
                             "Voeg eerst een ouder toe; dan kunnen we broers en zussen koppelen.");
  }
  return out;
}

Response CreatePerson(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "genogram.person.create";
  auto w = OpenWrite(ctx, req, s, action, Resource(id), false, true);
  if (w.refused) return std::move(*w.refused);
  FieldReader f(w.body, {"given_names", "surname", "role_label", "sex", "kind", "birth", "death", "deceased",
                        "index_person", "in_household", "details", "member_id", "themes", "note", "link"});
  PersonRecord r;
  bool details_given = w.body.contains("details") && !w.body.at("details").is_null();
  ReadPersonFields(f, w.body, r);
  if (!details_given) r.details = DefaultDetails(r.person.in_household);
  auto link = ReadLink(f, w.body);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::vector<RelationRecord> created;
  bool notes = false;
  int generation = 0;
  Status st = ChangeGenogram(ctx, req, s, action, Resource(id) + "/persons", [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    RETURN_IF_ERROR(CheckPerson(tx, id, g, r));
    std::vector<RelationRecord> relations;
    if (link) {
      ASSIGN_OR_RETURN(relations, LinkRelations(g, *link, "#new"));
    }
    RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx, id, r));
    g.persons.push_back(r);
    for (auto& rel : relations) {
      if (rel.a == "#new") rel.a = r.person.id;
      if (rel.b == "#new") rel.b = r.person.id;
      RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, id, rel));
      g.relations.push_back(rel);
      created.push_back(rel);
    }
    generation = GenerationOf(g, g.persons.size() - 1);
    return Status::Ok();
  }, &notes);
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, Resource(id) + "/persons", st);
  Json rels = Json::array();
  for (const auto& rel : created) rels.push_back(RelationJson(rel, notes));
  return Created({{"person", PersonJson(r, generation, notes)}, {"relations", rels}},
                 "/api/v1/families/" + id + "/genogram/persons/" + r.person.id, r.version);
}

Response UpdatePerson(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), pid = req.Param("pid"), action = "genogram.person.update";
  const std::string resource = Resource(id) + "/persons/" + pid;
  auto w = OpenWrite(ctx, req, s, action, resource, true, true);
  if (w.refused) return std::move(*w.refused);
  PersonRecord updated;
  bool notes = false;
  int generation = 0;
  Status st = ChangeGenogram(ctx, req, s, action, resource, [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    PersonRecord* current = FindById(g.persons, pid, PersonId);
    if (!current) return Status::NotFound("Deze persoon staat niet in het genogram.");
    if (current->version != w.version) return Status(Code::kFailedPrecondition, "Deze persoon is intussen gewijzigd. Laad opnieuw.");
    FieldReader f(w.body, {"given_names", "surname", "role_label", "sex", "kind", "birth", "death", "deceased",
                          "index_person", "in_household", "details", "member_id", "themes", "note"});
    PersonRecord r = *current;
    auto given = ReadPersonFields(f, w.body, r);
    RETURN_IF_ERROR(f.Finish());
    // Switching to minimal details leaves out what minimal does not keep, unless the body sets
    // it again (then it is refused below with a message that says why).
    if (r.details == Details::kMinimal && current->details == Details::kFull) {
      Person reduced = r.person;
      ReduceToMinimal(reduced);
      if (!given.present.count("surname")) r.person.surname = reduced.surname;
      if (!given.present.count("birth")) r.person.birth = reduced.birth;
      if (!given.present.count("death")) r.person.death = reduced.death;
    }
    RETURN_IF_ERROR(CheckPerson(tx, id, g, r));
    RETURN_IF_ERROR(GenogramRepo::UpdatePerson(tx, id, r, w.version));
    *current = r;
    updated = r;
    generation = GenerationOf(g, g.FindPerson(pid));
    return Status::Ok();
  }, &notes);
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return WithETag(http::JsonResponse(200, PersonJson(updated, generation, notes)), updated.version);
}

Response DeletePerson(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), pid = req.Param("pid"), action = "genogram.person.delete";
  return ChangeGenogramDelete(ctx, req, s, action, Resource(id) + "/persons/" + pid,
                              [&](db::Connection& tx, FamilyGenogram& g, int64_t version) -> Status {
    int i = g.FindPerson(pid);
    if (i < 0) return Status::NotFound("Deze persoon staat niet in het genogram.");
    RETURN_IF_ERROR(GenogramRepo::DeletePerson(tx, id, pid, version));
    g.persons.erase(g.persons.begin() + i);
    std::erase_if(g.relations, [&](const RelationRecord& r) { return r.a == pid || r.b == pid; });
    std::erase_if(g.events, [&](const EventRecord& e) { return e.event.person_id == pid || e.event.other_person_id == pid; });
    return Status::Ok();
  });
}

Response FromHouseholdRoute(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "genogram.from_household";
  const std::string resource = Resource(id) + "/from-household";
  auto w = OpenWrite(ctx, req, s, action, resource, false, false);
  if (w.refused) return std::move(*w.refused);
  HouseholdAdditions added;
  std::vector<int> generations;  // of the added persons
  bool notes = false;
  Status st = ChangeGenogram(ctx, req, s, action, resource, [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    ASSIGN_OR_RETURN(auto members, families::FamilyRepo::Members(tx, id));
    std::vector<HouseholdMember> household;
    for (const auto& m : members)
      household.push_back({m.id, m.given_name, m.family_name, m.sex, m.household_role, m.birth_date});
    added = FromHousehold(g, household);
    for (auto& p : added.persons) {
      RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx, id, p));
      g.persons.push_back(p);
    }
    auto resolve = [&](std::string& ref) {
      if (ref.starts_with("#")) ref = added.persons.at(std::stoul(ref.substr(1))).person.id;
    };
    for (auto& r : added.relations) {
      resolve(r.a);
      resolve(r.b);
      RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, id, r));
      g.relations.push_back(r);
    }
    auto all = ComputeGenerations(ToModel(g));
    generations.assign(all.end() - added.persons.size(), all.end());
    return Status::Ok();
  }, &notes);
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  Json persons = Json::array(), relations = Json::array();
  for (size_t i = 0; i < added.persons.size(); ++i) persons.push_back(PersonJson(added.persons[i], generations[i], notes));
  for (const auto& r : added.relations) relations.push_back(RelationJson(r, notes));
  return http::JsonResponse(200, {{"persons", persons}, {"relations", relations}});
}

// ---- relations --------------------------------------------------------------------------------

Response GetRelation(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), rid = req.Param("rid");
  return ReadGenogram(ctx, req, s, "genogram.relation.read", Resource(id) + "/relations/" + rid,
                      [&](const FamilyGenogram& g, bool notes) -> Result<Response> {
                        for (const auto& r : g.relations)
                          if (r.id == rid) return WithETag(http::JsonResponse(200, RelationJson(r, notes)), r.version);
                        return Status::NotFound("Deze relatie staat niet in het genogram.");
                      });
}

Response CreateRelation(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "genogram.relation.create";
  const std::string resource = Resource(id) + "/relations";
  auto w = OpenWrite(ctx, req, s, action, resource, false, true);
  if (w.refused) return std::move(*w.refused);
  FieldReader f(w.body, {"type", "a", "b", "kind", "state", "start", "end", "note"});
  RelationRecord r;
  auto type = ReadEnum<RelationType>(f, "type", true, ParseRelationType, "partner, parent_child, emotional, twins");
  r.a = f.String("a", true, 64).value_or("");
  r.b = f.String("b", true, 64).value_or("");
  if (type) {
    r.type = *type;
    r.kind = DefaultKind(r.type);
    if (r.type == RelationType::kPartner) r.state = "together";
  }
  ReadRelationFields(f, r);
  if (type && r.type == RelationType::kEmotional && r.kind.empty()) f.Error("kind", "Kies hoe de twee met elkaar omgaan.");
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  if (auto st = CheckRelation(r); !st.ok()) return ProblemResponse(st);
  bool notes = false;
  Status st = ChangeGenogram(ctx, req, s, action, resource, [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    // A person of another family is simply not in this genogram: the same message as a typo.
    for (const auto* field : {"a", "b"}) {
      const std::string& pid = std::string(field) == "a" ? r.a : r.b;
      if (g.FindPerson(pid) < 0)
        return Status::Invalid({{field, {"Deze persoon staat niet in het genogram van dit gezin."}}},
                               "Deze persoon staat niet in het genogram van dit gezin.");
    }
    RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, id, r));
    g.relations.push_back(r);
    return Status::Ok();
  }, &notes);
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return Created(RelationJson(r, notes), "/api/v1/families/" + id + "/genogram/relations/" + r.id, r.version);
}

Response UpdateRelation(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), rid = req.Param("rid"), action = "genogram.relation.update";
  const std::string resource = Resource(id) + "/relations/" + rid;
  auto w = OpenWrite(ctx, req, s, action, resource, true, true);
  if (w.refused) return std::move(*w.refused);
  RelationRecord updated;
  bool notes = false;
  Status st = ChangeGenogram(ctx, req, s, action, resource, [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    RelationRecord* current = FindById(g.relations, rid, RelationId);
    if (!current) return Status::NotFound("Deze relatie staat niet in het genogram.");
    if (current->version != w.version) return Status(Code::kFailedPrecondition, "Deze relatie is intussen gewijzigd. Laad opnieuw.");
    FieldReader f(w.body, {"kind", "state", "start", "end", "note"});
    RelationRecord r = *current;
    ReadRelationFields(f, r);
    RETURN_IF_ERROR(f.Finish());
    RETURN_IF_ERROR(CheckRelation(r));
    RETURN_IF_ERROR(GenogramRepo::UpdateRelation(tx, id, r, w.version));
    *current = r;
    updated = r;
    return Status::Ok();
  }, &notes);
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return WithETag(http::JsonResponse(200, RelationJson(updated, notes)), updated.version);
}

Response DeleteRelation(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), rid = req.Param("rid"), action = "genogram.relation.delete";
  return ChangeGenogramDelete(ctx, req, s, action, Resource(id) + "/relations/" + rid,
                              [&](db::Connection& tx, FamilyGenogram& g, int64_t version) -> Status {
    if (!FindById(g.relations, rid, RelationId)) return Status::NotFound("Deze relatie staat niet in het genogram.");
    RETURN_IF_ERROR(GenogramRepo::DeleteRelation(tx, id, rid, version));
    std::erase_if(g.relations, [&](const RelationRecord& r) { return r.id == rid; });
    return Status::Ok();
  });
}

// ---- events -----------------------------------------------------------------------------------

Response GetEvent(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), eid = req.Param("eid");
  return ReadGenogram(ctx, req, s, "genogram.event.read", Resource(id) + "/events/" + eid,
                      [&](const FamilyGenogram& g, bool) -> Result<Response> {
                        for (const auto& e : g.events)
                          if (e.event.id == eid) return WithETag(http::JsonResponse(200, EventJson(e)), e.version);
                        return Status::NotFound("Deze gebeurtenis staat niet in het genogram.");
                      });
}

Status CheckEventPersons(const FamilyGenogram& g, const LifeEvent& e) {
  if (g.FindPerson(e.person_id) < 0)
    return Status::Invalid({{"person_id", {"Deze persoon staat niet in het genogram van dit gezin."}}},
                           "Deze persoon staat niet in het genogram van dit gezin.");
  if (!e.other_person_id.empty() && g.FindPerson(e.other_person_id) < 0)
    return Status::Invalid({{"other_person_id", {"Deze persoon staat niet in het genogram van dit gezin."}}},
                           "De andere persoon staat niet in het genogram van dit gezin.");
  return Status::Ok();
}

Response CreateEvent(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "genogram.event.create";
  const std::string resource = Resource(id) + "/events";
  auto w = OpenWrite(ctx, req, s, action, resource, false, true);
  if (w.refused) return std::move(*w.refused);
  FieldReader f(w.body, {"person_id", "kind", "date", "description", "place", "place_from", "other_person_id"});
  EventRecord e;
  ReadEventFields(f, e.event, true);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  Status st = ChangeGenogram(ctx, req, s, action, resource, [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    RETURN_IF_ERROR(CheckEventPersons(g, e.event));
    RETURN_IF_ERROR(GenogramRepo::InsertEvent(tx, id, e));
    g.events.push_back(e);
    return Status::Ok();
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return Created(EventJson(e), "/api/v1/families/" + id + "/genogram/events/" + e.event.id, e.version);
}

Response UpdateEvent(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), eid = req.Param("eid"), action = "genogram.event.update";
  const std::string resource = Resource(id) + "/events/" + eid;
  auto w = OpenWrite(ctx, req, s, action, resource, true, true);
  if (w.refused) return std::move(*w.refused);
  EventRecord updated;
  Status st = ChangeGenogram(ctx, req, s, action, resource, [&](db::Connection& tx, FamilyGenogram& g) -> Status {
    EventRecord* current = FindById(g.events, eid, EventId);
    if (!current) return Status::NotFound("Deze gebeurtenis staat niet in het genogram.");
    if (current->version != w.version) return Status(Code::kFailedPrecondition, "Deze gebeurtenis is intussen gewijzigd. Laad opnieuw.");
    FieldReader f(w.body, {"person_id", "kind", "date", "description", "place", "place_from", "other_person_id"});
    EventRecord e = *current;
    ReadEventFields(f, e.event, false);
    RETURN_IF_ERROR(f.Finish());
    RETURN_IF_ERROR(CheckEventPersons(g, e.event));
    RETURN_IF_ERROR(GenogramRepo::UpdateEvent(tx, id, e, w.version));
    *current = e;
    updated = e;
    return Status::Ok();
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return WithETag(http::JsonResponse(200, EventJson(updated)), updated.version);
}

Response DeleteEvent(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), eid = req.Param("eid"), action = "genogram.event.delete";
  return ChangeGenogramDelete(ctx, req, s, action, Resource(id) + "/events/" + eid,
                              [&](db::Connection& tx, FamilyGenogram& g, int64_t version) -> Status {
    if (!FindById(g.events, eid, EventId)) return Status::NotFound("Deze gebeurtenis staat niet in het genogram.");
    RETURN_IF_ERROR(GenogramRepo::DeleteEvent(tx, id, eid, version));
    std::erase_if(g.events, [&](const EventRecord& e) { return e.event.id == eid; });
    return Status::Ok();
  });
}

// ---- GEDCOM import ----------------------------------------------------------------------------

// The records an import adds, with ids "gedcom:<xref>" until the repository gives real ones.
struct ImportPlan {
  FamilyGenogram added;
  size_t reduced = 0;
};

ImportPlan PlanImport(const Genogram& m, Details details) {
  ImportPlan plan;
  auto ref = [](const std::string& xref) { return "gedcom:" + xref; };
  for (Person p : m.persons) {
    p.id = ref(p.id);
    p.in_household = false;
    p.index_person = false;
    p.theme_ids.clear();
    if (details == Details::kMinimal && ReduceToMinimal(p)) ++plan.reduced;
    plan.added.persons.push_back({std::move(p), details, std::nullopt, 1});
  }
  auto add = [&](RelationType type, const std::string& a, const std::string& b, std::string kind) -> RelationRecord& {
    RelationRecord r;
    r.type = type;
    r.a = ref(a);
    r.b = ref(b);
    r.kind = std::move(kind);
    plan.added.relations.push_back(std::move(r));
    return plan.added.relations.back();
  };
  for (const auto& r : m.partners) {
    auto& x = add(RelationType::kPartner, r.a, r.b, std::string(ToString(r.kind)));
    x.state = ToString(r.state);
    x.start = r.start;
    x.end = r.end;
    x.note = r.note;
  }
  for (const auto& r : m.parent_child) add(RelationType::kParentChild, r.parent_id, r.child_id, std::string(ToString(r.kind)));
  for (const auto& t : m.twins)
    for (size_t i = 1; i < t.person_ids.size(); ++i)
      add(RelationType::kTwins, t.person_ids[i - 1], t.person_ids[i], t.identical ? "identical" : "fraternal");
  for (const auto& r : m.emotional) add(RelationType::kEmotional, r.a, r.b, std::string(ToString(r.kind))).note = r.note;
  for (LifeEvent e : m.events) {
    e.person_id = ref(e.person_id);
    if (!e.other_person_id.empty()) e.other_person_id = ref(e.other_person_id);
    plan.added.events.push_back({std::move(e), 1});
  }
  return plan;
}

// The existing genogram with the planned additions, to check the whole.
FamilyGenogram Combined(FamilyGenogram g, const ImportPlan& plan) {
  g.persons.insert(g.persons.end(), plan.added.persons.begin(), plan.added.persons.end());
  g.relations.insert(g.relations.end(), plan.added.relations.begin(), plan.added.relations.end());
  g.events.insert(g.events.end(), plan.added.events.begin(), plan.added.events.end());
  return g;
}

std::string Years(const Person& p) {
  auto b = DisplayYear(p.birth), d = DisplayYear(p.death);
  if (!b && !d) return p.deceased ? "overleden" : "";
  return (b ? std::to_string(*b) : std::string("?")) + (d ? "–" + std::to_string(*d) : p.deceased ? "–?" : "");
}

Json ImportJson(const ImportResult& result, const ImportPlan& plan, Details details, bool dry_run) {
  Json people = Json::array();
  for (size_t i = 0; i < plan.added.persons.size() && i < kMaxPeopleInReport; ++i) {
    const Person& p = plan.added.persons[i].person;
    people.push_back({{"name", DisplayName(p)}, {"years", Years(p)}});
  }
  Json unused = Json::array();
  for (const auto& u : result.report.unused) unused.push_back({{"line", u.line}, {"text", u.text}, {"reason", u.reason}});
  return {{"dry_run", dry_run},
          {"charset", result.report.charset},
          {"lines", result.report.lines},
          {"records", result.report.records},
          {"persons", plan.added.persons.size()},
          {"relations", plan.added.relations.size()},
          {"events", plan.added.events.size()},
          {"people", people},
          {"details", ToString(details)},
          {"reduced", plan.reduced},
          {"unused", unused},
          {"unused_not_listed", result.report.unused_not_listed},
          {"summary", DescribeImport(result)}};
}

Response Import(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  const std::string resource = Resource(id) + "/import";
  bool dry_run = false;
  if (auto v = req.QueryValue("dry_run")) {
    if (*v != "true" && *v != "false") return ProblemResponse(Status::Invalid({{"dry_run", {"Kies true of false."}}}));
    dry_run = *v == "true";
  }
  const std::string action = dry_run ? "genogram.import.dry_run" : "genogram.import";
  Details details = Details::kMinimal;
  if (auto v = req.QueryValue("details")) {
    auto d = ParseDetails(*v);
    if (!d) return ProblemResponse(Status::Invalid({{"details", {"Kies minimal of full."}}}));
    details = *d;
  }
  if (auto st = families::RoleAllows(s, Action::kGenogramWrite); !st.ok())
    return families::Refuse(ctx, req, s, action, resource, std::nullopt, st);
  // Authorise before spending time on the file.
  std::optional<std::string> same_org_family;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    return families::AuthorizedFamily(c, s, id, Action::kGenogramWrite, &same_org_family).status();
  });
  if (!st.ok()) return families::Refuse(ctx, req, s, action, resource, same_org_family, st);
  if (req.body.empty()) return ProblemResponse(Status::Invalid({{"body", {"Stuur het GEDCOM-bestand mee."}}}, "Het bestand is leeg."));

  auto result = ImportGedcom(req.body);
  if (!result.ok()) return ProblemResponse(result.status());
  ImportPlan plan = PlanImport(result->genogram, details);

  st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(families::AuthorizedFamily(tx, s, id, Action::kGenogramWrite).status());
    if (!dry_run) RETURN_IF_ERROR(GenogramRepo::LockFamily(tx, id));
    ASSIGN_OR_RETURN(FamilyGenogram g, GenogramRepo::Load(tx, id, s.actor.organisation_id));
    RETURN_IF_ERROR(CheckConsistent(Combined(g, plan)));
    if (!dry_run) {
      std::map<std::string, std::string> real_id;
      for (auto& p : plan.added.persons) {
        std::string ref = p.person.id;
        RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx, id, p));
        real_id[ref] = p.person.id;
      }
      for (auto& r : plan.added.relations) {
        r.a = real_id.at(r.a);
        r.b = real_id.at(r.b);
        RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, id, r));
      }
      for (auto& e : plan.added.events) {
        e.event.person_id = real_id.at(e.event.person_id);
        if (!e.event.other_person_id.empty()) e.event.other_person_id = real_id.at(e.event.other_person_id);
        RETURN_IF_ERROR(GenogramRepo::InsertEvent(tx, id, e));
      }
    }
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, resource, id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return http::JsonResponse(dry_run ? 200 : 201, ImportJson(*result, plan, details, dry_run));
}

// ---- theme list -------------------------------------------------------------------------------

Response GetThemes(ApiContext& ctx, Request&, const Session& s) {
  if (auto st = security::ToStatus(security::Decide(s.actor, Action::kGenogramThemesRead)); !st.ok())
    return ProblemResponse(st);
  std::vector<Theme> themes;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(themes, GenogramRepo::Themes(c, s.actor.organisation_id));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  Json items = Json::array();
  for (const auto& t : themes) items.push_back(ThemeJson(t));
  return http::JsonResponse(200, {{"items", items}});
}

bool IsThemeId(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Response PutThemes(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "genogram.themes.replace", resource = "organisation/" + s.actor.organisation_id + "/genogram-themes";
  if (auto st = security::ToStatus(security::Decide(s.actor, Action::kGenogramThemesManage)); !st.ok())
    return families::Refuse(ctx, req, s, action, resource, std::nullopt, st);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"items"});
  std::vector<Theme> themes;
  if (const Json* items = f.Array("items")) {
    if (items->empty() || items->size() > 100) f.Error("items", "Geef 1 tot en met 100 thema's.");
    std::set<std::string> seen;
    for (size_t i = 0; i < items->size() && i < 100; ++i) {
      const std::string prefix = "items[" + std::to_string(i) + "].";
      if (!(*items)[i].is_object()) {
        f.Error("items[" + std::to_string(i) + "]", "Elk thema is een object met id, label en strength.");
        continue;
      }
      FieldReader tf((*items)[i], {"id", "label", "strength"});
      Theme t;
      t.id = tf.String("id", true, 40).value_or("");
      t.label = tf.String("label", true, 60).value_or("");
      t.strength = tf.Bool("strength").value_or(false);
      if (!t.id.empty() && !IsThemeId(t.id)) tf.Error("id", "Gebruik kleine letters, cijfers en _ (zoals zorgzaam).");
      if (!t.id.empty() && !seen.insert(t.id).second) tf.Error("id", "Dit thema staat er twee keer in.");
      for (const auto& [field, messages] : tf.errors())
        for (const auto& m : messages) f.Error(prefix + field, m);
      themes.push_back(t);
    }
  } else if (!f.Present("items")) {
    f.Error("items", "Dit veld is verplicht.");
  }
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(GenogramRepo::ReplaceThemes(tx, s.actor.organisation_id, themes));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, resource, std::nullopt, "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  Json items = Json::array();
  for (const auto& t : themes) items.push_back(ThemeJson(t));
  return http::JsonResponse(200, {{"items", items}});
}

}  // namespace

bool IsGedcomUploadPath(std::string_view path) {
  constexpr std::string_view prefix = "/api/v1/families/", suffix = "/genogram/import";
  return path.size() > prefix.size() + suffix.size() && path.starts_with(prefix) && path.ends_with(suffix);
}

void RegisterGenogramRoutes(http::Router& router, ApiContext& ctx) {
  auto route = [&](const char* method, const char* pattern, security::FeatureHandler fn) {
    security::AddRoute(router, ctx, method, pattern, fn);
  };
  route("GET", "/api/v1/families/{id}/genogram", GetGenogram);
  route("GET", "/api/v1/families/{id}/genogram.svg", GetSvg);
  route("GET", "/api/v1/families/{id}/genogram.ged", GetGedcom);
  route("GET", "/api/v1/families/{id}/genogram/patterns", GetPatterns);
  route("POST", "/api/v1/families/{id}/genogram/import", Import);
  route("POST", "/api/v1/families/{id}/genogram/from-household", FromHouseholdRoute);
  route("POST", "/api/v1/families/{id}/genogram/persons", CreatePerson);
  route("GET", "/api/v1/families/{id}/genogram/persons/{pid}", GetPerson);
  route("PATCH", "/api/v1/families/{id}/genogram/persons/{pid}", UpdatePerson);
  route("DELETE", "/api/v1/families/{id}/genogram/persons/{pid}", DeletePerson);
  route("POST", "/api/v1/families/{id}/genogram/relations", CreateRelation);
  route("GET", "/api/v1/families/{id}/genogram/relations/{rid}", GetRelation);
  route("PATCH", "/api/v1/families/{id}/genogram/relations/{rid}", UpdateRelation);
  route("DELETE", "/api/v1/families/{id}/genogram/relations/{rid}", DeleteRelation);
  route("POST", "/api/v1/families/{id}/genogram/events", CreateEvent);
  route("GET", "/api/v1/families/{id}/genogram/events/{eid}", GetEvent);
  route("PATCH", "/api/v1/families/{id}/genogram/events/{eid}", UpdateEvent);
  route("DELETE", "/api/v1/families/{id}/genogram/events/{eid}", DeleteEvent);
  route("GET", "/api/v1/genogram/themes", GetThemes);
  route("PUT", "/api/v1/genogram/themes", PutThemes);
}

}  // namespace kansrijk::genogram
