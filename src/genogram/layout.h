// Where every symbol and line of a genogram goes. A pure, deterministic function of the model:
// rows are generations, partners sit side by side, children hang from their parents' line in
// birth order; the SVG renderer and the web page only draw what this computes.
#pragma once

#include <string>
#include <vector>

#include "genogram/model.h"

namespace kansrijk::genogram {

struct Point {
  double x = 0, y = 0;
  bool operator==(const Point&) const = default;
};

struct LayoutOptions {
  double symbol = 40;     // width and height of a symbol
  double pitch = 140;     // centre to centre of partners and siblings (room for a 13 px name)
  double unit_gap = 160;  // centre to centre between neighbours that are not partners (room for a line between)
  double row = 190;       // centre to centre of generations
  double margin = 80;     // around the drawing (room for emotional lines and the boundary)
};

struct PlacedPerson {
  double x = 0, y = 0;  // centre of the symbol
  int generation = 0;   // row, 0 at the top
};

enum class LineKind {
  kPartner,    // relation_id: PartnerRelation.id; empty for two parents without a recorded relation
  kChild,      // relation_id: ParentChild.id of the (first) link drawn; last segment is the child's own
  kTwinBar,    // relation_id: TwinGroup.id (identical twins)
  kEmotional,  // relation_id: EmotionalRelation.id, from a to b: an orthogonal route from the top
               // of a's symbol to the top of b's, through the lanes just above the rows and the
               // gaps between units, so it never crosses a name, a symbol or a partner line
};

struct Line {
  LineKind kind = LineKind::kPartner;
  std::string relation_id;
  std::vector<Point> points;  // at least two
};

// Where a child's other biological parent is not recorded: a placeholder ("onbekend") stands
// beside the known parent, with an implicit partner line the children hang from.
struct UnknownParent {
  PlacedPerson place;
  int partner = 0;  // index in Genogram::persons of the known parent
};

struct Layout {
  std::vector<PlacedPerson> persons;           // same order as Genogram::persons
  std::vector<UnknownParent> unknown_parents;  // placeholders; not persons of the genogram
  std::vector<Line> lines;                     // partner lines first, then child, twin and emotional lines
  // Closed orthogonal outline around the current household (one band per row, the bands joined
  // between the rows); the renderer rounds its corners. Empty if nobody lives in the household.
  std::vector<Point> household;
  double width = 0, height = 0;                // of the drawing, margins included
};

// Computes the layout. Total: it never fails, also on invalid data (unknown ids are skipped,
// cycles cut). Deterministic: the same genogram gives the same numbers. The order of persons
// and relations in the input breaks ties, so adding a person moves the others little.
Layout ComputeLayout(const Genogram& g, const LayoutOptions& options = {});

}  // namespace kansrijk::genogram
