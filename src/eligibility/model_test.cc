#include "eligibility/model.h"

#include <gtest/gtest.h>

namespace kansrijk::eligibility {
namespace {

// Figures from domain.md: 2025-01-01 (gemeente Westland), 2026-01-01 (Normenbrief as quoted).
NormTable Table2025() {
  NormTable t;
  t.version = "2025-01-01";
  t.valid_from = "2025-01-01";
  t.alleenstaande_cents = 134545;
  t.alleenstaande_ouder_cents = 134545;
  t.gehuwden_cents = 192207;
  return t;
}
NormTable Table2026() {
  NormTable t = Table2025();
  t.version = t.valid_from = "2026-01-01";
  t.alleenstaande_cents = t.alleenstaande_ouder_cents = 140150;
  t.gehuwden_cents = 200213;
  return t;
}

TEST(NormTest, EachHouseholdTypeWithoutCostSharers) {
  auto t = Table2025();
  EXPECT_EQ(NormCents(t, "alleenstaande", 1), 134545);
  EXPECT_EQ(NormCents(t, "alleenstaande_ouder", 1), 134545);
  EXPECT_EQ(NormCents(t, "gehuwden", 1), 192207);
  // A couple alone is two cost-sharers: 2 x 50% is the gehuwden norm itself.
  EXPECT_EQ(NormCents(t, "gehuwden", 2), 192207);
}

TEST(NormTest, CostSharersMatchPublishedTables) {
  // The later 2025 table (Fijnder): gehuwden EUR 1.955,80; 2 adults EUR 977,90, 3 adults EUR 847,51 each.
  NormTable fijnder = Table2025();
  fijnder.gehuwden_cents = 195580;
  EXPECT_EQ(NormCents(fijnder, "alleenstaande", 2), 97790);
  EXPECT_EQ(NormCents(fijnder, "alleenstaande", 3), 84751);
  // Velsen, 1 July 2024 (gehuwden EUR 1.869,21): 2..6-person households. A = 2 gives 934,605 ->
  // 934,61, which shows the rounding is half up to the cent.
  NormTable velsen = Table2025();
  velsen.gehuwden_cents = 186921;
  const int64_t expected[] = {0, 0, 93461, 80999, 74768, 71030, 68538};
  for (int a = 2; a <= 6; ++a) {
    SCOPED_TRACE(a);
    EXPECT_EQ(NormCents(velsen, "alleenstaande", a), expected[a]);
    EXPECT_EQ(NormCents(velsen, "alleenstaande_ouder", a), expected[a]);
  }
}

TEST(NormTest, CoupleInASharedHomeCountsTwice) {
  auto t = Table2026();
  // (40 + 90) / 300 x 2.002,13 = 867,589 -> 867,59 per person.
  EXPECT_EQ(NormCents(t, "gehuwden", 3), 2 * 86759);
  EXPECT_EQ(NormCents(t, "alleenstaande", 2), 100107);  // 1001,065 rounds up
}

TEST(ComputeTest, BoundaryAtExactlyTheThreshold) {
  // Westland lists 120% of EUR 1.345,45 as EUR 1.614,54.
  auto at = Compute(134545, {161454}, 120);
  EXPECT_EQ(at.percent_tenths, 1200);
  EXPECT_TRUE(at.passes);
  auto above = Compute(134545, {161589}, 120);  // 120.1%
  EXPECT_EQ(above.percent_tenths, 1201);
  EXPECT_FALSE(above.passes);
  // The gehuwden figure: 120% of EUR 1.922,07 is EUR 2.306,48.
  EXPECT_TRUE(Compute(192207, {230648}, 120).passes);
  EXPECT_FALSE(Compute(192207, {230900}, 120).passes);
}

TEST(ComputeTest, SumsSourcesAndRoundsPercentHalfUp) {
  auto o = Compute(134545, {100000, 25000, 0}, 120);
  EXPECT_EQ(o.income_cents, 125000);
  // 125000 / 134545 = 92.905...% -> 92.9
  EXPECT_EQ(o.percent_tenths, 929);
  EXPECT_EQ(FormatPercent(o.percent_tenths), "92.9");
  EXPECT_TRUE(o.passes);
  // Exactly half a tenth rounds up: 2 / 1000 of 400 is 0.05% -> 0.1.
  EXPECT_EQ(Compute(400000, {200}, 120).percent_tenths, 1);
  EXPECT_EQ(Compute(134545, {}, 120).percent_tenths, 0);
  EXPECT_EQ(FormatPercent(1200), "120.0");
}

TEST(ComputeTest, ThresholdComesFromTheProgramme) {
  EXPECT_TRUE(Compute(100000, {130000}, 130).passes);
  EXPECT_FALSE(Compute(100000, {130000}, 120).passes);
}

TEST(TableForTest, NewestTableInForceOnTheDate) {
  std::vector<NormTable> tables = {Table2026(), Table2025()};
  EXPECT_EQ(TableFor(tables, {2024, 12, 31}), nullptr);
  EXPECT_EQ(TableFor(tables, {2025, 1, 1})->version, "2025-01-01");
  EXPECT_EQ(TableFor(tables, {2025, 12, 31})->version, "2025-01-01");
  EXPECT_EQ(TableFor(tables, {2026, 1, 1})->version, "2026-01-01");
  EXPECT_EQ(TableFor(tables, {2027, 3, 1})->version, "2026-01-01");
  NormTable own = Table2026();
  own.organisation_id = "org";
  own.version = "eigen-2026";
  tables.push_back(own);
  EXPECT_EQ(TableFor(tables, {2026, 2, 1})->version, "eigen-2026");
}

TEST(ParseNormTableTest, AcceptsTheDataFileShapeAndRejectsBadNorms) {
  nlohmann::json j = {{"version", "2026-01-01"},
                      {"valid_from", "2026-01-01"},
                      {"source", "x"},
                      {"source_url", "https://example.org"},
                      {"includes_holiday_allowance", true},
                      {"basis", "net per month"},
                      {"norms_cents", {{"alleenstaande", 140150}, {"alleenstaande_ouder", 140150}, {"gehuwden", 200213}}}};
  auto t = ParseNormTable(j);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->gehuwden_cents, 200213);
  auto first_code = [&](const std::string& field) {
    auto errors = ParseNormTable(j).status().field_errors();
    return errors.count(field) ? errors.at(field).at(0).code : std::string("(none)");
  };
  j["norms_cents"]["gehuwden"] = "2002,13";
  EXPECT_EQ(first_code("norms_cents.gehuwden"), "norm_cents_invalid");
  j["norms_cents"]["gehuwden"] = -1;
  EXPECT_EQ(first_code("norms_cents.gehuwden"), "norm_cents_invalid");
  j["norms_cents"]["gehuwden"] = 200213;
  j["valid_from"] = "2026-02-30";
  EXPECT_EQ(first_code("valid_from"), "bad_date");
  j["valid_from"] = "2026-01-01";
  j["norms_cents"]["studentenhuis"] = 1000;
  EXPECT_EQ(first_code("norms_cents.studentenhuis"), "norm_household_type_unknown");
  j["norms_cents"].erase("studentenhuis");
  j["colour"] = "blue";
  EXPECT_EQ(first_code("colour"), "unknown_field");
  j.erase("colour");
  j.erase("source");
  EXPECT_EQ(first_code("source"), "required");
  j["source"] = std::string(4001, 'x');
  auto long_source = ParseNormTable(j).status().field_errors().at("source").at(0);
  EXPECT_EQ(long_source, (FieldError{"too_long", {{"max", "4000"}}}));
  EXPECT_EQ(ParseNormTable(nlohmann::json::array()).status().code(), Code::kMalformed);
}

TEST(ValidateCheckInputTest, CodesPerField) {
  const Date today{2026, 7, 15};
  EXPECT_TRUE(ValidateCheckInput("gehuwden", 2, today, {0, 120000}, today).empty());
  auto errors = ValidateCheckInput("studentenhuis", 0, {2026, 7, 16}, {100, -1}, today);
  EXPECT_EQ(errors.at("household_type").at(0).code, "choose_one_of");
  EXPECT_EQ(errors.at("cost_sharers").at(0), (FieldError{"out_of_range", {{"min", "1"}, {"max", "20"}}}));
  EXPECT_EQ(errors.at("date").at(0).code, "eligibility_date_in_future");
  EXPECT_EQ(errors.at("incomes[1].amount_cents").at(0).code, "eligibility_income_negative");
  EXPECT_EQ(errors.count("incomes[0].amount_cents"), 0u);
  std::vector<int64_t> many(kMaxIncomes + 1, 100);
  EXPECT_EQ(ValidateCheckInput("alleenstaande", 1, today, many, today).at("incomes").at(0).code, "too_many");
}

}  // namespace
}  // namespace kansrijk::eligibility
