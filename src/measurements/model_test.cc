#include "measurements/model.h"

#include <gtest/gtest.h>

#include <functional>

#include "measurements/wire.h"
#include "security/policy.h"

namespace kansrijk::measurements {
namespace {

// A small instrument in the ZRM's shape (one level item per domain, 1-5 with names) plus a
// Positive-Health-like domain scored as the mean of two 0-10 marks and a free-text item.
Instrument Small() {
  Instrument in;
  in.id = "test";
  in.version = "1";
  in.name = {"Test", "Test"};
  in.purpose = "outcome";
  in.audience_kind = "adult";
  Scale level{"level", ScaleKind::kOrdinal, 1, 5, {}};
  for (int64_t v = 1; v <= 5; ++v) level.levels.push_back({v, {"niveau " + std::to_string(v), ""}});
  in.scales = {level, Scale{"mark", ScaleKind::kRange, 0, 10, {}}, Scale{"words", ScaleKind::kText, 0, 0, {}, 10},
               Scale{"yes_no", ScaleKind::kYesNo, 0, 0, {}}};
  Domain fin{"financien", {"Financiën", ""}, {{"financien", {"Financiën", ""}, "level"}}, ScoringRule::kLevel, {"financien"}, {}};
  Domain woon{"huisvesting", {"Huisvesting", ""}, {{"huisvesting", {"Huisvesting", ""}, "level"}}, ScoringRule::kLevel, {"huisvesting"}, {}};
  Domain body{"lichaam",
              {"Lichaam", ""},
              {{"lichaam.a", {"a", ""}, "mark"}, {"lichaam.b", {"b", ""}, "mark"}, {"lichaam.woorden", {"w", ""}, "words"},
               {"lichaam.praten", {"p", ""}, "yes_no"}},
              ScoringRule::kMean,
              {"lichaam.a", "lichaam.b"},
              {}};
  in.domains = {fin, woon, body};
  return in;
}

std::vector<std::string> Codes(const FieldErrors& errs, const std::string& field) {
  std::vector<std::string> out;
  if (auto it = errs.find(field); it != errs.end())
    for (const auto& e : it->second) out.push_back(e.code);
  return out;
}

TEST(ValidateInstrumentTest, TheSmallOneIsValid) { EXPECT_TRUE(ValidateInstrument(Small()).empty()); }

TEST(ValidateInstrumentTest, TableOfBadInstruments) {
  struct Case {
    const char* what;
    std::function<void(Instrument&)> change;
    std::string field, code;
  };
  const std::vector<Case> cases = {
      {"duplicate domain id", [](Instrument& in) { in.domains[1].id = "financien"; }, "domains[1].id",
       "instrument_duplicate_id"},
      {"duplicate item id", [](Instrument& in) { in.domains[1].items[0].id = "financien"; }, "domains[1].items[0].id",
       "instrument_duplicate_id"},
      {"scoring names a missing item", [](Instrument& in) { in.domains[2].scoring_items.push_back("lichaam.c"); },
       "domains[2].scoring.items", "instrument_scoring_missing_item"},
      {"scoring names an item of another domain", [](Instrument& in) { in.domains[0].scoring_items = {"huisvesting"}; },
       "domains[0].scoring.items", "instrument_scoring_missing_item"},
      {"scoring a text item", [](Instrument& in) { in.domains[2].scoring_items.push_back("lichaam.woorden"); },
       "domains[2].scoring.items", "instrument_scoring_not_numeric"},
      {"level with two items", [](Instrument& in) { in.domains[2].rule = ScoringRule::kLevel; },
       "domains[2].scoring.items", "instrument_level_needs_one_item"},
      {"item on an unknown scale", [](Instrument& in) { in.domains[0].items[0].scale = "nope"; },
       "domains[0].items[0].scale", "instrument_unknown_scale"},
      {"ordinal level missing", [](Instrument& in) { in.scales[0].levels.pop_back(); }, "scales.level",
       "instrument_bad_scale"},
      {"ordinal level twice", [](Instrument& in) { in.scales[0].levels[4].value = 4; }, "scales.level",
       "instrument_bad_scale"},
      {"min above max", [](Instrument& in) { in.scales[1].min = 11; }, "scales.mark", "instrument_bad_scale"},
      {"no domains", [](Instrument& in) { in.domains.clear(); }, "domains", "required"},
      {"unknown purpose", [](Instrument& in) { in.purpose = "fun"; }, "purpose", "choose_one_of"},
      {"age range upside down",
       [](Instrument& in) {
         in.min_age = 12;
         in.max_age = 8;
       },
       "audience.max_age", "instrument_bad_age_range"},
  };
  for (const auto& c : cases) {
    Instrument in = Small();
    c.change(in);
    auto errs = ValidateInstrument(in);
    EXPECT_EQ(Codes(errs, c.field), std::vector<std::string>{c.code}) << c.what;
  }
}

TEST(VersioningTest, ScoringKeyChangesOnlyWithWhatOldScoresDependOn) {
  const std::string key = ScoringKey(Small());
  struct Case {
    const char* what;
    std::function<void(Instrument&)> change;
    bool same;
  };
  const std::vector<Case> cases = {
      {"a level's name", [](Instrument& in) { in.scales[0].levels[0].name.nl = "acuut"; }, true},
      {"a domain's name", [](Instrument& in) { in.domains[0].name.en = "Money"; }, true},
      {"the licence note", [](Instrument& in) { in.licence.nl = "anders"; }, true},
      {"cell texts", [](Instrument& in) { in.domains[0].cells[1] = {"tekst", ""}; }, true},
      {"the scale's max", [](Instrument& in) { in.scales[1].max = 5; }, false},
      {"a scale's kind", [](Instrument& in) { in.scales[1].kind = ScaleKind::kOrdinal; }, false},
      {"an item's scale", [](Instrument& in) { in.domains[2].items[0].scale = "level"; }, false},
      {"the scoring rule", [](Instrument& in) { in.domains[2].scoring_items = {"lichaam.a"}; }, false},
      {"a new domain", [](Instrument& in) { in.domains.push_back(in.domains[0]); in.domains.back().id = "x"; }, false},
  };
  for (const auto& c : cases) {
    Instrument in = Small();
    c.change(in);
    EXPECT_EQ(ScoringKey(in) == key, c.same) << c.what;
  }
}

TEST(ParseInstrumentTest, DuplicateDomainAndMissingScoringItemFromJson) {
  http::Json j = InstrumentJson(Small());
  ASSERT_TRUE(ParseInstrument(j).ok());
  http::Json dup = j;
  dup["domains"][1]["id"] = "financien";
  auto r = ParseInstrument(dup);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Codes(r.status().field_errors(), "domains[1].id"), std::vector<std::string>{"instrument_duplicate_id"});
  http::Json missing = j;
  missing["domains"][0]["scoring"]["items"] = {"geld"};
  r = ParseInstrument(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Codes(r.status().field_errors(), "domains[0].scoring.items"),
            std::vector<std::string>{"instrument_scoring_missing_item"});
}

TEST(ValidateScoresTest, TableOfValues) {
  struct Case {
    const char* what;
    std::string item;
    Value value;
    std::vector<std::string> codes;
  };
  const std::vector<Case> cases = {
      {"level in scale", "financien", int64_t{3}, {}},
      {"lowest level", "financien", int64_t{1}, {}},
      {"level 0 below the ZRM scale", "financien", int64_t{0}, {"measurement_value_out_of_scale"}},
      {"level 6 above the ZRM scale", "financien", int64_t{6}, {"measurement_value_out_of_scale"}},
      {"mark 10", "lichaam.a", int64_t{10}, {}},
      {"mark 11", "lichaam.a", int64_t{11}, {"measurement_value_out_of_scale"}},
      {"a fraction", "lichaam.a", 2.5, {"measurement_value_wrong_type"}},
      {"text for a level", "financien", std::string("3"), {"measurement_value_wrong_type"}},
      {"yes", "lichaam.praten", true, {}},
      {"a number for yes/no", "lichaam.praten", int64_t{1}, {"measurement_value_wrong_type"}},
      {"own words", "lichaam.woorden", std::string("goed"), {}},
      {"words too long", "lichaam.woorden", std::string("elf tekens!"), {"too_long"}},
      {"a domain of another instrument", "mijn_lichaam", int64_t{3}, {"measurement_item_unknown"}},
  };
  for (const auto& c : cases) {
    auto errs = ValidateScores(Small(), {{c.item, c.value}});
    EXPECT_EQ(Codes(errs, "scores." + c.item), c.codes) << c.what;
  }
  auto notes = ValidateNotes(Small(), {{"financien", "ok"}, {"mijn_lichaam", "x"}});
  EXPECT_TRUE(Codes(notes, "notes.financien").empty());
  EXPECT_EQ(Codes(notes, "notes.mijn_lichaam"), std::vector<std::string>{"instrument_domain_unknown"});
}

TEST(ValidateTakenOnTest, NotInTheFutureNorBeforeBirth) {
  const Date today{2026, 7, 15};
  const Date birth{2014, 9, 30};
  EXPECT_TRUE(ValidateTakenOn(today, birth, today).empty());
  EXPECT_TRUE(ValidateTakenOn(birth, birth, today).empty());
  EXPECT_TRUE(ValidateTakenOn({2000, 1, 1}, std::nullopt, today).empty());
  EXPECT_EQ(Codes(ValidateTakenOn({2026, 7, 16}, birth, today), "taken_on"), std::vector<std::string>{"date_in_future"});
  auto before = ValidateTakenOn({2014, 9, 29}, birth, today);
  ASSERT_EQ(Codes(before, "taken_on"), std::vector<std::string>{"measurement_before_birth"});
  EXPECT_EQ(before.at("taken_on")[0].params.at("birth_date"), "2014-09-30");
}

TEST(DomainScoresTest, LevelIsTheChosenLevelMeanIsTheMeanOfAllItems) {
  auto s = DomainScores(Small(), {{"financien", int64_t{2}}, {"lichaam.a", int64_t{6}}, {"lichaam.b", int64_t{9}},
                                  {"lichaam.praten", true}});
  EXPECT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s.at("financien"), 2);
  EXPECT_DOUBLE_EQ(s.at("lichaam"), 7.5);
  EXPECT_FALSE(s.contains("huisvesting")) << "not filled in: no score";
  // A partial mean would not compare with a full one: no score.
  EXPECT_FALSE(DomainScores(Small(), {{"lichaam.a", int64_t{6}}}).contains("lichaam"));
}

TEST(ChangeTest, SuppressedUnderFiveShownFromFive) {
  auto people = [](int n) {
    std::vector<Pair> v;
    for (int i = 0; i < n; ++i) v.push_back({"1", "female", 2.0, i == 0 ? 2.0 : (i == 1 ? 1.0 : 4.0)});
    return v;
  };
  struct Case {
    int n;
    bool suppressed;
  };
  for (const auto& c : std::vector<Case>{{0, true}, {1, true}, {4, true}, {5, false}, {6, false}}) {
    auto ch = ChangeOf("financien", people(c.n));
    EXPECT_EQ(ch.suppressed, c.suppressed) << c.n;
    if (c.suppressed) {
      EXPECT_EQ(ch.n, 0) << "no figure at all, not even n, under " << kMinGroupSize;
      EXPECT_EQ(ch.mean_change, 0);
      EXPECT_EQ(ch.improved + ch.same + ch.worsened, 0);
    }
  }
  auto five = ChangeOf("financien", people(5));
  EXPECT_EQ(five.n, 5);
  EXPECT_DOUBLE_EQ(five.mean_from, 2.0);
  EXPECT_DOUBLE_EQ(five.mean_to, (2.0 + 1.0 + 4.0 * 3) / 5);
  EXPECT_DOUBLE_EQ(five.mean_change, five.mean_to - 2.0);
  EXPECT_EQ(five.improved, 3);
  EXPECT_EQ(five.same, 1);
  EXPECT_EQ(five.worsened, 1);
}

TEST(PairUpTest, FirstFromAndLastToPerMember) {
  std::vector<ScoredMoment> rows = {
      {"a", "nulmeting", "2025-01-10", "t1", {{"financien", 1}}},
      {"a", "nulmeting", "2025-01-20", "t2", {{"financien", 2}}},  // a repeat: the first counts
      {"a", "tussenmeting", "2025-07-10", "t3", {{"financien", 3}}},
      {"a", "eindmeting", "2026-01-10", "t4", {{"financien", 4}}},
      {"a", "eindmeting", "2026-01-10", "t5", {{"financien", 5}}},  // same day, later entry: the last counts
      {"b", "nulmeting", "2025-01-10", "t1", {{"financien", 1}}},  // no eindmeting: left out
      {"c", "eindmeting", "2026-01-10", "t1", {{"financien", 1}}},  // no nulmeting: left out
  };
  auto p = PairUp(rows, "nulmeting", "eindmeting");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.at("a").first->domain_scores.at("financien"), 1);
  EXPECT_EQ(p.at("a").second->domain_scores.at("financien"), 5);
  auto mid = PairUp(rows, "nulmeting", "tussenmeting");
  EXPECT_EQ(mid.at("a").second->domain_scores.at("financien"), 3);
  EXPECT_TRUE(PairUp(rows, "nulmeting", "nulmeting").at("a").first != nullptr);
}

TEST(DueTest, TableOfMoments) {
  const Schedule programme{6, {6, 12, 18}};
  struct Case {
    const char* what;
    MemberHistory h;
    std::optional<std::string> moment;
    Date due_on;
  };
  const Date intake{2026, 1, 31};
  const Date closed{2026, 8, 31};
  const std::vector<Case> cases = {
      {"nothing yet: nulmeting at intake", {intake, {}, true, {}, 0, 0, 0}, "nulmeting", intake},
      {"no intake date: nothing", {{}, {}, true, {}, 0, 0, 0}, std::nullopt, {}},
      {"tussenmeting 6 months after the last; end of month kept in range",
       {intake, {}, true, Date{2026, 8, 31}, 1, 0, 0}, "tussenmeting", Date{2027, 2, 28}},
      {"tussenmeting across a leap day", {intake, {}, true, Date{2027, 8, 31}, 1, 0, 0}, "tussenmeting", Date{2028, 2, 29}},
      {"closed: eindmeting at closing", {intake, closed, false, Date{2026, 5, 1}, 1, 0, 0}, "eindmeting", closed},
      {"first nazorg at closing + 6", {intake, closed, false, closed, 1, 1, 0}, "nazorg", Date{2027, 2, 28}},
      {"third nazorg at closing + 18", {intake, closed, false, closed, 1, 1, 2}, "nazorg", Date{2028, 2, 29}},
      {"all nazorg done", {intake, closed, false, closed, 1, 1, 3}, std::nullopt, {}},
      {"waiting (not coaching, not closed)", {intake, {}, false, {}, 0, 0, 0}, std::nullopt, {}},
  };
  for (const auto& c : cases) {
    auto due = NextDue(c.h, programme);
    ASSERT_EQ(due.has_value(), c.moment.has_value()) << c.what;
    if (!due) continue;
    EXPECT_EQ(due->moment, *c.moment) << c.what;
    EXPECT_EQ(FormatDate(due->due_on), FormatDate(c.due_on)) << c.what;
  }
  // A programme without follow-up months has no nazorg moments.
  EXPECT_FALSE(NextDue({intake, closed, false, closed, 1, 1, 0}, Schedule{6, {}}).has_value());
  EXPECT_EQ(FormatDate(AddMonths({2026, 11, 15}, 3)), "2027-02-15");
}

TEST(DomainScoresJsonTest, ReadBackAsWritten) {
  const std::map<std::string, double> scores = {{"financien", 2}, {"lichaam", 7.5}, {"justitie", 5}};
  EXPECT_EQ(ParseDomainScores(DomainScoresJson(scores).dump()), scores);
  EXPECT_EQ(ParseDomainScores(DomainScoresJson(scores).dump(2)), scores) << "pretty JSON";
  EXPECT_TRUE(ParseDomainScores("{}").empty());
  EXPECT_EQ(ParseDomainScores(R"({"a\u0062":1})"), (std::map<std::string, double>{{"ab", 1}})) << "escapes: JSON parser";
  EXPECT_EQ(ParseDomainScores(R"({"a":1,"b":"x"})"), (std::map<std::string, double>{{"a", 1}})) << "not a number: left out";
  EXPECT_TRUE(ParseDomainScores("not json").empty());
  EXPECT_TRUE(ParseDomainScores(R"({"a":1)").empty());
}

// --- Measurement settings, cell texts (issue 10) ---

TEST(ValidateSettingsTest, IntervalFrom1To24Months) {
  EXPECT_TRUE(ValidateSettings({}).empty()) << "the defaults are valid";
  for (int64_t ok : {1, 3, 6, 24}) EXPECT_TRUE(ValidateSettings({ok, std::nullopt}).empty()) << ok;
  for (int64_t bad : {-1, 0, 25, 120}) {
    auto errs = ValidateSettings({bad, std::nullopt});
    ASSERT_EQ(Codes(errs, "interim_every_months"), std::vector<std::string>{"measurement_interval_out_of_range"}) << bad;
    EXPECT_EQ(errs.at("interim_every_months")[0].params, (Params{{"min", "1"}, {"max", "24"}}));
  }
}

TEST(ValidateSettingsTest, TheChoiceFor12To16IsAdultChildOrNone) {
  EXPECT_TRUE(ValidateSettings({6, std::string("adult")}).empty());
  EXPECT_TRUE(ValidateSettings({6, std::string("child")}).empty());
  EXPECT_TRUE(ValidateSettings({6, std::nullopt}).empty()) << "not chosen: the coach chooses";
  for (const char* bad : {"", "kind", "positieve_gezondheid", "Adult"})
    EXPECT_EQ(Codes(ValidateSettings({6, std::string(bad)}), "tool_12_16"), std::vector<std::string>{"choose_one_of"}) << bad;
  auto both = ValidateSettings({0, std::string("teen")});
  EXPECT_EQ(both.size(), 2u) << "every error at once";
}

TEST(ValidateCellsTest, KnownDomainsAndNamedLevelsOnly) {
  const Instrument in = Small();
  Cells ok;
  for (int64_t v = 1; v <= 5; ++v) ok["financien"][v] = {"TESTTEKST financien " + std::to_string(v), ""};
  ok["huisvesting"][3] = {"TESTTEKST huisvesting 3", "TEST TEXT housing 3"};
  EXPECT_TRUE(ValidateCells(in, ok).empty());
  EXPECT_TRUE(ValidateCells(in, {}).empty()) << "no texts: nothing to check";

  Cells bad = ok;
  bad["justitie"][1] = {"TESTTEKST", ""};     // not a domain of this instrument
  bad["financien"][6] = {"TESTTEKST", ""};    // the scale is 1-5
  bad["financien"][0] = {"TESTTEKST", ""};
  bad["lichaam"][3] = {"TESTTEKST", ""};      // a 0-10 mark without named levels
  bad["huisvesting"][2] = {"", "only English"};
  bad["huisvesting"][4] = {std::string(kMaxCellChars + 1, 'x'), ""};
  auto errs = ValidateCells(in, bad);
  EXPECT_EQ(Codes(errs, "cells.justitie"), std::vector<std::string>{"instrument_domain_unknown"});
  EXPECT_EQ(errs.at("cells.justitie")[0].params, (Params{{"domain", "justitie"}}));
  EXPECT_EQ(Codes(errs, "cells.financien.6"), std::vector<std::string>{"instrument_level_unknown"});
  EXPECT_EQ(Codes(errs, "cells.financien.0"), std::vector<std::string>{"instrument_level_unknown"});
  EXPECT_EQ(Codes(errs, "cells.lichaam.3"), std::vector<std::string>{"instrument_level_unknown"});
  EXPECT_EQ(Codes(errs, "cells.huisvesting.2"), std::vector<std::string>{"required"});
  EXPECT_EQ(Codes(errs, "cells.huisvesting.4"), std::vector<std::string>{"too_long"});
  EXPECT_EQ(errs.size(), 6u) << "the good texts give no errors";
}

TEST(ParseCellsTest, WrongShapesAreFieldErrorsTooAndNothingIsHalfRead) {
  const Instrument in = Small();
  auto good = ParseCells(in, http::Json::parse(R"({"financien": {"1": {"nl": "TESTTEKST een", "en": "TEST TEXT one"}}})"));
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->at("financien").at(1), (LocalText{"TESTTEKST een", "TEST TEXT one"}));
  auto bad = ParseCells(in, http::Json::parse(
                                R"({"financien": {"x": {"nl": "a"}, "2": "plain", "3": {"nl": "ok"}}, "huisvesting": [1]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Codes(bad.status().field_errors(), "cells.financien.x"), std::vector<std::string>{"instrument_level_unknown"});
  EXPECT_EQ(Codes(bad.status().field_errors(), "cells.financien.2"), std::vector<std::string>{"instrument_bad_type"});
  EXPECT_EQ(Codes(bad.status().field_errors(), "cells.huisvesting"), std::vector<std::string>{"instrument_bad_type"});
  EXPECT_FALSE(ParseCells(in, http::Json::array()).ok());
}

TEST(MeasurementPolicyTest, SettingsCellsAndCorrections) {
  using security::Action;
  using security::Decision;
  using security::Role;
  auto staff = [](Role r, const char* id) {
    return security::Actor{security::PrincipalKind::kStaff, r, id, id, id, "orgA", "A", std::nullopt, std::nullopt};
  };
  const auto coach = staff(Role::kCoach, "coach1"), lead = staff(Role::kTeamLead, "lead1"),
             admin = staff(Role::kAdmin, "admin1");
  for (const auto& who : {coach, lead, admin}) EXPECT_EQ(Decide(who, Action::kMeasurementSettingsRead), Decision::kAllow);
  EXPECT_EQ(Decide(coach, Action::kMeasurementSettingsUpdate), Decision::kDenyRole);
  EXPECT_EQ(Decide(lead, Action::kMeasurementSettingsUpdate), Decision::kAllow);
  EXPECT_EQ(Decide(admin, Action::kMeasurementSettingsUpdate), Decision::kAllow);
  EXPECT_EQ(Decide(admin, Action::kInstrumentCellsLoad), Decision::kAllow);
  EXPECT_EQ(Decide(lead, Action::kInstrumentCellsLoad), Decision::kDenyRole);
  EXPECT_EQ(Decide(coach, Action::kInstrumentCellsLoad), Decision::kDenyRole);
  const security::FamilyScope fam{"f1", "orgA", {"coach1"}};
  EXPECT_EQ(Decide(coach, Action::kMeasurementUpdate, &fam), Decision::kAllow);
  EXPECT_EQ(Decide(staff(Role::kCoach, "coach2"), Action::kMeasurementUpdate, &fam), Decision::kDenyScope);
  EXPECT_EQ(Decide(lead, Action::kMeasurementUpdate, &fam), Decision::kAllow);
  EXPECT_EQ(Decide(admin, Action::kMeasurementUpdate, &fam), Decision::kDenyRole) << "admins never touch case content";
}

}  // namespace
}  // namespace kansrijk::measurements
