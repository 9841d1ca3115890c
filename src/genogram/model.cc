#include "genogram/model.h"

#include <algorithm>
#include <array>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace kansrijk::genogram {
namespace {

template <typename E>
struct Names {
  E value;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<Names<Sex>, 4> kSex = {{
    {Sex::kMale, "male", "man"}, {Sex::kFemale, "female", "vrouw"},
    {Sex::kOther, "other", "anders"}, {Sex::kUnknown, "unknown", "onbekend"}}};
constexpr std::array<Names<PersonKind>, 4> kPersonKind = {{
    {PersonKind::kBorn, "born", "persoon"}, {PersonKind::kPregnancy, "pregnancy", "zwangerschap"},
    {PersonKind::kMiscarriage, "miscarriage", "miskraam"}, {PersonKind::kStillbirth, "stillbirth", "doodgeboren kind"}}};
constexpr std::array<Names<PartnerKind>, 3> kPartnerKind = {{
    {PartnerKind::kMarried, "married", "getrouwd"}, {PartnerKind::kCohabiting, "cohabiting", "samenwonend"},
    {PartnerKind::kRelationship, "relationship", "relatie"}}};
constexpr std::array<Names<PartnerState>, 4> kPartnerState = {{
    {PartnerState::kTogether, "together", "samen"}, {PartnerState::kSeparated, "separated", "uit elkaar"},
    {PartnerState::kDivorced, "divorced", "gescheiden"}, {PartnerState::kWidowed, "widowed", "weduwe of weduwnaar"}}};
constexpr std::array<Names<ParentKind>, 4> kParentKind = {{
    {ParentKind::kBiological, "biological", "biologisch kind"}, {ParentKind::kAdoptive, "adoptive", "adoptiekind"},
    {ParentKind::kFoster, "foster", "pleegkind"}, {ParentKind::kStep, "step", "stiefkind"}}};
constexpr std::array<Names<EmotionalKind>, 7> kEmotionalKind = {{
    {EmotionalKind::kClose, "close", "hecht"}, {EmotionalKind::kFused, "fused", "versmolten"},
    {EmotionalKind::kDistant, "distant", "afstandelijk"}, {EmotionalKind::kConflict, "conflict", "conflict"},
    {EmotionalKind::kHostile, "hostile", "vijandig"}, {EmotionalKind::kCutOff, "cut_off", "contact verbroken"},
    {EmotionalKind::kAbuse, "abuse", "mishandeling"}}};
constexpr std::array<Names<EventKind>, 16> kEventKind = {{
    {EventKind::kBirth, "birth", "geboorte"}, {EventKind::kDeath, "death", "overlijden"},
    {EventKind::kMove, "move", "verhuizing"}, {EventKind::kBrokenContact, "broken_contact", "contact verbroken"},
    {EventKind::kReconciliation, "reconciliation", "verzoening"}, {EventKind::kDivorce, "divorce", "scheiding"},
    {EventKind::kJobLoss, "job_loss", "baan verloren"}, {EventKind::kNewJob, "new_job", "nieuwe baan"},
    {EventKind::kDebtsStarted, "debts_started", "schulden ontstaan"},
    {EventKind::kDebtsResolved, "debts_resolved", "schulden opgelost"},
    {EventKind::kSchoolDropOut, "school_drop_out", "school verlaten zonder diploma"},
    {EventKind::kDiploma, "diploma", "diploma gehaald"}, {EventKind::kIllness, "illness", "ziekte"},
    {EventKind::kAddiction, "addiction", "verslaving"}, {EventKind::kDetention, "detention", "detentie"},
    {EventKind::kOther, "other", "andere gebeurtenis"}}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<Names<E>, N>& table, E v) {
  for (const auto& n : table)
    if (n.value == v) return n.name;
  return "";
}
template <typename E, size_t N>
std::string_view LabelOf(const std::array<Names<E>, N>& table, E v) {
  for (const auto& n : table)
    if (n.value == v) return n.label;
  return "";
}
template <typename E, size_t N>
std::optional<E> Parse(const std::array<Names<E>, N>& table, std::string_view s) {
  for (const auto& n : table)
    if (n.name == s) return n.value;
  return std::nullopt;
}

std::string At(std::string_view collection, size_t i) {
  return std::string(collection) + "[" + std::to_string(i) + "]";
}

using IdIndex = std::unordered_map<std::string_view, int>;

IdIndex IndexPersons(const Genogram& g) {
  IdIndex index;
  index.reserve(g.persons.size());
  for (size_t i = 0; i < g.persons.size(); ++i) index.emplace(g.persons[i].id, static_cast<int>(i));
  return index;
}

int Lookup(const IdIndex& index, std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

std::pair<std::string_view, std::string_view> Unordered(std::string_view a, std::string_view b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

constexpr char kUnknownPerson[] = "genogram_relation_person_unknown";
constexpr char kSelf[] = "genogram_relation_self";
constexpr char kNotBorn[] = "genogram_not_born_parent";

}  // namespace

int Genogram::FindPerson(std::string_view id) const {
  for (size_t i = 0; i < persons.size(); ++i)
    if (persons[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<Theme> DefaultThemes() {
  return {
      {"schulden", "Schulden", false},
      {"vroegtijdig_schoolverlaten", "Vroegtijdig schoolverlaten", false},
      {"uitkering", "Uitkering", false},
      {"jong_ouderschap", "Jong ouderschap", false},
      {"verslaving", "Verslaving", false},
      {"ondernemend", "Ondernemend", true},
      {"sportief", "Sportief", true},
      {"creatief", "Creatief", true},
      {"zorgzaam", "Zorgzaam", true},
  };
}

std::vector<Problem> FindProblems(const Genogram& g) {
  std::vector<Problem> problems;
  auto add = [&](std::string field, std::string code, Params params = {}) {
    problems.push_back({std::move(field), std::move(code), std::move(params)});
  };
  const IdIndex index = IndexPersons(g);

  std::set<std::string_view> theme_ids;
  for (size_t i = 0; i < g.themes.size(); ++i)
    if (g.themes[i].id.empty() || !theme_ids.insert(g.themes[i].id).second)
      add(At("themes", i), "genogram_theme_id_not_unique");

  std::set<std::string_view> seen;
  for (size_t i = 0; i < g.persons.size(); ++i) {
    const Person& p = g.persons[i];
    if (p.id.empty()) add(At("persons", i) + ".id", "genogram_person_id_missing");
    else if (!seen.insert(p.id).second) add(At("persons", i) + ".id", "genogram_person_duplicate");
    if (CertainlyBefore(p.death, p.birth))
      add(At("persons", i) + ".death", "genogram_death_before_birth");
    for (const auto& t : p.theme_ids)
      if (!theme_ids.contains(t)) add(At("persons", i) + ".theme_ids", "genogram_theme_unknown", {{"theme", t}});
  }

  std::set<std::pair<std::string_view, std::string_view>> pairs;
  for (size_t i = 0; i < g.partners.size(); ++i) {
    const PartnerRelation& r = g.partners[i];
    const std::string f = At("partners", i);
    if (Lookup(index, r.a) < 0 || Lookup(index, r.b) < 0) { add(f, kUnknownPerson); continue; }
    if (r.a == r.b) { add(f, kSelf); continue; }
    if (g.persons[Lookup(index, r.a)].kind != PersonKind::kBorn || g.persons[Lookup(index, r.b)].kind != PersonKind::kBorn) {
      add(f, kNotBorn);
      continue;
    }
    if (!pairs.insert(Unordered(r.a, r.b)).second) add(f, "genogram_partners_duplicate");
    if (CertainlyBefore(r.end, r.start)) add(f + ".end", "genogram_end_before_start");
  }

  pairs.clear();
  std::unordered_map<std::string_view, int> biological_parents;
  std::vector<std::vector<std::pair<int, size_t>>> children(g.persons.size());  // parent -> (child, link)
  for (size_t i = 0; i < g.parent_child.size(); ++i) {
    const ParentChild& r = g.parent_child[i];
    const std::string f = At("parent_child", i);
    const int parent = Lookup(index, r.parent_id), child = Lookup(index, r.child_id);
    if (parent < 0 || child < 0) { add(f, kUnknownPerson); continue; }
    if (parent == child) { add(f, "genogram_own_parent"); continue; }
    if (g.persons[parent].kind != PersonKind::kBorn) { add(f, kNotBorn); continue; }
    if (!pairs.insert({r.parent_id, r.child_id}).second) { add(f, "genogram_parent_child_duplicate"); continue; }
    if (r.kind == ParentKind::kBiological && ++biological_parents[r.child_id] > 2)
      add(f, "genogram_too_many_biological_parents");
    if (r.kind == ParentKind::kBiological && CertainlyBefore(g.persons[child].birth, g.persons[parent].birth))
      add(f, "genogram_child_born_before_parent");
    children[parent].push_back({child, i});
  }
  // Someone their own ancestor: a depth-first search over parent -> child links; a link that
  // leads back into the current path closes a cycle and is the one reported.
  {
    std::vector<char> state(g.persons.size(), 0);  // 0 new, 1 on path, 2 done
    for (size_t root = 0; root < g.persons.size(); ++root) {
      if (state[root]) continue;
      std::vector<std::pair<int, size_t>> stack{{static_cast<int>(root), 0}};
      state[root] = 1;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < children[node].size()) {
          const auto [child, link] = children[node][next++];
          if (state[child] == 1) {
            add(At("parent_child", link), "genogram_cycle");
          } else if (state[child] == 0) {
            state[child] = 1;
            stack.push_back({child, 0});
          }
        } else {
          state[node] = 2;
          stack.pop_back();
        }
      }
    }
  }

  std::set<std::string_view> twins_seen;
  for (size_t i = 0; i < g.twins.size(); ++i) {
    const TwinGroup& t = g.twins[i];
    const std::string f = At("twins", i);
    if (t.person_ids.size() < 2) { add(f, "genogram_twins_too_few"); continue; }
    bool known = true;
    for (const auto& id : t.person_ids) known = known && Lookup(index, id) >= 0;
    if (!known) { add(f, kUnknownPerson); continue; }
    for (const auto& id : t.person_ids)
      if (!twins_seen.insert(id).second) add(f, "genogram_twins_overlap");
    for (size_t k = 1; k < t.person_ids.size(); ++k) {
      const Person& x = g.persons[Lookup(index, t.person_ids[0])];
      const Person& y = g.persons[Lookup(index, t.person_ids[k])];
      const DateRange rx = RangeOf(x.birth), ry = RangeOf(y.birth);
      // Twins may be born either side of midnight; more than a day apart is not one birth.
      if (rx.latest + 1 < ry.earliest || ry.latest + 1 < rx.earliest) {
        add(f, "genogram_twins_birth_days");
        break;
      }
    }
  }

  std::set<std::tuple<std::string_view, std::string_view, EmotionalKind>> emotional_seen;
  for (size_t i = 0; i < g.emotional.size(); ++i) {
    const EmotionalRelation& r = g.emotional[i];
    const std::string f = At("emotional", i);
    if (Lookup(index, r.a) < 0 || Lookup(index, r.b) < 0) { add(f, kUnknownPerson); continue; }
    if (r.a == r.b) { add(f, kSelf); continue; }
    auto [x, y] = Unordered(r.a, r.b);
    if (!emotional_seen.insert({x, y, r.kind}).second) add(f, "genogram_emotional_duplicate");
  }

  for (size_t i = 0; i < g.events.size(); ++i) {
    const LifeEvent& e = g.events[i];
    const std::string f = At("events", i);
    const int p = Lookup(index, e.person_id);
    if (p < 0) { add(f, "genogram_event_person_unknown"); continue; }
    if (!e.other_person_id.empty() && Lookup(index, e.other_person_id) < 0) add(f, kUnknownPerson);
    if (e.kind != EventKind::kBirth && CertainlyBefore(e.date, g.persons[p].birth))
      add(f + ".date", "genogram_event_before_birth");
    if (e.kind != EventKind::kDeath && e.kind != EventKind::kBirth && CertainlyBefore(g.persons[p].death, e.date))
      add(f + ".date", "genogram_event_after_death");
  }
  return problems;
}

Status Validate(const Genogram& g) {
  auto problems = FindProblems(g);
  if (problems.empty()) return Status::Ok();
  FieldErrors errors;
  for (const auto& p : problems) errors[p.field].push_back({p.code, p.params});
  return Status::Invalid(std::move(errors));
}

std::vector<int> ComputeGenerations(const Genogram& g) {
  const size_t n = g.persons.size();
  const IdIndex index = IndexPersons(g);
  struct Edge { int to; int delta; };
  std::vector<std::vector<Edge>> adj(n);
  std::vector<std::pair<int, int>> descent, partners;
  for (const auto& r : g.parent_child) {
    const int p = Lookup(index, r.parent_id), c = Lookup(index, r.child_id);
    if (p < 0 || c < 0 || p == c) continue;
    adj[p].push_back({c, 1});
    adj[c].push_back({p, -1});
    descent.push_back({p, c});
  }
  for (const auto& r : g.partners) {
    const int a = Lookup(index, r.a), b = Lookup(index, r.b);
    if (a < 0 || b < 0 || a == b) continue;
    adj[a].push_back({b, 0});
    adj[b].push_back({a, 0});
    partners.push_back({a, b});
  }
  std::vector<int> gen(n, 0), component(n, -1);
  int components = 0;
  for (size_t start = 0; start < n; ++start) {
    if (component[start] >= 0) continue;
    std::deque<int> queue{static_cast<int>(start)};
    component[start] = components;
    while (!queue.empty()) {
      const int u = queue.front();
      queue.pop_front();
      for (const Edge& e : adj[u]) {
        if (component[e.to] >= 0) continue;
        component[e.to] = components;
        gen[e.to] = gen[u] + e.delta;
        queue.push_back(e.to);
      }
    }
    ++components;
  }
  // Families with loops (cousins who marry, a second partner from another generation) can leave
  // a child level with its parent after the walk; push such persons down until every child is
  // below its parents and partners share a row. Bounded, so a cycle in invalid data cannot hang.
  for (size_t round = 0; round <= n; ++round) {
    bool changed = false;
    for (auto [p, c] : descent)
      if (gen[c] < gen[p] + 1) { gen[c] = gen[p] + 1; changed = true; }
    for (auto [a, b] : partners)
      if (gen[a] != gen[b]) { gen[a] = gen[b] = std::max(gen[a], gen[b]); changed = true; }
    if (!changed) break;
  }
  std::vector<int> lowest(components, 1 << 30);
  for (size_t i = 0; i < n; ++i) lowest[component[i]] = std::min(lowest[component[i]], gen[i]);
  for (size_t i = 0; i < n; ++i) gen[i] -= lowest[component[i]];
  return gen;
}

std::string DisplayName(const Person& p) {
  std::string name = p.given_names;
  if (!p.surname.empty()) name += (name.empty() ? "" : " ") + p.surname;
  if (!name.empty()) return name;
  if (!p.role_label.empty()) return p.role_label;
  if (p.kind == PersonKind::kPregnancy) return "Zwangerschap";
  if (p.kind == PersonKind::kMiscarriage) return "Miskraam";
  if (p.kind == PersonKind::kStillbirth) return "Doodgeboren kind";
  return "Onbekend";
}

std::string_view ToString(Sex v) { return NameOf(kSex, v); }
std::string_view ToString(PersonKind v) { return NameOf(kPersonKind, v); }
std::string_view ToString(PartnerKind v) { return NameOf(kPartnerKind, v); }
std::string_view ToString(PartnerState v) { return NameOf(kPartnerState, v); }
std::string_view ToString(ParentKind v) { return NameOf(kParentKind, v); }
std::string_view ToString(EmotionalKind v) { return NameOf(kEmotionalKind, v); }
std::string_view ToString(EventKind v) { return NameOf(kEventKind, v); }
std::optional<Sex> ParseSex(std::string_view s) { return Parse(kSex, s); }
std::optional<PersonKind> ParsePersonKind(std::string_view s) { return Parse(kPersonKind, s); }
std::optional<PartnerKind> ParsePartnerKind(std::string_view s) { return Parse(kPartnerKind, s); }
std::optional<PartnerState> ParsePartnerState(std::string_view s) { return Parse(kPartnerState, s); }
std::optional<ParentKind> ParseParentKind(std::string_view s) { return Parse(kParentKind, s); }
std::optional<EmotionalKind> ParseEmotionalKind(std::string_view s) { return Parse(kEmotionalKind, s); }
std::optional<EventKind> ParseEventKind(std::string_view s) { return Parse(kEventKind, s); }
std::string_view DutchLabel(PersonKind v) { return LabelOf(kPersonKind, v); }
std::string_view DutchLabel(PartnerKind v) { return LabelOf(kPartnerKind, v); }
std::string_view DutchLabel(PartnerState v) { return LabelOf(kPartnerState, v); }
std::string_view DutchLabel(ParentKind v) { return LabelOf(kParentKind, v); }
std::string_view DutchLabel(EmotionalKind v) { return LabelOf(kEmotionalKind, v); }
std::string_view DutchLabel(EventKind v) { return LabelOf(kEventKind, v); }

}  // namespace kansrijk::genogram
