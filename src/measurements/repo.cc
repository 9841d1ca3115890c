#include "measurements/repo.h"

#include "platform/time.h"

namespace kansrijk::measurements {

Result<std::vector<std::pair<std::string, bool>>> MeasurementRepo::Instruments(db::Connection& c,
                                                                               const std::string& org) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT definition, organisation_id FROM instruments "
                                      "WHERE organisation_id = '' OR organisation_id = ? ORDER BY id, version",
                                      {org}));
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& r : rows) out.emplace_back(r.Text(0), r.Text(1).empty());
  return out;
}

Result<std::optional<std::string>> MeasurementRepo::ScoringKeyOf(db::Connection& c, const std::string& org,
                                                                 const std::string& id, const std::string& version) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT scoring_key FROM instruments WHERE (organisation_id = '' OR "
                                      "organisation_id = ?) AND id = ? AND version = ? ORDER BY organisation_id",
                                      {org, id, version}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status MeasurementRepo::UpsertInstrument(db::Connection& tx, const std::string& org, const std::string& id,
                                         const std::string& version, const std::string& definition,
                                         const std::string& scoring_key, const std::optional<std::string>& by) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE instruments SET definition = ?, loaded_at = ?, loaded_by = ? "
                                      "WHERE organisation_id = ? AND id = ? AND version = ?",
                                      {definition, FormatUtc(Now()), db::Opt(by), org, id, version}));
  if (n > 0) return Status::Ok();
  return tx.Exec("INSERT INTO instruments (organisation_id, id, version, definition, scoring_key, loaded_at, "
                 "loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {org, id, version, definition, scoring_key, FormatUtc(Now()), db::Opt(by)})
      .status();
}

Result<std::optional<std::string>> MeasurementRepo::CellsOf(db::Connection& c, const std::string& org,
                                                            const std::string& id, const std::string& version) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT cells FROM instrument_cell_texts WHERE organisation_id = ? AND "
                                      "instrument_id = ? AND instrument_version = ?",
                                      {org, id, version}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status MeasurementRepo::Insert(db::Connection& tx, const StoredMeasurement& m, const std::string& recorded_by) {
  const std::string now = FormatUtc(Now());
  return tx.Exec("INSERT INTO measurements (id, family_id, member_id, instrument_id, instrument_version, moment, "
                 "taken_on, filled_in_by, scores, domain_scores, notes, recorded_by, recorded_by_name, version, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 {m.id, m.family_id, m.member_id, m.instrument_id, m.instrument_version, m.moment, m.taken_on,
                  m.filled_in_by, m.scores_json, m.domain_scores_json, m.notes_json,
                  recorded_by.empty() ? db::Null() : db::Param(recorded_by), m.recorded_by_name, now, now})
      .status();
}

namespace {

constexpr const char* kMeasurementColumns =
    "SELECT id, family_id, member_id, instrument_id, instrument_version, moment, taken_on, filled_in_by, scores, "
    "domain_scores, notes, recorded_by_name, created_at, version FROM measurements ";

StoredMeasurement MeasurementFromRow(const db::Row& r) {
  StoredMeasurement m;
  m.id = r.Text(0);
  m.family_id = r.Text(1);
  m.member_id = r.Text(2);
  m.instrument_id = r.Text(3);
  m.instrument_version = r.Text(4);
  m.moment = r.Text(5);
  m.taken_on = r.Text(6);
  m.filled_in_by = r.Text(7);
  m.scores_json = r.Text(8);
  m.domain_scores_json = r.Text(9);
  m.notes_json = r.Text(10);
  m.recorded_by_name = r.Text(11);
  m.created_at = r.Text(12);
  m.version = r.Int(13);
  return m;
}

}  // namespace

Result<StoredMeasurement> MeasurementRepo::Get(db::Connection& c, const std::string& family_id,
                                               const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kMeasurementColumns) + "WHERE id = ? AND family_id = ?",
                                      {id, family_id}));
  if (rows.empty()) return Status::NotFound("measurement_not_found");
  return MeasurementFromRow(rows[0]);
}

Status MeasurementRepo::Update(db::Connection& tx, const StoredMeasurement& m, int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE measurements SET moment = ?, taken_on = ?, filled_in_by = ?, scores = ?, "
                                      "domain_scores = ?, notes = ?, version = version + 1, updated_at = ? "
                                      "WHERE id = ? AND family_id = ? AND version = ?",
                                      {m.moment, m.taken_on, m.filled_in_by, m.scores_json, m.domain_scores_json,
                                       m.notes_json, FormatUtc(Now()), m.id, m.family_id, expected_version}));
  if (n != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return Status::Ok();
}

Status MeasurementRepo::PutCells(db::Connection& tx, const std::string& org, const std::string& id,
                                 const std::string& version, const std::optional<std::string>& cells_json,
                                 const std::optional<std::string>& by) {
  RETURN_IF_ERROR(tx.Exec("DELETE FROM instrument_cell_texts WHERE organisation_id = ? AND instrument_id = ? AND "
                          "instrument_version = ?",
                          {org, id, version})
                      .status());
  if (!cells_json) return Status::Ok();
  return tx.Exec("INSERT INTO instrument_cell_texts (organisation_id, instrument_id, instrument_version, cells, "
                 "loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?)",
                 {org, id, version, *cells_json, FormatUtc(Now()), db::Opt(by)})
      .status();
}

Result<std::optional<std::pair<Settings, int64_t>>> MeasurementRepo::SettingsOf(db::Connection& c,
                                                                                const std::string& programme_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT interim_every_months, tool_12_16, version FROM measurement_settings "
                                      "WHERE programme_id = ?",
                                      {programme_id}));
  if (rows.empty()) return std::optional<std::pair<Settings, int64_t>>();
  Settings s;
  s.interim_every_months = rows[0].Int(0);
  s.tool_12_16 = rows[0].OptText(1);
  return std::optional<std::pair<Settings, int64_t>>(std::make_pair(s, rows[0].Int(2)));
}

Result<int64_t> MeasurementRepo::PutSettings(db::Connection& tx, const std::string& programme_id, const Settings& s,
                                             int64_t expected_version) {
  const Status stale(Code::kFailedPrecondition, "version_stale");
  ASSIGN_OR_RETURN(auto current, SettingsOf(tx, programme_id));
  const db::Param tool = s.tool_12_16 ? db::Param(*s.tool_12_16) : db::Null();
  if (!current) {
    // The defaults count as version 1: the first change stores version 2.
    if (expected_version != 1) return stale;
    RETURN_IF_ERROR(tx.Exec("INSERT INTO measurement_settings (programme_id, interim_every_months, tool_12_16, "
                            "version, updated_at) VALUES (?, ?, ?, 2, ?)",
                            {programme_id, s.interim_every_months, tool, FormatUtc(Now())})
                        .status());
    return int64_t{2};
  }
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE measurement_settings SET interim_every_months = ?, tool_12_16 = ?, "
                                      "version = version + 1, updated_at = ? WHERE programme_id = ? AND version = ?",
                                      {s.interim_every_months, tool, FormatUtc(Now()), programme_id,
                                       expected_version}));
  if (n != 1) return stale;
  return expected_version + 1;
}

Result<int64_t> MeasurementRepo::CountForFamily(db::Connection& c, const std::string& family_id,
                                                const std::optional<std::string>& member_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM measurements WHERE family_id = ? AND (? = '' OR member_id = ?)",
                                      {family_id, member_id.value_or(""), member_id.value_or("")}));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

Result<std::vector<StoredMeasurement>> MeasurementRepo::ForFamily(
    db::Connection& c, const std::string& family_id, const std::optional<std::string>& member_id, int limit,
    const std::optional<std::pair<std::string, std::string>>& after) {
  std::string sql = std::string(kMeasurementColumns) + "WHERE family_id = ?";
  std::vector<db::Param> params{family_id};
  if (member_id) {
    sql += " AND member_id = ?";
    params.push_back(*member_id);
  }
  if (after) {
    sql += " AND (taken_on < ? OR (taken_on = ? AND id < ?))";
    params.push_back(after->first);
    params.push_back(after->first);
    params.push_back(after->second);
  }
  sql += " ORDER BY taken_on DESC, id DESC LIMIT " + std::to_string(limit);
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<StoredMeasurement> out;
  for (const auto& r : rows) {
    out.push_back(MeasurementFromRow(r));
  }
  return out;
}

Status MeasurementRepo::SetGeneration(db::Connection& tx, const std::string& family_id, const std::string& member_id,
                                      std::optional<int64_t> generation) {
  db::Param g = generation ? db::Param(*generation) : db::Null();
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE member_poverty_generations SET generation = ?, updated_at = ? "
                                      "WHERE member_id = ?",
                                      {g, FormatUtc(Now()), member_id}));
  if (n > 0) return Status::Ok();
  return tx.Exec("INSERT INTO member_poverty_generations (member_id, family_id, generation, updated_at) "
                 "VALUES (?, ?, ?, ?)",
                 {member_id, family_id, g, FormatUtc(Now())})
      .status();
}

}  // namespace kansrijk::measurements
