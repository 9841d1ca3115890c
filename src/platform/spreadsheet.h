// A table (header and rows) as CSV or XLSX bytes, for the exports (measurements, budget report,
// hours report): the CSV quoting and formula guard and libxlsxwriter's temporary file live here
// once.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "platform/status.h"

namespace kansrijk::spreadsheet {

// Empty, text, or a number (XLSX writes it as a number; CSV as written).
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Sheet {
  std::string name;  // the XLSX tab (at most 31 characters); CSV ignores it
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

constexpr const char* kCsvType = "text/csv; charset=utf-8";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A CSV cell: always quoted, quotes doubled, and a leading = + - @ prefixed with ' so a
// spreadsheet never runs text as a formula.
std::string CsvText(const std::string& v);
// One sheet as CSV (CRLF lines, header first). Numbers are written bare.
std::string ToCsv(const Sheet& sheet);
// A workbook with one tab per sheet. libxlsxwriter writes to a file: a private temporary one,
// read back and removed on every path.
Result<std::string> ToXlsx(const std::vector<Sheet>& sheets);

}  // namespace kansrijk::spreadsheet
