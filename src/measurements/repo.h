// Storage of instruments, measurements and the generation in poverty (migration 0015).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "measurements/model.h"
#include "platform/db.h"

namespace kansrijk::measurements {

struct StoredMeasurement {
  std::string id, family_id, member_id, instrument_id, instrument_version, moment, taken_on, filled_in_by;
  std::string scores_json, domain_scores_json, notes_json;
  std::string recorded_by_name, created_at;
  int64_t version = 1;
};

class MeasurementRepo {
 public:
  // Instrument definitions visible to the organisation ('' = shipped): (definition JSON, shipped).
  static Result<std::vector<std::pair<std::string, bool>>> Instruments(db::Connection& c, const std::string& org);
  // The stored scoring key of (org or shipped, id, version), if loaded.
  static Result<std::optional<std::string>> ScoringKeyOf(db::Connection& c, const std::string& org,
                                                         const std::string& id, const std::string& version);
  static Status UpsertInstrument(db::Connection& tx, const std::string& org, const std::string& id,
                                 const std::string& version, const std::string& definition,
                                 const std::string& scoring_key, const std::optional<std::string>& by);
  static Result<std::optional<std::string>> CellsOf(db::Connection& c, const std::string& org, const std::string& id,
                                                    const std::string& version);

  static Status Insert(db::Connection& tx, const StoredMeasurement& m, const std::string& recorded_by);
  // Newest first; `member_id` filters; `after` is a (taken_on, id) cursor.
  static Result<std::vector<StoredMeasurement>> ForFamily(db::Connection& c, const std::string& family_id,
                                                          const std::optional<std::string>& member_id, int limit,
                                                          const std::optional<std::pair<std::string, std::string>>& after);
  // One measurement of the family; kNotFound measurement_not_found (also for another family's).
  static Result<StoredMeasurement> Get(db::Connection& c, const std::string& family_id, const std::string& id);
  // A correction: moment, date, who filled it in, scores, domain scores and notes of `m`;
  // kFailedPrecondition version_stale when the stored version is not `expected_version`.
  static Status Update(db::Connection& tx, const StoredMeasurement& m, int64_t expected_version);

  // Cell texts of an organisation for (id, version): replaced as a whole; empty `cells_json`
  // removes them.
  static Status PutCells(db::Connection& tx, const std::string& org, const std::string& id,
                         const std::string& version, const std::optional<std::string>& cells_json,
                         const std::optional<std::string>& by);

  // A programme's stored settings and their version; none: the defaults (version 1).
  static Result<std::optional<std::pair<Settings, int64_t>>> SettingsOf(db::Connection& c,
                                                                        const std::string& programme_id);
  // Stores the settings when the current version is `expected_version` (1 for the defaults);
  // kFailedPrecondition version_stale otherwise. Returns the new version.
  static Result<int64_t> PutSettings(db::Connection& tx, const std::string& programme_id, const Settings& s,
                                     int64_t expected_version);

  // How many measurements ForFamily's pages hold in all (with the same member filter).
  static Result<int64_t> CountForFamily(db::Connection& c, const std::string& family_id,
                                        const std::optional<std::string>& member_id);
  static Status SetGeneration(db::Connection& tx, const std::string& family_id, const std::string& member_id,
                              std::optional<int64_t> generation);
};

}  // namespace kansrijk::measurements
