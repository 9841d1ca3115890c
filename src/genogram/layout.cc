#include "genogram/layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace kansrijk::genogram {
namespace {

constexpr int kNone = -1;

// A pair of parents (or one) that children hang from; `relation` is the partner line.
struct Couple {
  int a = kNone, b = kNone;     // person indices; b == kNone for a single parent
  std::string relation_id;      // empty for an implicit pair
  std::vector<int> children;    // in input order until sorted
  size_t first_link = 0;        // parent_child index of the first primary link (for the line id)
};

struct Work {
  const Genogram& g;
  const LayoutOptions& o;
  size_t n = 0;       // persons of the genogram, then the placeholders for unknown parents
  size_t real_n = 0;  // persons of the genogram
  std::vector<int> unknown_partner_of;         // placeholder (index - real_n) -> the known parent
  std::unordered_map<std::string_view, int> index;
  std::vector<int> gen;
  int rows = 0;
  std::vector<Couple> couples;
  std::vector<int> couple_of_child;            // person -> couple index (primary parents) or kNone
  std::vector<std::vector<int>> couples_of;    // person -> couples it is a parent in
  std::vector<int64_t> birth_key;              // earliest day of birth; unknown sorts after known
  // Units: partners in one row kept together in a fixed order.
  std::vector<std::vector<int>> units;
  std::vector<int> unit_of, offset_in_unit;
  std::vector<int> hub_offset;                 // unit -> offset of its hub
  std::vector<std::vector<int>> row_units;     // row -> units in order
  std::vector<double> slot;                    // person -> index within its row (for ordering)
  std::vector<double> x;                       // person -> centre x

  Sex SexOf(int p) const { return static_cast<size_t>(p) < real_n ? g.persons[p].sex : Sex::kUnknown; }

  int Find(std::string_view id) const {
    auto it = index.find(id);
    return it == index.end() ? kNone : it->second;
  }
};

int KindRank(ParentKind k) {
  switch (k) {
    case ParentKind::kBiological: return 0;
    case ParentKind::kAdoptive: return 1;
    case ParentKind::kFoster: return 2;
    case ParentKind::kStep: return 3;
  }
  return 4;
}

// For every child, the parents it hangs from: the kind of link with the most parents present
// (two adoptive parents win over one biological mother), ties to the closer kind.
void ChooseCouples(Work& w, std::map<std::pair<int, int>, std::string>& partner_ids,
                   std::vector<std::vector<size_t>>& links_of_child) {
  std::map<std::pair<int, int>, int> couple_index;
  for (size_t c = 0; c < w.n; ++c) {
    const auto& links = links_of_child[c];
    if (links.empty()) continue;
    int best_kind = -1;
    size_t best_count = 0;
    for (int k = 0; k < 4; ++k) {
      size_t count = 0;
      for (size_t l : links) count += KindRank(w.g.parent_child[l].kind) == k;
      if (count > best_count) { best_count = count; best_kind = k; }
    }
    std::vector<size_t> chosen;
    for (size_t l : links)
      if (KindRank(w.g.parent_child[l].kind) == best_kind && chosen.size() < 2) chosen.push_back(l);
    int pa = w.Find(w.g.parent_child[chosen[0]].parent_id);
    int pb = chosen.size() > 1 ? w.Find(w.g.parent_child[chosen[1]].parent_id) : kNone;
    if (pb != kNone && w.gen[pa] != w.gen[pb]) pb = kNone;  // only parents in one row share a line
    const std::pair<int, int> key(pb == kNone ? pa : std::min(pa, pb), pb == kNone ? kNone : std::max(pa, pb));
    auto [it, inserted] = couple_index.emplace(key, static_cast<int>(w.couples.size()));
    if (inserted) {
      Couple couple;
      couple.a = key.first;
      couple.b = key.second;
      if (pb != kNone) {
        auto pid = partner_ids.find(key);
        if (pid != partner_ids.end()) couple.relation_id = pid->second;
      }
      couple.first_link = chosen[0];
      w.couples.push_back(std::move(couple));
      w.couples_of[key.first].push_back(it->second);
      if (key.second != kNone) w.couples_of[key.second].push_back(it->second);
    }
    w.couples[it->second].children.push_back(static_cast<int>(c));
    w.couple_of_child[c] = it->second;
  }
}

// Partners in one row become one unit, ordered from a hub (the person with most partners):
// partners fan out from the hub in the order of their relations, and a woman hub is mirrored so
// that in a first couple the man stands left, as the convention has it.
void BuildUnits(Work& w, const std::vector<std::pair<int, int>>& partner_edges) {
  std::vector<std::vector<int>> adj(w.n);
  for (auto [a, b] : partner_edges)
    if (w.gen[a] == w.gen[b]) {
      adj[a].push_back(b);
      adj[b].push_back(a);
    }
  w.unit_of.assign(w.n, kNone);
  w.offset_in_unit.assign(w.n, 0);
  for (size_t start = 0; start < w.n; ++start) {
    if (w.unit_of[start] != kNone) continue;
    // Collect the component, then pick the hub.
    std::vector<int> comp{static_cast<int>(start)};
    w.unit_of[start] = static_cast<int>(w.units.size());
    for (size_t k = 0; k < comp.size(); ++k)
      for (int v : adj[comp[k]])
        if (w.unit_of[v] == kNone) {
          w.unit_of[v] = static_cast<int>(w.units.size());
          comp.push_back(v);
        }
    int hub = comp[0];
    for (int v : comp) {
      auto better = [&](int p, int q) {
        if (adj[p].size() != adj[q].size()) return adj[p].size() > adj[q].size();
        const bool pm = w.SexOf(p) == Sex::kMale, qm = w.SexOf(q) == Sex::kMale;
        if (pm != qm) return pm;
        return p < q;
      };
      if (better(v, hub)) hub = v;
    }
    std::vector<int> order;
    std::vector<char> seen(comp.size() > 1 ? w.n : 0, 0);
    if (comp.size() == 1) {
      order = comp;
    } else {
      std::vector<std::pair<int, size_t>> stack{{hub, 0}};
      seen[hub] = 1;
      order.push_back(hub);
      while (!stack.empty()) {
        auto& [v, next] = stack.back();
        if (next < adj[v].size()) {
          int u = adj[v][next++];
          if (!seen[u]) {
            seen[u] = 1;
            order.push_back(u);
            stack.push_back({u, 0});
          }
        } else {
          stack.pop_back();
        }
      }
      if (w.SexOf(hub) == Sex::kFemale) std::reverse(order.begin(), order.end());
    }
    for (size_t k = 0; k < order.size(); ++k) w.offset_in_unit[order[k]] = static_cast<int>(k);
    w.hub_offset.push_back(w.offset_in_unit[hub]);
    w.units.push_back(std::move(order));
  }
  w.row_units.assign(w.rows, {});
  for (size_t u = 0; u < w.units.size(); ++u) w.row_units[w.gen[w.units[u][0]]].push_back(static_cast<int>(u));
}

void Renumber(Work& w, int row) {
  double s = 0;
  for (int u : w.row_units[row])
    for (int p : w.units[u]) w.slot[p] = s++;
}

// Where between two parents in a row the children's line starts, in the same units as `pos`.
double AttachPos(const Work& w, const Couple& c, const std::vector<double>& pos, double step) {
  if (c.b == kNone) return pos[c.a];
  const double left = std::min(pos[c.a], pos[c.b]), right = std::max(pos[c.a], pos[c.b]);
  if (w.unit_of[c.a] != w.unit_of[c.b] || std::abs(w.offset_in_unit[c.a] - w.offset_in_unit[c.b]) <= 1)
    return (left + right) / 2;
  // A later partner further along the unit: the line starts between that partner and the
  // neighbour in between, so each relation's children have their own starting point.
  const int hub = w.hub_offset[w.unit_of[c.a]];
  const int far = std::abs(w.offset_in_unit[c.a] - hub) > std::abs(w.offset_in_unit[c.b] - hub) ? c.a : c.b;
  const bool far_is_right = pos[far] >= (left + right) / 2;
  return far_is_right ? pos[far] - step / 2 : pos[far] + step / 2;
}

// Reorders one row's units by a key per unit (stable: ties keep the current order).
void SortRow(Work& w, int row, const std::vector<double>& key, const std::vector<int64_t>& tie) {
  auto& units = w.row_units[row];
  std::vector<int> position(w.units.size(), 0);
  for (size_t k = 0; k < units.size(); ++k) position[units[k]] = static_cast<int>(k);
  std::stable_sort(units.begin(), units.end(), [&](int p, int q) {
    if (key[p] != key[q]) return key[p] < key[q];
    if (tie[p] != tie[q]) return tie[p] < tie[q];
    return position[p] < position[q];
  });
  Renumber(w, row);
}

void OrderRows(Work& w) {
  w.slot.assign(w.n, 0);
  for (int r = 0; r < w.rows; ++r) Renumber(w, r);
  std::vector<double> key(w.units.size());
  std::vector<int64_t> tie(w.units.size());
  auto down = [&](int r) {
    for (int u : w.row_units[r]) {
      key[u] = w.slot[w.units[u][0]] - 0.25;  // no parents above: stay (just before equal keys)
      tie[u] = std::numeric_limits<int64_t>::max();
      for (int p : w.units[u]) {
        const int c = w.couple_of_child[p];
        if (c == kNone || w.gen[w.couples[c].a] != r - 1) continue;
        key[u] = AttachPos(w, w.couples[c], w.slot, 1.0);
        tie[u] = w.birth_key[p];
        break;
      }
    }
    SortRow(w, r, key, tie);
  };
  auto up = [&](int r) {
    for (int u : w.row_units[r]) {
      double sum = 0;
      int count = 0;
      for (int p : w.units[u])
        for (int c : w.couples_of[p])
          for (int child : w.couples[c].children)
            if (w.gen[child] == r + 1) { sum += w.slot[child]; ++count; }
      key[u] = count ? sum / count : w.slot[w.units[u][0]];
      tie[u] = 0;
    }
    SortRow(w, r, key, tie);
  };
  for (int sweep = 0; sweep < 2; ++sweep) {
    for (int r = 1; r < w.rows; ++r) down(r);
    for (int r = w.rows - 2; r >= 0; --r) up(r);
  }
  for (int r = 1; r < w.rows; ++r) down(r);  // last: siblings end in birth order
}

// Places blocks of fixed width in their order as close to their wishes as the minimum gap
// allows (least squares; overlapping blocks merge and move as one cluster).
void PlaceRow(Work& w, int row, const std::vector<double>& desired_left) {
  struct Cluster {
    size_t first, last;
    double sum, weight, width;
    double Left() const { return sum / weight; }
  };
  const auto& units = w.row_units[row];
  std::vector<Cluster> stack;
  for (size_t k = 0; k < units.size(); ++k) {
    const double width = (w.units[units[k]].size() - 1) * w.o.pitch;
    const double weight = static_cast<double>(w.units[units[k]].size());
    Cluster c{k, k, desired_left[k] * weight, weight, width};
    while (!stack.empty() && stack.back().Left() + stack.back().width + w.o.unit_gap > c.Left()) {
      const Cluster prev = stack.back();
      stack.pop_back();
      const double shift = prev.width + w.o.unit_gap;
      c = Cluster{prev.first, c.last, prev.sum + c.sum - c.weight * shift, prev.weight + c.weight, shift + c.width};
    }
    stack.push_back(c);
  }
  for (const Cluster& c : stack) {
    double left = c.Left();
    for (size_t k = c.first; k <= c.last; ++k) {
      const auto& members = w.units[units[k]];
      for (size_t m = 0; m < members.size(); ++m) w.x[members[m]] = left + m * w.o.pitch;
      left += (members.size() - 1) * w.o.pitch + w.o.unit_gap;
    }
  }
}

void PlaceX(Work& w) {
  w.x.assign(w.n, 0);
  for (int r = 0; r < w.rows; ++r) {
    std::vector<double> desired(w.row_units[r].size(), 0);
    PlaceRow(w, r, desired);
  }
  auto left_of = [&](int u) { return w.x[w.units[u][0]]; };
  auto down = [&](int r) {
    std::vector<double> desired;
    for (int u : w.row_units[r]) {
      double sum = 0;
      int count = 0;
      for (int p : w.units[u]) {
        const int c = w.couple_of_child[p];
        if (c == kNone || w.gen[w.couples[c].a] != r - 1) continue;
        sum += AttachPos(w, w.couples[c], w.x, w.o.pitch) - w.offset_in_unit[p] * w.o.pitch;
        ++count;
      }
      desired.push_back(count ? sum / count : left_of(u));
    }
    PlaceRow(w, r, desired);
  };
  auto up = [&](int r) {
    std::vector<double> desired;
    for (int u : w.row_units[r]) {
      double sum = 0;
      int count = 0;
      for (int p : w.units[u])
        for (int ci : w.couples_of[p]) {
          const Couple& c = w.couples[ci];
          if (p != c.a) continue;  // each couple once, from its first parent
          double mean = 0;
          int k = 0;
          for (int child : c.children)
            if (w.gen[child] == r + 1) { mean += w.x[child]; ++k; }
          if (!k) continue;
          sum += mean / k - (AttachPos(w, c, w.x, w.o.pitch) - left_of(u));
          ++count;
        }
      desired.push_back(count ? sum / count : left_of(u));
    }
    PlaceRow(w, r, desired);
  };
  for (int iteration = 0; iteration < 4; ++iteration) {
    for (int r = 1; r < w.rows; ++r) down(r);
    for (int r = w.rows - 2; r >= 0; --r) up(r);
  }
}

// Drops repeated points and the middle of three points on one horizontal or vertical line.
std::vector<Point> Simplify(std::vector<Point> pts, bool closed) {
  auto straight = [](Point a, Point b, Point c) { return (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y); };
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<Point> out;
    for (const Point& p : pts)
      if (out.empty() || !(out.back() == p)) out.push_back(p);
    if (closed && out.size() > 1 && out.front() == out.back()) out.pop_back();
    std::vector<Point> kept;
    const size_t n = out.size();
    for (size_t k = 0; k < n; ++k) {
      const bool ends = !closed && (k == 0 || k + 1 == n);
      if (!ends && n > 2 && straight(out[(k + n - 1) % n], out[k], out[(k + 1) % n])) {
        changed = true;
        // Drop one point per pass, so the neighbours of the next check are still in place.
        for (size_t j = k + 1; j < n; ++j) kept.push_back(out[j]);
        break;
      }
      kept.push_back(out[k]);
    }
    pts = std::move(kept);
  }
  return pts;
}

// Emotional relations run orthogonally: up from the top of one symbol into a lane just above its
// row, sideways to a gap between two units, down through that gap into the lane above the next
// row, and so on, then down onto the top of the other symbol. Names sit under the symbols and
// partner lines under the names, so the route crosses neither; it only crosses child lines.
void AddEmotionalLines(Work& w, Layout& out) {
  const double half = w.o.symbol / 2;
  auto row_y = [&](int r) { return w.o.margin + r * w.o.row + half; };
  std::vector<std::vector<double>> gaps(w.rows);
  {
    std::vector<std::vector<std::pair<double, int>>> rows(w.rows);
    for (size_t p = 0; p < w.n; ++p) rows[w.gen[p]].push_back({out.persons[p].x, w.unit_of[p]});
    for (int r = 0; r < w.rows; ++r) {
      auto& xs = rows[r];
      if (xs.empty()) continue;
      std::sort(xs.begin(), xs.end());
      // Outside the row: past the names at the ends, still inside the margin.
      const double outside = std::min(w.o.unit_gap / 2 - 12, w.o.margin - 12);
      gaps[r].push_back(xs.front().first - std::max(outside, w.o.pitch / 2 - 2));
      for (size_t k = 1; k < xs.size(); ++k)
        if (xs[k].second != xs[k - 1].second) gaps[r].push_back((xs[k - 1].first + xs[k].first) / 2);
      gaps[r].push_back(xs.back().first + std::max(outside, w.o.pitch / 2 - 2));
    }
  }
  std::vector<int> ends_at(w.n, 0);
  auto top_of = [&](int p) {
    static constexpr double kOffsets[] = {-9, 9, -15, 15, 0};  // not the middle: the child line comes in there
    const double dx = kOffsets[ends_at[p]++ % 5];
    double dy = half;
    if (w.g.persons[p].kind == PersonKind::kBorn) {
      if (w.SexOf(p) == Sex::kFemale) dy = std::sqrt(half * half - dx * dx);
      else if (w.SexOf(p) != Sex::kMale) dy = half - std::abs(dx);
    }
    return Point{out.persons[p].x + dx, out.persons[p].y - dy};
  };
  size_t lane = 0;
  for (const auto& r : w.g.emotional) {
    int a = w.Find(r.a), b = w.Find(r.b);
    if (a == kNone || b == kNone || a == b) continue;
    const bool reversed = w.gen[a] > w.gen[b];
    if (reversed) std::swap(a, b);
    const double lift = half + 7 + 6.0 * static_cast<double>(lane++ % 3);
    const Point start = top_of(a), end = top_of(b);
    std::vector<Point> pts{start};
    double x = start.x, y = row_y(w.gen[a]) - lift;
    pts.push_back({x, y});
    for (int row = w.gen[a]; row < w.gen[b]; ++row) {
      double best = x, cost = std::numeric_limits<double>::max();
      for (double gx : gaps[row]) {
        const double c = std::abs(x - gx) + std::abs(gx - end.x);
        if (c < cost - 1e-9) { cost = c; best = gx; }
      }
      pts.push_back({best, y});
      y = row_y(row + 1) - lift;
      pts.push_back({best, y});
      x = best;
    }
    pts.push_back({end.x, y});
    pts.push_back(end);
    pts = Simplify(std::move(pts), false);
    if (reversed) std::reverse(pts.begin(), pts.end());
    out.lines.push_back({LineKind::kEmotional, r.id, std::move(pts)});
  }
}

void AddLines(Work& w, Layout& out, const std::vector<std::pair<int, int>>& partner_edges,
              const std::vector<std::string>& partner_edge_ids,
              const std::vector<std::vector<size_t>>& links_of_child) {
  const double half = w.o.symbol / 2;
  auto P = [&](int i) { return Point{out.persons[i].x, out.persons[i].y}; };
  auto drop_for = [&](int a, int b) {
    const int apart = w.unit_of[a] == w.unit_of[b] ? std::abs(w.offset_in_unit[a] - w.offset_in_unit[b]) : 1;
    return half + 46 + 30.0 * (std::max(apart, 1) - 1);  // below the name and years (and the dates of a nearer line)
  };
  auto partner_line = [&](int a, int b, const std::string& id) {
    Point pa = P(a), pb = P(b);
    if (pa.x > pb.x) std::swap(pa, pb);
    Line line{LineKind::kPartner, id, {}};
    if (pa.y != pb.y) {
      line.points = {pa, pb};
    } else {
      const double y = pa.y + drop_for(a, b);
      line.points = {{pa.x, pa.y + half}, {pa.x, y}, {pb.x, y}, {pb.x, pb.y + half}};
    }
    out.lines.push_back(std::move(line));
  };
  for (size_t e = 0; e < partner_edges.size(); ++e) partner_line(partner_edges[e].first, partner_edges[e].second, partner_edge_ids[e]);
  for (const Couple& c : w.couples)
    if (c.b != kNone && c.relation_id.empty()) partner_line(c.a, c.b, "");

  // Twin groups: the point their lines converge to.
  std::vector<int> twin_of(w.n, kNone);
  for (size_t t = 0; t < w.g.twins.size(); ++t)
    for (const auto& id : w.g.twins[t].person_ids)
      if (int p = w.Find(id); p != kNone) twin_of[p] = static_cast<int>(t);
  for (size_t ci = 0; ci < w.couples.size(); ++ci) {
    const Couple& c = w.couples[ci];
    const Point pa = P(c.a);
    Point attach;
    if (c.b == kNone) {
      attach = {pa.x, pa.y + half};
    } else {
      const Point pb = P(c.b);
      attach = {AttachPos(w, c, w.x, w.o.pitch), pa.y == pb.y ? pa.y + drop_for(c.a, c.b) : (pa.y + pb.y) / 2};
    }
    std::map<int, std::vector<int>> twins_here;
    for (int child : c.children)
      if (twin_of[child] != kNone) twins_here[twin_of[child]].push_back(child);
    for (int child : c.children) {
      const Point pc = P(child);
      const double bar = pc.y - half - 24;
      double converge = pc.x;
      auto tw = twin_of[child] != kNone ? twins_here.find(twin_of[child]) : twins_here.end();
      if (tw != twins_here.end() && tw->second.size() > 1) {
        converge = 0;
        for (int t : tw->second) converge += out.persons[t].x;
        converge /= static_cast<double>(tw->second.size());
      }
      std::string link_id;
      for (size_t l : links_of_child[child])
        if (w.Find(w.g.parent_child[l].parent_id) == c.a || w.Find(w.g.parent_child[l].parent_id) == c.b) {
          link_id = w.g.parent_child[l].id;
          break;
        }
      Line line{LineKind::kChild, link_id, {attach, {attach.x, bar}, {converge, bar}, {pc.x, pc.y - half}}};
      out.lines.push_back(std::move(line));
    }
    for (const auto& [t, members] : twins_here) {
      if (!w.g.twins[t].identical || members.size() < 2) continue;
      double lo = std::numeric_limits<double>::max(), hi = -lo, converge = 0;
      for (int m : members) {
        lo = std::min(lo, out.persons[m].x);
        hi = std::max(hi, out.persons[m].x);
        converge += out.persons[m].x;
      }
      converge /= static_cast<double>(members.size());
      const double top = out.persons[members[0]].y - half, bar = top - 24;
      const double y = (bar + top) / 2;
      out.lines.push_back({LineKind::kTwinBar, w.g.twins[t].id, {{(converge + lo) / 2, y}, {(converge + hi) / 2, y}}});
    }
  }
  // Links that are not the primary parents (a foster child's birth mother, a stepfather): an
  // elbow from that parent to the child, slightly apart from the main line.
  for (size_t child = 0; child < w.real_n; ++child) {
    const int ci = w.couple_of_child[child];
    for (size_t l : links_of_child[child]) {
      const int p = w.Find(w.g.parent_child[l].parent_id);
      if (ci != kNone && (w.couples[ci].a == p || w.couples[ci].b == p)) continue;
      const Point pp = P(p), pc = P(static_cast<int>(child));
      const double bar = pc.y - half - 12;
      out.lines.push_back({LineKind::kChild, w.g.parent_child[l].id,
                           {{pp.x, pp.y + half}, {pp.x, std::max(bar, pp.y + half + 8)}, {pc.x + 8, std::max(bar, pp.y + half + 8)}, {pc.x + 8, pc.y - half}}});
    }
  }
  AddEmotionalLines(w, out);
}

// One band per row from the first to the last row with a member, as wide as that row's members
// (plus room for their names); the bands meet between the rows, above the children's line, so
// the outline steps sideways there and nowhere crosses a name or a symbol.
void AddHousehold(const Work& w, Layout& out, const std::vector<std::pair<int, int>>& partner_edges) {
  std::map<int, std::pair<double, double>> spans;  // row -> left, right
  for (size_t p = 0; p < w.real_n; ++p) {
    if (!w.g.persons[p].in_household) continue;
    auto [it, inserted] = spans.emplace(w.gen[p], std::make_pair(out.persons[p].x, out.persons[p].x));
    it->second.first = std::min(it->second.first, out.persons[p].x);
    it->second.second = std::max(it->second.second, out.persons[p].x);
  }
  if (spans.empty()) return;
  std::set<int> couple_rows;  // rows where two members are partners: their line and dates are inside
  for (auto [a, b] : partner_edges)
    if (w.g.persons[a].in_household && w.g.persons[b].in_household && w.gen[a] == w.gen[b]) couple_rows.insert(w.gen[a]);
  const double half = w.o.symbol / 2, pad = w.o.pitch / 2 - 14, above = half + 36;  // pad: clear of the gaps emotional lines use
  auto y_of = [&](int row) { return w.o.margin + row * w.o.row + half; };
  struct Band { double left, right, top, bottom; };
  std::vector<Band> bands;
  const int first = spans.begin()->first, last = spans.rbegin()->first;
  std::pair<double, double> span = spans.begin()->second;
  for (int row = first; row <= last; ++row) {
    if (auto it = spans.find(row); it != spans.end()) span = it->second;
    const double top = row == first ? y_of(row) - above : bands.back().bottom;
    const double bottom = row == last ? y_of(row) + (couple_rows.contains(row) ? half + 84 : half + 44) : y_of(row) + w.o.row - above;
    bands.push_back({span.first - pad, span.second + pad, top, bottom});
  }
  // One rounded rectangle when it holds nobody from outside the household (the usual parents
  // and children); else the bands, so a grandfather who lives elsewhere stays outside.
  Band box = bands.front();
  for (const Band& b : bands) {
    box.left = std::min(box.left, b.left);
    box.right = std::max(box.right, b.right);
  }
  box.bottom = bands.back().bottom;
  bool only_members = true;
  for (size_t p = 0; p < w.n && only_members; ++p) {
    const bool member = p < w.real_n && w.g.persons[p].in_household;
    const double x = out.persons[p].x, y = out.persons[p].y;
    if (!member && x > box.left - half && x < box.right + half && y > box.top - half && y < box.bottom + half) only_members = false;
  }
  if (only_members) bands = {box};
  std::vector<Point> pts;
  for (const Band& b : bands) {
    pts.push_back({b.right, b.top});
    pts.push_back({b.right, b.bottom});
  }
  for (size_t k = bands.size(); k-- > 0;) {
    pts.push_back({bands[k].left, bands[k].bottom});
    pts.push_back({bands[k].left, bands[k].top});
  }
  out.household = Simplify(std::move(pts), true);
}

}  // namespace

Layout ComputeLayout(const Genogram& g, const LayoutOptions& o) {
  Work w{g, o};
  w.n = g.persons.size();
  Layout out;
  if (w.n == 0) {
    out.width = out.height = 2 * o.margin;
    return out;
  }
  for (size_t i = 0; i < w.n; ++i) w.index.emplace(g.persons[i].id, static_cast<int>(i));
  w.gen = ComputeGenerations(g);
  w.rows = *std::max_element(w.gen.begin(), w.gen.end()) + 1;
  w.couple_of_child.assign(w.n, kNone);
  w.couples_of.assign(w.n, {});
  w.birth_key.resize(w.n);
  for (size_t i = 0; i < w.n; ++i) {
    // The date's own point, not widened: "about 1999" sorts after 1995, as people read it.
    PartialDate point = g.persons[i].birth;
    const bool has_point = DisplayYear(point).has_value();
    point.kind = PartialDate::Kind::kExact;
    w.birth_key[i] = has_point ? RangeOf(point).earliest : kNoBound;
  }
  std::map<std::pair<int, int>, std::string> partner_ids;
  std::vector<std::pair<int, int>> partner_edges;
  std::vector<std::string> partner_edge_ids;
  for (const auto& r : g.partners) {
    const int a = w.Find(r.a), b = w.Find(r.b);
    if (a == kNone || b == kNone || a == b || !partner_ids.emplace(std::minmax(a, b), r.id).second) continue;
    partner_edges.push_back({a, b});
    partner_edge_ids.push_back(r.id);
  }
  std::vector<std::vector<size_t>> links_of_child(w.n);
  std::map<std::pair<int, int>, bool> seen_links;
  for (size_t l = 0; l < g.parent_child.size(); ++l) {
    const int p = w.Find(g.parent_child[l].parent_id), c = w.Find(g.parent_child[l].child_id);
    if (p == kNone || c == kNone || p == c || w.gen[p] >= w.gen[c] || !seen_links.emplace(std::make_pair(p, c), true).second) continue;
    links_of_child[c].push_back(l);
  }
  ChooseCouples(w, partner_ids, links_of_child);
  // A child of one known biological parent: the other parent is not recorded. A placeholder
  // stands beside the known parent, so the children hang from a partner line as usual.
  w.real_n = w.n;
  for (size_t ci = 0; ci < w.couples.size(); ++ci) {
    Couple& c = w.couples[ci];
    if (c.b != kNone || g.parent_child[c.first_link].kind != ParentKind::kBiological) continue;
    const int q = static_cast<int>(w.n++);
    w.gen.push_back(w.gen[c.a]);
    w.couples_of.push_back({static_cast<int>(ci)});
    w.couple_of_child.push_back(kNone);
    w.birth_key.push_back(kNoBound);
    w.unknown_partner_of.push_back(c.a);
    c.b = q;  // no relation id: an implicit partner line
  }
  // Two parents without a recorded relation still stand together, like partners.
  std::vector<std::pair<int, int>> unit_edges = partner_edges;
  for (const Couple& c : w.couples)
    if (c.b != kNone && c.relation_id.empty()) unit_edges.push_back({c.a, c.b});
  for (auto& c : w.couples)
    std::stable_sort(c.children.begin(), c.children.end(), [&](int p, int q) { return w.birth_key[p] < w.birth_key[q]; });
  BuildUnits(w, unit_edges);
  OrderRows(w);
  PlaceX(w);

  double min_x = std::numeric_limits<double>::max(), max_x = -min_x;
  for (double v : w.x) {
    min_x = std::min(min_x, v);
    max_x = std::max(max_x, v);
  }
  out.persons.resize(w.n);
  for (size_t i = 0; i < w.n; ++i) {
    // Rounded to whole pixels: the SVG stays short and golden files do not flap on the last digit.
    out.persons[i].x = std::round(w.x[i] - min_x + o.margin);
    out.persons[i].y = o.margin + w.gen[i] * o.row + o.symbol / 2;
    out.persons[i].generation = w.gen[i];
    w.x[i] = out.persons[i].x;
  }
  AddLines(w, out, partner_edges, partner_edge_ids, links_of_child);
  AddHousehold(w, out, partner_edges);
  for (size_t q = w.real_n; q < w.n; ++q) out.unknown_parents.push_back({out.persons[q], w.unknown_partner_of[q - w.real_n]});
  out.persons.resize(w.real_n);
  out.width = std::round(max_x - min_x + 2 * o.margin);
  // Names, years and the household's edge under the last row.
  out.height = o.margin + (w.rows - 1) * o.row + o.symbol / 2 + 110;
  return out;
}

}  // namespace kansrijk::genogram
