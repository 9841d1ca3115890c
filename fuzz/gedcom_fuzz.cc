// libFuzzer entry for the GEDCOM importer (`make fuzz`). Whatever the bytes, the import must
// return a Status or a consistent genogram, and what it returns must export, import again, lay
// out and render without crashing, leaking or hitting undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "genogram/date.h"
#include "genogram/gedcom.h"
#include "genogram/layout.h"
#include "genogram/patterns.h"
#include "genogram/svg.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kansrijk::genogram;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ParseDate(bytes.substr(0, 200));
  auto result = ImportGedcom(bytes);
  if (!result.ok()) return 0;
  const Genogram& g = result->genogram;
  if (!FindProblems(g).empty()) __builtin_trap();  // the importer promises a consistent model
  (void)DescribeImport(*result, [](const UnusedLine& u) { return u.code; });
  const auto exported = ExportGedcom(g);
  auto again = ImportGedcom(exported.gedcom);
  if (!again.ok() || again->genogram.persons.size() != g.persons.size()) __builtin_trap();
  if (g.persons.size() <= 300) {
    (void)RenderSvg(g);
    (void)FindPatterns(g);
  }
  return 0;
}
