#include "genogram/date.h"

#include <gtest/gtest.h>

namespace kansrijk::genogram {
namespace {

using K = PartialDate::Kind;

TEST(GenogramDateTest, ParsesEveryGedcomForm) {
  struct Case {
    const char* in;
    K kind;
    DatePoint first, second;
    const char* text;
    const char* gedcom;  // the canonical form written back
  };
  const Case cases[] = {
      {"1950", K::kExact, {1950, 0, 0}, {}, "", "1950"},
      {"MAR 1950", K::kExact, {1950, 3, 0}, {}, "", "MAR 1950"},
      {"12 mar 1950", K::kExact, {1950, 3, 12}, {}, "", "12 MAR 1950"},
      {"1950-03-12", K::kExact, {1950, 3, 12}, {}, "", "12 MAR 1950"},
      {"1950-03", K::kExact, {1950, 3, 0}, {}, "", "MAR 1950"},
      {"ABT 1950", K::kAbout, {1950, 0, 0}, {}, "", "ABT 1950"},
      {"abt. 1950", K::kAbout, {1950, 0, 0}, {}, "", "ABT 1950"},
      {"EST 1890", K::kEstimated, {1890, 0, 0}, {}, "", "EST 1890"},
      {"CAL 1890", K::kCalculated, {1890, 0, 0}, {}, "", "CAL 1890"},
      {"BEF 1 JAN 1900", K::kBefore, {1900, 1, 1}, {}, "", "BEF 1 JAN 1900"},
      {"AFT 1900", K::kAfter, {1900, 0, 0}, {}, "", "AFT 1900"},
      {"BET 1950 AND 1955", K::kBetween, {1950, 0, 0}, {1955, 0, 0}, "", "BET 1950 AND 1955"},
      {"FROM 1960 TO 1970", K::kFromTo, {1960, 0, 0}, {1970, 0, 0}, "", "FROM 1960 TO 1970"},
      {"FROM 1960", K::kFrom, {1960, 0, 0}, {}, "", "FROM 1960"},
      {"TO 1970", K::kTo, {1970, 0, 0}, {}, "", "TO 1970"},
      {"INT 1950 (rond de bevrijding)", K::kInterpreted, {1950, 0, 0}, {}, "rond de bevrijding",
       "INT 1950 (rond de bevrijding)"},
      {"(voor de oorlog)", K::kText, {}, {}, "voor de oorlog", "(voor de oorlog)"},
      {"voor de oorlog", K::kText, {}, {}, "voor de oorlog", "(voor de oorlog)"},
      {"44 B.C.", K::kExact, {44, 0, 0, true}, {}, "", "44 B.C."},
      {"1699/00", K::kExact, {1699, 0, 0}, {}, "", "1699"},
      {"@#DGREGORIAN@ 5 MAY 1945", K::kExact, {1945, 5, 5}, {}, "", "5 MAY 1945"},
      {"@#DJULIAN@ 5 MAY 1645", K::kText, {}, {}, "@#DJULIAN@ 5 MAY 1645", "(@#DJULIAN@ 5 MAY 1645)"},
      {"30 FEB 1950", K::kText, {}, {}, "30 FEB 1950", "(30 FEB 1950)"},
      {"29 FEB 2000", K::kExact, {2000, 2, 29}, {}, "", "29 FEB 2000"},
      {"BET 1950", K::kText, {}, {}, "BET 1950", "(BET 1950)"},
      {"", K::kNone, {}, {}, "", ""},
  };
  for (const auto& c : cases) {
    const PartialDate d = ParseDate(c.in);
    EXPECT_EQ(d.kind, c.kind) << c.in;
    EXPECT_EQ(d.first, c.first) << c.in;
    EXPECT_EQ(d.second, c.second) << c.in;
    EXPECT_EQ(d.text, c.text) << c.in;
    EXPECT_EQ(FormatGedcomDate(d), c.gedcom) << c.in;
    EXPECT_EQ(ParseDate(FormatGedcomDate(d)), d) << "round trip of " << c.in;
  }
}

TEST(GenogramDateTest, ComparesPartialDatesOnlyWhenCertain) {
  struct Case {
    const char* a;
    const char* b;
    bool certainly_before;
  };
  const Case cases[] = {
      {"1950", "1951", true},
      {"1950", "1950", false},          // same year: could be either way
      {"MAR 1950", "12 MAR 1950", false},
      {"11 MAR 1950", "12 MAR 1950", true},
      {"ABT 1950", "1953", false},      // about widens by 5 years
      {"ABT 1950", "1956", false},
      {"ABT 1950", "1957", true},
      {"BEF 1950", "1950", false},
      {"BEF 1950", "1951", true},
      {"AFT 1950", "1960", false},      // open end
      {"BET 1940 AND 1945", "1946", true},
      {"(voor de oorlog)", "1900", false},
      {"", "1900", false},
      {"44 B.C.", "1", true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(CertainlyBefore(ParseDate(c.a), ParseDate(c.b)), c.certainly_before) << c.a << " < " << c.b;
}

TEST(GenogramDateTest, DutchTextAndAges) {
  EXPECT_EQ(FormatDutchDate(ParseDate("ABT 1950")), "ca. 1950");
  EXPECT_EQ(FormatDutchDate(ParseDate("12 MAR 1950")), "12 mrt 1950");
  EXPECT_EQ(FormatDutchDate(ParseDate("BET 1950 AND 1955")), "tussen 1950 en 1955");
  EXPECT_EQ(YearsBetween(ParseDate("12 MAR 1950"), ParseDate("11 MAR 2000")), 49);
  EXPECT_EQ(YearsBetween(ParseDate("12 MAR 1950"), ParseDate("12 MAR 2000")), 50);
  EXPECT_EQ(YearsBetween(ParseDate("1950"), ParseDate("2000-01-01")), 50);
  EXPECT_EQ(YearsBetween(ParseDate("(onbekend)"), ParseDate("2000")), std::nullopt);
  EXPECT_EQ(DisplayYear(ParseDate("ABT 1950")), 1950);
}

}  // namespace
}  // namespace kansrijk::genogram
