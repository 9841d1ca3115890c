#include "programmes/api.h"

#include "platform/api_helpers.h"
#include "programmes/service.h"
#include "security/org_collection.h"

namespace kansrijk::programmes {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;

Json ProgrammeJson(const Programme &p) {
  return {
      {"id", p.id},
      {"name", p.name},
      {"threshold_percent", p.threshold_percent},
      {"default_budget_cents", p.default_budget_cents},
      {"contact_target_minutes_per_week", p.contact_target_minutes_per_week},
      {"planned_duration_weeks", p.planned_duration_weeks},
      {"follow_up_months", p.follow_up_months},
      {"active", p.active},
      {"version", p.version},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at}};
}

// Reads the editable fields; `is_new` makes the name required.
Result<ProgrammeFields> ReadFields(const http::Request &req, bool is_new) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req.body));
  FieldReader f(body, {"name", "threshold_percent", "default_budget_cents",
                       "contact_target_minutes_per_week",
                       "planned_duration_weeks", "follow_up_months", "active"});
  ProgrammeFields p;
  p.name = f.String("name", is_new, kMaxProgrammeNameChars);
  if (p.name && p.name->empty())
    f.Error("name", "not_empty");
  p.threshold_percent = f.Int("threshold_percent", false, 1, 1000);
  p.default_budget_cents =
      f.Int("default_budget_cents", false, 0, 100'000'000'00);
  p.contact_target_minutes_per_week =
      f.Int("contact_target_minutes_per_week", false, 0, 7 * 24 * 60);
  p.planned_duration_weeks = f.Int("planned_duration_weeks", false, 1, 520);
  p.active = f.Bool("active");
  if (const Json *months = f.Array("follow_up_months")) {
    std::vector<int64_t> list;
    bool ok = true;
    for (const auto &m : *months) {
      if (!m.is_number_integer()) {
        f.Error("follow_up_months", "not_integer");
        ok = false;
        break;
      }
      list.push_back(m.get<int64_t>());
    }
    if (ok) {
      auto errors = ValidateFollowUpMonths(list);
      MergeFieldErrors(f.errors(), errors);
      if (errors.empty())
        p.follow_up_months = list;
    }
  }
  for (const char *not_null :
       {"name", "threshold_percent", "default_budget_cents",
        "contact_target_minutes_per_week", "planned_duration_weeks",
        "follow_up_months", "active"})
    if (f.IsNull(not_null))
      f.Error(not_null, "not_empty");
  RETURN_IF_ERROR(f.Finish());
  return p;
}

} // namespace

void RegisterProgrammeRoutes(security::Routes &routes) {
  security::AddOrgCollectionRoutes(
      routes,
      security::OrgCollection<Programme, ProgrammeFields>{
          "/api/v1/programmes", "programme", ListProgrammes, ReadFields,
          CreateProgramme, UpdateProgramme, ProgrammeJson},
      Action::kProgrammeRead, Action::kProgrammeCreate,
      Action::kProgrammeUpdate);
}

} // namespace kansrijk::programmes
