#include "genogram/svg.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <unordered_map>

namespace kansrijk::genogram {
namespace {

constexpr double kHalf = 20;  // half a symbol (LayoutOptions::symbol / 2)

// Numbers with at most one decimal, locale-independent, "-0" avoided: golden files stay stable.
std::string Num(double v) {
  v = std::round(v * 10) / 10;
  if (v == 0) v = 0;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string Pt(Point p) { return Num(p.x) + "," + Num(p.y); }

std::string Points(const std::vector<Point>& points) {
  std::string out;
  for (const auto& p : points) out += (out.empty() ? "" : " ") + Pt(p);
  return out;
}

void LineTo(std::string& out, Point a, Point b, const char* cls) {
  out += "<line class=\"" + std::string(cls) + "\" x1=\"" + Num(a.x) + "\" y1=\"" + Num(a.y) + "\" x2=\"" + Num(b.x) +
         "\" y2=\"" + Num(b.y) + "\"/>";
}

void Polyline(std::string& out, const std::vector<Point>& points, const std::string& cls) {
  out += "<polyline class=\"" + cls + "\" points=\"" + Points(points) + "\"/>";
}

// Text cut to `max` code points with an ellipsis, so a long name does not run into the next.
std::string Truncate(std::string_view s, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (count++ == max) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

Point Offset(Point p, Point normal, double d) { return {p.x + normal.x * d, p.y + normal.y * d}; }

// A zigzag from a to b (conflict, hostile, abuse), with `shift` sideways.
std::vector<Point> Zigzag(Point a, Point b, double shift) {
  const double dx = b.x - a.x, dy = b.y - a.y, len = std::max(std::hypot(dx, dy), 1.0);
  const Point u{dx / len, dy / len}, n{-u.y, u.x};
  const int teeth = std::max(2, static_cast<int>(len / 8));
  std::vector<Point> pts{Offset(a, n, shift)};
  for (int k = 1; k < teeth; ++k) {
    const Point on{a.x + u.x * len * k / teeth, a.y + u.y * len * k / teeth};
    pts.push_back(Offset(on, n, shift + (k % 2 ? 5 : -5)));
  }
  pts.push_back(Offset(b, n, shift));
  return pts;
}

// The polyline moved `d` sideways (left of the direction of travel), corners mitred.
std::vector<Point> OffsetPolyline(const std::vector<Point>& pts, double d) {
  auto normal = [](Point a, Point b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len = std::max(std::hypot(dx, dy), 1e-9);
    return Point{-dy / len, dx / len};
  };
  std::vector<Point> out;
  for (size_t k = 0; k < pts.size(); ++k) {
    const Point n1 = normal(pts[k ? k - 1 : 0], pts[k ? k : 1]);
    const Point n2 = k + 1 < pts.size() ? normal(pts[k], pts[k + 1]) : n1;
    const double dot = 1 + n1.x * n2.x + n1.y * n2.y;
    const double f = dot > 0.2 ? d / dot : d;
    out.push_back({pts[k].x + (n1.x + n2.x) * f, pts[k].y + (n1.y + n2.y) * f});
  }
  return out;
}

// A zigzag along every segment of a polyline.
std::vector<Point> ZigzagPolyline(const std::vector<Point>& pts, double shift) {
  std::vector<Point> out;
  const auto base = OffsetPolyline(pts, shift);
  for (size_t k = 1; k < base.size(); ++k) {
    auto part = Zigzag(base[k - 1], base[k], 0);
    out.insert(out.end(), part.begin() + (out.empty() ? 0 : 1), part.end());
  }
  return out;
}

// An emotional relation along its route (at least two points), from a to b.
void EmotionalLine(std::string& out, EmotionalKind kind, const std::vector<Point>& pts) {
  if (pts.size() < 2) return;
  switch (kind) {
    case EmotionalKind::kClose:
      for (double d : {-2.5, 2.5}) Polyline(out, OffsetPolyline(pts, d), "emo close");
      break;
    case EmotionalKind::kFused:
      for (double d : {-4.0, 0.0, 4.0}) Polyline(out, OffsetPolyline(pts, d), "emo fused");
      break;
    case EmotionalKind::kDistant:
      Polyline(out, pts, "emo distant");
      break;
    case EmotionalKind::kConflict:
      Polyline(out, ZigzagPolyline(pts, 0), "emo conflict");
      break;
    case EmotionalKind::kHostile:
      for (double d : {-3.5, 3.5}) Polyline(out, ZigzagPolyline(pts, d), "emo hostile");
      break;
    case EmotionalKind::kCutOff: {
      // The break sits in the middle of the longest segment, away from symbols and corners.
      size_t longest = 1;
      for (size_t k = 1; k < pts.size(); ++k)
        if (std::hypot(pts[k].x - pts[k - 1].x, pts[k].y - pts[k - 1].y) >
            std::hypot(pts[longest].x - pts[longest - 1].x, pts[longest].y - pts[longest - 1].y) + 1e-9)
          longest = k;
      const Point a = pts[longest - 1], b = pts[longest];
      const double dx = b.x - a.x, dy = b.y - a.y, len = std::max(std::hypot(dx, dy), 1.0);
      const Point u{dx / len, dy / len}, n{-u.y, u.x}, m{(a.x + b.x) / 2, (a.y + b.y) / 2};
      const Point g1{m.x - u.x * 5, m.y - u.y * 5}, g2{m.x + u.x * 5, m.y + u.y * 5};
      std::vector<Point> first(pts.begin(), pts.begin() + static_cast<long>(longest));
      first.push_back(g1);
      std::vector<Point> second{g2};
      second.insert(second.end(), pts.begin() + static_cast<long>(longest), pts.end());
      Polyline(out, first, "emo cutoff");
      Polyline(out, second, "emo cutoff");
      LineTo(out, Offset(g1, n, -7), Offset(g1, n, 7), "emo cutoff");
      LineTo(out, Offset(g2, n, -7), Offset(g2, n, 7), "emo cutoff");
      break;
    }
    case EmotionalKind::kAbuse: {
      // Zigzag up to the last segment; the arrow points at the victim (b).
      const Point tip = pts.back(), from = pts[pts.size() - 2];
      const double dx = tip.x - from.x, dy = tip.y - from.y, len = std::max(std::hypot(dx, dy), 1.0);
      const Point u{dx / len, dy / len}, n{-u.y, u.x};
      const double head = std::min(8.0, len);
      const Point base{tip.x - u.x * head, tip.y - u.y * head};
      std::vector<Point> body(pts.begin(), pts.end() - 1);
      if (body.size() >= 2) Polyline(out, ZigzagPolyline(body, 0), "emo abuse");
      LineTo(out, from, base, "emo abuse");
      out += "<polygon class=\"arrow\" points=\"" + Pt(tip) + " " + Pt(Offset(base, n, 5)) + " " + Pt(Offset(base, n, -5)) + "\"/>";
      break;
    }
  }
}

// An orthogonal outline with its corners rounded (quadratic curves), closed.
std::string RoundedPath(const std::vector<Point>& pts, double radius) {
  const size_t n = pts.size();
  std::string d;
  for (size_t k = 0; k < n; ++k) {
    const Point prev = pts[(k + n - 1) % n], cur = pts[k], next = pts[(k + 1) % n];
    const double l1 = std::hypot(prev.x - cur.x, prev.y - cur.y), l2 = std::hypot(next.x - cur.x, next.y - cur.y);
    const double r = std::min({radius, l1 / 2, l2 / 2});
    const Point a{cur.x + (prev.x - cur.x) / std::max(l1, 1e-9) * r, cur.y + (prev.y - cur.y) / std::max(l1, 1e-9) * r};
    const Point b{cur.x + (next.x - cur.x) / std::max(l2, 1e-9) * r, cur.y + (next.y - cur.y) / std::max(l2, 1e-9) * r};
    d += (k ? " L" : "M") + Pt(a) + " Q" + Pt(cur) + " " + Pt(b);
  }
  return d + " Z";
}

std::string PartnerClass(const PartnerRelation* r) {
  if (!r) return "partner implicit";
  return r->kind == PartnerKind::kMarried ? "partner married" : "partner unmarried";
}

// Slashes across the line at `m`: one when separated, two when divorced.
void Slashes(std::string& out, const PartnerRelation* r, Point m) {
  if (!r) return;
  const int count = r->state == PartnerState::kDivorced ? 2 : r->state == PartnerState::kSeparated ? 1 : 0;
  for (int k = 0; k < count; ++k) {
    const double x = m.x + (count == 2 ? (k ? 4 : -4) : 0);
    LineTo(out, {x - 5, m.y + 9}, {x + 5, m.y - 9}, "slash");
  }
}

std::string PartnerDates(const PartnerRelation& r) {
  std::string out;
  // Whole words, not the genealogists' "tr." and "gesch.": coaches and families read this (docs/words.md).
  if (auto y = DisplayYear(r.start)) out += (r.kind == PartnerKind::kMarried ? "getrouwd " : "samen ") + std::to_string(*y);
  if (auto y = DisplayYear(r.end)) {
    if (!out.empty()) out += " · ";
    out += (r.state == PartnerState::kDivorced ? "gescheiden " : "uit elkaar ") + std::to_string(*y);
  }
  return out;
}

std::string ChildClass(ParentKind k) {
  switch (k) {
    case ParentKind::kBiological: return "child biological";
    case ParentKind::kAdoptive: return "child adoptive";
    case ParentKind::kFoster: return "child foster";
    case ParentKind::kStep: return "child step";
  }
  return "child";
}

void Shape(std::string& out, Sex sex, Point c, double h, const std::string& cls) {
  switch (sex) {
    case Sex::kMale:
      out += "<rect class=\"" + cls + "\" x=\"" + Num(c.x - h) + "\" y=\"" + Num(c.y - h) + "\" width=\"" + Num(2 * h) +
             "\" height=\"" + Num(2 * h) + "\"/>";
      break;
    case Sex::kFemale:
      out += "<circle class=\"" + cls + "\" cx=\"" + Num(c.x) + "\" cy=\"" + Num(c.y) + "\" r=\"" + Num(h) + "\"/>";
      break;
    case Sex::kOther:
    case Sex::kUnknown:
      out += "<polygon class=\"" + cls + "\" points=\"" + Pt({c.x, c.y - h}) + " " + Pt({c.x + h, c.y}) + " " +
             Pt({c.x, c.y + h}) + " " + Pt({c.x - h, c.y}) + "\"/>";
      break;
  }
}

void Cross(std::string& out, Point c, double h) {
  const double d = h * 0.7;
  LineTo(out, {c.x - d, c.y - d}, {c.x + d, c.y + d}, "cross");
  LineTo(out, {c.x - d, c.y + d}, {c.x + d, c.y - d}, "cross");
}

// The small symbols: a triangle for a pregnancy, a small filled circle for a miscarriage, and
// a small symbol of the child's sex with a cross for a stillbirth.
void PregnancySymbol(std::string& out, const Person& p, Point c) {
  constexpr double h = kHalf * 0.6;
  switch (p.kind) {
    case PersonKind::kPregnancy:
      out += "<polygon class=\"sym\" points=\"" + Pt({c.x, c.y - h}) + " " + Pt({c.x + h, c.y + h * 0.8}) + " " +
             Pt({c.x - h, c.y + h * 0.8}) + "\"/>";
      break;
    case PersonKind::kMiscarriage:
      out += "<circle class=\"lost\" cx=\"" + Num(c.x) + "\" cy=\"" + Num(c.y) + "\" r=\"" + Num(h * 0.6) + "\"/>";
      break;
    case PersonKind::kStillbirth:
      Shape(out, p.sex, c, h, "sym");
      Cross(out, c, h);
      break;
    case PersonKind::kBorn:
      break;
  }
}

std::string YearsText(const Person& p) {
  auto year = [](const PartialDate& d) -> std::string {
    auto y = DisplayYear(d);
    if (!y) return "";
    const bool approx = d.kind == PartialDate::Kind::kAbout || d.kind == PartialDate::Kind::kEstimated;
    return (approx ? "ca. " : "") + std::to_string(*y);
  };
  const std::string born = year(p.birth);
  if (p.kind != PersonKind::kBorn) return born;
  const bool dead = p.deceased || !p.death.empty();
  if (!dead) return born;
  const std::string died = year(p.death);
  return (born.empty() ? "?" : born) + "–" + (died.empty() ? "?" : died);
}

// Ages are for the living: someone born more than this many years ago without a known death
// (an imported ancestor, typically) gets no age rather than "205".
constexpr int kOldestLiving = 110;

std::optional<int> Age(const Person& p, const SvgOptions& o) {
  if (p.kind != PersonKind::kBorn) return std::nullopt;
  if (p.deceased || !p.death.empty()) return YearsBetween(p.birth, p.death);
  if (o.today.empty()) return std::nullopt;
  const auto age = YearsBetween(p.birth, o.today);
  if (age && *age >= kOldestLiving) return std::nullopt;
  return age;
}

// Born more than kOldestLiving years ago, alive as far as the genogram knows: no age shown.
bool TooOldForAnAge(const Person& p, const SvgOptions& o) {
  if (p.kind != PersonKind::kBorn || p.deceased || !p.death.empty() || o.today.empty()) return false;
  const auto age = YearsBetween(p.birth, o.today);
  return age && *age >= kOldestLiving;
}

std::string_view SexWord(Sex s) {
  switch (s) {
    case Sex::kMale: return "man";
    case Sex::kFemale: return "vrouw";
    case Sex::kOther: return "ander geslacht";
    case Sex::kUnknown: return "geslacht onbekend";
  }
  return "";
}

std::string Description(const Genogram& g, const Person& p, std::optional<int> age) {
  std::string d(SexWord(p.sex));
  if (p.kind != PersonKind::kBorn) d = std::string(DutchLabel(p.kind)) + (p.sex == Sex::kUnknown ? "" : ", " + d);
  if (!p.role_label.empty() && (!p.given_names.empty() || !p.surname.empty())) d += ", " + p.role_label;
  if (!p.birth.empty()) d += ", geboren " + FormatDutchDate(p.birth);
  if (p.deceased || !p.death.empty()) d += p.death.empty() ? ", overleden" : ", overleden " + FormatDutchDate(p.death);
  if (age) d += ", " + std::to_string(*age) + " jaar";
  if (p.index_person) d += ", hoofdpersoon";
  if (p.in_household) d += ", woont in het huishouden";
  std::string themes;
  for (const auto& id : p.theme_ids)
    for (const auto& t : g.themes)
      if (t.id == id) themes += (themes.empty() ? "" : ", ") + t.label;
  if (!themes.empty()) d += ". Thema's: " + themes;
  return d + ".";
}

constexpr char kStyle[] =
    "<style>"
    "text{font-family:'Noto Sans',Arial,sans-serif;fill:#1a1a1a}"
    ".sym{fill:#fff;stroke:#1a1a1a;stroke-width:2}"
    ".outer{fill:none;stroke:#1a1a1a;stroke-width:1.5}"
    ".cross,.slash{stroke:#1a1a1a;stroke-width:1.5}"
    ".lost{fill:#1a1a1a;stroke:#1a1a1a}"
    ".age{font-size:14px;text-anchor:middle;font-weight:bold}"
    ".name,.years,.dates{font-size:13px;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
    ".dates{text-anchor:end}.dates.after{text-anchor:start}"
    ".years,.dates{fill:#3d3d3d}"
    ".unknown{fill:#fff;stroke:#5c5c5c;stroke-width:1.5;stroke-dasharray:4 3}"
    ".unknown-mark{font-size:16px;text-anchor:middle;fill:#5c5c5c}"
    ".placeholder{fill:#3d3d3d;font-style:italic}"
    ".partner,.child,.twin{fill:none;stroke:#1a1a1a;stroke-width:1.5}"
    ".unmarried,.implicit,.adoptive{stroke-dasharray:6 4}"
    ".foster{stroke-dasharray:1.5 3;stroke-linecap:round}"
    ".step{stroke-dasharray:8 3 2 3}"
    ".emo{fill:none;stroke-width:1.3}"
    ".close,.fused{stroke:#2e7d32}"
    ".distant{stroke:#555;stroke-dasharray:2 4}"
    ".conflict,.hostile,.abuse{stroke:#c62828}"
    ".arrow{fill:#c62828}"
    ".cutoff{stroke:#1a1a1a}"
    ".household{fill:none;stroke:#1565c0;stroke-width:2;stroke-dasharray:2 5;stroke-linecap:round}"
    ".highlight{fill:#ffe082;stroke:#f9a825;stroke-width:2}"
    ".legend-title{font-size:15px;font-weight:bold}"
    ".legend text{font-size:13px}"
    "@media print{@page { size: A4 landscape; margin: 10mm }svg{width:100%;height:auto}}"
    "</style>";

struct LegendEntry {
  std::string label;
  std::string glyph;   // drawn in a 40x20 box at the origin
  std::string second;  // a second line of the label, if any
};

std::vector<LegendEntry> Legend(const Genogram& g, const Layout& layout, const SvgOptions& o) {
  std::vector<LegendEntry> entries;
  auto glyph = [](auto draw) {
    std::string s;
    draw(s);
    return s;
  };
  entries.push_back({"Man (vierkant)", glyph([](std::string& s) { Shape(s, Sex::kMale, {20, 10}, 8, "sym"); })});
  entries.push_back({"Vrouw (cirkel)", glyph([](std::string& s) { Shape(s, Sex::kFemale, {20, 10}, 8, "sym"); })});
  entries.push_back({"Ander of onbekend geslacht (ruit)", glyph([](std::string& s) { Shape(s, Sex::kUnknown, {20, 10}, 9, "sym"); })});
  const auto& ps = g.persons;
  if (std::any_of(ps.begin(), ps.end(), [](const Person& p) { return p.index_person; }))
    entries.push_back({"Hoofdpersoon (dubbele rand)", glyph([](std::string& s) {
                         Shape(s, Sex::kMale, {20, 10}, 10, "outer");
                         Shape(s, Sex::kMale, {20, 10}, 7, "sym");
                       })});
  if (std::any_of(ps.begin(), ps.end(), [](const Person& p) { return p.deceased || !p.death.empty(); }))
    entries.push_back({"Overleden (kruis; jaartallen eronder)", glyph([](std::string& s) {
                         Shape(s, Sex::kMale, {20, 10}, 8, "sym");
                         Cross(s, {20, 10}, 8);
                       })});
  auto has_kind = [&](PersonKind k) { return std::any_of(ps.begin(), ps.end(), [k](const Person& p) { return p.kind == k; }); };
  for (PersonKind k : {PersonKind::kPregnancy, PersonKind::kMiscarriage, PersonKind::kStillbirth})
    if (has_kind(k)) {
      Person sample;
      sample.kind = k;
      sample.sex = Sex::kMale;
      const char* label = k == PersonKind::kPregnancy     ? "Zwangerschap (driehoek)"
                          : k == PersonKind::kMiscarriage ? "Miskraam (kleine zwarte stip)"
                                                          : "Doodgeboren kind (klein symbool met kruis)";
      entries.push_back({label, glyph([&](std::string& s) { PregnancySymbol(s, sample, {20, 10}); })});
    }
  if (!layout.unknown_parents.empty())
    entries.push_back({"Andere ouder niet bekend (gestreepte ruit)", glyph([](std::string& s) {
                         Shape(s, Sex::kUnknown, {20, 10}, 9, "unknown");
                       })});
  entries.push_back({"Leeftijd staat in het symbool", ""});
  if (std::any_of(ps.begin(), ps.end(), [&](const Person& p) { return TooOldForAnAge(p, o); }))
    entries.push_back({"Geen leeftijd: meer dan " + std::to_string(kOldestLiving) + " jaar geleden geboren", "",
                       "en geen sterfdatum bekend"});
  auto has_partner = [&](auto pred) { return std::any_of(g.partners.begin(), g.partners.end(), pred); };
  if (has_partner([](const PartnerRelation& r) { return r.kind == PartnerKind::kMarried; }))
    entries.push_back({"Getrouwd (doorgetrokken lijn)", glyph([](std::string& s) { LineTo(s, {0, 10}, {40, 10}, "partner married"); })});
  if (has_partner([](const PartnerRelation& r) { return r.kind != PartnerKind::kMarried; }))
    entries.push_back({"Samenwonend of relatie (gestreepte lijn)", glyph([](std::string& s) { LineTo(s, {0, 10}, {40, 10}, "partner unmarried"); })});
  for (PartnerState st : {PartnerState::kSeparated, PartnerState::kDivorced})
    if (has_partner([st](const PartnerRelation& r) { return r.state == st; })) {
      PartnerRelation r;
      r.state = st;
      entries.push_back({st == PartnerState::kSeparated ? "Uit elkaar (één schuine streep)" : "Gescheiden (twee schuine strepen)",
                         glyph([&](std::string& s) {
                           LineTo(s, {0, 10}, {40, 10}, "partner married");
                           Slashes(s, &r, {20, 10});
                         })});
    }
  for (ParentKind k : {ParentKind::kAdoptive, ParentKind::kFoster, ParentKind::kStep})
    if (std::any_of(g.parent_child.begin(), g.parent_child.end(), [k](const ParentChild& l) { return l.kind == k; })) {
      const char* label = k == ParentKind::kAdoptive ? "Adoptiekind (gestreepte kindlijn)"
                          : k == ParentKind::kFoster ? "Pleegkind (gestippelde kindlijn)"
                                                     : "Stiefouder (streep-stip-lijn)";
      entries.push_back({label, glyph([k](std::string& s) { LineTo(s, {20, 0}, {20, 20}, ChildClass(k).c_str()); })});
    }
  if (!g.twins.empty())
    entries.push_back({"Tweeling (uit één punt; eeneiig: met streep)", glyph([](std::string& s) {
                         Polyline(s, {{8, 20}, {20, 0}, {32, 20}}, "twin");
                         LineTo(s, {14, 10}, {26, 10}, "twin");
                       })});
  std::set<EmotionalKind> kinds;
  for (const auto& r : g.emotional) kinds.insert(r.kind);
  for (EmotionalKind k : kinds) {
    static const std::unordered_map<int, const char*> kLabels = {
        {static_cast<int>(EmotionalKind::kClose), "Hecht (twee lijnen)"},
        {static_cast<int>(EmotionalKind::kFused), "Versmolten (drie lijnen)"},
        {static_cast<int>(EmotionalKind::kDistant), "Afstandelijk (stippellijn)"},
        {static_cast<int>(EmotionalKind::kConflict), "Conflict (zigzaglijn)"},
        {static_cast<int>(EmotionalKind::kHostile), "Vijandig (dubbele zigzaglijn)"},
        {static_cast<int>(EmotionalKind::kCutOff), "Contact verbroken (lijn met breuk)"},
        {static_cast<int>(EmotionalKind::kAbuse), "Mishandeling (zigzag, pijl naar het slachtoffer)"},
    };
    entries.push_back({kLabels.at(static_cast<int>(k)), glyph([k](std::string& s) { EmotionalLine(s, k, {{0, 10}, {40, 10}}); })});
  }
  if (std::any_of(ps.begin(), ps.end(), [](const Person& p) { return p.in_household; }))
    entries.push_back({"Huidig huishouden (stippellijn eromheen)", glyph([](std::string& s) {
                         s += "<rect class=\"household\" x=\"2\" y=\"2\" width=\"36\" height=\"16\" rx=\"6\"/>";
                       })});
  if (!o.highlight.empty())
    entries.push_back({"Hoort bij het gekozen patroon", glyph([](std::string& s) {
                         s += "<circle class=\"highlight\" cx=\"20\" cy=\"10\" r=\"9\"/>";
                       })});
  return entries;
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // Validate one UTF-8 sequence (shortest form, no surrogates, at most U+10FFFF).
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    bool valid = len > 0 && c <= 0xF4 && c >= 0xC2 && i + len <= text.size();
    uint32_t cp = valid ? c & (0x7F >> len) : 0;
    for (size_t k = 1; valid && k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(text[i + k]);
      valid = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (valid) valid = !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
                       !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
    if (valid) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string RenderSvg(const Genogram& g, const Layout& layout, const SvgOptions& o) {
  std::unordered_map<std::string_view, const PartnerRelation*> partners;
  for (const auto& r : g.partners) partners.emplace(r.id, &r);
  std::unordered_map<std::string_view, const ParentChild*> links;
  for (const auto& l : g.parent_child) links.emplace(l.id, &l);
  std::unordered_map<std::string_view, const EmotionalRelation*> emotional;
  for (const auto& r : g.emotional) emotional.emplace(r.id, &r);
  const std::set<std::string_view> highlight(o.highlight.begin(), o.highlight.end());

  // The legend stands beside the drawing, in one column: on screen the page can lift it out into
  // a panel (data-drawing-width says where the drawing ends), on paper it stays beside it.
  const auto legend = o.legend ? Legend(g, layout, o) : std::vector<LegendEntry>{};
  constexpr double kColumn = 400, kEntry = 26;
  const double drawing_width = std::max(layout.width, 320.0);
  const double legend_left = drawing_width + 10, legend_top = 20;
  const double width = drawing_width + (legend.empty() ? 0 : kColumn + 20);
  double legend_height = legend.empty() ? 0 : legend_top + 40;
  for (const LegendEntry& e : legend) legend_height += kEntry + (e.second.empty() ? 0 : 17);
  const double height = std::max(layout.height, legend_height);

  std::string out;
  out.reserve(2048 + g.persons.size() * 900);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(width) + " " + Num(height) + "\" width=\"" +
         Num(width) + "\" height=\"" + Num(height) + "\" data-drawing-width=\"" + Num(drawing_width) +
         "\" data-drawing-height=\"" + Num(layout.height) + "\" role=\"img\" aria-labelledby=\"genogram-title genogram-desc\">\n";
  out += "<title id=\"genogram-title\">" + XmlEscape(o.title) + "</title>\n";
  out += "<desc id=\"genogram-desc\">Genogram met " + std::to_string(g.persons.size()) + " personen, " +
         std::to_string(g.partners.size()) + " partnerrelaties en " + std::to_string(g.parent_child.size()) +
         " ouder-kindrelaties.</desc>\n";
  out += kStyle;
  out += "\n<text x=\"20\" y=\"30\" class=\"legend-title\">" + XmlEscape(o.title) + "</text>\n";

  if (!layout.household.empty())
    out += "<path class=\"household\" d=\"" + RoundedPath(layout.household, 18) + "\"><title>Huidig huishouden</title></path>\n";

  // Whether a partner line drops from a symbol at x to below y (a later partner's line).
  auto drops_below = [&](double x, double y) {
    for (const Line& l : layout.lines)
      if (l.kind == LineKind::kPartner && l.points.size() == 4 && l.points[1].y > y &&
          (l.points.front().x == x || l.points.back().x == x))
        return true;
    return false;
  };
  out += "<g class=\"relations\">\n";
  for (const Line& line : layout.lines) {
    if (line.points.size() < 2) continue;
    switch (line.kind) {
      case LineKind::kPartner: {
        auto it = partners.find(line.relation_id);
        const PartnerRelation* r = it == partners.end() ? nullptr : it->second;
        Polyline(out, line.points, PartnerClass(r));
        if (line.points.size() == 4) {
          const Point m{(line.points[1].x + line.points[2].x) / 2, line.points[1].y};
          Slashes(out, r, m);
          if (r) {
            const std::string dates = PartnerDates(*r);
            // Under the line, beside the middle where the children's line comes down: on the
            // side where no partner's line to a later partner runs further down.
            if (!dates.empty()) {
              const bool left_free = !drops_below(line.points.front().x, m.y);
              out += "<text class=\"dates" + std::string(left_free ? "" : " after") + "\" x=\"" + Num(left_free ? m.x - 8 : m.x + 8) +
                     "\" y=\"" + Num(m.y + 22) + "\">" + XmlEscape(dates) + "</text>";
            }
          }
        }
        break;
      }
      case LineKind::kChild: {
        auto it = links.find(line.relation_id);
        Polyline(out, line.points, it == links.end() ? "child" : ChildClass(it->second->kind));
        break;
      }
      case LineKind::kTwinBar:
        Polyline(out, line.points, "twin");
        break;
      case LineKind::kEmotional: {
        auto it = emotional.find(line.relation_id);
        if (it == emotional.end()) break;
        out += "<g><title>" + XmlEscape(std::string(DutchLabel(it->second->kind)) +
                                         (it->second->note.empty() ? "" : ": " + it->second->note)) + "</title>";
        EmotionalLine(out, it->second->kind, line.points);
        out += "</g>";
        break;
      }
    }
    out += "\n";
  }
  out += "</g>\n<g class=\"persons\">\n";
  for (size_t i = 0; i < g.persons.size() && i < layout.persons.size(); ++i) {
    const Person& p = g.persons[i];
    const Point c{layout.persons[i].x, layout.persons[i].y};
    const auto age = Age(p, o);
    out += "<g class=\"person\" data-person-id=\"" + XmlEscape(p.id) + "\">";
    out += "<title>" + XmlEscape(DisplayName(p)) + "</title><desc>" + XmlEscape(Description(g, p, age)) + "</desc>";
    if (highlight.contains(p.id)) out += "<circle class=\"highlight\" cx=\"" + Num(c.x) + "\" cy=\"" + Num(c.y) + "\" r=\"" + Num(kHalf + 11) + "\"/>";
    if (p.kind != PersonKind::kBorn) {
      // The child line ends where a full symbol would start; carry it on to the small one.
      const double top = p.kind == PersonKind::kMiscarriage ? kHalf * 0.36 : kHalf * 0.6;
      LineTo(out, {c.x, c.y - kHalf}, {c.x, c.y - top}, "child tail");
      PregnancySymbol(out, p, c);
    } else {
      if (p.index_person) Shape(out, p.sex, c, kHalf + 5, "outer");
      Shape(out, p.sex, c, kHalf, "sym");
      if (p.deceased || !p.death.empty()) Cross(out, c, kHalf);
    }
    if (age) out += "<text class=\"age\" x=\"" + Num(c.x) + "\" y=\"" + Num(c.y + 5) + "\">" + std::to_string(*age) + "</text>";
    out += "<text class=\"name\" x=\"" + Num(c.x) + "\" y=\"" + Num(c.y + kHalf + 17) + "\">" + XmlEscape(Truncate(DisplayName(p), 17)) + "</text>";
    const std::string years = YearsText(p);
    if (!years.empty()) out += "<text class=\"years\" x=\"" + Num(c.x) + "\" y=\"" + Num(c.y + kHalf + 33) + "\">" + XmlEscape(years) + "</text>";
    out += "</g>\n";
  }
  for (const UnknownParent& u : layout.unknown_parents) {
    const Point c{u.place.x, u.place.y};
    const std::string of = u.partner >= 0 && static_cast<size_t>(u.partner) < g.persons.size() ? DisplayName(g.persons[u.partner]) : "";
    out += "<g class=\"unknown-parent\"><title>" + XmlEscape("Andere ouder niet bekend" + (of.empty() ? "" : " (kinderen van " + of + ")")) + "</title>";
    Shape(out, Sex::kUnknown, c, kHalf, "unknown");
    out += "<text class=\"unknown-mark\" x=\"" + Num(c.x) + "\" y=\"" + Num(c.y + 6) + "\" aria-hidden=\"true\">?</text>";
    out += "<text class=\"name placeholder\" x=\"" + Num(c.x) + "\" y=\"" + Num(c.y + kHalf + 17) + "\">onbekend</text></g>\n";
  }
  out += "</g>\n";
  if (!legend.empty()) {
    out += "<g class=\"legend\" aria-label=\"Legenda\" transform=\"translate(" + Num(legend_left) + "," + Num(legend_top) +
           ")\">\n<text class=\"legend-title\" x=\"0\" y=\"16\">Legenda</text>\n";
    double y = 30;
    for (const LegendEntry& e : legend) {
      out += "<g transform=\"translate(0," + Num(y) + ")\">" + e.glyph + "<text x=\"48\" y=\"14\">" + XmlEscape(e.label);
      if (!e.second.empty()) out += " <tspan x=\"48\" dy=\"17\">" + XmlEscape(e.second) + "</tspan>";
      out += "</text></g>\n";
      y += kEntry + (e.second.empty() ? 0 : 17);
    }
    out += "</g>\n";
  }
  out += "</svg>\n";
  return out;
}

std::string RenderSvg(const Genogram& g, const SvgOptions& options) { return RenderSvg(g, ComputeLayout(g), options); }

}  // namespace kansrijk::genogram
