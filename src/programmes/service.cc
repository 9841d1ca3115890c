#include "programmes/service.h"

#include "programmes/repo.h"

namespace kansrijk::programmes {
namespace {

// The rules a caller other than the API (which reads them with FieldReader) may still break.
FieldErrors Check(const ProgrammeFields& f, bool is_new) {
  FieldErrors errors;
  if (is_new && !f.name) errors["name"].push_back({"required", {}});
  if (f.name && f.name->empty()) errors["name"].push_back({"not_empty", {}});
  if (f.name && f.name->size() > kMaxProgrammeNameChars)
    errors["name"].push_back({"too_long", {{"max", std::to_string(kMaxProgrammeNameChars)}}});
  if (f.follow_up_months) MergeFieldErrors(errors, ValidateFollowUpMonths(*f.follow_up_months));
  return errors;
}

}  // namespace

Result<std::vector<Programme>> ListProgrammes(db::Connection& c, const std::string& organisation_id) {
  return ProgrammeRepo::List(c, organisation_id);
}

Result<Programme> CreateProgramme(db::Connection& tx, const std::string& organisation_id, const ProgrammeFields& fields) {
  if (auto errors = Check(fields, true); !errors.empty()) return Status::Invalid(errors);
  Programme base;
  base.organisation_id = organisation_id;
  return ProgrammeRepo::Insert(tx, ApplyProgrammeChange(base, fields));
}

Result<Programme> UpdateProgramme(db::Connection& tx, const std::string& organisation_id, const std::string& id,
                                  int64_t expected_version, const ProgrammeFields& fields) {
  if (auto errors = Check(fields, false); !errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(Programme current, ProgrammeRepo::Get(tx, organisation_id, id));
  return ProgrammeRepo::Update(tx, ApplyProgrammeChange(current, fields), expected_version);
}

}  // namespace kansrijk::programmes
