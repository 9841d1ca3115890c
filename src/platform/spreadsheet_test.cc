#include "platform/spreadsheet.h"

#include <gtest/gtest.h>

namespace kansrijk::spreadsheet {
namespace {

TEST(Spreadsheet, CsvQuotesTextAndNeutralisesFormulas) {
  EXPECT_EQ(CsvText("Familie de Vries"), "\"Familie de Vries\"");
  EXPECT_EQ(CsvText("zei \"ja\""), "\"zei \"\"ja\"\"\"");
  // A leading = + - @ would run as a formula in a spreadsheet.
  EXPECT_EQ(CsvText("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvText("+31"), "\"'+31\"");
  EXPECT_EQ(CsvText("-5"), "\"'-5\"");
  EXPECT_EQ(CsvText("@a"), "\"'@a\"");
  EXPECT_EQ(CsvText("\tx"), "\"'\tx\"");
  EXPECT_EQ(CsvText("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(CsvText(""), "\"\"");
}

TEST(Spreadsheet, CsvWritesNumbersBareAndEmptyCellsEmpty) {
  Sheet s{"x", {"key", "cents", "score"}, {}};
  s.rows.push_back({std::string("a"), int64_t{-1500}, 2.5});
  s.rows.push_back({std::string("b"), std::monostate{}, int64_t{0}});
  EXPECT_EQ(ToCsv(s), "\"key\",\"cents\",\"score\"\r\n\"a\",-1500,2.5\r\n\"b\",,0\r\n");
}

TEST(Spreadsheet, XlsxIsAZipWithOneTabPerSheet) {
  Sheet a{"programma", {"x"}, {{int64_t{1}}}};
  Sheet b{"gezin", {"y"}, {{std::string("Familie")}}};
  auto bytes = ToXlsx({a, b});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  // The zip's entry names are not compressed: one worksheet part per sheet.
  EXPECT_NE(bytes->find("xl/worksheets/sheet2.xml"), std::string::npos);
  EXPECT_EQ(bytes->find("xl/worksheets/sheet3.xml"), std::string::npos);
}

}  // namespace
}  // namespace kansrijk::spreadsheet
