// The use cases of measurements, on the caller's transaction: instruments (shipped and loaded),
// recording a measurement, a family's series, what is due, a programme's outcomes and export.
// Callable from the HTTP handlers (api.cc), the CLI and the demo; none of them knows HTTP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "measurements/repo.h"
#include "measurements/wire.h"
#include "platform/db.h"
#include "security/policy.h"

namespace kansrijk::measurements {

// Checks the instrument files in data/instruments (kInternal naming the file and field on the
// first bad one) and loads those missing; a shipped file changed under the same version fails.
Result<int> LoadShippedInstruments(db::Database& db);
// Reads and checks an instrument file's text (the CLI's `instruments check`).
Result<Instrument> CheckInstrumentText(const std::string& text);

// The instruments of `org` (its own and the shipped ones) with its cell texts.
Result<std::vector<Instrument>> VisibleInstruments(db::Connection& c, const std::string& org);
// kInvalidArgument on `field` (instrument_unknown {id, version}) when not visible.
Result<Instrument> FindInstrument(db::Connection& c, const std::string& org, const std::string& id,
                                  const std::string& version, const std::string& field = "instrument_id");
// Loads `in` for `org`: true when new. kConflict instrument_version_changed when the same id and
// version exists with another scoring key.
Result<bool> LoadInstrument(db::Connection& tx, const std::string& org, const Instrument& in,
                            const std::optional<std::string>& by);

struct NewMeasurement {
  std::string member_id, instrument_id, instrument_version, moment, filled_in_by;
  Date taken_on;
  std::map<std::string, Value> scores;
  std::map<std::string, std::string> notes;
};
struct Recorder {
  std::string user_id, name;
};
// Checks everything (member of this family, instrument, dates, scores, notes) and stores it.
Result<StoredMeasurement> RecordMeasurement(db::Connection& tx, const std::string& org, const std::string& family_id,
                                            const NewMeasurement& m, const Recorder& by, Date today);
// Corrects a saved measurement of this family (the id of another family's is
// measurement_not_found): the same checks as recording it, scored again by its own instrument
// version, which never changes; kFailedPrecondition version_stale when `expected_version` is old.
Result<StoredMeasurement> CorrectMeasurement(db::Connection& tx, const std::string& org, const std::string& family_id,
                                             const std::string& id, const Correction& change,
                                             int64_t expected_version, Date today);

// --- Cell texts ---

// Replaces the organisation's cell texts of an instrument version (empty `cells`: removes them)
// after checking them all against the instrument (nothing is written on an error); returns the
// instrument as the organisation now sees it.
Result<Instrument> LoadCells(db::Connection& tx, const std::string& org, const std::string& instrument_id,
                             const std::string& instrument_version, const http::Json& cells,
                             const std::optional<std::string>& by);
// The same from a cell-text file {"instrument_id", "instrument_version", "cells"} (the API's body
// and the CLI's `instruments load-cells FILE`).
Result<Instrument> LoadCellsFile(db::Connection& tx, const std::string& org, const http::Json& file,
                                 const std::optional<std::string>& by);

// --- Programme settings ---

struct ProgrammeSettings {
  std::string programme_id;
  Settings settings;
  // The nazorg moments: the programme's own follow_up_months, or the documented default
  // schedule when it names none (follow_up_default) — the same months the trajectory uses.
  std::vector<int64_t> follow_up_months;
  bool follow_up_default = false;
  int64_t version = 1;  // 1: the defaults, never changed
};
// kNotFound programme_not_found for a programme of another organisation.
Result<ProgrammeSettings> GetSettings(db::Connection& c, const std::string& org, const std::string& programme_id);
// Validates (ValidateSettings) and stores; version_stale as usual.
Result<ProgrammeSettings> PutSettings(db::Connection& tx, const std::string& org, const std::string& programme_id,
                                      const Settings& s, int64_t expected_version);

// Sets a member's generation in poverty (1..3 or unknown). kNotFound member_not_found.
Status SetPovertyGeneration(db::Connection& tx, const std::string& family_id, const std::string& member_id,
                            std::optional<int64_t> generation);

// The family's charts: every member with every measurement, one query.
struct SeriesPoint {
  std::string id, instrument_id, instrument_version, moment, taken_on, filled_in_by, domain_scores_json, scores_json;
};
struct MemberSeries {
  std::string member_id, given_name, sex, household_role;
  std::optional<std::string> birth_date;
  std::optional<int64_t> generation;
  std::vector<SeriesPoint> points;
};
Result<std::vector<MemberSeries>> FamilySeries(db::Connection& c, const std::string& family_id);

// What is due for the families `scope` allows, up to `until`.
struct DueItem {
  std::string family_id, family_name, member_id, given_name, moment;
  Date due_on;
};
Result<std::vector<DueItem>> DueMeasurements(db::Connection& c, const security::FamilyListScope& scope, Date until,
                                             int limit);

// A programme's change per domain between two moments.
struct Outcomes {
  Instrument instrument;
  std::vector<DomainChange> all;
  std::vector<std::pair<std::string, std::vector<DomainChange>>> by_generation, by_sex;
};
Result<Outcomes> ProgrammeOutcomes(db::Connection& c, const std::string& org, const std::string& programme_id,
                                   const std::string& instrument_id, const std::optional<std::string>& version,
                                   const std::string& from, const std::string& to);

// The scores of a programme's measurements with one instrument, for the export.
struct ExportRow {
  std::string family_id, member_id, sex, generation, moment, taken_on, filled_in_by;
  std::map<std::string, double> domain_scores;
};
Result<std::pair<Instrument, std::vector<ExportRow>>> ExportScores(db::Connection& c, const std::string& org,
                                                                   const std::string& programme_id,
                                                                   const std::string& instrument_id,
                                                                   const std::optional<std::string>& version);

// --- Demo data ---

// The instruments a demo series uses (the shipped ZRM 2017 and both Positieve Gezondheid webs).
struct DemoInstruments {
  Instrument zrm, web_adult, web_child;
};
Result<DemoInstruments> LoadDemoInstruments(db::Connection& c);
struct DemoMember {
  std::string id;
  Date birth;
};
// Records a realistic series for a family's members: a nulmeting at intake, a tussenmeting every
// kDefaultInterimMonths while coaching runs up to today, an eindmeting at `closed_on` and one
// nazorg moment six months later when that has passed. Adults get the ZRM and the web, children
// of 8-12 the child web; scores start low and mostly rise (seeded, so the same every run).
// Returns the number of measurements written.
Result<int> AddDemoSeries(db::Connection& tx, const DemoInstruments& ins, const std::string& family_id,
                          const std::vector<DemoMember>& members, Date intake, std::optional<Date> closed_on,
                          Date today, uint32_t seed, const Recorder& by);

}  // namespace kansrijk::measurements
