#include "genogram/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "genogram/test_builders.h"

namespace kansrijk::genogram {
namespace {

using testing::Builder;
using testing::ThreeGenerations;

double X(const Genogram& g, const Layout& l, const char* id) { return l.persons[g.FindPerson(id)].x; }
int Row(const Genogram& g, const Layout& l, const char* id) { return l.persons[g.FindPerson(id)].generation; }

// Symbols in one row are at least a symbol and a name apart; rows are apart by construction.
void ExpectNoOverlaps(const Genogram& g, const Layout& l) {
  const LayoutOptions o;
  std::map<int, std::vector<double>> rows;
  for (const auto& p : l.persons) rows[p.generation].push_back(p.x);
  for (auto& [row, xs] : rows) {
    std::sort(xs.begin(), xs.end());
    for (size_t k = 1; k < xs.size(); ++k) ASSERT_GE(xs[k] - xs[k - 1], o.pitch - 1) << "row " << row;
  }
  for (const auto& p : l.persons) {
    EXPECT_GE(p.x, o.symbol / 2);
    EXPECT_LE(p.x, l.width - o.symbol / 2);
  }
  EXPECT_EQ(l.persons.size(), g.persons.size());
}

TEST(GenogramLayoutTest, GenerationsAreRows) {
  const auto g = ThreeGenerations().Build();
  const auto l = ComputeLayout(g);
  EXPECT_EQ(Row(g, l, "opa_v"), 0);
  EXPECT_EQ(Row(g, l, "oma_m"), 0);
  EXPECT_EQ(Row(g, l, "vader"), 1);
  EXPECT_EQ(Row(g, l, "nieuwe"), 1);  // a partner shares the row
  EXPECT_EQ(Row(g, l, "kind1"), 2);
  EXPECT_EQ(l.persons[g.FindPerson("kind1")].y - l.persons[g.FindPerson("vader")].y, LayoutOptions{}.row);
  ExpectNoOverlaps(g, l);
}

TEST(GenogramLayoutTest, PartnersSideBySideAndChildrenUnderTheirLine) {
  const auto g = ThreeGenerations().Build();
  const auto l = ComputeLayout(g);
  const double pitch = LayoutOptions{}.pitch;
  EXPECT_DOUBLE_EQ(std::abs(X(g, l, "opa_v") - X(g, l, "oma_v")), pitch);
  EXPECT_LT(X(g, l, "opa_v"), X(g, l, "oma_v"));  // husband left
  EXPECT_LT(X(g, l, "vader"), X(g, l, "moeder"));
  // Both relations of the father in order: first partner next to him, the second further on.
  EXPECT_DOUBLE_EQ(X(g, l, "moeder") - X(g, l, "vader"), pitch);
  EXPECT_DOUBLE_EQ(X(g, l, "nieuwe") - X(g, l, "vader"), 2 * pitch);
  // Children of the first relation left of the half-brother from the second.
  EXPECT_LT(X(g, l, "kind1"), X(g, l, "kind2"));
  EXPECT_LT(X(g, l, "kind2"), X(g, l, "halfbroer"));
  // Each grandparent couple stands above its own child: no crossing between the two sides.
  EXPECT_LT(X(g, l, "oma_v"), X(g, l, "opa_m"));
  // The child lines start on the parents' relation line.
  for (const auto& line : l.lines)
    if (line.kind == LineKind::kChild && line.relation_id == "pc-vader-kind1") {
      EXPECT_GT(line.points[0].x, X(g, l, "vader"));
      EXPECT_LT(line.points[0].x, X(g, l, "moeder"));
      EXPECT_DOUBLE_EQ(line.points.back().x, X(g, l, "kind1"));
    }
}

TEST(GenogramLayoutTest, SiblingsInBirthOrderWhateverTheInputOrder) {
  Builder b;
  b.Man("v", "1960").Woman("m", "1962");
  b.Woman("c", "1995").Man("a", "1988").Woman("d", "ABT 1999").Man("b", "MAR 1990");
  b.Partners("v", "m");
  for (auto id : {"c", "a", "d", "b"}) b.Child(id, "v", "m");
  const auto g = b.Build();
  const auto l = ComputeLayout(g);
  EXPECT_LT(X(g, l, "a"), X(g, l, "b"));
  EXPECT_LT(X(g, l, "b"), X(g, l, "c"));
  EXPECT_LT(X(g, l, "c"), X(g, l, "d"));
  // The parents are centred over their children.
  EXPECT_NEAR((X(g, l, "v") + X(g, l, "m")) / 2, (X(g, l, "a") + X(g, l, "d")) / 2, 1);
  ExpectNoOverlaps(g, l);
}

TEST(GenogramLayoutTest, Deterministic) {
  const auto g = testing::Synthetic(300);
  const auto a = ComputeLayout(g), b = ComputeLayout(g);
  ASSERT_EQ(a.persons.size(), b.persons.size());
  for (size_t i = 0; i < a.persons.size(); ++i) {
    EXPECT_EQ(a.persons[i].x, b.persons[i].x);
    EXPECT_EQ(a.persons[i].y, b.persons[i].y);
  }
  ASSERT_EQ(a.lines.size(), b.lines.size());
  for (size_t i = 0; i < a.lines.size(); ++i) EXPECT_EQ(a.lines[i].points, b.lines[i].points);
}

TEST(GenogramLayoutTest, NoOverlapsInLargeFamilies) {
  for (size_t n : {5u, 40u, 80u, 500u}) {
    SCOPED_TRACE(n);
    const auto g = testing::Synthetic(n, static_cast<uint32_t>(n));
    ExpectNoOverlaps(g, ComputeLayout(g));
  }
}

// Adding one person must not make the drawing jump: after taking out a shift of the whole
// picture, no existing symbol moves more than one gap between neighbours, and on average little
// more than half a place (a sibling added between the father's and the mother's side pushes one
// side half a gap each way: that case sets the bound).
TEST(GenogramLayoutTest, StableWhenOnePersonIsAdded) {
  struct Case {
    const char* what;
    std::function<void(Builder&)> add;
  };
  const Case cases[] = {
      {"a younger child", [](Builder& b) { b.Woman("kind3", "1996").Child("kind3", "vader", "moeder"); }},
      {"a great-grandfather", [](Builder& b) { b.Man("overgrootvader", "1910").Child("opa_v", "overgrootvader"); }},
      {"a partner for the aunt", [](Builder& b) { b.Man("oom", "1968").Partners("oom", "tante"); }},
      {"a sibling of the father", [](Builder& b) { b.Man("oom_v", "1967").Child("oom_v", "opa_v", "oma_v"); }},
  };
  const double pitch = LayoutOptions{}.pitch;
  for (const auto& c : cases) {
    const auto before_g = ThreeGenerations().Build();
    const auto before = ComputeLayout(before_g);
    Builder b = ThreeGenerations();
    c.add(b);
    const auto after_g = b.Build();
    const auto after = ComputeLayout(after_g);
    ExpectNoOverlaps(after_g, after);
    double shift = 0;
    for (size_t i = 0; i < before.persons.size(); ++i) shift += after.persons[i].x - before.persons[i].x;
    shift /= static_cast<double>(before.persons.size());
    double total = 0, worst = 0;
    for (size_t i = 0; i < before.persons.size(); ++i) {
      const double moved = std::abs(after.persons[i].x - before.persons[i].x - shift);
      total += moved;
      worst = std::max(worst, moved);
    }
    EXPECT_LE(worst, LayoutOptions{}.unit_gap) << c.what;
    EXPECT_LE(total / static_cast<double>(before.persons.size()), 0.6 * pitch) << c.what;
  }
}

TEST(GenogramLayoutTest, TwinsConvergeAndIdenticalTwinsGetABar) {
  Builder b;
  b.Man("v", "1960").Woman("m", "1962").Man("t1", "1990-05-01").Man("t2", "1990-05-01").Partners("v", "m");
  b.Child("t1", "v", "m").Child("t2", "v", "m").Twins("t1", "t2", true);
  const auto g = b.Build();
  const auto l = ComputeLayout(g);
  std::vector<Point> converge;
  int bars = 0;
  for (const auto& line : l.lines) {
    if (line.kind == LineKind::kChild) converge.push_back(line.points[2]);
    bars += line.kind == LineKind::kTwinBar;
  }
  ASSERT_EQ(converge.size(), 2u);
  EXPECT_EQ(converge[0], converge[1]);
  EXPECT_EQ(bars, 1);
}

TEST(GenogramLayoutTest, HouseholdBoundaryEnclosesItsMembers) {
  const auto g = ThreeGenerations().Build();
  const auto l = ComputeLayout(g);
  ASSERT_FALSE(l.household.empty());
  double lo = 1e9, hi = -1e9;
  for (const auto& p : l.household) {
    lo = std::min(lo, p.x);
    hi = std::max(hi, p.x);
  }
  for (auto id : {"moeder", "kind1", "kind2"}) {
    EXPECT_GT(X(g, l, id), lo);
    EXPECT_LT(X(g, l, id), hi);
  }
}

// A child of one recorded parent hangs from a partner line to an "onbekend" placeholder that
// stands beside that parent, never on a symbol or a name of someone else.
TEST(GenogramLayoutTest, PlaceholderWhereTheOtherParentIsMissing) {
  Builder b = ThreeGenerations();
  b.Man("kleinkind", "2015").Child("kleinkind", "kind1");  // kind1's child, father not recorded
  const auto g = b.Build();
  const auto l = ComputeLayout(g);
  ExpectNoOverlaps(g, l);
  ASSERT_EQ(l.unknown_parents.size(), 1u);
  const UnknownParent& u = l.unknown_parents[0];
  EXPECT_EQ(u.partner, g.FindPerson("kind1"));
  EXPECT_EQ(u.place.generation, Row(g, l, "kind1"));
  EXPECT_DOUBLE_EQ(std::abs(u.place.x - X(g, l, "kind1")), LayoutOptions{}.pitch);
  for (const auto& p : l.persons)
    if (p.generation == u.place.generation) {
      EXPECT_GE(std::abs(p.x - u.place.x), LayoutOptions{}.pitch - 1);
    }
  // The child's line starts between the mother and the placeholder.
  for (const auto& line : l.lines)
    if (line.kind == LineKind::kChild && line.points.back().x == X(g, l, "kleinkind")) {
      EXPECT_DOUBLE_EQ(line.points.front().x, (u.place.x + X(g, l, "kind1")) / 2);
    }
  // Adoptive or foster single parents are a family form of their own: no placeholder.
  Builder adoptive;
  adoptive.Woman("m", "1970").Man("k", "2000").Child("k", "m", "", ParentKind::kAdoptive);
  EXPECT_TRUE(ComputeLayout(adoptive.Build()).unknown_parents.empty());
}

// Emotional lines run horizontally and vertically only, and cross no name, no symbol other than
// their own two, and no partner line: the cut-off no longer runs through a marriage line.
TEST(GenogramLayoutTest, EmotionalLinesGoAroundSymbolsNamesAndPartnerLines) {
  Builder b = ThreeGenerations();
  b.Emotional("opa_v", "kind1", EmotionalKind::kCutOff).Emotional("moeder", "halfbroer", EmotionalKind::kConflict);
  b.Emotional("oma_m", "tante", EmotionalKind::kClose).Emotional("kind2", "oma_v", EmotionalKind::kDistant);
  b.Emotional("vader", "nieuwe", EmotionalKind::kHostile).Emotional("tante", "kind1", EmotionalKind::kAbuse);
  const auto g = b.Build();
  const auto l = ComputeLayout(g);
  const double half = LayoutOptions{}.symbol / 2;
  struct Box { double x0, y0, x1, y1; int person; };
  std::vector<Box> boxes;
  for (size_t i = 0; i < l.persons.size(); ++i) {
    const auto& p = l.persons[i];
    boxes.push_back({p.x - half, p.y - half, p.x + half, p.y + half, static_cast<int>(i)});  // symbol
    boxes.push_back({p.x - 60, p.y + half + 4, p.x + 60, p.y + half + 38, -1});             // name and years
  }
  std::vector<std::pair<Point, Point>> partner_segments;
  for (const auto& line : l.lines)
    if (line.kind == LineKind::kPartner)
      for (size_t k = 1; k < line.points.size(); ++k) partner_segments.push_back({line.points[k - 1], line.points[k]});
  auto crosses = [](Point a, Point b, const Box& box) {
    const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x), y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
    return x1 > box.x0 && x0 < box.x1 && y1 > box.y0 && y0 < box.y1;
  };
  int emotional = 0;
  for (const auto& line : l.lines) {
    if (line.kind != LineKind::kEmotional) continue;
    ++emotional;
    const auto& r = *std::find_if(g.emotional.begin(), g.emotional.end(), [&](const auto& e) { return e.id == line.relation_id; });
    const int a = g.FindPerson(r.a), bb = g.FindPerson(r.b);
    for (size_t k = 1; k < line.points.size(); ++k) {
      const Point p = line.points[k - 1], q = line.points[k];
      EXPECT_TRUE(p.x == q.x || p.y == q.y) << "orthogonal " << line.relation_id;
      for (const Box& box : boxes) {
        // The first and last segment end on their own symbol's edge.
        if ((box.person == a && k == 1) || (box.person == bb && k + 1 == line.points.size())) continue;
        EXPECT_FALSE(crosses(p, q, box)) << line.relation_id << " crosses a symbol or name near " << box.x0 << "," << box.y0;
      }
      for (const auto& [s, t] : partner_segments) {
        // Orthogonal segments cross when one is horizontal and the other vertical and they meet.
        const bool ph = p.y == q.y, sh = s.y == t.y;
        if (ph == sh) continue;
        const Point h0 = ph ? p : s, h1 = ph ? q : t, v0 = ph ? s : p, v1 = ph ? t : q;
        const bool meet = v0.x > std::min(h0.x, h1.x) && v0.x < std::max(h0.x, h1.x) && h0.y > std::min(v0.y, v1.y) && h0.y < std::max(v0.y, v1.y);
        EXPECT_FALSE(meet) << line.relation_id << " crosses a partner line";
      }
    }
  }
  EXPECT_EQ(emotional, 6);
}

TEST(GenogramLayoutTest, InvalidDataDoesNotBreakIt) {
  Builder b;
  b.Man("a").Man("b").Child("b", "a").Child("a", "b").Partners("a", "x").Emotional("a", "y", EmotionalKind::kClose);
  const auto l = ComputeLayout(b.Build());
  EXPECT_EQ(l.persons.size(), 2u);
  EXPECT_TRUE(ComputeLayout(Genogram{}).persons.empty());
}

}  // namespace
}  // namespace kansrijk::genogram
