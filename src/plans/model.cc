#include "plans/model.h"

#include <algorithm>
#include <functional>

#include "platform/text.h"
#include "platform/time.h"

namespace kansrijk::plans {
namespace {

std::string Options(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

bool In(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Reads a text field into data; returns false (with an error) when wrong.
void Text(const http::Json& in, http::Json& data, FieldErrors& errors, const std::string& name, bool required,
          size_t max) {
  if (!in.contains(name) || in[name].is_null()) {
    if (required) errors[name].push_back({"required", {}});
    return;
  }
  if (!in[name].is_string()) {
    errors[name].push_back({"not_text", {}});
    return;
  }
  const std::string v(Trim(in[name].get<std::string>()));
  if (required && v.empty()) errors[name].push_back({"required", {}});
  else if (Utf8Length(v) > max) errors[name].push_back({"too_long", {{"max", std::to_string(max)}}});
  else if (HasControlChars(v)) errors[name].push_back({"control_chars", {}});
  else data[name] = v;
}

std::optional<std::string> DateOf(const http::Json& in, FieldErrors& errors, const std::string& name, bool required) {
  if (!in.contains(name) || in[name].is_null()) {
    if (required) errors[name].push_back({"required", {}});
    return std::nullopt;
  }
  if (!in[name].is_string() || !ParseDate(in[name].get<std::string>())) {
    errors[name].push_back({"bad_date", {}});
    return std::nullopt;
  }
  return in[name].get<std::string>();
}

void Choice(const http::Json& in, FieldErrors& errors, const std::string& name, bool required,
            const std::vector<std::string>& options, const std::function<void(const std::string&)>& set) {
  if (!in.contains(name) || in[name].is_null()) {
    if (required) errors[name].push_back({"required", {}});
    return;
  }
  if (!in[name].is_string() || !In(options, in[name].get<std::string>())) {
    errors[name].push_back({"choose_one_of", {{"options", Options(options)}}});
    return;
  }
  set(in[name].get<std::string>());
}

}  // namespace

const std::vector<std::string>& LifeDomains() {
  static const std::vector<std::string> kDomains = {
      "zrm.financien", "zrm.werk_opleiding", "zrm.tijdsbesteding", "zrm.huisvesting", "zrm.huiselijke_relaties",
      "zrm.geestelijke_gezondheid", "zrm.lichamelijke_gezondheid", "zrm.middelengebruik", "zrm.basale_adl",
      "zrm.instrumentele_adl", "zrm.sociaal_netwerk", "zrm.maatschappelijke_participatie", "zrm.justitie",
      "ph.lichaamsfuncties", "ph.mentaal_welbevinden", "ph.zingeving", "ph.kwaliteit_van_leven", "ph.meedoen",
      "ph.dagelijks_functioneren"};
  return kDomains;
}

bool IsLifeDomain(std::string_view key) { return In(LifeDomains(), std::string(key)); }

std::optional<ItemType> ParseItemType(std::string_view s) {
  if (s == "dream") return ItemType::kDream;
  if (s == "talent") return ItemType::kTalent;
  if (s == "goal") return ItemType::kGoal;
  if (s == "action") return ItemType::kAction;
  if (s == "review") return ItemType::kReview;
  return std::nullopt;
}

std::string ItemTypeName(ItemType t) {
  switch (t) {
    case ItemType::kDream: return "dream";
    case ItemType::kTalent: return "talent";
    case ItemType::kGoal: return "goal";
    case ItemType::kAction: return "action";
    case ItemType::kReview: return "review";
  }
  return "goal";
}

const std::vector<std::string>& GoalStatuses() {
  static const std::vector<std::string> k = {"idea", "active", "achieved", "stopped"};
  return k;
}
const std::vector<std::string>& Horizons() {
  static const std::vector<std::string> k = {"short", "long"};
  return k;
}

FieldErrors ApplyItemFields(Item& item, const http::Json& in, bool is_new) {
  FieldErrors errors;
  auto& d = item.data;
  const bool req = is_new;
  switch (item.type) {
    case ItemType::kDream:
    case ItemType::kTalent:
      Text(in, d, errors, "member_id", req, 64);
      Text(in, d, errors, "text", req, kMaxTextChars);
      break;
    case ItemType::kGoal: {
      Text(in, d, errors, "title", req, kMaxTitleChars);
      Text(in, d, errors, "description", false, kMaxTextChars);
      Choice(in, errors, "life_domain", req, LifeDomains(), [&](const std::string& v) { d["life_domain"] = v; });
      Choice(in, errors, "horizon", req, Horizons(), [&](const std::string& v) { d["horizon"] = v; });
      Choice(in, errors, "status", false, GoalStatuses(), [&](const std::string& v) { item.status = v; });
      if (is_new && !item.status) item.status = "idea";
      if (in.contains("owner_ids")) {
        if (!in["owner_ids"].is_array()) errors["owner_ids"].push_back({"not_list", {}});
        else {
          http::Json owners = http::Json::array();
          for (const auto& o : in["owner_ids"])
            if (o.is_string()) owners.push_back(o);
            else errors["owner_ids"].push_back({"not_text", {}});
          d["owner_ids"] = owners;
        }
      } else if (is_new) d["owner_ids"] = http::Json::array();
      if (in.contains("target_date")) {
        if (in["target_date"].is_null()) d["target_date"] = nullptr;
        else if (auto t = DateOf(in, errors, "target_date", false)) d["target_date"] = *t;
      }
      if (!d.contains("description")) d["description"] = "";
      break;
    }
    case ItemType::kAction:
      if (in.contains("goal_id")) {
        if (in["goal_id"].is_null()) item.goal_id.reset();
        else if (in["goal_id"].is_string()) item.goal_id = in["goal_id"].get<std::string>();
        else errors["goal_id"].push_back({"not_text", {}});
      }
      Text(in, d, errors, "member_id", false, 64);
      Text(in, d, errors, "what", req, kMaxTextChars);
      if (in.contains("due_on")) {
        if (in["due_on"].is_null()) item.due_on.reset();
        else if (auto t = DateOf(in, errors, "due_on", false)) item.due_on = *t;
      }
      if (in.contains("done")) {
        if (!in["done"].is_boolean()) errors["done"].push_back({"not_boolean", {}});
        else item.done = in["done"].get<bool>();
      }
      break;
    case ItemType::kReview:
      if (auto t = DateOf(in, errors, "held_on", req)) d["held_on"] = *t;
      // What went well comes first: it is required, what is next may follow later.
      Text(in, d, errors, "went_well", req, kMaxTextChars);
      Text(in, d, errors, "next_steps", false, kMaxTextChars);
      if (!d.contains("next_steps")) d["next_steps"] = "";
      break;
  }
  return errors;
}

std::vector<std::string> NamedMembers(const Item& item) {
  std::vector<std::string> out;
  if (item.data.contains("member_id") && item.data["member_id"].is_string())
    out.push_back(item.data["member_id"].get<std::string>());
  if (item.data.contains("owner_ids") && item.data["owner_ids"].is_array())
    for (const auto& o : item.data["owner_ids"])
      if (o.is_string()) out.push_back(o.get<std::string>());
  return out;
}

Result<ChangeTarget> TargetOfChange(const std::optional<Version>& current, const std::optional<Version>& named) {
  if (named && named->agreed) return Status::Conflict("plan_version_agreed", {{"number", std::to_string(named->number)}});
  if (named && current && named->id != current->id) return Status::Conflict("plan_version_not_current");
  if (!current || current->agreed) return ChangeTarget::kNewDraft;
  return ChangeTarget::kCurrentDraft;
}

Status CheckAgree(const std::optional<Version>& current, const Version& v) {
  if (v.agreed) return Status::Conflict("plan_version_agreed", {{"number", std::to_string(v.number)}});
  if (!current || current->id != v.id) return Status::Conflict("plan_version_not_current");
  return Status::Ok();
}

}  // namespace kansrijk::plans
