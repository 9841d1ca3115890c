#include "measurements/service.h"

#include <algorithm>
#include <map>
#include <random>
#include <string_view>
#include <tuple>

#include "families/repo.h"
#include "platform/random.h"
#include "programmes/repo.h"
#include "trajectory/model.h"  // the default follow-up schedule, shared with the nazorg moments

namespace kansrijk::embedded {
const std::map<std::string, std::string_view>& Files();
}

namespace kansrijk::measurements {

using http::Json;

namespace {

std::string Describe(const Status& st) {
  std::string why = st.reason();
  for (const auto& [field, errors] : st.field_errors()) why += " " + field + ": " + errors.at(0).code;
  return why;
}

// The newest version of `id` among `all` (versions compare as numbers when both are).
const Instrument* Newest(const std::vector<Instrument>& all, const std::string& id) {
  const Instrument* best = nullptr;
  auto less = [](const std::string& a, const std::string& b) {
    if (a.size() != b.size() && std::all_of(a.begin(), a.end(), ::isdigit) && std::all_of(b.begin(), b.end(), ::isdigit))
      return a.size() < b.size();
    return a < b;
  };
  for (const auto& in : all)
    if (in.id == id && (!best || less(best->version, in.version))) best = &in;
  return best;
}

}  // namespace

Result<Instrument> CheckInstrumentText(const std::string& text) {
  auto j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status(Code::kMalformed, "json_invalid");
  return ParseInstrument(j);
}

Result<int> LoadShippedInstruments(db::Database& db) {
  std::vector<Instrument> shipped;
  for (const auto& [path, content] : embedded::Files()) {
    if (!path.starts_with("data/instruments/") || !path.ends_with(".json")) continue;
    auto in = CheckInstrumentText(std::string(content));
    if (!in.ok()) return Status::Internal(path + " is not a valid instrument:" + Describe(in.status()));
    shipped.push_back(*in);
  }
  int added = 0;
  RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
    for (const auto& in : shipped) {
      auto loaded = LoadInstrument(tx, "", in, std::nullopt);
      if (!loaded.ok())
        return Status::Internal("data/instruments: " + in.id + " " + in.version + ": " + Describe(loaded.status()));
      if (*loaded) ++added;
    }
    return Status::Ok();
  }));
  return added;
}

Result<bool> LoadInstrument(db::Connection& tx, const std::string& org, const Instrument& in,
                            const std::optional<std::string>& by) {
  const std::string key = ScoringKey(in);
  ASSIGN_OR_RETURN(auto existing, MeasurementRepo::ScoringKeyOf(tx, org, in.id, in.version));
  if (existing && *existing != key)
    return Status::Conflict("instrument_version_changed", {{"id", in.id}, {"version", in.version}});
  Instrument stored = in;
  stored.shipped = false;
  for (auto& d : stored.domains) d.cells.clear();
  // An organisation may not take over a shipped (id, version): its definition stays the shipped one.
  if (existing && !org.empty()) {
    ASSIGN_OR_RETURN(auto own, tx.Query("SELECT 1 FROM instruments WHERE organisation_id = ? AND id = ? AND version = ?",
                                        {org, in.id, in.version}));
    if (own.empty()) return false;
  }
  RETURN_IF_ERROR(MeasurementRepo::UpsertInstrument(tx, org, in.id, in.version, InstrumentJson(stored).dump(), key, by));
  return !existing.has_value();
}

Result<std::vector<Instrument>> VisibleInstruments(db::Connection& c, const std::string& org) {
  ASSIGN_OR_RETURN(auto defs, MeasurementRepo::Instruments(c, org));
  std::vector<Instrument> out;
  for (const auto& [text, shipped] : defs) {
    auto in = CheckInstrumentText(text);
    if (!in.ok()) return Status::Internal("stored instrument unreadable: " + Describe(in.status()));
    in->shipped = shipped;
    // An organisation's own copy of the same id and version wins.
    auto same = std::find_if(out.begin(), out.end(), [&](const Instrument& o) { return o.id == in->id && o.version == in->version; });
    if (same != out.end()) {
      if (!shipped) *same = *in;
      continue;
    }
    out.push_back(*in);
  }
  for (auto& in : out) {
    ASSIGN_OR_RETURN(auto cells, MeasurementRepo::CellsOf(c, org, in.id, in.version));
    if (!cells) continue;
    auto parsed = ParseCells(in, Json::parse(*cells, nullptr, false));
    if (!parsed.ok()) continue;
    for (auto& d : in.domains)
      if (auto it = parsed->find(d.id); it != parsed->end()) d.cells = it->second;
  }
  return out;
}

Result<Instrument> FindInstrument(db::Connection& c, const std::string& org, const std::string& id,
                                  const std::string& version, const std::string& field) {
  ASSIGN_OR_RETURN(auto all, VisibleInstruments(c, org));
  for (auto& in : all)
    if (in.id == id && (version.empty() ? &in == Newest(all, id) : in.version == version)) return std::move(in);
  return Status::InvalidField(field, "instrument_unknown", {{"id", id}, {"version", version}});
}

Result<StoredMeasurement> RecordMeasurement(db::Connection& tx, const std::string& org, const std::string& family_id,
                                            const NewMeasurement& m, const Recorder& by, Date today) {
  FieldErrors errs;
  // A member of another family (or organisation) is not a member of this one: same answer.
  auto member = families::FamilyRepo::GetMember(tx, family_id, m.member_id);
  if (!member.ok() && member.status().code() != Code::kNotFound) return member.status();
  if (!member.ok()) errs["member_id"].push_back({"measurement_member_not_in_family", {}});
  auto in = FindInstrument(tx, org, m.instrument_id, m.instrument_version);
  if (!in.ok() && in.status().code() != Code::kInvalidArgument) return in.status();
  if (!in.ok()) MergeFieldErrors(errs, in.status().field_errors());
  if (!IsMoment(m.moment)) errs["moment"].push_back({"choose_one_of", {{"options", kMomentOptions}}});
  if (!IsFilledInBy(m.filled_in_by)) errs["filled_in_by"].push_back({"choose_one_of", {{"options", kFilledInByOptions}}});
  std::optional<Date> birth;
  if (member.ok() && member->birth_date) birth = ParseDate(*member->birth_date);
  MergeFieldErrors(errs, ValidateTakenOn(m.taken_on, birth, today));
  std::map<std::string, double> domain_scores;
  if (in.ok()) {
    MergeFieldErrors(errs, ValidateScores(*in, m.scores));
    MergeFieldErrors(errs, ValidateNotes(*in, m.notes));
    domain_scores = DomainScores(*in, m.scores);
  }
  if (!errs.empty()) return Status::Invalid(errs);
  StoredMeasurement s;
  s.id = NewId();
  s.family_id = family_id;
  s.member_id = m.member_id;
  s.instrument_id = in->id;
  s.instrument_version = in->version;
  s.moment = m.moment;
  s.taken_on = FormatDate(m.taken_on);
  s.filled_in_by = m.filled_in_by;
  s.scores_json = ValuesJson(m.scores).dump();
  s.domain_scores_json = DomainScoresJson(domain_scores).dump();
  Json notes = Json::object();
  for (const auto& [k, v] : m.notes) notes[k] = v;
  s.notes_json = notes.dump();
  s.recorded_by_name = by.name;
  RETURN_IF_ERROR(MeasurementRepo::Insert(tx, s, by.user_id));
  s.created_at = FormatUtc(Now());
  return s;
}

Result<StoredMeasurement> CorrectMeasurement(db::Connection& tx, const std::string& org, const std::string& family_id,
                                             const std::string& id, const Correction& change,
                                             int64_t expected_version, Date today) {
  ASSIGN_OR_RETURN(StoredMeasurement m, MeasurementRepo::Get(tx, family_id, id));
  if (m.version != expected_version) return Status(Code::kFailedPrecondition, "version_stale");
  // Its own version, even when a newer one exists: old scores are never re-scored by another.
  ASSIGN_OR_RETURN(Instrument in, FindInstrument(tx, org, m.instrument_id, m.instrument_version));
  ASSIGN_OR_RETURN(auto member, families::FamilyRepo::GetMember(tx, family_id, m.member_id));
  FieldErrors errs;
  if (change.moment && !IsMoment(*change.moment))
    errs["moment"].push_back({"choose_one_of", {{"options", kMomentOptions}}});
  if (change.filled_in_by && !IsFilledInBy(*change.filled_in_by))
    errs["filled_in_by"].push_back({"choose_one_of", {{"options", kFilledInByOptions}}});
  if (change.taken_on) {
    std::optional<Date> birth;
    if (member.birth_date) birth = ParseDate(*member.birth_date);
    MergeFieldErrors(errs, ValidateTakenOn(*change.taken_on, birth, today));
  }
  std::map<std::string, Value> scores;
  if (change.scores) {
    scores = *change.scores;
    MergeFieldErrors(errs, ValidateScores(in, scores));
  }
  if (change.notes) MergeFieldErrors(errs, ValidateNotes(in, *change.notes));
  if (!errs.empty()) return Status::Invalid(errs);
  if (change.moment) m.moment = *change.moment;
  if (change.filled_in_by) m.filled_in_by = *change.filled_in_by;
  if (change.taken_on) m.taken_on = FormatDate(*change.taken_on);
  if (change.scores) {
    m.scores_json = ValuesJson(scores).dump();
    m.domain_scores_json = DomainScoresJson(DomainScores(in, scores)).dump();
  }
  if (change.notes) {
    Json notes = Json::object();
    for (const auto& [k, v] : *change.notes) notes[k] = v;
    m.notes_json = notes.dump();
  }
  RETURN_IF_ERROR(MeasurementRepo::Update(tx, m, expected_version));
  m.version = expected_version + 1;
  return m;
}

Result<Instrument> LoadCells(db::Connection& tx, const std::string& org, const std::string& instrument_id,
                             const std::string& instrument_version, const Json& cells,
                             const std::optional<std::string>& by) {
  if (instrument_version.empty()) return Status::InvalidField("instrument_version", "required");
  ASSIGN_OR_RETURN(Instrument in, FindInstrument(tx, org, instrument_id, instrument_version));
  ASSIGN_OR_RETURN(Cells parsed, ParseCells(in, cells));
  size_t n = 0;
  for (const auto& [d, levels] : parsed) n += levels.size();
  RETURN_IF_ERROR(MeasurementRepo::PutCells(tx, org, in.id, in.version,
                                            n ? std::optional<std::string>(CellsJson(parsed).dump()) : std::nullopt, by));
  return FindInstrument(tx, org, in.id, in.version);
}

Result<Instrument> LoadCellsFile(db::Connection& tx, const std::string& org, const Json& file,
                                 const std::optional<std::string>& by) {
  if (!file.is_object()) return Status(Code::kMalformed, "json_not_object");
  FieldErrors errs;
  auto text = [&](const char* key) -> std::string {
    if (!file.contains(key) || !file[key].is_string() || file[key].get<std::string>().empty()) {
      errs[key].push_back({"required", {}});
      return "";
    }
    return file[key].get<std::string>();
  };
  const std::string id = text("instrument_id"), version = text("instrument_version");
  if (!file.contains("cells")) errs["cells"].push_back({"required", {}});
  for (const auto& [k, v] : file.items())
    if (k != "instrument_id" && k != "instrument_version" && k != "cells" && k != "note")
      errs[k].push_back({"unknown_field", {}});
  if (!errs.empty()) return Status::Invalid(errs);
  return LoadCells(tx, org, id, version, file["cells"], by);
}

Result<ProgrammeSettings> GetSettings(db::Connection& c, const std::string& org, const std::string& programme_id) {
  auto p = programmes::ProgrammeRepo::Get(c, org, programme_id);
  if (!p.ok()) return p.status();
  ProgrammeSettings out;
  out.programme_id = programme_id;
  ASSIGN_OR_RETURN(auto stored, MeasurementRepo::SettingsOf(c, programme_id));
  if (stored) std::tie(out.settings, out.version) = *stored;
  out.follow_up_months = p->follow_up_months;
  out.follow_up_default = out.follow_up_months.empty();
  if (out.follow_up_default) out.follow_up_months = trajectory::DefaultFollowUpMonths();
  return out;
}

Result<ProgrammeSettings> PutSettings(db::Connection& tx, const std::string& org, const std::string& programme_id,
                                      const Settings& s, int64_t expected_version) {
  if (auto errs = ValidateSettings(s); !errs.empty()) return Status::Invalid(errs);
  RETURN_IF_ERROR(GetSettings(tx, org, programme_id).status());
  RETURN_IF_ERROR(MeasurementRepo::PutSettings(tx, programme_id, s, expected_version).status());
  return GetSettings(tx, org, programme_id);
}

Status SetPovertyGeneration(db::Connection& tx, const std::string& family_id, const std::string& member_id,
                            std::optional<int64_t> generation) {
  RETURN_IF_ERROR(families::FamilyRepo::GetMember(tx, family_id, member_id).status());
  return MeasurementRepo::SetGeneration(tx, family_id, member_id, generation);
}

Result<std::vector<MemberSeries>> FamilySeries(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c.Query("SELECT mem.id, mem.given_name, mem.sex, mem.household_role, mem.birth_date, g.generation, "
                           "m.id, m.instrument_id, m.instrument_version, m.moment, m.taken_on, m.filled_in_by, "
                           "m.domain_scores, m.scores "
                           "FROM members mem LEFT JOIN member_poverty_generations g ON g.member_id = mem.id "
                           "LEFT JOIN measurements m ON m.member_id = mem.id AND m.family_id = mem.family_id "
                           "WHERE mem.family_id = ? ORDER BY mem.id, m.taken_on, m.created_at",
                           {family_id}));
  std::vector<MemberSeries> out;
  for (const auto& r : rows) {
    if (out.empty() || out.back().member_id != r.Text(0)) {
      MemberSeries s;
      s.member_id = r.Text(0);
      s.given_name = r.Text(1);
      s.sex = r.Text(2);
      s.household_role = r.Text(3);
      s.birth_date = r.OptText(4);
      if (!r.IsNull(5)) s.generation = r.Int(5);
      out.push_back(std::move(s));
    }
    if (r.IsNull(6)) continue;
    out.back().points.push_back({r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11), r.Text(12), r.Text(13)});
  }
  return out;
}

Result<std::vector<DueItem>> DueMeasurements(db::Connection& c, const security::FamilyListScope& scope, Date until,
                                             int limit) {
  std::string sql =
      "SELECT f.id, f.name, f.phase, f.intake_date, mem.id, mem.given_name, "
      "(SELECT MAX(e.event_date) FROM family_events e WHERE e.family_id = f.id AND e.kind = 'phase' AND "
      "e.to_value = 'afsluiting'), "
      "(SELECT MAX(m.taken_on) FROM measurements m WHERE m.member_id = mem.id), "
      "(SELECT COUNT(*) FROM measurements m WHERE m.member_id = mem.id AND m.moment = 'nulmeting'), "
      "(SELECT COUNT(*) FROM measurements m WHERE m.member_id = mem.id AND m.moment = 'eindmeting'), "
      "(SELECT COUNT(*) FROM measurements m WHERE m.member_id = mem.id AND m.moment = 'nazorg'), "
      "p.follow_up_months, s.interim_every_months "
      "FROM families f JOIN members mem ON mem.family_id = f.id "
      "LEFT JOIN programmes p ON p.id = f.programme_id "
      "LEFT JOIN measurement_settings s ON s.programme_id = f.programme_id "
      "WHERE f.organisation_id = ? AND f.status = 'active' AND f.phase IN ('intake', 'actief', 'afsluiting', 'nazorg')";
  std::vector<db::Param> params{scope.organisation_id};
  if (scope.only_coach_id) {
    sql += " AND f.coach_id = ?";
    params.push_back(*scope.only_coach_id);
  }
  if (scope.only_family_id) {
    sql += " AND f.id = ?";
    params.push_back(*scope.only_family_id);
  }
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<DueItem> out;
  for (const auto& r : rows) {
    MemberHistory h;
    const std::string phase = r.Text(2);
    if (!r.IsNull(3)) h.intake = ParseDate(r.Text(3));
    if ((phase == "afsluiting" || phase == "nazorg") && !r.IsNull(6)) h.closed_on = ParseDate(r.Text(6));
    h.coaching_running = phase == "intake" || phase == "actief";
    if (!r.IsNull(7)) h.last_measured = ParseDate(r.Text(7));
    h.nulmetingen = r.Int(8);
    h.eindmetingen = r.Int(9);
    h.nazorg = r.Int(10);
    Schedule s;
    s.interim_every_months = r.IsNull(12) ? kDefaultInterimMonths : r.Int(12);
    if (!r.IsNull(11)) {
      auto months = Json::parse(r.Text(11), nullptr, false);
      if (months.is_array())
        for (const auto& x : months)
          if (x.is_number_integer()) s.follow_up_months.push_back(x.get<int64_t>());
    }
    // Like the trajectory's aftercare: a programme naming no months (or no programme) uses the
    // documented default schedule.
    if (s.follow_up_months.empty()) s.follow_up_months = trajectory::DefaultFollowUpMonths();
    std::sort(s.follow_up_months.begin(), s.follow_up_months.end());
    auto due = NextDue(h, s);
    if (!due || due->due_on > until) continue;
    out.push_back({r.Text(0), r.Text(1), r.Text(4), r.Text(5), due->moment, due->due_on});
  }
  std::sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return std::tie(a.due_on, a.family_name, a.member_id) < std::tie(b.due_on, b.family_name, b.member_id);
  });
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
  return out;
}

namespace {

Status CheckProgramme(db::Connection& c, const std::string& org, const std::string& programme_id) {
  auto p = programmes::ProgrammeRepo::Get(c, org, programme_id);
  if (!p.ok() && p.status().code() == Code::kNotFound) return Status::NotFound("programme_not_found");
  return p.status();
}

// Rows of a programme's measurements with `in`: member, sex, generation, moment, date, scores.
// `ordered` by family, member and date (the export); the outcomes pair up without an order, and
// sorting thousands of rows by text keys is a tenth of their time on PostgreSQL.
Result<db::Rows> ProgrammeRows(db::Connection& c, const std::string& org, const std::string& programme_id,
                               const Instrument& in, const std::vector<std::string>& moments, bool ordered) {
  std::string sql =
      "SELECT m.member_id, mem.sex, g.generation, m.moment, m.taken_on, m.created_at, m.domain_scores, "
      "m.family_id, m.filled_in_by "
      "FROM families f JOIN measurements m ON m.family_id = f.id "
      "JOIN members mem ON mem.id = m.member_id "
      "LEFT JOIN member_poverty_generations g ON g.member_id = m.member_id "
      "WHERE f.programme_id = ? AND f.organisation_id = ? AND m.instrument_id = ? AND m.instrument_version = ?";
  std::vector<db::Param> params{programme_id, org, in.id, in.version};
  if (!moments.empty()) {
    sql += " AND m.moment IN (";
    for (size_t i = 0; i < moments.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.push_back(moments[i]);
    }
    sql += ")";
  }
  if (ordered) sql += " ORDER BY m.family_id, m.member_id, m.taken_on, m.created_at";
  return c.Query(sql, params);
}

}  // namespace

Result<Outcomes> ProgrammeOutcomes(db::Connection& c, const std::string& org, const std::string& programme_id,
                                   const std::string& instrument_id, const std::optional<std::string>& version,
                                   const std::string& from, const std::string& to) {
  RETURN_IF_ERROR(CheckProgramme(c, org, programme_id));
  ASSIGN_OR_RETURN(Instrument in, FindInstrument(c, org, instrument_id, version.value_or(""), "instrument"));
  if (in.purpose != "outcome") return Status::InvalidField("instrument", "instrument_not_for_outcomes", {{"id", in.id}});
  ASSIGN_OR_RETURN(auto rows, ProgrammeRows(c, org, programme_id, in, {from, to}, false));
  std::vector<ScoredMoment> scored;
  std::map<std::string, std::pair<std::string, std::string>> groups;  // member -> (generation, sex)
  scored.reserve(rows.size());
  for (const auto& r : rows) {
    scored.push_back({r.Text(0), r.Text(3), r.Text(4), r.Text(5), ParseDomainScores(r.Text(6))});
    groups[r.Text(0)] = {r.IsNull(2) ? "unknown" : std::to_string(r.Int(2)), r.Text(1)};
  }
  auto pairs = PairUp(scored, from, to);
  Outcomes out;
  out.instrument = in;
  std::map<std::string, std::map<std::string, std::vector<Pair>>> by_gen, by_sex;  // group -> domain -> pairs
  std::map<std::string, std::vector<Pair>> all;
  for (const auto& [member, p] : pairs) {
    const auto& [gen, sex] = groups[member];
    for (const auto& d : in.domains) {
      auto f = p.first->domain_scores.find(d.id);
      auto t = p.second->domain_scores.find(d.id);
      if (f == p.first->domain_scores.end() || t == p.second->domain_scores.end()) continue;
      Pair pr{gen, sex, f->second, t->second};
      all[d.id].push_back(pr);
      by_gen[gen][d.id].push_back(pr);
      by_sex[sex][d.id].push_back(pr);
    }
  }
  for (const auto& d : in.domains) out.all.push_back(ChangeOf(d.id, all[d.id]));
  auto groups_of = [&](std::map<std::string, std::map<std::string, std::vector<Pair>>>& src,
                       std::vector<std::pair<std::string, std::vector<DomainChange>>>& dst) {
    for (auto& [g, per_domain] : src) {
      std::vector<DomainChange> changes;
      for (const auto& d : in.domains) changes.push_back(ChangeOf(d.id, per_domain[d.id]));
      dst.emplace_back(g, std::move(changes));
    }
  };
  groups_of(by_gen, out.by_generation);
  groups_of(by_sex, out.by_sex);
  return out;
}

Result<std::pair<Instrument, std::vector<ExportRow>>> ExportScores(db::Connection& c, const std::string& org,
                                                                   const std::string& programme_id,
                                                                   const std::string& instrument_id,
                                                                   const std::optional<std::string>& version) {
  RETURN_IF_ERROR(CheckProgramme(c, org, programme_id));
  ASSIGN_OR_RETURN(Instrument in, FindInstrument(c, org, instrument_id, version.value_or(""), "instrument"));
  ASSIGN_OR_RETURN(auto rows, ProgrammeRows(c, org, programme_id, in, {}, true));
  std::vector<ExportRow> out;
  for (const auto& r : rows)
    out.push_back({r.Text(7), r.Text(0), r.Text(1), r.IsNull(2) ? "" : std::to_string(r.Int(2)), r.Text(3), r.Text(4),
                   r.Text(8), ParseDomainScores(r.Text(6))});
  return std::make_pair(std::move(in), std::move(out));
}

Result<DemoInstruments> LoadDemoInstruments(db::Connection& c) {
  DemoInstruments out;
  ASSIGN_OR_RETURN(out.zrm, FindInstrument(c, "", "zrm", "2017"));
  ASSIGN_OR_RETURN(out.web_adult, FindInstrument(c, "", "positieve_gezondheid", "1"));
  ASSIGN_OR_RETURN(out.web_child, FindInstrument(c, "", "positieve_gezondheid_kind", "1"));
  return out;
}

namespace {

int AgeOn(Date birth, Date on) {
  int age = on.year - birth.year;
  if (std::tie(on.month, on.day) < std::tie(birth.month, birth.day)) --age;
  return age;
}

}  // namespace

Result<int> AddDemoSeries(db::Connection& tx, const DemoInstruments& ins, const std::string& family_id,
                          const std::vector<DemoMember>& members, Date intake, std::optional<Date> closed_on,
                          Date today, uint32_t seed, const Recorder& by) {
  std::mt19937 rng(seed);
  // The moments of this family.
  std::vector<std::pair<std::string, Date>> moments;
  if (intake > today) return 0;
  moments.emplace_back("nulmeting", intake);
  const Date coaching_end = closed_on ? std::min(*closed_on, today) : today;
  for (Date d = AddMonths(intake, kDefaultInterimMonths); d < coaching_end; d = AddMonths(d, kDefaultInterimMonths))
    moments.emplace_back("tussenmeting", d);
  if (closed_on && *closed_on <= today && *closed_on > intake) {
    moments.emplace_back("eindmeting", *closed_on);
    if (Date n = AddMonths(*closed_on, 6); n <= today) moments.emplace_back("nazorg", n);
  }
  int written = 0;
  for (const auto& m : members) {
    // Per person a start level per domain (mostly 2-3 for families in poverty) that rises by
    // about half a level per moment, with setbacks.
    std::map<std::string, double> level;
    for (size_t k = 0; k < moments.size(); ++k) {
      const auto& [moment, on] = moments[k];
      const int age = AgeOn(m.birth, on);
      std::vector<const Instrument*> use;
      if (age >= 18) use = {&ins.zrm, &ins.web_adult};
      else if (age >= 8 && age <= 12) use = {&ins.web_child};
      for (const Instrument* in : use) {
        std::map<std::string, Value> scores;
        for (const auto& d : in->domains) {
          if (d.scoring_items.empty()) continue;
          const Scale* s = in->FindScale(d.items.front().scale);
          if (!s) continue;
          const std::string key = in->id + "/" + d.id;
          const double span = static_cast<double>(s->max - s->min);
          if (!level.contains(key)) level[key] = s->min + span * (0.15 + 0.35 * (rng() % 100) / 100.0);
          else level[key] += span * ((static_cast<int>(rng() % 100) - 25) / 400.0);
          level[key] = std::clamp(level[key], static_cast<double>(s->min), static_cast<double>(s->max));
          scores[d.scoring_items.front()] = static_cast<int64_t>(level[key] + 0.5);
          if (in->purpose == "conversation" && rng() % 4 == 0) scores[d.id + ".praten"] = true;
        }
        if (!ValidateScores(*in, scores).empty()) return Status::Internal("demo series: scores out of scale");
        StoredMeasurement s;
        s.id = NewId();
        s.family_id = family_id;
        s.member_id = m.id;
        s.instrument_id = in->id;
        s.instrument_version = in->version;
        s.moment = moment;
        s.taken_on = FormatDate(on);
        s.filled_in_by = in->purpose == "conversation" ? "together" : (k % 2 ? "coach" : "together");
        s.scores_json = ValuesJson(scores).dump();
        s.domain_scores_json = DomainScoresJson(DomainScores(*in, scores)).dump();
        s.notes_json = "{}";
        s.recorded_by_name = by.name;
        RETURN_IF_ERROR(MeasurementRepo::Insert(tx, s, by.user_id));
        ++written;
      }
    }
  }
  return written;
}

}  // namespace kansrijk::measurements
