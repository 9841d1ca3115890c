// The kansplan as pure rules: the life domains, what a dream, talent, goal, action or review
// must hold, a goal's status, and plan versioning — a change goes to the open draft, a change
// after agreement opens a new draft, and an agreed version never changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http.h"
#include "platform/status.h"

namespace kansrijk::plans {

constexpr size_t kMaxTextChars = 2000, kMaxTitleChars = 200;

// The ZRM domains (zrm.*, 2017, 13) and the Positive Health dimensions (ph.*, 6), from domain.md.
const std::vector<std::string>& LifeDomains();
bool IsLifeDomain(std::string_view key);

enum class ItemType { kDream, kTalent, kGoal, kAction, kReview };
std::optional<ItemType> ParseItemType(std::string_view s);
std::string ItemTypeName(ItemType t);

const std::vector<std::string>& GoalStatuses();  // idea, active, achieved, stopped
const std::vector<std::string>& Horizons();      // short, long

// One item of the working plan. The type's own fields are in `data` (JSON object):
// dream/talent {member_id, text}; goal {title, description, life_domain, horizon, owner_ids,
// target_date}; action {member_id, what}; review {held_on, went_well, next_steps}.
struct Item {
  std::string id;
  std::string family_id;
  ItemType type = ItemType::kGoal;
  std::optional<std::string> goal_id;  // action
  std::optional<std::string> due_on;   // action
  bool done = false;                   // action
  std::optional<std::string> status;   // goal
  http::Json data = http::Json::object();
  std::string created_at, updated_at;
  int64_t version = 1;  // a change names it (If-Match): two devices cannot overwrite each other
};

// Applies `input` (the request's fields without type/version_id) to `item`: for a new item
// every required field must be there, for a change only the given ones change. Field errors as
// catalogue codes. Household membership and the goal's family are checked by the service.
FieldErrors ApplyItemFields(Item& item, const http::Json& input, bool is_new);
// The member ids an item names (dream/talent/action member_id, goal owner_ids).
std::vector<std::string> NamedMembers(const Item& item);

struct Version {
  std::string id;
  int64_t number = 0;
  bool agreed = false;
  std::optional<std::string> agreed_on;
  std::vector<std::string> agreed_by;
  std::optional<std::string> snapshot;  // JSON of the plan as agreed
};

// Where a change goes. `named` is the version the client says it edits (optional).
enum class ChangeTarget { kCurrentDraft, kNewDraft };
Result<ChangeTarget> TargetOfChange(const std::optional<Version>& current, const std::optional<Version>& named);
// May `v` be agreed now? 409 plan_version_agreed, plan_version_not_current.
Status CheckAgree(const std::optional<Version>& current, const Version& v);

}  // namespace kansrijk::plans
