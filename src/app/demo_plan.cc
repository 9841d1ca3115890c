#include "app/demo_plan.h"

#include "app/demo_casework.h"

#include "budget/service.h"
#include "contacts/service.h"
#include "plans/service.h"
#include "platform/time.h"

namespace kansrijk::app {
namespace {

TimePoint HoursAgo(int hours) { return Now() - std::chrono::milliseconds(int64_t(hours) * 3'600'000); }
std::string DaysFromToday(int days) { return FormatDate(AddDays(TodayInAmsterdam(Now()), days)); }

std::string Name(const families::Member& m) { return m.given_name + " " + m.family_name; }

Status Contact(db::Connection& tx, const std::string& family_id, const std::string& coach_id,
               const std::string& coach_name, int hours_ago, int minutes, const char* kind, bool direct,
               std::vector<std::string> members, std::vector<std::string> topics, const char* note, bool planned = false) {
  contacts::Contact c;
  c.family_id = family_id;
  c.coach_id = coach_id;
  c.coach_name = coach_name;
  c.started_at = FormatUtc(hours_ago >= 0 ? HoursAgo(hours_ago) : Now() + std::chrono::hours(-hours_ago));
  c.duration_minutes = minutes;
  c.kind = kind;
  c.direct = direct;
  c.planned = planned;
  c.member_ids = std::move(members);
  c.topics = std::move(topics);
  if (note) c.note = note;
  return contacts::LogContact(tx, c, Now()).status();
}

// Spends `cents` for `goal_id`: coach and `member` approve (and the team lead above the
// threshold), then it is paid with a small PDF receipt when `paid`.
Status Spend(db::Connection& tx, const std::string& family_id, const std::string& goal_id, int64_t cents,
             const char* category, const char* supplier, const char* description, const families::Member& member,
             const std::string& coach_id, const std::string& coach_name, const std::string& lead_id,
             const std::string& lead_name, bool approve_all, bool paid) {
  budget::Writer coach{"staff", coach_id, std::nullopt, coach_name};
  ASSIGN_OR_RETURN(auto r, budget::CreateRequest(tx, family_id, {cents, category, goal_id, supplier, description}, coach));
  budget::Approval a;
  a.role = budget::ApproverRole::kCoach;
  a.user_id = coach_id;
  a.name = coach_name;
  ASSIGN_OR_RETURN(r, budget::Approve(tx, family_id, r.id, a, std::nullopt, coach));
  budget::Approval f;
  f.role = budget::ApproverRole::kFamily;
  f.principal_kind = "family_member";
  f.user_id = coach_id;
  f.member_id = member.id;
  f.name = Name(member);
  f.signature = member.given_name;  // typed on the coach's tablet
  ASSIGN_OR_RETURN(r, budget::Approve(tx, family_id, r.id, f, std::nullopt, coach));
  if (approve_all && r.status == budget::RequestStatus::kRequested) {
    budget::Approval l;
    l.role = budget::ApproverRole::kTeamLead;
    l.user_id = lead_id;
    l.name = lead_name;
    ASSIGN_OR_RETURN(r, budget::Approve(tx, family_id, r.id, l, std::nullopt, {"staff", lead_id, std::nullopt, lead_name}));
  }
  if (!paid) return Status::Ok();
  ASSIGN_OR_RETURN(r, budget::Pay(tx, family_id, r.id, DaysFromToday(-5), "bank_transfer"));
  const std::string pdf = std::string("%PDF-1.4\n% Factuur ") + supplier + "\n%%EOF\n";
  return budget::AttachReceipt(tx, family_id, r.id, pdf, coach_id).status();
}

const std::string& LastId(const plans::PlanDoc& p, plans::ItemType type) {
  static const std::string kNone;
  for (auto it = p.items.rbegin(); it != p.items.rend(); ++it)
    if (it->type == type) return it->id;
  return kNone;
}

}  // namespace

Status AddDemoPots(db::Connection& tx, const std::string& organisation_id, const std::vector<std::string>& programme_ids,
                   int families) {
  const int64_t year = TodayInAmsterdam(Now()).year;
  for (const auto& id : programme_ids)
    RETURN_IF_ERROR(
        budget::SetPot(tx, {organisation_id, id, year, DemoPotCents(families), std::nullopt, std::nullopt})
            .status());
  return Status::Ok();
}

Status AddDemoPlanBudget(db::Connection& tx, const std::string& family_id, const std::vector<families::Member>& members,
                         const std::string& coach_id, const std::string& coach_name, const std::string& lead_id,
                         const std::string& lead_name, int variant) {
  using http::Json;
  if (members.size() < 2) return Status::Ok();
  const families::Member& parent = variant == 0 ? members[1] : members[0];
  const families::Member& child = members.back();
  auto add = [&](plans::ItemType type, Json fields) -> Result<plans::PlanDoc> {
    return plans::AddItem(tx, family_id, type, {std::nullopt, std::move(fields), coach_name});
  };
  const int64_t year = TodayInAmsterdam(Now()).year;
  RETURN_IF_ERROR(budget::Allocate(tx, family_id, {std::nullopt, std::to_string(year) + "-01-01",
                                                   std::to_string(year) + "-12-31"},
                                   {"staff", coach_id, std::nullopt, coach_name})
                      .status());
  if (variant == 0) {
    RETURN_IF_ERROR(add(plans::ItemType::kDream, {{"member_id", parent.id}, {"text", "Zelf naar mijn werk kunnen rijden, en de kinderen naar sport brengen."}}).status());
    RETURN_IF_ERROR(add(plans::ItemType::kTalent, {{"member_id", parent.id}, {"text", "Ik kan goed plannen en houd vol."}}).status());
    RETURN_IF_ERROR(add(plans::ItemType::kTalent, {{"member_id", child.id}, {"text", "Goed met computers; helpt oma met haar telefoon."}}).status());
    ASSIGN_OR_RETURN(auto p, add(plans::ItemType::kGoal, {{"title", "Rijbewijs B halen"}, {"description", "Met een rijbewijs kan Sandra de baan in de zorg aannemen."},
                                                          {"life_domain", "zrm.werk_opleiding"}, {"horizon", "short"},
                                                          {"owner_ids", {parent.id}}, {"target_date", DaysFromToday(120)}, {"status", "active"}}));
    const std::string goal = LastId(p, plans::ItemType::kGoal);
    RETURN_IF_ERROR(add(plans::ItemType::kGoal, {{"title", "Weer overzicht over geld"}, {"life_domain", "zrm.financien"},
                                                 {"horizon", "long"}, {"owner_ids", {parent.id, members[0].id}}, {"status", "active"}}).status());
    ASSIGN_OR_RETURN(p, add(plans::ItemType::kAction, {{"goal_id", goal}, {"member_id", parent.id}, {"what", "Theorie-examen aanvragen bij het CBR"}, {"due_on", DaysFromToday(-20)}}));
    // The action was just made, so it is at its first version.
    RETURN_IF_ERROR(plans::ChangeItem(tx, family_id, LastId(p, plans::ItemType::kAction),
                                      {std::nullopt, {{"done", true}}, coach_name}, /*expected_version=*/1)
                        .status());
    RETURN_IF_ERROR(add(plans::ItemType::kAction, {{"goal_id", goal}, {"member_id", parent.id}, {"what", "Rijlessen 11 tot 20 plannen"}, {"due_on", DaysFromToday(0)}}).status());
    ASSIGN_OR_RETURN(p, add(plans::ItemType::kReview, {{"held_on", DaysFromToday(-7)}, {"went_well", "Sandra haalde haar theorie in één keer."}, {"next_steps", "Praktijkexamen aanvragen na les 20."}}));
    RETURN_IF_ERROR(plans::AgreeVersion(tx, family_id, p.version->id, DaysFromToday(-7), {parent.id, members[0].id}).status());
    RETURN_IF_ERROR(Spend(tx, family_id, goal, 13'500, "rijbewijs en vervoer", "CBR", "Theorie-examen en oefenpakket", parent,
                          coach_id, coach_name, lead_id, lead_name, true, true));
    RETURN_IF_ERROR(Spend(tx, family_id, goal, 47'500, "rijbewijs en vervoer", "Rijschool Oost", "Rijlessen 1 tot 10", parent,
                          coach_id, coach_name, lead_id, lead_name, true, true));
    // Waits for the team lead: above the threshold.
    RETURN_IF_ERROR(Spend(tx, family_id, goal, 52'000, "rijbewijs en vervoer", "Rijschool Oost", "Rijlessen 11 tot 20 en praktijkexamen",
                          parent, coach_id, coach_name, lead_id, lead_name, false, false));
  } else {
    RETURN_IF_ERROR(add(plans::ItemType::kDream, {{"member_id", child.id}, {"text", "Zwemmen met mijn klas."}}).status());
    ASSIGN_OR_RETURN(auto p, add(plans::ItemType::kGoal, {{"title", "Zwemdiploma A"}, {"life_domain", "ph.meedoen"}, {"horizon", "short"},
                                                          {"owner_ids", {child.id}}, {"status", "active"}}));
    const std::string goal = LastId(p, plans::ItemType::kGoal);
    RETURN_IF_ERROR(add(plans::ItemType::kAction, {{"goal_id", goal}, {"member_id", parent.id}, {"what", "Zwembad bellen voor een plek"}, {"due_on", DaysFromToday(-1)}}).status());
    RETURN_IF_ERROR(Spend(tx, family_id, goal, 28'000, "sport en cultuur", "Zwembad De Swaaie", "Zwemlessen, 20 keer", parent,
                          coach_id, coach_name, lead_id, lead_name, true, true));
  }
  // Contacts of the last three weeks, and one planned later: each family at its own hour, so a
  // coach's Vandaag lists the visits one after another rather than all at the same time.
  const std::vector<std::string> present = {parent.id};
  RETURN_IF_ERROR(Contact(tx, family_id, coach_id, coach_name, 24 * 15, 90, "kitchen_table", true, present, {"zrm.werk_opleiding", "ph.zingeving"}, "Dromen opgeschreven; Sandra straalde."));
  RETURN_IF_ERROR(Contact(tx, family_id, coach_id, coach_name, 24 * 13, 30, "phone", false, {}, {"zrm.werk_opleiding"}, nullptr));
  RETURN_IF_ERROR(Contact(tx, family_id, coach_id, coach_name, 24 * 8, 120, "home_visit", true, {parent.id, child.id}, {"zrm.financien"}, nullptr));
  RETURN_IF_ERROR(Contact(tx, family_id, coach_id, coach_name, 24 * 7, 60, "kitchen_table", true, present, {"zrm.werk_opleiding"}, "Evaluatie: theorie gehaald."));
  RETURN_IF_ERROR(Contact(tx, family_id, coach_id, coach_name, 24 * 2, 45, "accompanied_appointment", true, present, {"zrm.financien"}, nullptr));
  const int hours_ahead = 1 + variant % 4;
  return Contact(tx, family_id, coach_id, coach_name, -hours_ahead, 60, "home_visit", true, present, {"zrm.werk_opleiding"},
                 nullptr, true);
}

}  // namespace kansrijk::app
