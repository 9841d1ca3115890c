#include "families/service.h"

namespace kansrijk::families {

Result<security::FamilyScope> LoadFamilyScope(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT organisation_id, coach_id FROM families WHERE id = ?", {family_id}));
  if (rows.empty()) return Status::NotFound("family_not_found");
  security::FamilyScope scope{family_id, rows[0].Text(0), {}};
  if (auto coach = rows[0].OptText(1)) scope.coach_ids.push_back(*coach);
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

}  // namespace kansrijk::families
