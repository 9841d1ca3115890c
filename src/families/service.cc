#include "families/service.h"

#include <algorithm>

#include "timeline/timeline.h"

namespace kansrijk::families {

Result<security::FamilyScope> LoadFamilyScope(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT organisation_id, coach_id FROM families WHERE id = ?", {family_id}));
  if (rows.empty()) return Status::NotFound("family_not_found");
  security::FamilyScope scope{family_id, rows[0].Text(0), {}};
  if (auto coach = rows[0].OptText(1)) scope.coach_ids.push_back(*coach);
  ASSIGN_OR_RETURN(auto further, FamilyRepo::ActiveCoachIds(c, family_id));
  for (auto& id : further) scope.coach_ids.push_back(std::move(id));
  return scope;
}

Result<FamilyWithMembers> CreateFamily(db::Connection& tx, const NewFamily& f) {
  if (f.coach_id) RETURN_IF_ERROR(FamilyRepo::CheckCoach(tx, f.organisation_id, *f.coach_id));
  FamilyWithMembers out;
  ASSIGN_OR_RETURN(out.family, FamilyRepo::Insert(tx, f.organisation_id, f.name, f.coach_id));
  for (const auto& m : f.members) {
    ASSIGN_OR_RETURN(auto member, FamilyRepo::InsertMember(tx, out.family.id, m));
    out.members.push_back(std::move(member));
  }
  out.family.member_count = int64_t(out.members.size());
  return out;
}

Result<Family> UpdateFamily(db::Connection& tx, const std::string& family_id, int64_t expected_version,
                            const FamilyChange& change, bool may_assign_coach) {
  ASSIGN_OR_RETURN(Family current, FamilyRepo::Get(tx, family_id));
  std::optional<std::string> new_coach = current.coach_id;
  if (change.coach_change && change.coach_id != current.coach_id) {
    if (!may_assign_coach) return Status::Forbidden("coach_change_forbidden");
    if (change.coach_id) RETURN_IF_ERROR(FamilyRepo::CheckCoach(tx, current.organisation_id, *change.coach_id));
    new_coach = change.coach_id;
  }
  return FamilyRepo::Update(tx, current, expected_version, change.name.value_or(current.name), new_coach,
                            change.status.value_or(current.status));
}

Result<FamilyWithMembers> GetFamily(db::Connection& c, const std::string& family_id) {
  FamilyWithMembers out;
  ASSIGN_OR_RETURN(out.family, FamilyRepo::Get(c, family_id));
  ASSIGN_OR_RETURN(out.members, FamilyRepo::Members(c, family_id));
  out.family.member_count = int64_t(out.members.size());
  return out;
}

Result<Member> AddMember(db::Connection& tx, const std::string& family_id, const MemberFields& fields) {
  return FamilyRepo::InsertMember(tx, family_id, fields);
}

Result<Member> ChangeMember(db::Connection& tx, const std::string& family_id, const std::string& member_id,
                            const MemberFields& change, int64_t expected_version) {
  ASSIGN_OR_RETURN(Member current, FamilyRepo::GetMember(tx, family_id, member_id));
  return FamilyRepo::UpdateMember(tx, ApplyMemberChange(current, change), expected_version);
}

namespace {

// user_id must be an enabled coach of the organisation who is not yet one of the family's coaches.
Status CheckNewCoach(db::Connection& tx, const Family& f, const std::string& user_id) {
  RETURN_IF_ERROR(FamilyRepo::CheckCoach(tx, f.organisation_id, user_id));
  ASSIGN_OR_RETURN(auto further, FamilyRepo::ActiveCoachIds(tx, f.id));
  if (f.coach_id == user_id || std::find(further.begin(), further.end(), user_id) != further.end())
    return Status::InvalidField("user_id", "coach_already_assigned");
  return Status::Ok();
}

timeline::Entry CoachEntry(const CoachDoer& by, const std::string& family_id, const char* kind, Date today) {
  timeline::Entry e;
  e.family_id = family_id;
  e.kind = kind;
  e.date = FormatDate(today);
  e.user_id = by.user_id;
  e.user_name = by.display_name;
  return e;
}

}  // namespace

Result<std::vector<FamilyCoach>> ListFurtherCoaches(db::Connection& c, const std::string& family_id) {
  return FamilyRepo::Coaches(c, family_id);
}

Result<FamilyCoach> AddFurtherCoach(db::Connection& tx, const std::string& family_id, const std::string& user_id,
                                    const std::string& role, const std::optional<std::string>& note,
                                    const CoachDoer& by, Date today) {
  if (!IsFurtherCoachRole(role))
    return Status::InvalidField("role", "choose_one_of", {{"options", kFurtherCoachRoleOptions}});
  ASSIGN_OR_RETURN(Family f, FamilyRepo::Get(tx, family_id));
  if (auto st = CheckNewCoach(tx, f, user_id); !st.ok()) {
    // CheckCoach names the field coach_id; here the field is user_id.
    if (st.code() == Code::kInvalidArgument && st.field_errors().count("coach_id"))
      return Status::InvalidField("user_id", "coach_not_in_organisation");
    return st;
  }
  FamilyCoach fc;
  fc.family_id = family_id;
  fc.user_id = user_id;
  fc.role = role;
  fc.started_on = FormatDate(today);
  fc.note = note;
  ASSIGN_OR_RETURN(FamilyCoach created, FamilyRepo::InsertCoach(tx, fc));
  auto e = CoachEntry(by, family_id, "coach_added", today);
  e.from = role;
  e.to = created.display_name;
  e.note = note;
  RETURN_IF_ERROR(timeline::Append(tx, e));
  return created;
}

Result<FamilyCoach> HandOverFurtherCoach(db::Connection& tx, const std::string& family_id,
                                         const std::string& family_coach_id, const std::string& user_id,
                                         const std::optional<std::string>& note, const CoachDoer& by, Date today) {
  ASSIGN_OR_RETURN(FamilyCoach current, FamilyRepo::GetCoach(tx, family_id, family_coach_id));
  if (current.ended_on) return Status(Code::kConflict, "coach_already_ended");
  if (!note || note->empty()) return Status::InvalidField("note", "handover_note_required");
  ASSIGN_OR_RETURN(Family f, FamilyRepo::Get(tx, family_id));
  if (auto st = CheckNewCoach(tx, f, user_id); !st.ok()) {
    if (st.code() == Code::kInvalidArgument && st.field_errors().count("coach_id"))
      return Status::InvalidField("user_id", "coach_not_in_organisation");
    return st;
  }
  RETURN_IF_ERROR(FamilyRepo::EndCoach(tx, current.id, FormatDate(today), *note));
  FamilyCoach fc;
  fc.family_id = family_id;
  fc.user_id = user_id;
  fc.role = current.role;
  fc.started_on = FormatDate(today);
  fc.note = note;
  ASSIGN_OR_RETURN(FamilyCoach created, FamilyRepo::InsertCoach(tx, fc));
  auto e = CoachEntry(by, family_id, "coach_handover", today);
  e.from = current.display_name;
  e.to = created.display_name;
  e.note = current.role + ": " + *note;
  RETURN_IF_ERROR(timeline::Append(tx, e));
  return created;
}

Result<FamilyCoach> EndFurtherCoach(db::Connection& tx, const std::string& family_id,
                                    const std::string& family_coach_id, const std::optional<std::string>& note,
                                    const CoachDoer& by, Date today) {
  ASSIGN_OR_RETURN(FamilyCoach current, FamilyRepo::GetCoach(tx, family_id, family_coach_id));
  if (current.ended_on) return Status(Code::kConflict, "coach_already_ended");
  if (!note || note->empty()) return Status::InvalidField("note", "coach_end_note_required");
  RETURN_IF_ERROR(FamilyRepo::EndCoach(tx, current.id, FormatDate(today), *note));
  auto e = CoachEntry(by, family_id, "coach_ended", today);
  e.from = current.display_name;
  e.to = current.role;
  e.note = note;
  RETURN_IF_ERROR(timeline::Append(tx, e));
  return FamilyRepo::GetCoach(tx, family_id, family_coach_id);
}

}  // namespace kansrijk::families
