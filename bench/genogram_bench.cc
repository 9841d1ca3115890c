// Genogram budgets (design.md §8, issue 5): layout + SVG for 80 persons < 2 ms and for 5,000
// persons < 200 ms; GEDCOM import of 100,000 persons < 5 s. Synthetic families from
// genogram/test_builders.h (several generations, partners who married in, second partners).
// Run with bench/genogram.sh BIN_DIR (a Release build).
#include <benchmark/benchmark.h>

#include "genogram/gedcom.h"
#include "genogram/layout.h"
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
BENCHMARK(BM_GedcomImport)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace kansrijk::genogram

BENCHMARK_MAIN();
