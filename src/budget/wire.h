// The JSON shapes of the family budget (docs/openapi.yaml: BudgetOverview, SpendingRequest,
// BudgetPot, BudgetReport), one writer per shape, and the report as CSV.
#pragma once

#include "budget/service.h"
#include "platform/http.h"
#include "platform/spreadsheet.h"

namespace kansrijk::budget {

http::Json AllocationJson(const Allocation& a, int64_t year);
http::Json RequestJson(const Request& r, int64_t threshold_cents);
http::Json OverviewJson(const Overview& o);
http::Json PotJson(const Pot& p);
http::Json ReportJson(const Report& r);
// One row per line of the report: section (programme, category, goal, family), key, label,
// committed_cents, paid_cents, count.
std::string ReportCsv(const Report& r);
// The report as XLSX tabs: programma (the totals), categorie, doel, gezin; amounts in euros.
std::vector<spreadsheet::Sheet> ReportSheets(const Report& r);

}  // namespace kansrijk::budget
