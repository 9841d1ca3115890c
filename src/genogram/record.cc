#include "genogram/record.h"

#include <algorithm>
#include <map>
#include <set>

namespace kansrijk::genogram {
namespace {

struct KindsOf {
  RelationType type;
  std::string_view name;
  std::vector<std::string_view> kinds;
};

const std::vector<KindsOf>& RelationKinds() {
  static const std::vector<KindsOf> kinds = {
      {RelationType::kPartner, "partner", {"married", "cohabiting", "relationship"}},
      {RelationType::kParentChild, "parent_child", {"biological", "adoptive", "foster", "step"}},
      {RelationType::kEmotional, "emotional", {"close", "fused", "distant", "conflict", "hostile", "cut_off", "abuse"}},
      {RelationType::kTwins, "twins", {"identical", "fraternal"}},
  };
  return kinds;
}

const KindsOf& KindsFor(RelationType t) {
  for (const auto& k : RelationKinds())
    if (k.type == t) return k;
  return RelationKinds().front();
}

bool HasMoreThanYear(const PartialDate& d) {
  if (d.kind == PartialDate::Kind::kText || !d.text.empty()) return true;
  return d.first.month != 0 || d.first.day != 0 || d.second.month != 0 || d.second.day != 0;
}

PartialDate YearOnly(PartialDate d) {
  if (d.kind == PartialDate::Kind::kText) return {};
  if (d.kind == PartialDate::Kind::kInterpreted) d.kind = PartialDate::Kind::kExact;
  d.text.clear();
  d.first.month = d.first.day = d.second.month = d.second.day = 0;
  return d;
}

// The API field a model problem is about ("persons[3].death" -> "death").
std::string ApiField(const std::string& model_field) {
  auto dot = model_field.rfind('.');
  if (dot != std::string::npos) {
    std::string suffix = model_field.substr(dot + 1);
    if (suffix == "theme_ids") return "themes";
    if (suffix == "id") return "person";
    return suffix;  // birth, death, end, date
  }
  if (model_field.starts_with("persons")) return "person";
  if (model_field.starts_with("events")) return "event";
  if (model_field.starts_with("themes")) return "themes";
  return "relation";
}

}  // namespace

std::string_view ToString(Details v) { return v == Details::kMinimal ? "minimal" : "full"; }
std::optional<Details> ParseDetails(std::string_view s) {
  if (s == "minimal") return Details::kMinimal;
  if (s == "full") return Details::kFull;
  return std::nullopt;
}
Details DefaultDetails(bool in_household) { return in_household ? Details::kFull : Details::kMinimal; }

std::string_view ToString(RelationType v) { return KindsFor(v).name; }
std::optional<RelationType> ParseRelationType(std::string_view s) {
  for (const auto& k : RelationKinds())
    if (k.name == s) return k.type;
  return std::nullopt;
}

int FamilyGenogram::FindPerson(std::string_view id) const {
  for (size_t i = 0; i < persons.size(); ++i)
    if (persons[i].person.id == id) return static_cast<int>(i);
  return -1;
}

Genogram ToModel(const FamilyGenogram& g) {
  Genogram m;
  m.persons.reserve(g.persons.size());
  for (const auto& p : g.persons) m.persons.push_back(p.person);
  m.themes = g.themes;
  for (const auto& e : g.events) m.events.push_back(e.event);

  // Twin pairs that share a person are one birth: merge them into groups (union-find).
  std::map<std::string, std::string> parent;
  auto root = [&](std::string x) {
    while (parent.count(x) && parent[x] != x) x = parent[x];
    return x;
  };
  std::vector<const RelationRecord*> twin_pairs;
  for (const auto& r : g.relations) {
    switch (r.type) {
      case RelationType::kPartner:
        m.partners.push_back({r.id, r.a, r.b, ParsePartnerKind(r.kind).value_or(PartnerKind::kRelationship),
                              ParsePartnerState(r.state).value_or(PartnerState::kTogether), r.start, r.end, r.note});
        break;
      case RelationType::kParentChild:
        m.parent_child.push_back({r.id, r.a, r.b, ParseParentKind(r.kind).value_or(ParentKind::kBiological)});
        break;
      case RelationType::kEmotional:
        m.emotional.push_back({r.id, r.a, r.b, ParseEmotionalKind(r.kind).value_or(EmotionalKind::kClose), r.note});
        break;
      case RelationType::kTwins: {
        twin_pairs.push_back(&r);
        for (const auto* id : {&r.a, &r.b})
          if (!parent.count(*id)) parent[*id] = *id;
        std::string ra = root(r.a), rb = root(r.b);
        if (ra != rb) parent[rb] = ra;
        break;
      }
    }
  }
  std::map<std::string, size_t> group_of_root;
  for (const auto* r : twin_pairs) {
    std::string key = root(r->a);
    auto [it, fresh] = group_of_root.emplace(key, m.twins.size());
    if (fresh) m.twins.push_back({r->id, {}, false});
    TwinGroup& group = m.twins[it->second];
    for (const auto* id : {&r->a, &r->b})
      if (std::find(group.person_ids.begin(), group.person_ids.end(), *id) == group.person_ids.end())
        group.person_ids.push_back(*id);
    group.identical = group.identical || r->kind == "identical";
  }
  return m;
}

FieldErrors ValidateRelationFields(const RelationRecord& r) {
  FieldErrors errors;
  const KindsOf& kinds = KindsFor(r.type);
  if (std::find(kinds.kinds.begin(), kinds.kinds.end(), r.kind) == kinds.kinds.end()) {
    std::string allowed;
    for (auto k : kinds.kinds) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
    errors["kind"].push_back({"choose_one_of", {{"options", allowed}}});
  }
  if (r.type == RelationType::kPartner) {
    if (!ParsePartnerState(r.state)) errors["state"].push_back({"choose_one_of", {{"options", "together, separated, divorced, widowed"}}});
  } else {
    if (!r.state.empty()) errors["state"].push_back({"genogram_state_partners_only", {}});
    if (!r.start.empty()) errors["start"].push_back({"genogram_dates_partners_only", {}});
    if (!r.end.empty()) errors["end"].push_back({"genogram_dates_partners_only", {}});
  }
  if (!r.note.empty() && r.type != RelationType::kPartner && r.type != RelationType::kEmotional)
    errors["note"].push_back({"genogram_note_not_allowed", {}});
  if (r.a.empty()) errors["a"].push_back({"required", {}});
  if (r.b.empty()) errors["b"].push_back({"required", {}});
  if (!r.a.empty() && r.a == r.b) errors["b"].push_back({"genogram_relation_self", {}});
  return errors;
}

FieldErrors ValidatePersonPrivacy(const PersonRecord& p) {
  FieldErrors errors;
  if (p.details != Details::kMinimal) return errors;
  if (!p.person.surname.empty())
    errors["surname"].push_back({"genogram_minimal_no_surname", {}});
  if (HasMoreThanYear(p.person.birth))
    errors["birth"].push_back({"genogram_minimal_year_only", {}});
  if (HasMoreThanYear(p.person.death))
    errors["death"].push_back({"genogram_minimal_year_only", {}});
  return errors;
}

bool ReduceToMinimal(Person& p) {
  bool reduced = !p.surname.empty() || HasMoreThanYear(p.birth) || HasMoreThanYear(p.death);
  p.surname.clear();
  p.birth = YearOnly(p.birth);
  p.death = YearOnly(p.death);
  return reduced;
}

std::vector<Problem> FindRecordProblems(const FamilyGenogram& g) {
  std::vector<Problem> problems;
  if (g.persons.size() > kMaxPersons)
    problems.push_back({"genogram", "genogram_too_many_persons", {{"max", std::to_string(kMaxPersons)}}});
  if (g.relations.size() > kMaxRelations)
    problems.push_back({"genogram", "genogram_too_many_relations", {{"max", std::to_string(kMaxRelations)}}});
  if (g.events.size() > kMaxEvents)
    problems.push_back({"genogram", "genogram_too_many_events", {{"max", std::to_string(kMaxEvents)}}});
  if (!problems.empty()) return problems;  // do not spend time checking what will be refused anyway
  for (auto& p : FindProblems(ToModel(g))) problems.push_back({ApiField(p.field), std::move(p.code), std::move(p.params)});
  return problems;
}

Status CheckConsistent(const FamilyGenogram& g) {
  auto problems = FindRecordProblems(g);
  if (problems.empty()) return Status::Ok();
  FieldErrors errors;
  for (const auto& p : problems) {
    auto& list = errors[p.field];
    FieldError e{p.code, p.params};
    if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(std::move(e));
  }
  return Status::Invalid(std::move(errors));
}

HouseholdAdditions FromHousehold(const FamilyGenogram& g, const std::vector<HouseholdMember>& members) {
  HouseholdAdditions out;
  std::map<std::string, std::string> person_of_member;  // member id -> person ref
  for (const auto& p : g.persons)
    if (p.member_id) person_of_member[*p.member_id] = p.person.id;
  for (const auto& m : members) {
    if (person_of_member.count(m.id)) continue;
    PersonRecord r;
    r.person.given_names = m.given_name;
    r.person.surname = m.family_name;
    r.person.sex = ParseSex(m.sex).value_or(Sex::kUnknown);
    if (m.birth_date) r.person.birth = ParseDate(*m.birth_date);
    r.person.in_household = true;
    r.details = Details::kFull;
    r.member_id = m.id;
    person_of_member[m.id] = "#" + std::to_string(out.persons.size());
    out.persons.push_back(std::move(r));
  }

  std::vector<std::string> parents, children;
  for (const auto& m : members) {
    if (m.household_role == "parent") parents.push_back(person_of_member[m.id]);
    if (m.household_role == "child") children.push_back(person_of_member[m.id]);
  }
  std::set<std::pair<std::string, std::string>> partnered, linked;
  std::map<std::string, int> parent_count;
  for (const auto& r : g.relations) {
    if (r.type == RelationType::kPartner) partnered.insert({std::min(r.a, r.b), std::max(r.a, r.b)});
    if (r.type == RelationType::kParentChild) {
      linked.insert({r.a, r.b});
      if (r.kind == "biological") ++parent_count[r.b];
    }
  }
  if (parents.size() == 2 && !partnered.count({std::min(parents[0], parents[1]), std::max(parents[0], parents[1])})) {
    RelationRecord r;
    r.type = RelationType::kPartner;
    r.a = parents[0];
    r.b = parents[1];
    r.kind = "relationship";
    r.state = "together";
    out.relations.push_back(std::move(r));
  }
  for (const auto& child : children)
    for (const auto& parent : parents) {
      if (linked.count({parent, child}) || parent_count[child] >= 2) continue;
      RelationRecord r;
      r.type = RelationType::kParentChild;
      r.a = parent;
      r.b = child;
      r.kind = "biological";
      out.relations.push_back(std::move(r));
      ++parent_count[child];
    }
  return out;
}

}  // namespace kansrijk::genogram
