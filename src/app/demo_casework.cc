#include "app/demo_casework.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "budget/model.h"
#include "contacts/model.h"
#include "platform/random.h"

namespace kansrijk::app {
namespace {

using db::Param;

struct Spend {
  int64_t cents;
  const char* supplier;
  const char* description;
};
struct GoalTemplate {
  const char* title;
  const char* life_domain;
  const char* category;
  const char* action;
  std::vector<Spend> spends;  // in order; the threshold (500 euro) makes some need the team lead
};

const std::vector<GoalTemplate>& Templates() {
  static const std::vector<GoalTemplate> k = {
      {"Rijbewijs B halen", "zrm.werk_opleiding", "rijbewijs en vervoer", "Rijlessen plannen",
       {{13'500, "CBR", "Theorie-examen en oefenpakket"}, {47'500, "Rijschool Oost", "Rijlessen 1 tot 10"}}},
      {"Zwemdiploma A", "ph.meedoen", "sport en cultuur", "Zwembad bellen voor een plek",
       {{28'000, "Zwembad De Swaaie", "Zwemlessen, 20 keer"}}},
      {"Elke dag met de fiets naar school", "zrm.maatschappelijke_participatie", "kinderen en school",
       "Fiets uitzoeken met de kinderen",
       {{32'000, "Fietsenmaker Bakker", "Fiets voor school"}, {3'500, "Fietsenmaker Bakker", "Fietshelm en slot"}}},
      {"Een keuken die werkt", "zrm.huisvesting", "huis en inrichting", "Offerte vragen voor een koelkast",
       {{54'900, "Witgoed Emmen", "Koelkast met vriesvak"}}},
      {"Diploma MBO zorg afronden", "zrm.werk_opleiding", "opleiding", "Inschrijven bij het ROC",
       {{39'500, "ROC Drenthe", "Lesgeld laatste jaar"}, {6'500, "Boekhandel Coevorden", "Studieboeken"}}},
  };
  return k;
}

const char* const kDirectKinds[] = {"home_visit", "kitchen_table", "home_visit", "video", "office",
                                    "accompanied_appointment", "group_activity"};
const char* const kTopics[] = {"zrm.financien", "zrm.werk_opleiding", "zrm.huisvesting", "zrm.sociaal_netwerk",
                               "ph.mentaal_welbevinden", "ph.meedoen"};
const char* const kFollowUps[] = {"Afspraak maken bij de schuldhulp", "Brief van de gemeente samen lezen",
                                  "Bellen met school over de ouderavond", "Vragen naar de sportclub in de buurt"};

int64_t DaysBetween(Date from, Date to) { return DaysSinceEpoch(to) - DaysSinceEpoch(from); }

std::string Json(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }
Param Text(const std::string& s) { return Param(s); }

}  // namespace

int64_t DemoPotCents(int families) {
  return std::min<int64_t>(budget::kMaxAmountCents, std::max<int64_t>(5'000'000, (int64_t{families} / 2 + 1) * 70'000));
}

SyntheticCasework::SyntheticCasework(std::string organisation_id, std::map<std::string, std::string> pot_of,
                                     std::map<std::string, int64_t> pot_left, Staff lead)
    : org_(std::move(organisation_id)), pot_of_(std::move(pot_of)), pot_left_(std::move(pot_left)),
      lead_(std::move(lead)), now_(Now()), year_(TodayInAmsterdam(now_).year) {}

void SyntheticCasework::AddFamily(int i, const std::string& family_id, const std::string& programme_id,
                                  int64_t allocation_cents, const std::string& phase,
                                  const std::vector<families::Member>& members, const Staff& coach,
                                  const std::optional<Date>& intake) {
  if (members.empty() || !intake || coach.id.empty()) return;
  auto pot = pot_of_.find(programme_id);
  if (pot == pot_of_.end()) return;
  const families::Member& parent = members.front();
  const families::Member& child = members.back();
  const std::string parent_name = parent.given_name + " " + parent.family_name;
  auto ago = [&](double days) { return FormatUtc(now_ - std::chrono::milliseconds(int64_t(days * 86'400'000))); };
  const Date today = TodayInAmsterdam(now_);
  // Days since intake, at least a week: everything below lies between the intake and today.
  const int since = std::max(7, int(DaysBetween(*intake, today)));
  const bool active = phase == "actief", closed = phase == "afsluiting" || phase == "nazorg";

  // The budget: the allocation for this year, from the first of January or the intake.
  const std::string allocation_id = NewId();
  const std::string start = std::max(FormatDate(*intake), std::to_string(year_) + "-01-01");
  const std::string allocated_at = ago(std::min(since, 330) - 1);
  allocations_.push_back({allocation_id, family_id, org_, programme_id, pot->second, allocation_cents, start,
                          std::to_string(year_) + "-12-31", coach.id, allocated_at});
  ledger_.push_back({NewId(), family_id, allocation_id, pot->second, nullptr, Text("allocation"), allocation_cents,
                     nullptr, Text("staff"), coach.id, nullptr, coach.name, allocated_at});

  const GoalTemplate& g = Templates()[size_t(i) % Templates().size()];
  int64_t spend_total = 0;
  for (const auto& s : g.spends) spend_total += s.cents;
  int64_t& left = pot_left_[pot->second];
  const bool spends = left >= spend_total;  // never more than the pot holds
  if ((active || closed) && spends) {
    left -= spend_total;
    // The plan: a draft version, one goal with its history, an action done and one coming up.
    const std::string goal_id = NewId(), created = ago(std::min(since, 300) - 2);
    versions_.push_back({NewId(), family_id, int64_t{1}, Text("draft"), nullptr, Text("[]"), nullptr, created, created});
    const std::string goal_status = closed ? "achieved" : "active";
    const nlohmann::json goal_data = {{"title", g.title},
                                      {"life_domain", g.life_domain},
                                      {"horizon", "short"},
                                      {"owner_ids", {parent.id}},
                                      {"description", ""}};
    items_.push_back({goal_id, family_id, Text("goal"), nullptr, nullptr, int64_t{0}, goal_status, goal_data.dump(),
                      created, created});
    history_.push_back({NewId(), family_id, goal_id, goal_status, created, coach.name});
    const nlohmann::json action = {{"member_id", parent.id}, {"what", g.action}};
    items_.push_back({NewId(), family_id, Text("action"), goal_id, FormatDate(AddDays(today, -(since / 2))),
                      int64_t{1}, nullptr, action.dump(), created, created});
    if (active) {
      const nlohmann::json next = {{"member_id", parent.id}, {"what", "Samen terugkijken op " + std::string(g.title)}};
      items_.push_back({NewId(), family_id, Text("action"), goal_id, FormatDate(AddDays(today, i % 21 - 7)),
                        int64_t{0}, nullptr, next.dump(), created, created});
    }

    // Spending for the goal, oldest first, spread over the time since the intake.
    const bool reversal = i % 15 == 4;       // now and then a payment comes back
    const bool waiting = active && i % 6 == 1;  // the last request still waits for the family
    for (size_t k = 0; k < g.spends.size(); ++k) {
      const Spend& s = g.spends[k];
      const std::string request_id = NewId();
      const double days = std::max(1.0, since * (0.8 - 0.3 * double(k)));
      const std::string asked = ago(days), approved = ago(days - 0.5), paid_on = FormatDate(AddDays(today, std::min(0, -int(days) + 3)));  // never in the future
      const bool last = k + 1 == g.spends.size();
      std::string status = waiting && last ? "requested" : (closed || k + 1 < g.spends.size() || i % 4) ? "paid" : "committed";
      if (reversal && k == 0 && status == "paid") status = "reversed";
      const bool committed = status != "requested";
      requests_.push_back({request_id, family_id, allocation_id, s.cents, Text(g.category), goal_id, Text(s.supplier),
                           Text(s.description), status, nullptr, committed ? Param(approved) : Param(nullptr),
                           status == "paid" || status == "reversed" ? Param(paid_on) : Param(nullptr),
                           status == "paid" || status == "reversed" ? Param(Text("bank_transfer")) : Param(nullptr),
                           coach.id, coach.name, asked, committed ? approved : asked});
      approvals_.push_back({NewId(), request_id, family_id, Text("coach"), Text("staff"), coach.id, nullptr,
                            "user:" + coach.id, coach.name, nullptr, coach.id, asked});
      if (!committed) continue;
      // The parent signed on the coach's tablet by typing their given name.
      approvals_.push_back({NewId(), request_id, family_id, Text("family"), Text("family_member"), nullptr, parent.id,
                            "member:" + parent.id, parent_name, parent.given_name, coach.id, approved});
      // The demo pots keep the default threshold (SetPot is called without one).
      const bool lead = s.cents > budget::kDefaultApprovalThresholdCents;
      if (lead)
        approvals_.push_back({NewId(), request_id, family_id, Text("team_lead"), Text("staff"), lead_.id, nullptr,
                              "user:" + lead_.id, lead_.name, nullptr, lead_.id, approved});
      // The commit is written by whoever gave the last approval.
      if (lead)
        ledger_.push_back({NewId(), family_id, allocation_id, pot->second, request_id, Text("commit"), -s.cents, nullptr,
                           Text("staff"), lead_.id, nullptr, lead_.name, approved});
      else
        ledger_.push_back({NewId(), family_id, allocation_id, pot->second, request_id, Text("commit"), -s.cents, nullptr,
                           Text("family_member"), nullptr, parent.id, parent_name, approved});
      if (status == "reversed")
        ledger_.push_back({NewId(), family_id, allocation_id, pot->second, request_id, Text("reversal"), s.cents,
                           Text("Les afgezegd; de leverancier heeft het bedrag teruggestort."), Text("staff"),
                           lead_.id, nullptr, lead_.name, ago(std::max(0.5, days - 10))});
    }
  }

  // Contacts: weekly while coaching runs (up to eight weeks back), a call to a partner every
  // other week; at intake the first two visits; none recently for a closed trajectory.
  const int weeks = active ? std::min(8, since / 7) : phase == "intake" ? 1 : 0;
  auto contact = [&](double days_ago, int64_t minutes, const char* kind, bool direct, bool planned,
                     std::vector<std::string> present, std::vector<std::string> topics,
                     std::vector<std::string> follow_ups) {
    const std::string at = days_ago >= 0 ? ago(days_ago)
                                         : FormatUtc(now_ + std::chrono::milliseconds(int64_t(-days_ago * 86'400'000)));
    contacts_.push_back({NewId(), family_id, coach.id, coach.name, at, minutes, Text(kind), int64_t{direct ? 1 : 0},
                         int64_t{planned ? 1 : 0}, Json(present), Json(topics), nullptr, Json(follow_ups),
                         planned ? FormatUtc(now_) : at});
  };
  for (int w = 0; w <= weeks; ++w) {
    if (phase == "intake" && w > 1) break;
    const double days = w * 7 + 1 + (i + w) % 5 + (i % 8) / 24.0;
    if (days > since) break;
    std::vector<std::string> present = {parent.id};
    if ((i + w) % 3 == 0 && child.id != parent.id) present.push_back(child.id);
    std::vector<std::string> follow;
    if ((i + w) % 3 == 1) follow.push_back(kFollowUps[size_t(i + w) % std::size(kFollowUps)]);
    contact(days, 45 + 15 * ((i + w) % 6), kDirectKinds[size_t(i + w) % std::size(kDirectKinds)], true, false, present,
            {kTopics[size_t(i + w) % std::size(kTopics)]}, follow);
    if (w % 2 == 0 && active)
      contact(days + 2, 15 + 5 * ((i + w) % 4), "phone", false, false, {}, {kTopics[size_t(i) % std::size(kTopics)]}, {});
  }
  if (active && i % 10 == 1) contact(-(1.0 + i % 5) / 24.0, 60, "home_visit", true, true, {parent.id}, {}, {});
}

Status SyntheticCasework::Flush(db::Connection& tx) {
  RETURN_IF_ERROR(db::InsertRows(tx, "plan_versions",
                                 {"id", "family_id", "number", "status", "agreed_on", "agreed_by", "snapshot",
                                  "created_at", "updated_at"},
                                 versions_));
  RETURN_IF_ERROR(db::InsertRows(tx, "plan_items",
                                 {"id", "family_id", "type", "goal_id", "due_on", "done", "status", "data", "created_at",
                                  "updated_at"},
                                 items_));
  RETURN_IF_ERROR(db::InsertRows(tx, "plan_goal_history", {"id", "family_id", "goal_id", "status", "at", "by_name"},
                                 history_));
  RETURN_IF_ERROR(db::InsertRows(tx, "budget_allocations",
                                 {"id", "family_id", "organisation_id", "programme_id", "pot_id", "amount_cents",
                                  "period_start", "period_end", "created_by", "created_at"},
                                 allocations_));
  RETURN_IF_ERROR(db::InsertRows(tx, "budget_requests",
                                 {"id", "family_id", "allocation_id", "amount_cents", "category", "goal_id", "supplier",
                                  "description", "status", "override_reason", "committed_at", "paid_on",
                                  "payment_method", "created_by", "created_by_name", "created_at", "updated_at"},
                                 requests_));
  RETURN_IF_ERROR(db::InsertRows(tx, "budget_approvals",
                                 {"id", "request_id", "family_id", "as_role", "principal_kind", "user_id", "member_id",
                                  "approver_key", "name", "signature", "recorded_by", "at"},
                                 approvals_));
  RETURN_IF_ERROR(db::InsertRows(tx, "budget_ledger",
                                 {"id", "family_id", "allocation_id", "pot_id", "request_id", "kind", "amount_cents",
                                  "note", "by_kind", "by_user_id", "by_member_id", "by_name", "at"},
                                 ledger_));
  RETURN_IF_ERROR(db::InsertRows(tx, "contacts",
                                 {"id", "family_id", "coach_id", "coach_name", "started_at", "duration_minutes", "kind",
                                  "direct", "planned", "member_ids", "topics", "note", "follow_ups", "created_at"},
                                 contacts_));
  contacts_total_ += int64_t(contacts_.size());
  ledger_total_ += int64_t(ledger_.size());
  Clear();
  return Status::Ok();
}

void SyntheticCasework::Clear() {
  for (auto* v : {&versions_, &items_, &history_, &allocations_, &requests_, &approvals_, &ledger_, &contacts_})
    v->clear();
}

}  // namespace kansrijk::app
