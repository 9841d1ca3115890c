#include "platform/spreadsheet.h"

#include <xlsxwriter.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>


namespace kansrijk::spreadsheet {
namespace {

std::string CsvCell(const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return CsvText(*s);
  if (const auto* i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&c)) {
    std::ostringstream out;
    out << *d;
    return out.str();
  }
  return "";
}

// A private directory (mode 0700, from mkdtemp) for the workbook, which holds family names for a
// moment; removed with its file however the function leaves.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kansrijk-export-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

std::string CsvText(const std::string& v) {
  std::string s = v;
  // A cell a spreadsheet would read as a formula starts with a quote (OWASP: = + - @ tab CR).
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s = "'" + s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string ToCsv(const Sheet& sheet) {
  std::string out;
  for (size_t i = 0; i < sheet.header.size(); ++i) out += (i ? "," : "") + CsvText(sheet.header[i]);
  out += "\r\n";
  for (const auto& row : sheet.rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + CsvCell(row[i]);
    out += "\r\n";
  }
  return out;
}

Result<std::string> ToXlsx(const std::vector<Sheet>& sheets) {
  TempDir dir;
  if (dir.path.empty()) return Status::Internal("xlsx: cannot create a private temporary directory");
  const std::filesystem::path file = dir.path / "export.xlsx";
  lxw_workbook* wb = workbook_new(file.c_str());
  if (!wb) return Status::Internal("xlsx: cannot create workbook");
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.empty() ? nullptr : sheet.name.substr(0, 31).c_str());
    if (!ws) {
      workbook_close(wb);
      return Status::Internal("xlsx: cannot add worksheet");
    }
    lxw_col_t col = 0;
    for (const auto& h : sheet.header) worksheet_write_string(ws, 0, col++, h.c_str(), nullptr);
    lxw_row_t row = 0;
    for (const auto& cells : sheet.rows) {
      ++row;
      col = 0;
      for (const auto& c : cells) {
        if (const auto* s = std::get_if<std::string>(&c)) worksheet_write_string(ws, row, col, s->c_str(), nullptr);
        else if (const auto* i = std::get_if<int64_t>(&c))
          worksheet_write_number(ws, row, col, static_cast<double>(*i), nullptr);
        else if (const auto* d = std::get_if<double>(&c)) worksheet_write_number(ws, row, col, *d, nullptr);
        ++col;
      }
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return Status::Internal("xlsx: cannot write workbook");
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace kansrijk::spreadsheet
