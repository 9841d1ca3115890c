// Genogram budgets (design.md §8, issue 5): layout + SVG for 80 persons < 2 ms and for 5,000
// persons < 200 ms; GEDCOM import of 100,000 persons < 5 s; and the whole-genogram check
// every write through the API makes. Synthetic families from
// genogram/test_builders.h (several generations, partners who married in, second partners).
// Run with bench/genogram.sh BIN_DIR (a Release build).
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "genogram/gedcom.h"
#include "genogram/layout.h"
#include "genogram/record.h"
#include "genogram/svg.h"
#include "genogram/test_builders.h"

namespace kansrijk::genogram {
namespace {

void BM_LayoutAndSvg(benchmark::State& state) {
  const Genogram g = testing::Synthetic(static_cast<size_t>(state.range(0)));
  SvgOptions options;
  options.today = ParseDate("2026-11-23");
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string svg = RenderSvg(g, ComputeLayout(g), options);
    bytes = svg.size();
    benchmark::DoNotOptimize(svg.data());
  }
  state.counters["persons"] = static_cast<double>(g.persons.size());
  state.counters["svg_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_LayoutAndSvg)->Arg(80)->Arg(5000)->Unit(benchmark::kMillisecond);

// Every change through the API checks the whole genogram (record.h: FindRecordProblems), so
// this is the price of a write at the cap of 5,000 persons.
void BM_WholeGenogramCheck(benchmark::State& state) {
  const Genogram g = testing::Synthetic(static_cast<size_t>(state.range(0)));
  FamilyGenogram records;
  records.themes = g.themes;
  for (const auto& p : g.persons) records.persons.push_back({p, Details::kFull, std::nullopt, 1});
  for (const auto& r : g.partners)
    records.relations.push_back({r.id, RelationType::kPartner, r.a, r.b, std::string(ToString(r.kind)),
                                 std::string(ToString(r.state)), r.start, r.end, r.note, 1});
  for (const auto& r : g.parent_child)
    records.relations.push_back({r.id, RelationType::kParentChild, r.parent_id, r.child_id,
                                 std::string(ToString(r.kind)), "", {}, {}, "", 1});
  for (const auto& e : g.events) records.events.push_back({e, 1});
  for (auto _ : state) {
    auto problems = FindRecordProblems(records);
    if (!problems.empty()) state.SkipWithError(problems.front().code.c_str());
    benchmark::DoNotOptimize(problems);
  }
  state.counters["persons"] = static_cast<double>(records.persons.size());
}
BENCHMARK(BM_WholeGenogramCheck)->Arg(80)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_GedcomImport(benchmark::State& state) {
  const Genogram g = testing::Synthetic(static_cast<size_t>(state.range(0)));
  const std::string file = ExportGedcom(g).gedcom;
  for (auto _ : state) {
    auto result = ImportGedcom(file);
    if (!result.ok() || result->genogram.persons.size() != g.persons.size()) state.SkipWithError("import failed");
    benchmark::DoNotOptimize(result);
  }
  state.counters["persons"] = static_cast<double>(g.persons.size());
  state.counters["file_mb"] = static_cast<double>(file.size()) / (1024.0 * 1024.0);
}
// BENCH_GEDCOM_PERSONS makes the file smaller (scripts/bench-smoke.sh runs this at toy size).
int64_t GedcomPersons() {
  const char* env = std::getenv("BENCH_GEDCOM_PERSONS");
  return env && std::atoll(env) > 0 ? std::atoll(env) : 100000;
}
BENCHMARK(BM_GedcomImport)->Arg(GedcomPersons())->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace kansrijk::genogram

BENCHMARK_MAIN();
