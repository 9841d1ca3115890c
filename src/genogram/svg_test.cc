#include "genogram/svg.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "genogram/test_builders.h"

namespace kansrijk::genogram {
namespace {

using testing::Builder;

// Golden files live in tests/genogram/golden/. After an intended change to the drawing, rewrite
// them with:  KANSRIJK_UPDATE_GOLDEN=1 ./kansrijk_unit_tests --gtest_filter='GenogramSvg*'
// then look at the new files in a browser and commit them with the change.
void ExpectGolden(const std::string& name, const std::string& svg) {
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../../tests/genogram/golden" / name;
  if (std::getenv("KANSRIJK_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << svg;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden " << path << " (run with KANSRIJK_UPDATE_GOLDEN=1)";
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(svg, golden.str()) << "SVG differs from " << path;
}

SvgOptions Today() {
  SvgOptions o;
  o.today = ParseDate("2026-11-23");
  return o;
}

TEST(GenogramSvgTest, GoldenThreeGenerations) {
  Builder b = testing::ThreeGenerations();
  b.Get("opa_v").deceased = true;
  b.Get("opa_v").death = ParseDate("2010");
  b.genogram().partners[2].start = ParseDate("1988");
  b.genogram().partners[2].end = ParseDate("2001");
  ExpectGolden("three_generations.svg", RenderSvg(b.Build(), Today()));
}

TEST(GenogramSvgTest, GoldenTwinsAdoptionAndFoster) {
  Builder b;
  b.Man("jan", "1970").Woman("els", "1972").Partners("jan", "els", PartnerKind::kCohabiting, PartnerState::kSeparated);
  b.Woman("t1", "2001-06-01").Woman("t2", "2001-06-01").Man("t3", "2003-02-02").Man("t4", "2003-02-02");
  b.Child("t1", "jan", "els").Child("t2", "jan", "els").Twins("t1", "t2", true);
  b.Child("t3", "jan", "els").Child("t4", "jan", "els").Twins("t3", "t4", false);
  b.Add("adoptie", Sex::kUnknown, "2006").Child("adoptie", "jan", "els", ParentKind::kAdoptive);
  b.Add("pleeg", Sex::kOther, "2010").Child("pleeg", "jan", "els", ParentKind::kFoster);
  b.Get("els").index_person = true;
  ExpectGolden("twins_adoption_foster.svg", RenderSvg(b.Build(), Today()));
}

// Pregnancy, miscarriage and stillbirth have their own small symbols (domain.md) and no age.
TEST(GenogramSvgTest, PregnancyMiscarriageAndStillbirthHaveTheirOwnSymbols) {
  Builder b;
  b.Man("jan", "1990").Woman("els", "1992").Partners("jan", "els");
  b.Add("zwanger", Sex::kUnknown, "2026-12").Last().kind = PersonKind::kPregnancy;
  b.Add("miskraam", Sex::kUnknown, "2019").Last().kind = PersonKind::kMiscarriage;
  b.Add("dood", Sex::kFemale, "2021-03-04").Last().kind = PersonKind::kStillbirth;
  for (auto id : {"zwanger", "miskraam", "dood"}) {
    b.Get(id).given_names.clear();
    b.Child(id, "jan", "els");
  }
  const std::string svg = RenderSvg(b.Build(), Today());
  ExpectGolden("pregnancy_miscarriage_stillbirth.svg", svg);
  for (auto part : {"Zwangerschap (driehoek)", "Miskraam (kleine zwarte stip)", "Doodgeboren kind (klein symbool met kruis)",
                    "<desc>zwangerschap, geboren dec 2026.</desc>", "<circle class=\"lost\"", ">Doodgeboren kind</text>"})
    EXPECT_NE(svg.find(part), std::string::npos) << part;
  // Only jan and els get an age in their symbol.
  size_t ages = 0;
  for (size_t at = svg.find("class=\"age\""); at != std::string::npos; at = svg.find("class=\"age\"", at + 1)) ++ages;
  EXPECT_EQ(ages, 2u);
}

TEST(GenogramSvgTest, GoldenEmotionalRelationsAndPattern) {
  Builder b;
  b.Man("a", "1950").Woman("b", "1952").Man("c", "1975").Woman("d", "1978").Man("e", "2000");
  b.Partners("a", "b").Child("c", "a", "b").Child("d", "a", "b").Child("e", "c");
  b.Emotional("a", "b", EmotionalKind::kFused).Emotional("a", "c", EmotionalKind::kHostile);
  b.Emotional("b", "d", EmotionalKind::kClose).Emotional("c", "d", EmotionalKind::kDistant);
  b.Emotional("c", "e", EmotionalKind::kAbuse).Emotional("d", "e", EmotionalKind::kCutOff);
  b.Emotional("b", "c", EmotionalKind::kConflict);
  b.Get("a").deceased = true;  // without a date
  SvgOptions o = Today();
  o.highlight = {"a", "c", "e"};
  o.title = "Familie <Test> & co";
  ExpectGolden("emotional_pattern.svg", RenderSvg(b.Build(), o));
}

// Ages are for the living: someone born more than 110 years ago without a death date gets no age,
// and the legend says why. The dead keep their age at death.
TEST(GenogramSvgTest, NoAgeForTheLongAgoBornWithoutADeathDate) {
  Builder b;
  b.Man("oud", "1810").Woman("ook_oud", "1915-12-01").Woman("jong", "1990").Man("dood", "1880");
  b.Get("dood").death = ParseDate("1950");
  const std::string svg = RenderSvg(b.Build(), Today());
  auto group = [&](const std::string& id) {
    const size_t at = svg.find("data-person-id=\"" + id + "\"");
    return svg.substr(at, svg.find("</g>", at) - at);
  };
  EXPECT_EQ(group("oud").find("class=\"age\""), std::string::npos);
  EXPECT_EQ(group("ook_oud").find("class=\"age\""), std::string::npos);  // 110 years and 11 months
  EXPECT_NE(group("jong").find(">36</text>"), std::string::npos);
  EXPECT_NE(group("dood").find(">70</text>"), std::string::npos);
  EXPECT_NE(svg.find("Geen leeftijd: meer dan 110 jaar geleden geboren"), std::string::npos);
  // Without such a person the legend does not mention it.
  Builder young;
  young.Woman("jong", "1990");
  EXPECT_EQ(RenderSvg(young.Build(), Today()).find("110 jaar"), std::string::npos);
}

TEST(GenogramSvgTest, GoldenUnknownParentAndHousehold) {
  Builder b;
  b.Woman("oma", "1955").Woman("moeder", "1984").Man("zoon", "2009-05-01").Woman("dochter", "2014-02-01");
  b.Child("moeder", "oma").Child("zoon", "moeder").Child("dochter", "moeder");
  for (auto id : {"oma", "moeder", "zoon", "dochter"}) b.Get(id).in_household = true;
  b.Get("moeder").index_person = true;
  b.Emotional("oma", "dochter", EmotionalKind::kClose);
  const std::string svg = RenderSvg(b.Build(), Today());
  ExpectGolden("unknown_parent_household.svg", svg);
  EXPECT_NE(svg.find("<g class=\"unknown-parent\">"), std::string::npos);
  EXPECT_NE(svg.find("<path class=\"household\""), std::string::npos);
}

TEST(GenogramSvgTest, EscapesAllText) {
  Builder b;
  b.Man("x\"><script>", "1980");
  b.Last().given_names = "<b>Jan</b> & \"Piet\" 'K'";
  b.Last().note = "\x01\x02";
  b.Last().surname = std::string("bad \xff utf8 \x0b");
  const std::string svg = RenderSvg(b.Build());
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;Jan&lt;/b&gt; &amp; &quot;Piet&quot; &apos;K&apos;"), std::string::npos);
  EXPECT_NE(svg.find("bad \xEF\xBF\xBD utf8"), std::string::npos);
  EXPECT_EQ(svg.find('\x0b'), std::string::npos);
  EXPECT_EQ(XmlEscape("a\xC3\xA9"), "a\xC3\xA9");
  EXPECT_EQ(XmlEscape("\xC3"), "\xEF\xBF\xBD");          // truncated sequence
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(GenogramSvgTest, AccessibleAndPrintable) {
  const auto g = testing::ThreeGenerations().Build();
  const std::string svg = RenderSvg(g, Today());
  EXPECT_NE(svg.find("@page { size: A4 landscape"), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  size_t persons = 0;
  for (size_t at = svg.find("<g class=\"person\""); at != std::string::npos; at = svg.find("<g class=\"person\"", at + 1)) {
    ++persons;
    const size_t end = svg.find("</g>", at);
    EXPECT_LT(svg.find("<title>", at), end);
    EXPECT_LT(svg.find("<desc>", at), end);
  }
  EXPECT_EQ(persons, g.persons.size());
  EXPECT_NE(svg.find("data-person-id=\"kind1\""), std::string::npos);
  EXPECT_NE(svg.find("hoofdpersoon"), std::string::npos);
  EXPECT_NE(svg.find(">36</text>"), std::string::npos);  // kind1's age on 2026-11-23
  EXPECT_EQ(svg, RenderSvg(g, Today()));                // deterministic
}

}  // namespace
}  // namespace kansrijk::genogram
