#include "genogram/date.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace kansrijk::genogram {
namespace {

constexpr std::array<const char*, 12> kGedcomMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<const char*, 12> kDutchMonths = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                                      "jul", "aug", "sep", "okt", "nov", "dec"};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm); `y` is
// astronomical (1 B.C. = 0), so B.C. dates order correctly.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int Astronomical(const DatePoint& p) { return p.bc ? 1 - p.year : p.year; }

DateRange PointRange(const DatePoint& p) {
  const int y = Astronomical(p);
  const int leap_year = p.bc ? 1 - p.year : p.year;  // leap rule on the astronomical year
  if (p.month == 0) return {DaysFromCivil(y, 1, 1), DaysFromCivil(y, 12, 31)};
  if (p.day == 0) return {DaysFromCivil(y, p.month, 1), DaysFromCivil(y, p.month, DaysInMonth(leap_year, p.month))};
  const int64_t d = DaysFromCivil(y, p.month, p.day);
  return {d, d};
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A number of at most `max_digits` digits, or -1.
int Number(std::string_view s, size_t max_digits) {
  if (!AllDigits(s) || s.size() > max_digits) return -1;
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

int MonthNumber(std::string_view token) {
  for (size_t i = 0; i < kGedcomMonths.size(); ++i)
    if (token == kGedcomMonths[i]) return static_cast<int>(i) + 1;
  // Dutch abbreviations people type, where they differ from the English ones.
  if (token == "MRT") return 3;
  if (token == "MEI") return 5;
  if (token == "OKT") return 10;
  return 0;
}

// Year token: "1950", or a dual year "1699/00" (Julian/Gregorian year change) read as the first.
int YearNumber(std::string_view token) {
  const size_t slash = token.find('/');
  if (slash != std::string_view::npos) {
    if (Number(token.substr(slash + 1), 2) < 0) return -1;
    token = token.substr(0, slash);
  }
  return Number(token, 4);
}

// Reads one calendar point from tokens [begin, end); false when they are not exactly one date.
bool ParsePoint(const std::vector<std::string>& t, size_t begin, size_t end, DatePoint& out) {
  out = {};
  if (begin >= end) return false;
  if (end - begin >= 2 && (t[end - 1] == "B.C." || t[end - 1] == "BC" || t[end - 1] == "BCE" || t[end - 1] == "(B.C.)")) {
    out.bc = true;
    --end;
  }
  const size_t n = end - begin;
  if (n == 1) {
    const std::string& s = t[begin];
    // ISO forms: 1950, 1950-03, 1950-03-12.
    if ((s.size() == 7 || s.size() == 10) && s[4] == '-') {
      out.year = Number(std::string_view(s).substr(0, 4), 4);
      out.month = Number(std::string_view(s).substr(5, 2), 2);
      if (s.size() == 10) {
        if (s[7] != '-') return false;
        out.day = Number(std::string_view(s).substr(8, 2), 2);
        if (out.day < 1) return false;
      }
      if (out.year < 1 || out.month < 1 || out.month > 12) return false;
      return out.day == 0 || out.day <= DaysInMonth(out.year, out.month);
    }
    out.year = YearNumber(s);
    return out.year >= 1;
  }
  if (n == 2) {
    out.month = MonthNumber(t[begin]);
    out.year = YearNumber(t[begin + 1]);
    return out.month > 0 && out.year >= 1;
  }
  if (n == 3) {
    out.day = Number(t[begin], 2);
    out.month = MonthNumber(t[begin + 1]);
    out.year = YearNumber(t[begin + 2]);
    if (out.day < 1 || out.month == 0 || out.year < 1) return false;
    return out.day <= DaysInMonth(out.bc ? 1 - out.year : out.year, out.month);
  }
  return false;
}

std::string FormatPoint(const DatePoint& p, bool dutch) {
  std::string out;
  if (p.day > 0) out += std::to_string(p.day) + " ";
  if (p.month >= 1 && p.month <= 12) out += std::string(dutch ? kDutchMonths[p.month - 1] : kGedcomMonths[p.month - 1]) + " ";
  out += std::to_string(p.year);
  if (p.bc) out += dutch ? " v.Chr." : " B.C.";
  return out;
}

PartialDate Text(std::string_view raw) { return {PartialDate::Kind::kText, {}, {}, std::string(raw)}; }

std::string_view Qualifier(std::string& token) {
  while (!token.empty() && token.back() == '.') token.pop_back();
  return token;
}

}  // namespace

DateRange RangeOf(const PartialDate& d) {
  using K = PartialDate::Kind;
  constexpr int64_t kYear = 366;
  switch (d.kind) {
    case K::kNone:
    case K::kText:
      return {};
    case K::kExact:
    case K::kInterpreted:
      return PointRange(d.first);
    case K::kAbout:
    case K::kEstimated: {
      auto r = PointRange(d.first);
      return {r.earliest - 5 * kYear, r.latest + 5 * kYear};
    }
    case K::kCalculated: {
      auto r = PointRange(d.first);
      return {r.earliest - kYear, r.latest + kYear};
    }
    case K::kBefore:
    case K::kTo:
      return {-kNoBound, PointRange(d.first).latest};
    case K::kAfter:
    case K::kFrom:
      return {PointRange(d.first).earliest, kNoBound};
    case K::kBetween:
    case K::kFromTo: {
      auto a = PointRange(d.first), b = PointRange(d.second);
      return {std::min(a.earliest, b.earliest), std::max(a.latest, b.latest)};
    }
  }
  return {};
}

bool CertainlyBefore(const PartialDate& a, const PartialDate& b) {
  const DateRange ra = RangeOf(a), rb = RangeOf(b);
  return ra.latest < kNoBound && rb.earliest > -kNoBound && ra.latest < rb.earliest;
}

PartialDate ParseDate(std::string_view value) {
  using K = PartialDate::Kind;
  const std::string_view raw = TrimSpaces(value);
  if (raw.empty()) return {};
  if (raw.front() == '(' && raw.back() == ')' && raw.size() >= 2) return Text(TrimSpaces(raw.substr(1, raw.size() - 2)));
  std::string upper = Upper(raw);
  std::string_view body = upper;
  if (body.rfind("@#DGREGORIAN@", 0) == 0) {
    body.remove_prefix(13);
  } else if (body.rfind("@#D", 0) == 0) {
    return Text(raw);  // Julian, Hebrew, French: kept as the family wrote it
  }
  // INT date (phrase): the phrase is the text in the outermost parentheses.
  std::string phrase;
  const size_t open = body.find('(');
  std::vector<std::string> t;
  if (open != std::string_view::npos) {
    const size_t close = raw.rfind(')');
    const size_t raw_open = static_cast<size_t>(body.data() - upper.data()) + open;  // upper is raw in capitals
    if (close == std::string_view::npos || close < raw_open) return Text(raw);
    phrase = std::string(TrimSpaces(raw.substr(raw_open + 1, close - raw_open - 1)));
    t = Tokens(body.substr(0, open));
  } else {
    t = Tokens(body);
  }
  if (t.empty()) return Text(raw);
  PartialDate d;
  std::string q = t[0];
  const std::string_view qual = Qualifier(q);
  auto single = [&](K kind) -> PartialDate {
    d.kind = kind;
    if (!ParsePoint(t, 1, t.size(), d.first)) return Text(raw);
    return d;
  };
  if (!phrase.empty() || open != std::string_view::npos) {
    if (qual != "INT") return Text(raw);
    PartialDate r = single(K::kInterpreted);
    if (r.kind != K::kInterpreted) return Text(raw);
    r.text = phrase;
    return r;
  }
  if (qual == "ABT" || qual == "ABOUT" || qual == "CA" || qual == "C" || qual == "CIRCA") return single(K::kAbout);
  if (qual == "EST") return single(K::kEstimated);
  if (qual == "CAL") return single(K::kCalculated);
  if (qual == "BEF" || qual == "BEFORE") return single(K::kBefore);
  if (qual == "AFT" || qual == "AFTER") return single(K::kAfter);
  if (qual == "TO") return single(K::kTo);
  if (qual == "BET" || qual == "BETWEEN" || qual == "FROM") {
    const bool between = qual != "FROM";
    const char* joiner = between ? "AND" : "TO";
    auto it = std::find(t.begin() + 1, t.end(), joiner);
    if (it == t.end()) {
      if (between) return Text(raw);
      return single(K::kFrom);
    }
    const size_t mid = static_cast<size_t>(it - t.begin());
    d.kind = between ? K::kBetween : K::kFromTo;
    if (!ParsePoint(t, 1, mid, d.first) || !ParsePoint(t, mid + 1, t.size(), d.second)) return Text(raw);
    return d;
  }
  d.kind = K::kExact;
  if (!ParsePoint(t, 0, t.size(), d.first)) return Text(raw);
  return d;
}

std::string FormatGedcomDate(const PartialDate& d) {
  using K = PartialDate::Kind;
  const std::string a = FormatPoint(d.first, false);
  switch (d.kind) {
    case K::kNone: return "";
    case K::kExact: return a;
    case K::kAbout: return "ABT " + a;
    case K::kEstimated: return "EST " + a;
    case K::kCalculated: return "CAL " + a;
    case K::kBefore: return "BEF " + a;
    case K::kAfter: return "AFT " + a;
    case K::kBetween: return "BET " + a + " AND " + FormatPoint(d.second, false);
    case K::kFrom: return "FROM " + a;
    case K::kTo: return "TO " + a;
    case K::kFromTo: return "FROM " + a + " TO " + FormatPoint(d.second, false);
    case K::kInterpreted: return "INT " + a + " (" + d.text + ")";
    case K::kText: return "(" + d.text + ")";
  }
  return "";
}

std::string FormatDutchDate(const PartialDate& d) {
  using K = PartialDate::Kind;
  const std::string a = FormatPoint(d.first, true);
  switch (d.kind) {
    case K::kNone: return "";
    case K::kExact: return a;
    case K::kAbout: return "ca. " + a;
    case K::kEstimated: return "geschat " + a;
    case K::kCalculated: return "berekend " + a;
    case K::kBefore: return "vóór " + a;
    case K::kAfter: return "na " + a;
    case K::kBetween: return "tussen " + a + " en " + FormatPoint(d.second, true);
    case K::kFrom: return "vanaf " + a;
    case K::kTo: return "tot " + a;
    case K::kFromTo: return "van " + a + " tot " + FormatPoint(d.second, true);
    case K::kInterpreted: return a + " (" + d.text + ")";
    case K::kText: return d.text;
  }
  return "";
}

std::optional<int> DisplayYear(const PartialDate& d) {
  if (d.kind == PartialDate::Kind::kNone || d.kind == PartialDate::Kind::kText) return std::nullopt;
  return d.first.bc ? -d.first.year : d.first.year;
}

std::optional<int> YearsBetween(const PartialDate& from, const PartialDate& to) {
  if (!DisplayYear(from) || !DisplayYear(to)) return std::nullopt;
  const DatePoint& a = from.first;
  const DatePoint& b = to.first;
  int years = Astronomical(b) - Astronomical(a);
  if (a.month > 0 && b.month > 0) {
    if (b.month < a.month) --years;
    else if (b.month == a.month && a.day > 0 && b.day > 0 && b.day < a.day) --years;
  }
  if (years < 0) return std::nullopt;
  return years;
}

}  // namespace kansrijk::genogram
