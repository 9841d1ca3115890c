#include "trajectory/api.h"

#include <cmath>

#include "consent/model.h"
#include "consent/repo.h"
#include "eligibility/repo.h"
#include "families/legacy.h"
#include "families/repo.h"
#include "platform/api_helpers.h"
#include "programmes/repo.h"
#include "security/policy.h"
#include "trajectory/model.h"
#include "trajectory/repo.h"

namespace kansrijk::trajectory {

using families::Family;
using families::FamilyRepo;
using http::FieldReader;
using http::Json;
using http::ProblemResponse;
using http::Request;
using http::Response;
using security::Action;
using security::ApiContext;
using security::AuditFor;
using security::Session;

namespace {

std::string FamilyResource(const std::string& id) { return "family/" + id; }

Response WithETag(Response res, int64_t version) {
  res.headers.emplace("ETag", http::ETagFor(version));
  return res;
}

// Refusals that reveal scope (404) or role (403) are audited; invalid input and conflicts are not
// case access and go straight back.
Event MakeEvent(const Session& s, const std::string& family_id, std::string kind, std::string date) {
  Event e;
  e.family_id = family_id;
  e.kind = std::move(kind);
  e.date = std::move(date);
  e.user_id = s.actor.user_id;
  e.user_name = s.actor.display_name;
  return e;
}

std::string Today() { return FormatDate(TodayInAmsterdam(Now())); }

// ---------------------------------------------------------------------------------------------
// Referral

Response CreateReferral(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "referral.create";
  if (security::Decide(s.actor, Action::kReferralCreate) != security::Decision::kAllow)
    return families::Refuse(ctx, req, s, action, "referrals", std::nullopt,
                            Status::Forbidden("Alleen een teamleider of coach kan een aanmelding invoeren."));
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"family_name", "programme_id", "referrer_organisation", "referrer_kind", "reason", "contact",
                        "members"});
  Family fam;
  fam.organisation_id = s.actor.organisation_id;
  auto name = f.String("family_name", true, families::kMaxFamilyNameChars);
  auto programme_id = f.String("programme_id", false, 64);
  fam.referrer_organisation = f.String("referrer_organisation", true, kMaxOrganisationChars);
  fam.referrer_kind = f.String("referrer_kind", true, 40);
  if (fam.referrer_kind && !IsReferrerKind(*fam.referrer_kind))
    f.Error("referrer_kind", "Kies woningcorporatie, school, voedselbank, schuldhulp, huisarts, gemeente, zelf of anders.");
  fam.referral_reason = f.String("reason", true, kMaxReasonChars);
  Contact contact;
  auto it = body->find("contact");
  if (it == body->end() || it->is_null()) {
    f.Error("contact", "Geef minstens één manier om de familie te bereiken: telefoon, e-mail of adres.");
  } else if (!it->is_object()) {
    f.Error("contact", "Dit moet een object zijn met phone, email en/of address.");
  } else {
    FieldReader c(*it, {"phone", "email", "address"});
    contact.phone = c.String("phone", false, 40);
    contact.email = c.String("email", false, 200);
    contact.address = c.String("address", false, 400);
    if (contact.email && !contact.email->empty() && contact.email->find('@') == std::string::npos)
      c.Error("email", "Dit lijkt geen e-mailadres.");
    for (auto& [field, messages] : c.errors())
      for (auto& m : messages) f.Error("contact." + field, m);
    if (c.errors().empty() && !HasAnyContact(contact))
      f.Error("contact", "Geef minstens één manier om de familie te bereiken: telefoon, e-mail of adres.");
  }
  auto empty_to_null = [](std::optional<std::string> v) { return v && v->empty() ? std::nullopt : v; };
  fam.contact_phone = empty_to_null(contact.phone);
  fam.contact_email = empty_to_null(contact.email);
  fam.contact_address = empty_to_null(contact.address);
  std::vector<families::MemberFields> members;
  Date today = TodayInAmsterdam(Now());
  if (const Json* list = f.Array("members")) {
    if (list->size() > 50) f.Error("members", "Een huishouden kan hier hoogstens 50 leden hebben.");
    for (size_t i = 0; i < list->size() && i < 50; ++i) {
      std::string prefix = "members[" + std::to_string(i) + "].";
      if (!(*list)[i].is_object()) {
        f.Error("members[" + std::to_string(i) + "]", "Elk gezinslid moet een object zijn.");
        continue;
      }
      auto m = families::ReadMemberFields((*list)[i], f.errors(), prefix);
      for (auto& [k, v] : families::ValidateMember(m, true, today, prefix))
        for (auto& msg : v) f.Error(k, msg);
      members.push_back(std::move(m));
    }
  }
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  fam.name = *name;
  fam.phase = "aanmelding";
  // A coach who takes a referral becomes the family's coach (as with POST /families); a team
  // lead's referral waits on the list until they assign someone.
  if (s.actor.role == security::Role::kCoach) fam.coach_id = s.actor.user_id;
  else fam.waiting_since = FormatUtc(Now());

  std::optional<Family> created;
  std::vector<families::Member> created_members;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    if (programme_id) {
      auto p = programmes::ProgrammeRepo::Get(tx, s.actor.organisation_id, *programme_id);
      if (!p.ok() || !p->active)
        return Status::InvalidField("programme_id", "Kies een actief programma van uw organisatie.");
      fam.programme_id = p->id;
    }
    ASSIGN_OR_RETURN(created, FamilyRepo::InsertFull(tx, fam));
    for (const auto& m : members) {
      ASSIGN_OR_RETURN(auto member, FamilyRepo::InsertMember(tx, created->id, m));
      created_members.push_back(std::move(member));
    }
    created->member_count = int64_t(created_members.size());
    Event e = MakeEvent(s, created->id, "referral", Today());
    e.to = "aanmelding";
    e.note = *fam.referrer_organisation + " (" + *fam.referrer_kind + "): " + *fam.referral_reason;
    RETURN_IF_ERROR(EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, FamilyResource(created->id), created->id, "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  auto res = WithETag(http::JsonResponse(201, families::FamilyWithMembersJson(*created, created_members)), created->version);
  res.headers.emplace("Location", "/api/v1/families/" + created->id);
  return res;
}

// ---------------------------------------------------------------------------------------------
// Waiting list

Response WaitingList(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "waiting_list.read";
  if (security::Decide(s.actor, Action::kWaitingListRead) != security::Decision::kAllow)
    return families::Refuse(ctx, req, s, action, "waiting-list", std::nullopt,
                            Status::Forbidden("Alleen een teamleider ziet de wachtlijst."));
  families::FamilyListQuery q;
  q.organisation_id = s.actor.organisation_id;
  q.waiting_only = true;
  q.sort = families::FamilyListQuery::Sort::kByWaiting;
  FieldErrors errors;
  auto limit = http::ParseLimit(req);
  if (!limit.ok()) errors = limit.status().field_errors();
  else q.limit = *limit;
  if (auto cursor = req.QueryValue("cursor"); cursor && !cursor->empty()) {
    auto parts = http::DecodeCursor(*cursor, 3);
    if (!parts.ok() || (*parts)[0] != "waiting")
      errors["cursor"].push_back("Deze cursor is niet geldig. Begin opnieuw bij de eerste pagina.");
    else q.after = std::pair{(*parts)[1], (*parts)[2]};
  }
  if (auto programme = req.QueryValue("programme_id"); programme && !programme->empty()) q.programme_id = *programme;
  if (!errors.empty()) return ProblemResponse(Status::Invalid(errors));
  families::FamilyPage page;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(page, FamilyRepo::List(c, q));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, "waiting-list", std::nullopt, "success"));
  if (!st.ok()) return ProblemResponse(st);
  Json items = Json::array();
  for (const auto& f : page.items) items.push_back(families::FamilyJson(f));
  Json next = page.next ? Json(http::EncodeCursor({"waiting", page.next->first, page.next->second})) : Json(nullptr);
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", next}});
}

// ---------------------------------------------------------------------------------------------
// Assignment and handover

Response Assign(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "family.assign";
  if (auto st = families::RoleAllows(s, Action::kFamilyAssignCoach); !st.ok())
    return families::Refuse(ctx, req, s, action, FamilyResource(id), std::nullopt,
                            Status::Forbidden("Alleen een teamleider wijst een coach toe."));
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"coach_id", "note"});
  auto coach_id = f.String("coach_id", true, 64);
  auto note = f.String("note", false, kMaxNoteChars);
  if (note && note->empty()) note.reset();
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::optional<Family> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(Family current, families::AuthorizedFamily(tx, s, id, Action::kFamilyAssignCoach));
    if (current.coach_id == *coach_id)
      return Status::InvalidField("coach_id", "Deze coach is al de coach van dit gezin.");
    RETURN_IF_ERROR(FamilyRepo::CheckCoach(tx, s.actor.organisation_id, *coach_id));
    const bool handover = current.coach_id.has_value();
    if (handover && !note)
      return Status::InvalidField("note", "Schrijf bij een overdracht een notitie voor de nieuwe coach.");
    Family next = current;
    next.coach_id = *coach_id;
    next.waiting_since.reset();
    ASSIGN_OR_RETURN(updated, FamilyRepo::UpdateTrajectory(tx, next, current.version));
    Event e = MakeEvent(s, id, handover ? "handover" : "assign", Today());
    if (handover) e.from = current.coach_name;
    e.to = updated->coach_name;
    e.note = note;
    RETURN_IF_ERROR(EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, FamilyResource(id), id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, FamilyResource(id), st);
  return WithETag(http::JsonResponse(200, families::FamilyJson(*updated)), updated->version);
}

// ---------------------------------------------------------------------------------------------
// Phases

Response ChangePhase(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "family.phase";
  if (auto st = families::RoleAllows(s, Action::kFamilyPhaseChange); !st.ok())
    return families::Refuse(ctx, req, s, action, FamilyResource(id), std::nullopt, st);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"to", "date", "note", "closing_reason", "closing_summary"});
  PhaseRequest change;
  change.to = f.String("to", true, 40).value_or("");
  change.date = f.DateField("date", true);
  change.note = f.String("note", false, kMaxNoteChars);
  change.closing_reason = f.String("closing_reason", false, 40);
  change.closing_summary = f.String("closing_summary", false, kMaxSummaryChars);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  if (change.note && change.note->empty()) change.note.reset();
  std::optional<Family> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(Family current, families::AuthorizedFamily(tx, s, id, Action::kFamilyPhaseChange));
    ASSIGN_OR_RETURN(auto consents, consent::ConsentRepo::ForFamily(tx, id));
    ASSIGN_OR_RETURN(auto checks, eligibility::CheckRepo::ForFamily(tx, id));
    PhaseFacts facts;
    facts.from = current.phase;
    facts.has_coach = current.coach_id.has_value();
    facts.coaching_consent = consent::MayI(consents, "coaching");
    // The newest check is the household's current situation; older ones are history.
    facts.eligibility_passed = !checks.empty() && checks.front().EffectivePasses();
    ASSIGN_OR_RETURN(ChangeKind kind, CheckPhaseChange(facts, change, TodayInAmsterdam(Now())));
    Family next = current;
    next.phase = change.to;
    if (change.to == "intake") next.intake_date = FormatDate(*change.date);
    if (change.to == "afsluiting") {
      next.closing_reason = change.closing_reason;
      next.closing_summary = change.closing_summary;
    }
    if (kind == ChangeKind::kReopen) {
      next.closing_reason.reset();
      next.closing_summary.reset();
    }
    ASSIGN_OR_RETURN(updated, FamilyRepo::UpdateTrajectory(tx, next, current.version));
    Event e = MakeEvent(s, id, kind == ChangeKind::kReopen ? "reopen" : "phase", FormatDate(*change.date));
    e.from = current.phase;
    e.to = change.to;
    e.note = change.note;
    if (change.to == "afsluiting")
      e.note = *change.closing_reason + ": " + *change.closing_summary + (change.note ? "\n" + *change.note : "");
    RETURN_IF_ERROR(EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, FamilyResource(id), id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, FamilyResource(id), st);
  return WithETag(http::JsonResponse(200, families::FamilyJson(*updated)), updated->version);
}

// ---------------------------------------------------------------------------------------------
// Timeline

Json EventJson(const Event& e) {
  Json j = {{"id", e.id}, {"at", e.at}, {"date", e.date}, {"kind", e.kind}, {"user_name", e.user_name}};
  if (e.from) j["from"] = *e.from;
  if (e.to) j["to"] = *e.to;
  if (e.note) j["note"] = *e.note;
  return j;
}

Response Timeline(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  std::vector<Event> events;
  if (auto refused = families::AuditedFamilyRead(ctx, req, s, Action::kTimelineRead, "timeline.read", FamilyResource(id) + "/timeline",
                                                [&](db::Connection& c) -> Status {
                                                  ASSIGN_OR_RETURN(events, EventRepo::ForFamily(c, id));
                                                  return Status::Ok();
                                                }))
    return *refused;
  Json items = Json::array();
  for (const auto& e : events) items.push_back(EventJson(e));
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

// ---------------------------------------------------------------------------------------------
// Team overview

Response TeamOverview(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "team.overview";
  if (security::Decide(s.actor, Action::kTeamOverview) != security::Decision::kAllow)
    return families::Refuse(ctx, req, s, action, "team/overview", std::nullopt,
                            Status::Forbidden("Alleen een teamleider ziet het teamoverzicht."));
  std::vector<CoachLoad> coaches;
  std::vector<std::string> waiting;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(coaches, OverviewRepo::Coaches(c, s.actor.organisation_id));
    ASSIGN_OR_RETURN(waiting, OverviewRepo::WaitingSince(c, s.actor.organisation_id));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  st = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, "team/overview", std::nullopt, "success"));
  if (!st.ok()) return ProblemResponse(st);
  Json list = Json::array();
  for (const auto& c : coaches) {
    Json by_phase = Json::object();
    for (const auto& [phase, n] : c.by_phase) by_phase[phase] = n;
    list.push_back({{"id", c.id}, {"display_name", c.display_name}, {"families_by_phase", by_phase},
                    {"total_active", c.total}});
  }
  const TimePoint now = Now();
  int64_t longest = 0, sum = 0;
  for (const auto& w : waiting) {
    int64_t days = WaitingDays(w, now);
    longest = std::max(longest, days);
    sum += days;
  }
  double average = waiting.empty() ? 0.0 : std::round(double(sum) * 10.0 / double(waiting.size())) / 10.0;
  return http::JsonResponse(200, {{"coaches", list},
                                  {"waiting",
                                   {{"count", int64_t(waiting.size())},
                                    {"longest_days", longest},
                                    {"average_days", average}}}});
}

}  // namespace

void RegisterTrajectoryRoutes(http::Router& router, ApiContext& ctx) {
  auto route = [&](const char* method, const char* pattern, security::FeatureHandler fn) {
    security::AddRoute(router, ctx, method, pattern, fn);
  };
  route("POST", "/api/v1/referrals", CreateReferral);
  route("GET", "/api/v1/waiting-list", WaitingList);
  route("POST", "/api/v1/families/{id}/assign", Assign);
  route("POST", "/api/v1/families/{id}/phase", ChangePhase);
  route("GET", "/api/v1/families/{id}/timeline", Timeline);
  route("GET", "/api/v1/team/overview", TeamOverview);
}

}  // namespace kansrijk::trajectory
