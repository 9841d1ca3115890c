// Partial dates for the genogram: family history is remembered as "about 1950", "before the war"
// or "March 1972", so a date here is a qualifier with up to two calendar points, or free text.
// The syntax is GEDCOM 5.5.1's date value (ABT, BET … AND, FROM … TO, INT, B.C., "(phrase)"), so
// the API, the database and the GEDCOM file all store one and the same string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kansrijk::genogram {

// A calendar point that may lack its day, or its day and month (0 = unknown).
struct DatePoint {
  int year = 0;  // 1..9999; with bc the year before Christ
  int month = 0;
  int day = 0;
  bool bc = false;
  bool operator==(const DatePoint&) const = default;
};

struct PartialDate {
  enum class Kind {
    kNone,         // no date recorded
    kExact,        // first (with the precision first carries: year, month-year or day)
    kAbout,        // ABT first
    kEstimated,    // EST first
    kCalculated,   // CAL first
    kBefore,       // BEF first
    kAfter,        // AFT first
    kBetween,      // BET first AND second
    kFrom,         // FROM first (a period that has not ended)
    kTo,           // TO first
    kFromTo,       // FROM first TO second
    kInterpreted,  // INT first (text): a date read from the phrase in text
    kText,         // only the phrase in text ("voor de oorlog")
  };
  Kind kind = Kind::kNone;
  DatePoint first, second;
  std::string text;

  bool empty() const { return kind == Kind::kNone; }
  bool operator==(const PartialDate&) const = default;

  static PartialDate Year(int y) { return {Kind::kExact, {y, 0, 0}, {}, {}}; }
  static PartialDate Day(int y, int m, int d) { return {Kind::kExact, {y, m, d}, {}, {}}; }
  static PartialDate About(int y) { return {Kind::kAbout, {y, 0, 0}, {}, {}}; }
};

// Days since 1970-01-01 of the earliest and latest day a date can mean. Qualified dates are
// widened (about/estimated by 5 years, calculated by 1) and open ends reach kNoBound, so that
// "child born before parent" is only said when it is certain, not when it merely might be.
constexpr int64_t kNoBound = int64_t{1} << 40;
struct DateRange {
  int64_t earliest = -kNoBound;
  int64_t latest = kNoBound;
};
DateRange RangeOf(const PartialDate& d);

// True when `a` certainly lies before `b` (every day `a` can mean is before every day of `b`).
bool CertainlyBefore(const PartialDate& a, const PartialDate& b);

// Parses a GEDCOM 5.5.1 date value, case-insensitively and tolerantly ("abt. 1950", "1699/00",
// "@#DGREGORIAN@"); also ISO forms "1950", "1950-03", "1950-03-12". Anything it cannot read
// becomes Kind::kText with the value, so nothing the family wrote is lost. Empty -> kNone.
PartialDate ParseDate(std::string_view value);

// The GEDCOM 5.5.1 form ("ABT 1950", "12 MAR 1950", "BET 1950 AND 1955", "(voor de oorlog)").
// ParseDate(FormatGedcomDate(d)) == d for every date ParseDate returns.
std::string FormatGedcomDate(const PartialDate& d);

// Dutch (B1) for people: "ca. 1950", "12 mrt 1950", "tussen 1950 en 1955".
std::string FormatDutchDate(const PartialDate& d);

// The year shown under a symbol, or nullopt when the date has none.
std::optional<int> DisplayYear(const PartialDate& d);

// Whole years between two dates, using day and month when both have them; nullopt when either
// lacks a year. Used for the age inside a symbol.
std::optional<int> YearsBetween(const PartialDate& from, const PartialDate& to);

}  // namespace kansrijk::genogram
