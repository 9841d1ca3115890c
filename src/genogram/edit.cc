#include "genogram/edit.h"

#include <algorithm>
#include <map>

namespace kansrijk::genogram {

namespace {

bool Has(const std::set<std::string>& fields, const char* name) { return fields.count(name) > 0; }

void ApplyPerson(const PersonPatch& patch, PersonRecord& r) {
  const auto& f = patch.fields;
  const PersonRecord& v = patch.values;
  Person& p = r.person;
  if (Has(f, "given_names")) p.given_names = v.person.given_names;
  if (Has(f, "surname")) p.surname = v.person.surname;
  if (Has(f, "role_label")) p.role_label = v.person.role_label;
  if (Has(f, "sex")) p.sex = v.person.sex;
  if (Has(f, "kind")) p.kind = v.person.kind;
  if (Has(f, "birth")) p.birth = v.person.birth;
  if (Has(f, "death")) p.death = v.person.death;
  if (Has(f, "deceased")) p.deceased = v.person.deceased;
  if (Has(f, "index_person")) p.index_person = v.person.index_person;
  if (Has(f, "in_household")) p.in_household = v.person.in_household;
  if (Has(f, "details")) r.details = v.details;
  if (Has(f, "member_id")) r.member_id = v.member_id;
  if (Has(f, "themes")) p.theme_ids = v.person.theme_ids;
  if (Has(f, "note")) p.note = v.person.note;
  if (!p.deceased && !p.death.empty()) p.deceased = true;  // a death date says it
}

Status NotInGenogram(const std::string& field) {
  return Status::InvalidField(field, "genogram_person_not_in_genogram");
}

}  // namespace

PersonRecord NewPerson(const PersonPatch& patch) {
  PersonRecord r;
  ApplyPerson(patch, r);
  if (!Has(patch.fields, "details")) r.details = DefaultDetails(r.person.in_household);
  return r;
}

PersonRecord ChangedPerson(const PersonRecord& current, const PersonPatch& patch) {
  PersonRecord r = current;
  ApplyPerson(patch, r);
  if (r.details == Details::kMinimal && current.details == Details::kFull) {
    Person reduced = r.person;
    ReduceToMinimal(reduced);
    if (!Has(patch.fields, "surname")) r.person.surname = reduced.surname;
    if (!Has(patch.fields, "birth")) r.person.birth = reduced.birth;
    if (!Has(patch.fields, "death")) r.person.death = reduced.death;
  }
  return r;
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

RelationRecord ChangedRelation(const RelationRecord& current, const RelationPatch& patch) {
  RelationRecord r = current;
  const auto& f = patch.fields;
  const RelationRecord& v = patch.values;
  if (Has(f, "kind")) r.kind = v.kind;
  if (Has(f, "state")) r.state = v.state;
  if (Has(f, "start")) r.start = v.start;
  if (Has(f, "end")) r.end = v.end;
  if (Has(f, "note")) r.note = v.note;
  return r;
}

RelationRecord NewRelation(RelationType type, const std::string& a, const std::string& b, const RelationPatch& patch) {
  RelationRecord r;
  r.type = type;
  r.a = a;
  r.b = b;
  r.kind = DefaultKind(type);
  if (type == RelationType::kPartner) r.state = "together";
  return ChangedRelation(r, patch);
}

LifeEvent ChangedEvent(const LifeEvent& current, const EventPatch& patch) {
  LifeEvent e = current;
  const auto& f = patch.fields;
  const LifeEvent& v = patch.values;
  if (Has(f, "person_id")) e.person_id = v.person_id;
  if (Has(f, "kind")) e.kind = v.kind;
  if (Has(f, "date")) e.date = v.date;
  if (Has(f, "description")) e.description = v.description;
  if (Has(f, "place")) e.place = v.place;
  if (Has(f, "place_from")) e.place_from = v.place_from;
  if (Has(f, "other_person_id")) e.other_person_id = v.other_person_id;
  return e;
}

LifeEvent NewEvent(const EventPatch& patch) { return ChangedEvent(LifeEvent{}, patch); }

FieldErrors CheckPerson(const FamilyGenogram& g, const PersonRecord& r) {
  FieldErrors errors = ValidatePersonPrivacy(r);
  const Person& p = r.person;
  if (p.given_names.empty() && p.surname.empty() && p.role_label.empty() && p.kind == PersonKind::kBorn)
    errors["given_names"].push_back({"genogram_name_or_role_required", {}});
  for (const auto& other : g.persons) {
    if (other.person.id == p.id) continue;
    if (p.index_person && other.person.index_person)
      errors["index_person"].push_back({"genogram_index_person_taken", {{"name", DisplayName(other.person)}}});
    if (r.member_id && other.member_id == r.member_id)
      errors["member_id"].push_back({"genogram_member_already_linked", {{"name", DisplayName(other.person)}}});
  }
  return errors;
}

Status CheckRelation(const RelationRecord& r) {
  FieldErrors errors = ValidateRelationFields(r);
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  return Status::Ok();
}

Status CheckRelationPersons(const FamilyGenogram& g, const RelationRecord& r) {
  if (g.FindPerson(r.a) < 0) return NotInGenogram("a");
  if (g.FindPerson(r.b) < 0) return NotInGenogram("b");
  return Status::Ok();
}

Status CheckEventPersons(const FamilyGenogram& g, const LifeEvent& e) {
  if (g.FindPerson(e.person_id) < 0) return NotInGenogram("person_id");
  if (!e.other_person_id.empty() && g.FindPerson(e.other_person_id) < 0) return NotInGenogram("other_person_id");
  return Status::Ok();
}

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
  if (g.FindPerson(link.person_id) < 0) return NotInGenogram("link.person_id");
  std::vector<RelationRecord> out;
  if (link.type == "parent") out.push_back(relation(RelationType::kParentChild, added, link.person_id, "biological"));
  if (link.type == "partner") out.push_back(relation(RelationType::kPartner, link.person_id, added, "relationship"));
  if (link.type == "child") {
    out.push_back(relation(RelationType::kParentChild, link.person_id, added, "biological"));
    if (!link.other_parent_id.empty()) {
      if (g.FindPerson(link.other_parent_id) < 0) return NotInGenogram("link.other_parent_id");
      out.push_back(relation(RelationType::kParentChild, link.other_parent_id, added, "biological"));
    }
  }
  if (link.type == "sibling") {
    for (const auto& r : g.relations)
      if (r.type == RelationType::kParentChild && r.b == link.person_id)
        out.push_back(relation(RelationType::kParentChild, r.a, added, r.kind));
    if (out.empty()) return Status::InvalidField("link.person_id", "genogram_sibling_needs_parent");
  }
  return out;
}

PersonRecord* FindPersonRecord(FamilyGenogram& g, const std::string& id) {
  int i = g.FindPerson(id);
  return i < 0 ? nullptr : &g.persons[static_cast<size_t>(i)];
}

RelationRecord* FindRelation(FamilyGenogram& g, const std::string& id) {
  for (auto& r : g.relations)
    if (r.id == id) return &r;
  return nullptr;
}

EventRecord* FindEvent(FamilyGenogram& g, const std::string& id) {
  for (auto& e : g.events)
    if (e.event.id == id) return &e;
  return nullptr;
}

bool RemovePerson(FamilyGenogram& g, const std::string& id) {
  int i = g.FindPerson(id);
  if (i < 0) return false;
  g.persons.erase(g.persons.begin() + i);
  std::erase_if(g.relations, [&](const RelationRecord& r) { return r.a == id || r.b == id; });
  std::erase_if(g.events, [&](const EventRecord& e) { return e.event.person_id == id || e.event.other_person_id == id; });
  return true;
}

bool RemoveRelation(FamilyGenogram& g, const std::string& id) {
  return std::erase_if(g.relations, [&](const RelationRecord& r) { return r.id == id; }) > 0;
}

bool RemoveEvent(FamilyGenogram& g, const std::string& id) {
  return std::erase_if(g.events, [&](const EventRecord& e) { return e.event.id == id; }) > 0;
}

int GenerationOf(const FamilyGenogram& g, size_t index) { return ComputeGenerations(ToModel(g)).at(index); }

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

FamilyGenogram Combined(FamilyGenogram g, const ImportPlan& plan) {
  g.persons.insert(g.persons.end(), plan.added.persons.begin(), plan.added.persons.end());
  g.relations.insert(g.relations.end(), plan.added.relations.begin(), plan.added.relations.end());
  g.events.insert(g.events.end(), plan.added.events.begin(), plan.added.events.end());
  return g;
}

void HideNotesForExport(Genogram& m, bool notes_visible) {
  std::set<std::string> outside;
  for (auto& p : m.persons)
    if (!notes_visible || !p.in_household) {
      p.note.clear();
      outside.insert(p.id);
    }
  for (auto& r : m.partners)
    if (!notes_visible || outside.count(r.a) || outside.count(r.b)) r.note.clear();
  for (auto& r : m.emotional)
    if (!notes_visible || outside.count(r.a) || outside.count(r.b)) r.note.clear();
}

}  // namespace kansrijk::genogram
