// Use cases of the kansplan on the caller's transaction: read the plan (now or as a version
// was agreed), add and change items, agree a version. Every change goes to the open draft;
// after agreement a change opens the next version first, so agreed versions stay as agreed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/model.h"
#include "plans/repo.h"
#include "platform/db.h"

namespace kansrijk::plans {

struct PlanDoc {
  std::optional<Version> version;  // the current one
  std::vector<Version> versions;   // newest first
  std::vector<Item> items;
  std::vector<HistoryEntry> history;
};

Result<PlanDoc> GetPlan(db::Connection& c, const std::string& family_id);
// The plan as of version `version_id`: the frozen copy of an agreed version, else the current plan.
Result<http::Json> GetPlanVersion(db::Connection& c, const std::string& family_id, const std::string& version_id);

struct Change {
  std::optional<std::string> version_id;  // the version the client edits, if it says
  http::Json fields = http::Json::object();
  std::string by_name;
};
Result<PlanDoc> AddItem(db::Connection& tx, const std::string& family_id, ItemType type, const Change& change);
// The same, answering the new item (for callers that link to it, such as a contact's follow-up).
Result<Item> CreateItem(db::Connection& tx, const std::string& family_id, ItemType type, const Change& change);
// Changes the given fields of one item, when it is still at `expected_version` (If-Match):
// otherwise kFailedPrecondition version_stale and nothing changes.
Result<PlanDoc> ChangeItem(db::Connection& tx, const std::string& family_id, const std::string& item_id,
                           const Change& change, int64_t expected_version);
Result<PlanDoc> AgreeVersion(db::Connection& tx, const std::string& family_id, const std::string& version_id,
                             const std::string& agreed_on, const std::vector<std::string>& member_ids);

}  // namespace kansrijk::plans
