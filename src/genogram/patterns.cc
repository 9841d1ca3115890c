#include "genogram/patterns.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace kansrijk::genogram {
namespace {

bool IsStrengthEvent(EventKind k) {
  return k == EventKind::kDiploma || k == EventKind::kNewJob || k == EventKind::kDebtsResolved ||
         k == EventKind::kReconciliation;
}

int Root(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

std::vector<Pattern> FindPatterns(const Genogram& g) {
  const size_t n = g.persons.size();
  std::unordered_map<std::string_view, int> index;
  for (size_t i = 0; i < n; ++i) index.emplace(g.persons[i].id, static_cast<int>(i));
  auto find = [&](std::string_view id) {
    auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
  };
  std::vector<std::vector<int>> parents(n);
  for (const auto& l : g.parent_child) {
    if (l.kind != ParentKind::kBiological && l.kind != ParentKind::kAdoptive) continue;
    const int p = find(l.parent_id), c = find(l.child_id);
    if (p >= 0 && c >= 0 && p != c) parents[c].push_back(p);
  }
  const std::vector<int> gen = ComputeGenerations(g);

  // Who carries what: (kind, key) -> persons.
  std::map<std::pair<Pattern::Kind, std::string>, std::set<int>> carriers;
  std::map<std::pair<Pattern::Kind, std::string>, std::pair<std::string, bool>> labels;
  for (size_t i = 0; i < n; ++i)
    for (const auto& t : g.persons[i].theme_ids)
      for (const auto& theme : g.themes)
        if (theme.id == t) {
          carriers[{Pattern::Kind::kTheme, t}].insert(static_cast<int>(i));
          labels[{Pattern::Kind::kTheme, t}] = {theme.label, theme.strength};
        }
  auto add_event = [&](EventKind k, int person) {
    if (person < 0 || k == EventKind::kBirth || k == EventKind::kDeath || k == EventKind::kOther) return;
    const std::pair<Pattern::Kind, std::string> key{Pattern::Kind::kEvent, std::string(ToString(k))};
    carriers[key].insert(person);
    std::string label(DutchLabel(k));
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    labels[key] = {label, IsStrengthEvent(k)};
  };
  for (const auto& e : g.events) add_event(e.kind, find(e.person_id));
  for (const auto& r : g.partners)
    if (r.state == PartnerState::kDivorced) {
      add_event(EventKind::kDivorce, find(r.a));
      add_event(EventKind::kDivorce, find(r.b));
    }

  std::vector<Pattern> patterns;
  std::vector<int> uf(n);
  for (const auto& [key, persons] : carriers) {
    if (persons.size() < 2) continue;
    std::iota(uf.begin(), uf.end(), 0);
    for (int p : persons) {
      // Walk up the line of descent; every carrier found there belongs with p.
      std::vector<int> stack(parents[p].begin(), parents[p].end());
      std::set<int> seen;
      while (!stack.empty()) {
        const int a = stack.back();
        stack.pop_back();
        if (!seen.insert(a).second) continue;
        if (persons.contains(a)) uf[Root(uf, a)] = Root(uf, p);
        stack.insert(stack.end(), parents[a].begin(), parents[a].end());
      }
    }
    std::map<int, std::vector<int>> groups;
    for (int p : persons) groups[Root(uf, p)].push_back(p);
    for (auto& [root, members] : groups) {
      std::set<int> gens;
      for (int p : members) gens.insert(gen[p] + 1);
      if (gens.size() < 2) continue;
      std::stable_sort(members.begin(), members.end(), [&](int a, int b) { return gen[a] < gen[b] || (gen[a] == gen[b] && a < b); });
      Pattern pattern;
      pattern.kind = key.first;
      pattern.key = key.second;
      pattern.label = labels[key].first;
      pattern.strength = labels[key].second;
      for (int p : members) pattern.person_ids.push_back(g.persons[p].id);
      pattern.generations.assign(gens.begin(), gens.end());
      patterns.push_back(std::move(pattern));
    }
  }
  std::stable_sort(patterns.begin(), patterns.end(), [](const Pattern& a, const Pattern& b) {
    if (a.strength != b.strength) return a.strength;
    if (a.generations.size() != b.generations.size()) return a.generations.size() > b.generations.size();
    if (a.person_ids.size() != b.person_ids.size()) return a.person_ids.size() > b.person_ids.size();
    return a.label < b.label;
  });
  return patterns;
}

}  // namespace kansrijk::genogram
