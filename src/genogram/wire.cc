#include "genogram/wire.h"

#include <algorithm>
#include <set>

namespace kansrijk::genogram {

using http::FieldReader;
using http::Json;

namespace {

void DateFields(Json& j, const char* name, const PartialDate& d) {
  j[name] = FormatGedcomDate(d);
  j[std::string(name) + "_text"] = FormatDutchDate(d);
}

// "1950–2010", "1950", "?–2010", "–?" (deceased, year unknown) or "" (nothing known).
std::string Years(const Person& p) {
  auto b = DisplayYear(p.birth), d = DisplayYear(p.death);
  if (!b && !d) return p.deceased ? "†" : "";
  return (b ? std::to_string(*b) : std::string("?")) + (d ? "–" + std::to_string(*d) : p.deceased ? "–?" : "");
}

// A date field: its value, or empty for null. nullopt when absent or unreadable.
std::optional<PartialDate> ReadDate(FieldReader& f, const std::string& name) {
  if (f.IsNull(name)) return PartialDate{};
  auto text = f.String(name, false, kMaxDateChars);
  if (!text) return std::nullopt;
  return ParseDate(*text);
}

template <typename E>
std::optional<E> ReadEnum(FieldReader& f, const std::string& name, bool required,
                          std::optional<E> (*parse)(std::string_view), const char* options) {
  auto text = f.String(name, required, 40);
  if (!text) return std::nullopt;
  auto v = parse(*text);
  if (!v) f.Error(name, "choose_one_of", {{"options", options}});
  return v;
}

// Field errors of a nested reader, under `prefix` ("link.", "items[0].").
void MergeNested(FieldReader& into, FieldReader& nested, const std::string& prefix) {
  for (const auto& [field, errors] : nested.errors())
    for (const auto& e : errors) into.Error(prefix + field, e.code, e.params);
}

bool IsThemeId(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

// ---- out ---------------------------------------------------------------------------------------

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

Json ThemesJson(const std::vector<Theme>& themes) {
  Json items = Json::array();
  for (const auto& t : themes) items.push_back(ThemeJson(t));
  return {{"items", items}};
}

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

Json PatternsJson(const std::vector<Pattern>& patterns) {
  Json items = Json::array();
  for (const auto& p : patterns)
    items.push_back({{"kind", p.kind == Pattern::Kind::kTheme ? "theme" : "event"},
                     {"key", p.key},
                     {"label", p.label},
                     {"strength", p.strength},
                     {"person_ids", p.person_ids},
                     {"generations", p.generations}});
  return {{"items", items}};
}

std::string UnusedReasonText(const UnusedLine& u, Lang lang) {
  std::string text = RenderMessage(u.code, u.params, lang, Code::kInvalidArgument);
  if (!u.left_out.empty()) text += " " + RenderMessage(u.left_out, {}, lang, Code::kInvalidArgument);
  return text;
}

Json ImportReportJson(const ImportResult& result, const ImportPlan& plan, Details details, bool dry_run, Lang lang) {
  Json people = Json::array();
  for (size_t i = 0; i < plan.added.persons.size() && i < kMaxPeopleInReport; ++i) {
    const Person& p = plan.added.persons[i].person;
    people.push_back({{"name", DisplayName(p)}, {"years", Years(p)}});
  }
  Json unused = Json::array();
  for (const auto& u : result.report.unused) {
    Json line = {{"line", u.line},
                 {"text", u.text},
                 {"code", u.code},
                 {"params", u.params},
                 {"reason", UnusedReasonText(u, lang)}};
    if (!u.left_out.empty()) line["left_out"] = u.left_out;
    unused.push_back(std::move(line));
  }
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
          {"unused_not_listed", result.report.unused_not_listed}};
}

// ---- in ----------------------------------------------------------------------------------------

PersonPatch ReadPersonPatch(FieldReader& f) {
  PersonPatch patch;
  PersonRecord& r = patch.values;
  Person& p = r.person;
  auto set = [&](const char* name) { patch.fields.insert(name); };
  if (auto v = f.String("given_names", false, kMaxNameChars)) p.given_names = *v, set("given_names");
  if (auto v = f.String("surname", false, kMaxNameChars)) p.surname = *v, set("surname");
  if (auto v = f.String("role_label", false, kMaxLabelChars)) p.role_label = *v, set("role_label");
  if (auto v = ReadEnum<Sex>(f, "sex", false, ParseSex, "male, female, other, unknown")) p.sex = *v, set("sex");
  if (auto v = ReadEnum<PersonKind>(f, "kind", false, ParsePersonKind, "born, pregnancy, miscarriage, stillbirth"))
    p.kind = *v, set("kind");
  if (auto v = ReadDate(f, "birth")) p.birth = *v, set("birth");
  if (auto v = ReadDate(f, "death")) p.death = *v, set("death");
  if (auto v = f.Bool("deceased")) p.deceased = *v, set("deceased");
  if (auto v = f.Bool("index_person")) p.index_person = *v, set("index_person");
  if (auto v = f.Bool("in_household")) p.in_household = *v, set("in_household");
  if (auto v = ReadEnum<Details>(f, "details", false, ParseDetails, "minimal, full")) r.details = *v, set("details");
  if (f.Present("member_id")) {
    if (f.IsNull("member_id")) r.member_id.reset(), set("member_id");
    else if (auto v = f.String("member_id", false, 64)) r.member_id = *v, set("member_id");
  }
  if (f.IsNull("themes")) {
    set("themes");
  } else if (f.Present("themes")) {
    if (const Json* themes = f.Array("themes")) {
      std::vector<std::string> ids;
      bool ok = true;
      for (const auto& t : *themes) {
        if (!t.is_string() || t.get_ref<const std::string&>().empty() || t.get_ref<const std::string&>().size() > 40) {
          f.Error("themes", "genogram_themes_format");
          ok = false;
          break;
        }
        if (std::find(ids.begin(), ids.end(), t.get<std::string>()) == ids.end()) ids.push_back(t.get<std::string>());
      }
      if (ok) p.theme_ids = ids, set("themes");
    }
  }
  if (auto v = f.String("note", false, kMaxNoteChars)) p.note = *v, set("note");
  return patch;
}

std::optional<Link> ReadLink(FieldReader& f, const Json& body) {
  if (!body.contains("link") || body.at("link").is_null()) return std::nullopt;
  const Json& j = body.at("link");
  if (!j.is_object()) {
    f.Error("link", "genogram_link_format");
    return std::nullopt;
  }
  FieldReader lf(j, {"type", "person_id", "other_parent_id"});
  Link link;
  link.type = lf.String("type", true, 20).value_or("");
  if (!link.type.empty() && link.type != "parent" && link.type != "child" && link.type != "partner" &&
      link.type != "sibling")
    lf.Error("type", "choose_one_of", {{"options", "parent, child, partner, sibling"}});
  link.person_id = lf.String("person_id", true, 64).value_or("");
  link.other_parent_id = lf.String("other_parent_id", false, 64).value_or("");
  if (!link.other_parent_id.empty() && link.type != "child") lf.Error("other_parent_id", "genogram_other_parent_child_only");
  MergeNested(f, lf, "link.");
  return link;
}

RelationPatch ReadRelationPatch(FieldReader& f) {
  RelationPatch patch;
  RelationRecord& r = patch.values;
  auto set = [&](const char* name) { patch.fields.insert(name); };
  if (auto v = f.String("kind", false, 40)) r.kind = *v, set("kind");
  if (auto v = f.String("state", false, 40)) r.state = *v, set("state");
  if (auto v = ReadDate(f, "start")) r.start = *v, set("start");
  if (auto v = ReadDate(f, "end")) r.end = *v, set("end");
  if (auto v = f.String("note", false, kMaxNoteChars)) r.note = *v, set("note");
  return patch;
}

NewRelationFields ReadNewRelationFields(FieldReader& f) {
  NewRelationFields out;
  out.type = ReadEnum<RelationType>(f, "type", true, ParseRelationType, "partner, parent_child, emotional, twins");
  out.a = f.String("a", true, 64).value_or("");
  out.b = f.String("b", true, 64).value_or("");
  return out;
}

EventPatch ReadEventPatch(FieldReader& f, bool is_new) {
  EventPatch patch;
  LifeEvent& e = patch.values;
  auto set = [&](const char* name) { patch.fields.insert(name); };
  if (auto v = f.String("person_id", is_new, 64)) e.person_id = *v, set("person_id");
  if (auto v = ReadEnum<EventKind>(f, "kind", is_new, ParseEventKind,
                                   "birth, death, move, broken_contact, reconciliation, divorce, job_loss, new_job, "
                                   "debts_started, debts_resolved, school_drop_out, diploma, illness, addiction, "
                                   "detention, other"))
    e.kind = *v, set("kind");
  if (auto v = ReadDate(f, "date")) e.date = *v, set("date");
  if (auto v = f.String("description", false, kMaxNoteChars)) e.description = *v, set("description");
  if (auto v = f.String("place", false, kMaxNameChars)) e.place = *v, set("place");
  if (auto v = f.String("place_from", false, kMaxNameChars)) e.place_from = *v, set("place_from");
  if (f.Present("other_person_id")) e.other_person_id = f.String("other_person_id", false, 64).value_or(""), set("other_person_id");
  return patch;
}

Result<std::vector<Theme>> ReadThemeList(const Json& body) {
  FieldReader f(body, {"items"});
  std::vector<Theme> themes;
  constexpr size_t kMaxThemes = 100;
  if (const Json* items = f.Array("items")) {
    if (items->empty() || items->size() > kMaxThemes) f.Error("items", "themes_count", {{"max", std::to_string(kMaxThemes)}});
    std::set<std::string> seen;
    for (size_t i = 0; i < items->size() && i < kMaxThemes; ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      if (!(*items)[i].is_object()) {
        f.Error(at, "not_object");
        continue;
      }
      FieldReader tf((*items)[i], {"id", "label", "strength"});
      Theme t;
      t.id = tf.String("id", true, 40).value_or("");
      t.label = tf.String("label", true, 60).value_or("");
      t.strength = tf.Bool("strength").value_or(false);
      if (!t.id.empty() && !IsThemeId(t.id)) tf.Error("id", "theme_id_format");
      if (!t.id.empty() && !seen.insert(t.id).second) tf.Error("id", "theme_duplicate");
      MergeNested(f, tf, at + ".");
      themes.push_back(t);
    }
  } else if (!f.Present("items")) {
    f.Error("items", "required");
  }
  RETURN_IF_ERROR(f.Finish());
  return themes;
}

Result<bool> ReadBoolQuery(const http::Request& req, const std::string& name, bool fallback) {
  auto v = req.QueryValue(name);
  if (!v) return fallback;
  if (*v != "true" && *v != "false") return Status::InvalidField(name, "choose_one_of", {{"options", "true, false"}});
  return *v == "true";
}

}  // namespace kansrijk::genogram
