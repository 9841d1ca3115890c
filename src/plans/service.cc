#include "plans/service.h"

#include "families/repo.h"
#include "plans/wire.h"
#include "platform/time.h"

namespace kansrijk::plans {
namespace {

// The version a change goes to, opened when needed.
Result<Version> DraftFor(db::Connection& tx, const std::string& family_id, const std::optional<std::string>& named_id) {
  ASSIGN_OR_RETURN(auto current, PlanRepo::Current(tx, family_id));
  std::optional<Version> named;
  if (named_id) {
    auto v = PlanRepo::GetVersion(tx, family_id, *named_id);
    if (!v.ok()) return Status::InvalidField("version_id", "plan_version_not_found");
    named = *v;
  }
  ASSIGN_OR_RETURN(auto target, TargetOfChange(current, named));
  if (target == ChangeTarget::kCurrentDraft) {
    RETURN_IF_ERROR(PlanRepo::Touch(tx, *current));
    return *current;
  }
  return PlanRepo::InsertVersion(tx, family_id, current ? current->number + 1 : 1);
}

Status CheckReferences(db::Connection& tx, const std::string& family_id, const Item& item) {
  FieldErrors errors;
  for (const auto& m : NamedMembers(item)) {
    auto member = families::FamilyRepo::GetMember(tx, family_id, m);
    if (!member.ok()) {
      if (member.status().code() != Code::kNotFound) return member.status();
      errors[item.type == ItemType::kGoal ? "owner_ids" : "member_id"].push_back({"member_not_in_household", {}});
      break;
    }
  }
  if (item.goal_id) {
    ASSIGN_OR_RETURN(bool ok, PlanRepo::IsGoalOf(tx, family_id, *item.goal_id));
    if (!ok) errors["goal_id"].push_back({"goal_not_in_family", {}});
  }
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  return Status::Ok();
}

}  // namespace

Result<PlanDoc> GetPlan(db::Connection& c, const std::string& family_id) {
  PlanDoc p;
  ASSIGN_OR_RETURN(p.versions, PlanRepo::Versions(c, family_id));
  if (!p.versions.empty()) p.version = p.versions.front();
  ASSIGN_OR_RETURN(p.items, PlanRepo::Items(c, family_id));
  ASSIGN_OR_RETURN(p.history, PlanRepo::History(c, family_id));
  return p;
}

Result<http::Json> GetPlanVersion(db::Connection& c, const std::string& family_id, const std::string& version_id) {
  ASSIGN_OR_RETURN(auto v, PlanRepo::GetVersion(c, family_id, version_id));
  if (v.agreed && v.snapshot) {
    auto j = http::Json::parse(*v.snapshot, nullptr, false);
    if (j.is_object()) return j;
  }
  ASSIGN_OR_RETURN(auto plan, GetPlan(c, family_id));
  return PlanJson(plan);
}

Result<PlanDoc> AddItem(db::Connection& tx, const std::string& family_id, ItemType type, const Change& change) {
  RETURN_IF_ERROR(CreateItem(tx, family_id, type, change).status());
  return GetPlan(tx, family_id);
}

Result<Item> CreateItem(db::Connection& tx, const std::string& family_id, ItemType type, const Change& change) {
  Item item;
  item.family_id = family_id;
  item.type = type;
  auto errors = ApplyItemFields(item, change.fields, true);
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  RETURN_IF_ERROR(CheckReferences(tx, family_id, item));
  ASSIGN_OR_RETURN(auto draft, DraftFor(tx, family_id, change.version_id));
  (void)draft;
  ASSIGN_OR_RETURN(auto created, PlanRepo::InsertItem(tx, item));
  if (created.type == ItemType::kGoal)
    RETURN_IF_ERROR(PlanRepo::AddHistory(tx, family_id, created.id, created.status.value_or("idea"), change.by_name));
  return created;
}

Result<PlanDoc> ChangeItem(db::Connection& tx, const std::string& family_id, const std::string& item_id,
                           const Change& change, int64_t expected_version) {
  ASSIGN_OR_RETURN(auto item, PlanRepo::GetItem(tx, family_id, item_id));
  // Checked before the fields, so a stale screen hears "reload" rather than errors about fields
  // that someone else has since changed; the UPDATE checks it again.
  if (item.version != expected_version) return Status(Code::kFailedPrecondition, "version_stale");
  const auto before = item.status;
  auto errors = ApplyItemFields(item, change.fields, false);
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  RETURN_IF_ERROR(CheckReferences(tx, family_id, item));
  ASSIGN_OR_RETURN(auto draft, DraftFor(tx, family_id, change.version_id));
  (void)draft;
  ASSIGN_OR_RETURN(auto updated, PlanRepo::UpdateItem(tx, item, expected_version));
  if (updated.type == ItemType::kGoal && updated.status != before)
    RETURN_IF_ERROR(PlanRepo::AddHistory(tx, family_id, updated.id, updated.status.value_or("idea"), change.by_name));
  return GetPlan(tx, family_id);
}

Result<PlanDoc> AgreeVersion(db::Connection& tx, const std::string& family_id, const std::string& version_id,
                             const std::string& agreed_on, const std::vector<std::string>& member_ids) {
  ASSIGN_OR_RETURN(auto v, PlanRepo::GetVersion(tx, family_id, version_id));
  ASSIGN_OR_RETURN(auto current, PlanRepo::Current(tx, family_id));
  RETURN_IF_ERROR(CheckAgree(current, v));
  if (member_ids.empty()) return Status::InvalidField("member_ids", "required");
  for (const auto& m : member_ids) {
    auto member = families::FamilyRepo::GetMember(tx, family_id, m);
    if (!member.ok()) {
      if (member.status().code() != Code::kNotFound) return member.status();
      return Status::InvalidField("member_ids", "member_not_in_household");
    }
  }
  // The frozen copy: the plan as it is now, with this version marked agreed.
  ASSIGN_OR_RETURN(auto plan, GetPlan(tx, family_id));
  v.agreed = true;
  v.agreed_on = agreed_on;
  v.agreed_by = member_ids;
  plan.version = v;
  for (auto& x : plan.versions)
    if (x.id == v.id) x = v;
  RETURN_IF_ERROR(PlanRepo::Agree(tx, v, agreed_on, member_ids, PlanJson(plan).dump()));
  return GetPlan(tx, family_id);
}

}  // namespace kansrijk::plans
