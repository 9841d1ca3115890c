#include "genogram/repo.h"

#include <nlohmann/json.hpp>

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::genogram {
namespace {

using db::Param;

int64_t Bool(bool b) { return b ? 1 : 0; }

std::string ThemesText(const std::vector<std::string>& ids) { return nlohmann::json(ids).dump(); }
std::vector<std::string> ParseThemes(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

Result<int64_t> NextSeq(db::Connection& tx, const char* table, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT COALESCE(MAX(seq), 0) + 1 FROM ") + table +
                                           " WHERE family_id = ?",
                                       {family_id}));
  return rows.empty() ? int64_t{1} : rows[0].Int(0);
}

// `what` names the row for a reader of this code; the client hears version_stale.
Status ChangedOne(Result<int64_t> changed, const char* /*what*/) {
  if (!changed.ok()) return changed.status();
  if (*changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return Status::Ok();
}

std::vector<Param> PersonParams(const PersonRecord& r) {
  const Person& p = r.person;
  return {p.given_names, p.surname, p.role_label, std::string(ToString(p.sex)), std::string(ToString(p.kind)),
          FormatGedcomDate(p.birth),
          FormatGedcomDate(p.death), Bool(p.deceased), Bool(p.index_person), Bool(p.in_household),
          std::string(ToString(r.details)), db::Opt(r.member_id), ThemesText(p.theme_ids), p.note};
}

std::vector<Param> RelationParams(const RelationRecord& r) {
  return {std::string(ToString(r.type)), r.a, r.b, r.kind, r.state, FormatGedcomDate(r.start),
          FormatGedcomDate(r.end), r.note};
}

std::vector<Param> EventParams(const LifeEvent& e) {
  return {e.person_id, std::string(ToString(e.kind)), FormatGedcomDate(e.date), e.description, e.place,
          e.place_from, e.other_person_id.empty() ? Param(nullptr) : Param(e.other_person_id), e.source_tag};
}

template <typename... Extra>
std::vector<Param> Concat(std::vector<Param> a, Extra... extra) {
  (a.push_back(Param(extra)), ...);
  return a;
}

}  // namespace

Result<FamilyGenogram> GenogramRepo::Load(db::Connection& c, const std::string& family_id,
                                          const std::string& organisation_id) {
  FamilyGenogram g;
  ASSIGN_OR_RETURN(g.themes, Themes(c, organisation_id));
  ASSIGN_OR_RETURN(auto persons,
                   c.Query("SELECT id, given_names, surname, role_label, sex, birth, death, deceased, index_person, "
                           "in_household, details, member_id, themes, note, version, kind FROM genogram_persons "
                           "WHERE family_id = ? ORDER BY seq",
                           {family_id}));
  g.persons.reserve(persons.size());
  for (const auto& r : persons) {
    PersonRecord p;
    p.person.id = r.Text(0);
    p.person.given_names = r.Text(1);
    p.person.surname = r.Text(2);
    p.person.role_label = r.Text(3);
    p.person.sex = ParseSex(r.Text(4)).value_or(Sex::kUnknown);
    p.person.birth = ParseDate(r.Text(5));
    p.person.death = ParseDate(r.Text(6));
    p.person.deceased = r.Int(7) != 0;
    p.person.index_person = r.Int(8) != 0;
    p.person.in_household = r.Int(9) != 0;
    p.details = ParseDetails(r.Text(10)).value_or(Details::kMinimal);
    p.member_id = r.OptText(11);
    p.person.theme_ids = ParseThemes(r.Text(12));
    p.person.note = r.Text(13);
    p.version = r.Int(14);
    p.person.kind = ParsePersonKind(r.Text(15)).value_or(PersonKind::kBorn);
    g.persons.push_back(std::move(p));
  }
  ASSIGN_OR_RETURN(auto relations,
                   c.Query("SELECT id, type, person_a, person_b, kind, state, start_date, end_date, note, version "
                           "FROM genogram_relations WHERE family_id = ? ORDER BY seq",
                           {family_id}));
  g.relations.reserve(relations.size());
  for (const auto& r : relations) {
    RelationRecord x;
    x.id = r.Text(0);
    x.type = ParseRelationType(r.Text(1)).value_or(RelationType::kEmotional);
    x.a = r.Text(2);
    x.b = r.Text(3);
    x.kind = r.Text(4);
    x.state = r.Text(5);
    x.start = ParseDate(r.Text(6));
    x.end = ParseDate(r.Text(7));
    x.note = r.Text(8);
    x.version = r.Int(9);
    g.relations.push_back(std::move(x));
  }
  ASSIGN_OR_RETURN(auto events,
                   c.Query("SELECT id, person_id, kind, event_date, description, place, place_from, other_person_id, "
                           "source_tag, version FROM genogram_events WHERE family_id = ? ORDER BY seq",
                           {family_id}));
  g.events.reserve(events.size());
  for (const auto& r : events) {
    EventRecord e;
    e.event.id = r.Text(0);
    e.event.person_id = r.Text(1);
    e.event.kind = ParseEventKind(r.Text(2)).value_or(EventKind::kOther);
    e.event.date = ParseDate(r.Text(3));
    e.event.description = r.Text(4);
    e.event.place = r.Text(5);
    e.event.place_from = r.Text(6);
    e.event.other_person_id = r.Text(7);
    e.event.source_tag = r.Text(8);
    e.version = r.Int(9);
    g.events.push_back(std::move(e));
  }
  return g;
}

Status GenogramRepo::LockFamily(db::Connection& tx, const std::string& family_id) {
  if (tx.dialect() != db::Dialect::kPostgres) return Status::Ok();
  return tx.Query("SELECT id FROM families WHERE id = ? FOR UPDATE", {family_id}).status();
}

Status GenogramRepo::InsertPerson(db::Connection& tx, const std::string& family_id, PersonRecord& p) {
  ASSIGN_OR_RETURN(int64_t seq, NextSeq(tx, "genogram_persons", family_id));
  p.person.id = NewId();
  p.version = 1;
  std::string now = FormatUtc(Now());
  std::vector<Param> params = {p.person.id, family_id, seq};
  for (auto& v : PersonParams(p)) params.push_back(std::move(v));
  params.insert(params.end(), {now, now});
  return tx.Exec("INSERT INTO genogram_persons (id, family_id, seq, given_names, surname, role_label, sex, kind, "
                 "birth, death, deceased, index_person, in_household, details, member_id, themes, note, version, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 params)
      .status();
}

Status GenogramRepo::InsertRelation(db::Connection& tx, const std::string& family_id, RelationRecord& r) {
  ASSIGN_OR_RETURN(int64_t seq, NextSeq(tx, "genogram_relations", family_id));
  r.id = NewId();
  r.version = 1;
  std::string now = FormatUtc(Now());
  std::vector<Param> params = {r.id, family_id, seq};
  for (auto& v : RelationParams(r)) params.push_back(std::move(v));
  params.insert(params.end(), {now, now});
  return tx.Exec("INSERT INTO genogram_relations (id, family_id, seq, type, person_a, person_b, kind, state, "
                 "start_date, end_date, note, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 params)
      .status();
}

Status GenogramRepo::InsertEvent(db::Connection& tx, const std::string& family_id, EventRecord& e) {
  ASSIGN_OR_RETURN(int64_t seq, NextSeq(tx, "genogram_events", family_id));
  e.event.id = NewId();
  e.version = 1;
  std::string now = FormatUtc(Now());
  std::vector<Param> params = {e.event.id, family_id, seq};
  for (auto& v : EventParams(e.event)) params.push_back(std::move(v));
  params.insert(params.end(), {now, now});
  return tx.Exec("INSERT INTO genogram_events (id, family_id, seq, person_id, kind, event_date, description, place, "
                 "place_from, other_person_id, source_tag, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 params)
      .status();
}

Status GenogramRepo::UpdatePerson(db::Connection& tx, const std::string& family_id, PersonRecord& p,
                                  int64_t expected_version) {
  auto params = Concat(PersonParams(p), FormatUtc(Now()), p.person.id, family_id, expected_version);
  RETURN_IF_ERROR(ChangedOne(tx.Exec("UPDATE genogram_persons SET given_names = ?, surname = ?, role_label = ?, "
                                     "sex = ?, kind = ?, birth = ?, death = ?, deceased = ?, index_person = ?, in_household = ?, "
                                     "details = ?, member_id = ?, themes = ?, note = ?, version = version + 1, "
                                     "updated_at = ? WHERE id = ? AND family_id = ? AND version = ?",
                                     params),
                             "Deze persoon"));
  p.version = expected_version + 1;
  return Status::Ok();
}

Status GenogramRepo::UpdateRelation(db::Connection& tx, const std::string& family_id, RelationRecord& r,
                                    int64_t expected_version) {
  auto params = Concat(RelationParams(r), FormatUtc(Now()), r.id, family_id, expected_version);
  RETURN_IF_ERROR(ChangedOne(tx.Exec("UPDATE genogram_relations SET type = ?, person_a = ?, person_b = ?, kind = ?, "
                                     "state = ?, start_date = ?, end_date = ?, note = ?, version = version + 1, "
                                     "updated_at = ? WHERE id = ? AND family_id = ? AND version = ?",
                                     params),
                             "Deze relatie"));
  r.version = expected_version + 1;
  return Status::Ok();
}

Status GenogramRepo::UpdateEvent(db::Connection& tx, const std::string& family_id, EventRecord& e,
                                 int64_t expected_version) {
  auto params = Concat(EventParams(e.event), FormatUtc(Now()), e.event.id, family_id, expected_version);
  RETURN_IF_ERROR(ChangedOne(tx.Exec("UPDATE genogram_events SET person_id = ?, kind = ?, event_date = ?, "
                                     "description = ?, place = ?, place_from = ?, other_person_id = ?, source_tag = ?, "
                                     "version = version + 1, updated_at = ? WHERE id = ? AND family_id = ? AND version = ?",
                                     params),
                             "Deze gebeurtenis"));
  e.version = expected_version + 1;
  return Status::Ok();
}

Status GenogramRepo::DeletePerson(db::Connection& tx, const std::string& family_id, const std::string& id,
                                  int64_t expected_version) {
  RETURN_IF_ERROR(tx.Exec("DELETE FROM genogram_events WHERE family_id = ? AND (person_id = ? OR other_person_id = ?)",
                          {family_id, id, id})
                      .status());
  RETURN_IF_ERROR(tx.Exec("DELETE FROM genogram_relations WHERE family_id = ? AND (person_a = ? OR person_b = ?)",
                          {family_id, id, id})
                      .status());
  return ChangedOne(tx.Exec("DELETE FROM genogram_persons WHERE id = ? AND family_id = ? AND version = ?",
                            {id, family_id, expected_version}),
                    "Deze persoon");
}

Status GenogramRepo::DeleteRelation(db::Connection& tx, const std::string& family_id, const std::string& id,
                                    int64_t expected_version) {
  return ChangedOne(tx.Exec("DELETE FROM genogram_relations WHERE id = ? AND family_id = ? AND version = ?",
                            {id, family_id, expected_version}),
                    "Deze relatie");
}

Status GenogramRepo::DeleteEvent(db::Connection& tx, const std::string& family_id, const std::string& id,
                                 int64_t expected_version) {
  return ChangedOne(tx.Exec("DELETE FROM genogram_events WHERE id = ? AND family_id = ? AND version = ?",
                            {id, family_id, expected_version}),
                    "Deze gebeurtenis");
}

Result<std::vector<Theme>> GenogramRepo::Themes(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, label, strength FROM genogram_themes WHERE organisation_id = ? "
                                      "ORDER BY position",
                                      {organisation_id}));
  if (rows.empty()) return DefaultThemes();
  std::vector<Theme> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2) != 0});
  return out;
}

Status GenogramRepo::ReplaceThemes(db::Connection& tx, const std::string& organisation_id,
                                   const std::vector<Theme>& themes) {
  ASSIGN_OR_RETURN(auto current, Themes(tx, organisation_id));
  for (const auto& old : current) {
    bool kept = std::any_of(themes.begin(), themes.end(), [&](const Theme& t) { return t.id == old.id; });
    if (kept) continue;
    // Themes are stored as a JSON array of ids, so the quoted id is what to look for.
    ASSIGN_OR_RETURN(auto used, tx.Query("SELECT COUNT(*) FROM genogram_persons p JOIN families f ON f.id = p.family_id "
                                         "WHERE f.organisation_id = ? AND p.themes LIKE ? ESCAPE '\\'",
                                         {organisation_id, "%" + db::LikeEscape(nlohmann::json(old.id).dump()) + "%"}));
    if (!used.empty() && used[0].Int(0) > 0)
      return Status::Conflict("theme_in_use",
                              {{"theme", old.id}, {"label", old.label}, {"count", std::to_string(used[0].Int(0))}});
  }
  RETURN_IF_ERROR(tx.Exec("DELETE FROM genogram_themes WHERE organisation_id = ?", {organisation_id}).status());
  for (size_t i = 0; i < themes.size(); ++i)
    RETURN_IF_ERROR(tx.Exec("INSERT INTO genogram_themes (organisation_id, id, label, strength, position) "
                            "VALUES (?, ?, ?, ?, ?)",
                            {organisation_id, themes[i].id, themes[i].label, Bool(themes[i].strength),
                             static_cast<int64_t>(i)})
                        .status());
  return Status::Ok();
}

}  // namespace kansrijk::genogram
