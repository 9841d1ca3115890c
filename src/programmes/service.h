// The use cases of programmes: list, create and change an organisation's programmes, each on
// the caller's transaction and always scoped to one organisation (another organisation's
// programme is kNotFound, programme_not_found). Called by the HTTP handlers (api.cc), the CLI
// and the demo.
#pragma once

#include <string>
#include <vector>

#include "platform/db.h"
#include "programmes/model.h"

namespace kansrijk::programmes {

Result<std::vector<Programme>> ListProgrammes(db::Connection& c, const std::string& organisation_id);

// A new programme of the organisation: the defaults of Programme with `fields` applied.
// kInvalidArgument when the name is missing, empty or taken (programme_name_taken) or the
// follow-up months are wrong.
Result<Programme> CreateProgramme(db::Connection& tx, const std::string& organisation_id, const ProgrammeFields& fields);

// Applies `fields` to the organisation's programme `id`. kNotFound when it is not of this
// organisation, kFailedPrecondition (version_stale) when `expected_version` is stale.
Result<Programme> UpdateProgramme(db::Connection& tx, const std::string& organisation_id, const std::string& id,
                                  int64_t expected_version, const ProgrammeFields& fields);

}  // namespace kansrijk::programmes
