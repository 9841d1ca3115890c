// SQL of the kansplan: the working items, goal status history and the numbered versions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plans/model.h"
#include "platform/db.h"

namespace kansrijk::plans {

struct HistoryEntry {
  std::string goal_id, status, at, by_name;
};

class PlanRepo {
 public:
  static Result<std::vector<Version>> Versions(db::Connection& c, const std::string& family_id);  // newest first
  static Result<std::optional<Version>> Current(db::Connection& c, const std::string& family_id);
  static Result<Version> GetVersion(db::Connection& c, const std::string& family_id, const std::string& id);
  static Result<Version> InsertVersion(db::Connection& tx, const std::string& family_id, int64_t number);
  // Marks a draft agreed with its frozen snapshot; kConflict plan_version_agreed when it was not a draft.
  static Status Agree(db::Connection& tx, const Version& v, const std::string& agreed_on,
                      const std::vector<std::string>& member_ids, const std::string& snapshot);
  static Status Touch(db::Connection& tx, const Version& v);

  static Result<std::vector<Item>> Items(db::Connection& c, const std::string& family_id);
  static Result<Item> GetItem(db::Connection& c, const std::string& family_id, const std::string& id);
  static Result<Item> InsertItem(db::Connection& tx, const Item& item);
  // kFailedPrecondition version_stale when the stored item is no longer at `expected_version`.
  static Result<Item> UpdateItem(db::Connection& tx, const Item& item, int64_t expected_version);
  static Result<std::vector<HistoryEntry>> History(db::Connection& c, const std::string& family_id);
  static Status AddHistory(db::Connection& tx, const std::string& family_id, const std::string& goal_id,
                           const std::string& status, const std::string& by_name);

  // For other features (budget, contacts, today), read only.
  static Result<bool> IsGoalOf(db::Connection& c, const std::string& family_id, const std::string& goal_id);
  static Result<std::optional<std::string>> GoalTitle(db::Connection& c, const std::string& family_id,
                                                      const std::string& goal_id);
  // Titles of many goals (a programme's report), read in batches: id -> title.
  static Result<std::map<std::string, std::string>> GoalTitles(db::Connection& c, const std::vector<std::string>& ids);
  // Open actions of a family due on or before `date` (YYYY-MM-DD), earliest first.
  static Result<std::vector<Item>> DueActions(db::Connection& c, const std::string& family_id, const std::string& date);
  // Open actions due on or before `date` of the organisation's active families (only `family_ids`
  // when given), earliest first, at most `limit`: one query for a whole caseload or team.
  struct DueAction {
    std::string family_id, family_name, action_id, what, due_on;
  };
  static Result<std::vector<DueAction>> DueActionsIn(db::Connection& c, const std::string& organisation_id,
                                                     const std::optional<std::vector<std::string>>& family_ids,
                                                     const std::string& date, int limit);
};

}  // namespace kansrijk::plans
