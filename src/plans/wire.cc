#include "plans/wire.h"

namespace kansrijk::plans {
namespace {

using http::Json;

Json Opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }
Json Field(const Json& data, const char* name, Json fallback) {
  return data.contains(name) ? data[name] : fallback;
}

Json VersionJson(const Version& v) {
  return {{"id", v.id}, {"number", v.number}, {"status", v.agreed ? "agreed" : "draft"},
          {"agreed_on", Opt(v.agreed_on)}, {"agreed_by", v.agreed_by}};
}

}  // namespace

Json PlanJson(const PlanDoc& p) {
  Json versions = Json::array();
  for (const auto& v : p.versions)
    versions.push_back({{"id", v.id}, {"number", v.number}, {"status", v.agreed ? "agreed" : "draft"},
                        {"agreed_on", Opt(v.agreed_on)}});
  Json dreams = Json::array(), goals = Json::array(), actions = Json::array(), reviews = Json::array();
  for (const auto& i : p.items) {
    const Json& d = i.data;
    switch (i.type) {
      case ItemType::kDream:
      case ItemType::kTalent:
        dreams.push_back({{"id", i.id}, {"type", ItemTypeName(i.type)}, {"member_id", Field(d, "member_id", "")},
                          {"text", Field(d, "text", "")}, {"version", i.version}});
        break;
      case ItemType::kGoal: {
        Json history = Json::array();
        for (const auto& h : p.history)
          if (h.goal_id == i.id) history.push_back({{"status", h.status}, {"at", h.at}, {"by_name", h.by_name}});
        goals.push_back({{"id", i.id}, {"title", Field(d, "title", "")}, {"description", Field(d, "description", "")},
                         {"life_domain", Field(d, "life_domain", nullptr)}, {"horizon", Field(d, "horizon", "short")},
                         {"owner_ids", Field(d, "owner_ids", Json::array())},
                         {"target_date", Field(d, "target_date", nullptr)}, {"status", i.status.value_or("idea")},
                         {"history", history}, {"version", i.version}});
        break;
      }
      case ItemType::kAction:
        actions.push_back({{"id", i.id}, {"goal_id", Opt(i.goal_id)}, {"member_id", Field(d, "member_id", nullptr)},
                           {"what", Field(d, "what", "")}, {"due_on", Opt(i.due_on)}, {"done", i.done},
                           {"version", i.version}});
        break;
      case ItemType::kReview:
        reviews.push_back({{"id", i.id}, {"held_on", Field(d, "held_on", "")}, {"went_well", Field(d, "went_well", "")},
                           {"next_steps", Field(d, "next_steps", "")}, {"version", i.version}});
        break;
    }
  }
  return {{"version", p.version ? VersionJson(*p.version) : Json(nullptr)},
          {"versions", versions},
          {"dreams", dreams},
          {"goals", goals},
          {"actions", actions},
          {"reviews", reviews}};
}

}  // namespace kansrijk::plans
