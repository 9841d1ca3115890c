// Patterns: what recurs along a line of descent over two or more generations ("zicht op
// patronen"), strengths as well as problems, so the coach can talk about both at the table.
#pragma once

#include <string>
#include <vector>

#include "genogram/model.h"

namespace kansrijk::genogram {

struct Pattern {
  enum class Kind { kTheme, kEvent };
  Kind kind = Kind::kTheme;
  std::string key;    // theme id, or the event kind's ToString ("job_loss")
  std::string label;  // Dutch, for the patterns panel
  bool strength = false;
  std::vector<std::string> person_ids;  // oldest generation first, then in genogram order
  std::vector<int> generations;         // 1 = the top row of the genogram, ascending
};

// Every theme or event kind that two or more persons share where one descends from the other
// (parent, grandparent, …; biological or adoptive links: what a child grows up with, not foster
// or step links) and that spans at least two generations. Persons connected that way form one
// pattern. Divorced partner relations count as a divorce for both partners. Birth, death and
// "other" events are not patterns. Order: strengths first, then more generations, more persons,
// then label. Never fails; unknown ids are skipped.
std::vector<Pattern> FindPatterns(const Genogram& g);

}  // namespace kansrijk::genogram
