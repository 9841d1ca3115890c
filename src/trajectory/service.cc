#include "trajectory/service.h"

#include <algorithm>
#include <cmath>

#include "consent/model.h"
#include "consent/repo.h"
#include "eligibility/repo.h"
#include "families/repo.h"
#include "platform/random.h"
#include "programmes/repo.h"
#include "timeline/timeline.h"

namespace kansrijk::trajectory {
namespace {

timeline::Entry EntryFor(const Doer& by, const std::string& family_id, std::string kind, Date date) {
  timeline::Entry e;
  e.family_id = family_id;
  e.kind = std::move(kind);
  e.date = FormatDate(date);
  e.user_id = by.user_id;
  e.user_name = by.display_name;
  return e;
}

// The trajectory of a family just registered: phase aanmelding, waiting when it has no coach.
Trajectory NewTrajectory(const families::Family& f) {
  Trajectory t;
  t.family_id = f.id;
  t.phase = "aanmelding";
  t.waiting_since = WaitingSinceAfter(false, std::nullopt, WaitsForCoach(f.coach_id.has_value(), t.phase),
                                      FormatUtc(Now()));
  return t;
}

}  // namespace

Result<CaseFile> GetCase(db::Connection& c, const std::string& family_id) {
  CaseFile out;
  ASSIGN_OR_RETURN(out.c, CaseloadRepo::Get(c, family_id));
  ASSIGN_OR_RETURN(out.members, families::FamilyRepo::Members(c, family_id));
  out.c.family.member_count = int64_t(out.members.size());
  return out;
}

Result<CasePage> ListCases(db::Connection& c, const CaseloadQuery& q) { return CaseloadRepo::List(c, q); }
Result<int64_t> CountCases(db::Connection& c, const CaseloadQuery& q) { return CaseloadRepo::Count(c, q); }

Result<CaseFile> CreateCase(db::Connection& tx, const families::NewFamily& f) {
  ASSIGN_OR_RETURN(auto created, families::CreateFamily(tx, f));
  RETURN_IF_ERROR(TrajectoryRepo::Write(tx, NewTrajectory(created.family)));
  CaseFile out;
  ASSIGN_OR_RETURN(out.c, CaseloadRepo::Get(tx, created.family.id));
  out.members = std::move(created.members);
  out.c.family.member_count = int64_t(out.members.size());
  return out;
}

Result<Case> UpdateCase(db::Connection& tx, const std::string& family_id, int64_t expected_version,
                        const families::FamilyChange& change, bool may_assign_coach) {
  ASSIGN_OR_RETURN(Case before, CaseloadRepo::Get(tx, family_id));
  // Archiving is an administrative act for closed trajectories only: a family that never
  // starts is closed with a reason (ChangePhase), so it is counted, not silently archived.
  if (change.status && *change.status == "archived" && before.family.status != "archived" &&
      before.trajectory.phase != "afsluiting" && before.trajectory.phase != "nazorg")
    return Status::InvalidField("status", "archive_needs_closing", {{"phase", before.trajectory.phase}});
  ASSIGN_OR_RETURN(families::Family after, families::UpdateFamily(tx, family_id, expected_version, change, may_assign_coach));
  Trajectory t = before.trajectory;
  t.waiting_since = WaitingSinceAfter(WaitsForCoach(before.family.coach_id.has_value(), t.phase), t.waiting_since,
                                      WaitsForCoach(after.coach_id.has_value(), t.phase), FormatUtc(Now()));
  if (t.waiting_since != before.trajectory.waiting_since) RETURN_IF_ERROR(TrajectoryRepo::Write(tx, t));
  return CaseloadRepo::Get(tx, family_id);
}

Result<CaseFile> CreateReferral(db::Connection& tx, const NewReferral& r, const Doer& by, Date today) {
  std::optional<std::string> programme_id;
  if (r.programme_id) {
    auto p = programmes::ProgrammeRepo::Get(tx, r.family.organisation_id, *r.programme_id);
    if (!p.ok() && p.status().code() != Code::kNotFound) return p.status();
    if (!p.ok() || !p->active) return Status::InvalidField("programme_id", "programme_not_available");
    programme_id = p->id;
  }
  ASSIGN_OR_RETURN(auto kinds, ReferrerKindRepo::List(tx, r.family.organisation_id));
  if (std::none_of(kinds.begin(), kinds.end(), [&](const ReferrerKind& k) { return k.code == r.referrer_kind; })) {
    std::string options;
    for (const auto& k : kinds) options += (options.empty() ? "" : ", ") + k.code;
    return Status::InvalidField("referrer_kind", "choose_one_of", {{"options", options}});
  }
  ASSIGN_OR_RETURN(auto created, families::CreateFamily(tx, r.family));
  Trajectory t = NewTrajectory(created.family);
  t.programme_id = programme_id;
  t.referrer_organisation = r.referrer_organisation;
  t.referrer_kind = r.referrer_kind;
  t.referral_reason = r.reason;
  auto empty_to_null = [](const std::optional<std::string>& v) { return v && v->empty() ? std::nullopt : v; };
  t.contact_phone = empty_to_null(r.contact.phone);
  t.contact_email = empty_to_null(r.contact.email);
  t.contact_address = empty_to_null(r.contact.address);
  RETURN_IF_ERROR(TrajectoryRepo::Write(tx, t));
  auto e = EntryFor(by, created.family.id, "referral", today);
  e.to = "aanmelding";
  e.note = r.referrer_organisation + " (" + r.referrer_kind + "): " + r.reason;
  RETURN_IF_ERROR(timeline::Append(tx, e));
  CaseFile out;
  ASSIGN_OR_RETURN(out.c, CaseloadRepo::Get(tx, created.family.id));
  out.members = std::move(created.members);
  out.c.family.member_count = int64_t(out.members.size());
  return out;
}

Result<Case> AssignCoach(db::Connection& tx, const std::string& family_id, const std::string& coach_id,
                         const std::optional<std::string>& note, const Doer& by, Date today) {
  ASSIGN_OR_RETURN(Case current, CaseloadRepo::Get(tx, family_id));
  const families::Family& f = current.family;
  if (f.coach_id == coach_id) return Status::InvalidField("coach_id", "coach_already_assigned");
  RETURN_IF_ERROR(families::FamilyRepo::CheckCoach(tx, f.organisation_id, coach_id));
  const bool handover = f.coach_id.has_value();
  if (handover && !note) return Status::InvalidField("note", "handover_note_required");
  ASSIGN_OR_RETURN(families::Family updated,
                   families::FamilyRepo::Update(tx, f, f.version, f.name, coach_id, f.status));
  Trajectory t = current.trajectory;
  t.waiting_since = WaitingSinceAfter(WaitsForCoach(handover, t.phase), t.waiting_since, WaitsForCoach(true, t.phase),
                                      FormatUtc(Now()));
  RETURN_IF_ERROR(TrajectoryRepo::Write(tx, t));
  auto e = EntryFor(by, family_id, handover ? "handover" : "assign", today);
  if (handover) e.from = f.coach_name;
  e.to = updated.coach_name;
  e.note = note;
  RETURN_IF_ERROR(timeline::Append(tx, e));
  return CaseloadRepo::Get(tx, family_id);
}

Result<Case> ChangePhase(db::Connection& tx, const std::string& family_id, const PhaseRequest& req, const Doer& by,
                         Date today) {
  ASSIGN_OR_RETURN(Case current, CaseloadRepo::Get(tx, family_id));
  ASSIGN_OR_RETURN(auto consents, consent::ConsentRepo::ForFamily(tx, family_id));
  ASSIGN_OR_RETURN(auto checks, eligibility::CheckRepo::ForFamily(tx, family_id));
  PhaseFacts facts;
  facts.from = current.trajectory.phase;
  facts.closed_from_phase = current.trajectory.closed_from_phase;
  facts.has_coach = current.family.coach_id.has_value();
  facts.coaching_consent = consent::MayI(consents, "coaching");
  // The newest check is the household's current situation; older ones are history.
  facts.eligibility_passed = !checks.empty() && checks.front().EffectivePasses();
  ASSIGN_OR_RETURN(ChangeKind kind, CheckPhaseChange(facts, req, today));
  Trajectory t = current.trajectory;
  t.phase = req.to;
  if (req.to == "intake") t.intake_date = FormatDate(*req.date);
  std::vector<FollowUpMoment> moments;
  if (req.to == "afsluiting") {
    t.closing_reason = req.closing_reason;
    t.closing_summary = req.closing_summary && !req.closing_summary->empty() ? req.closing_summary : std::nullopt;
    t.closed_on = FormatDate(*req.date);
    t.closed_from_phase = facts.from;
    ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::OfFamily(tx, family_id));
    moments = ScheduleFollowUps(*req.date, facts.from,
                                programme ? programme->follow_up_months : std::vector<int64_t>{});
    // Without follow-up moments (a family that never started) the trajectory ends with the closing.
    if (moments.empty()) t.ended_on = t.closed_on;
  }
  if (kind == ChangeKind::kReopen) {
    t.closing_reason.reset();
    t.closing_summary.reset();
    t.closed_on.reset();
    t.closed_from_phase.reset();
    t.ended_on.reset();
    RETURN_IF_ERROR(FollowUpRepo::CancelOpen(tx, family_id));
  }
  t.waiting_since = WaitingSinceAfter(WaitsForCoach(facts.has_coach, facts.from), t.waiting_since,
                                      WaitsForCoach(facts.has_coach, t.phase), FormatUtc(Now()));
  RETURN_IF_ERROR(TrajectoryRepo::Update(tx, t, current.family.version));
  auto e = EntryFor(by, family_id, kind == ChangeKind::kReopen ? "reopen" : "phase", *req.date);
  e.from = current.trajectory.phase;
  e.to = req.to;
  e.note = req.note;
  if (req.to == "afsluiting")
    e.note = *req.closing_reason + (t.closing_summary ? ": " + *t.closing_summary : "") + (req.note ? "\n" + *req.note : "");
  RETURN_IF_ERROR(timeline::Append(tx, e));
  for (const auto& m : moments) {
    FollowUp f;
    f.id = NewId();
    f.family_id = family_id;
    f.organisation_id = current.family.organisation_id;
    f.months = m.months;
    f.due_on = FormatDate(m.due_on);
    RETURN_IF_ERROR(FollowUpRepo::Insert(tx, f));
  }
  return CaseloadRepo::Get(tx, family_id);
}

Result<std::vector<FollowUp>> ListFollowUps(db::Connection& c, const std::string& family_id) {
  return FollowUpRepo::ForFamily(c, family_id);
}

Result<FollowUpPage> DueFollowUps(db::Connection& c, const FollowUpQuery& q) { return FollowUpRepo::Due(c, q); }

Result<Case> RecordFollowUp(db::Connection& tx, const std::string& family_id, const std::string& follow_up_id,
                            const std::optional<std::string>& outcome, const std::optional<std::string>& note,
                            const Doer& by, Date today) {
  ASSIGN_OR_RETURN(FollowUp moment, FollowUpRepo::Get(tx, family_id, follow_up_id));
  auto due = ParseDate(moment.due_on);
  if (!due) return Status(Code::kInternal, "internal");
  RETURN_IF_ERROR(CheckFollowUpOutcome(moment.status, *due, today, outcome, note));
  RETURN_IF_ERROR(FollowUpRepo::Record(tx, moment.id, *outcome, note, FormatDate(today), by.user_id, by.display_name));
  auto e = EntryFor(by, family_id, "follow_up", today);
  e.from = std::to_string(moment.months);
  e.to = *outcome;
  e.note = note;
  RETURN_IF_ERROR(timeline::Append(tx, e));
  ASSIGN_OR_RETURN(auto all, FollowUpRepo::ForFamily(tx, family_id));
  const bool any_open = std::any_of(all.begin(), all.end(), [](const FollowUp& f) { return f.status == "open"; });
  ASSIGN_OR_RETURN(Case current, CaseloadRepo::Get(tx, family_id));
  if (!any_open && !current.trajectory.ended_on) {
    Trajectory t = current.trajectory;
    t.ended_on = FormatDate(today);
    RETURN_IF_ERROR(TrajectoryRepo::Update(tx, t, current.family.version));
    auto ended = EntryFor(by, family_id, "ended", today);
    ended.from = t.phase;
    RETURN_IF_ERROR(timeline::Append(tx, ended));
    return CaseloadRepo::Get(tx, family_id);
  }
  return current;
}

Result<std::vector<ReferrerKind>> ListReferrerKinds(db::Connection& c, const std::string& organisation_id) {
  return ReferrerKindRepo::List(c, organisation_id);
}

Result<std::vector<ReferrerKind>> ReplaceReferrerKinds(db::Connection& tx, const std::string& organisation_id,
                                                       const std::vector<ReferrerKind>& kinds) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& k : kinds) pairs.emplace_back(k.code, k.label);
  if (auto errors = ValidateReferrerKinds(pairs); !errors.empty()) return Status::Invalid(errors);
  RETURN_IF_ERROR(ReferrerKindRepo::Replace(tx, organisation_id, kinds));
  return ReferrerKindRepo::List(tx, organisation_id);
}

Result<TeamOverview> GetTeamOverview(db::Connection& c, const std::string& organisation_id, TimePoint now) {
  TeamOverview out;
  ASSIGN_OR_RETURN(out.coaches, OverviewRepo::Coaches(c, organisation_id));
  ASSIGN_OR_RETURN(auto waiting, OverviewRepo::WaitingSince(c, organisation_id));
  int64_t sum = 0;
  for (const auto& w : waiting) {
    int64_t days = WaitingDays(w, now);
    out.longest_days = std::max(out.longest_days, days);
    sum += days;
  }
  out.waiting_count = int64_t(waiting.size());
  ASSIGN_OR_RETURN(out.closings, OverviewRepo::Closings(c, organisation_id));
  ASSIGN_OR_RETURN(auto kinds, ReferrerKindRepo::List(c, organisation_id));
  for (const auto& k : kinds) out.referrals_by_kind[k.code] = 0;
  ASSIGN_OR_RETURN(auto referrals, OverviewRepo::ReferralsByKind(c, organisation_id));
  for (const auto& [kind, n] : referrals) out.referrals_by_kind[kind] += n;
  out.average_days = waiting.empty() ? 0.0 : std::round(double(sum) * 10.0 / double(waiting.size())) / 10.0;
  return out;
}

}  // namespace kansrijk::trajectory
