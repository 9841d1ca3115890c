#include "trajectory/model.h"

#include <algorithm>

namespace kansrijk::trajectory {

const std::vector<std::string>& Phases() {
  static const std::vector<std::string> kPhases = {"aanmelding", "intake", "actief", "afsluiting", "nazorg"};
  return kPhases;
}

int PhaseIndex(std::string_view s) {
  const auto& p = Phases();
  auto it = std::find(p.begin(), p.end(), s);
  return it == p.end() ? -1 : int(it - p.begin());
}

bool IsPhase(std::string_view s) { return PhaseIndex(s) >= 0; }
bool IsWaitingPhase(std::string_view s) { return s == "aanmelding" || s == "intake"; }

const char* const kPhaseOptions = "aanmelding, intake, actief, afsluiting, nazorg";
const char* const kClosingReasonOptions =
    "doelen_bereikt, niet_bereikbaar, wil_niet, inkomen_te_hoog, geen_toestemming, verhuisd, doorverwezen, "
    "op_eigen_verzoek, anders";
const char* const kFollowUpOutcomeOptions = "done, not_reachable";

const std::vector<std::string>& DefaultReferrerKinds() {
  static const std::vector<std::string> kKinds = {
      "woningcorporatie", "school",  "voedselbank", "kledingbank", "vakantiebank", "bibliotheek", "schuldhulp",
      "welzijn",          "wijkteam", "huisarts",   "gemeente",    "zelf",         "anders"};
  return kKinds;
}

bool IsClosingReason(std::string_view s) {
  for (const char* r : {"doelen_bereikt", "niet_bereikbaar", "wil_niet", "inkomen_te_hoog", "geen_toestemming",
                        "verhuisd", "doorverwezen", "op_eigen_verzoek", "anders"})
    if (s == r) return true;
  return false;
}

bool IsNotStartedClosing(std::string_view closed_from_phase) {
  return closed_from_phase == "aanmelding" || closed_from_phase == "intake";
}

const std::vector<int64_t>& DefaultFollowUpMonths() {
  static const std::vector<int64_t> kMonths = {3, 6, 12};
  return kMonths;
}

namespace {
bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}
}  // namespace

Date AddMonths(Date d, int64_t months) {
  int64_t total = int64_t(d.year) * 12 + (d.month - 1) + months;
  Date out;
  out.year = int(total / 12);
  out.month = int(total % 12) + 1;
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return out;
}

std::vector<FollowUpMoment> ScheduleFollowUps(Date closed_on, std::string_view closed_from_phase,
                                              const std::vector<int64_t>& months) {
  std::vector<FollowUpMoment> out;
  if (IsNotStartedClosing(closed_from_phase)) return out;
  std::vector<int64_t> m = months.empty() ? DefaultFollowUpMonths() : months;
  std::sort(m.begin(), m.end());
  m.erase(std::unique(m.begin(), m.end()), m.end());
  for (int64_t n : m)
    if (n > 0) out.push_back({n, AddMonths(closed_on, n)});
  return out;
}

bool IsFollowUpOutcome(std::string_view s) { return s == "done" || s == "not_reachable"; }

Status CheckFollowUpOutcome(std::string_view status, Date due_on, Date today, const std::optional<std::string>& outcome,
                            const std::optional<std::string>& note) {
  FieldErrors errors;
  if (!outcome) errors["outcome"].push_back({"required", {}});
  else if (!IsFollowUpOutcome(*outcome)) errors["outcome"].push_back({"choose_one_of", {{"options", kFollowUpOutcomeOptions}}});
  else if (*outcome == "done" && (!note || note->empty())) errors["note"].push_back({"follow_up_note_required", {}});
  if (!errors.empty()) return Status::Invalid(errors);
  if (status != "open") return Status(Code::kConflict, "follow_up_already_recorded", {{"status", std::string(status)}});
  if (due_on > today) return Status(Code::kConflict, "follow_up_not_due", {{"due_on", FormatDate(due_on)}});
  return Status::Ok();
}

bool WaitsForCoach(bool has_coach, std::string_view phase) { return !has_coach && IsWaitingPhase(phase); }

bool OnWaitingList(bool has_coach, std::string_view phase, std::string_view family_status) {
  return WaitsForCoach(has_coach, phase) && family_status == "active";
}

std::optional<std::string> WaitingSinceAfter(bool waited_before, const std::optional<std::string>& since_before,
                                             bool waits_now, const std::string& now) {
  if (!waits_now) return std::nullopt;
  if (waited_before && since_before) return since_before;
  return now;
}

Result<ChangeKind> CheckPhaseChange(const PhaseFacts& facts, const PhaseRequest& req, Date today) {
  FieldErrors errors;
  const Params phases{{"from", facts.from}, {"to", req.to}};
  auto err = [&](const char* field, std::string code, Params params = {}) {
    errors[field].push_back({std::move(code), std::move(params)});
  };
  const int from = PhaseIndex(facts.from), to = PhaseIndex(req.to);
  ChangeKind kind = ChangeKind::kForward;
  if (to < 0) {
    err("to", "choose_one_of", {{"options", kPhaseOptions}});
  } else if (to == from) {
    err("to", "phase_unchanged", phases);
  } else if ((facts.from == "afsluiting" || facts.from == "nazorg") &&
             (req.to == "actief" || (facts.closed_from_phase && IsNotStartedClosing(*facts.closed_from_phase) &&
                                     req.to == *facts.closed_from_phase))) {
    kind = ChangeKind::kReopen;
  } else if (req.to == "afsluiting" && from < to) {
    // Closing is possible from every phase before it: families who never start are closed too.
  } else if (to > from + 1) {
    Params p = phases;
    p["next"] = Phases()[from + 1];
    err("to", "phase_skipped", p);
  } else if (to < from) {
    err("to", "phase_backwards", phases);
  }

  if (to >= 0 && errors.empty()) {
    if ((req.to == "intake" || req.to == "actief") && !facts.has_coach) err("to", "phase_needs_coach", phases);
    if (req.to == "actief") {
      if (!facts.coaching_consent) err("to", "phase_needs_consent", phases);
      // Reopening a trajectory that was actief needs no new check; one that never started does.
      const bool was_actief = kind == ChangeKind::kReopen &&
                              !(facts.closed_from_phase && IsNotStartedClosing(*facts.closed_from_phase));
      if (!facts.eligibility_passed && !was_actief) err("to", "phase_needs_eligibility", phases);
    }
    if (kind == ChangeKind::kReopen && (!req.note || req.note->empty())) err("note", "reopen_note_required");
  }

  if (req.to == "afsluiting") {
    if (!req.closing_reason) err("closing_reason", "required");
    else if (!IsClosingReason(*req.closing_reason))
      err("closing_reason", "choose_one_of", {{"options", kClosingReasonOptions}});
    const bool no_text = !req.closing_summary || req.closing_summary->empty();
    if (no_text && req.closing_reason && *req.closing_reason == "anders")
      err("closing_summary", "closing_other_needs_text");
    else if (no_text && facts.from == "actief")
      err("closing_summary", "required");
  } else {
    if (req.closing_reason) err("closing_reason", "closing_only_when_closing");
    if (req.closing_summary) err("closing_summary", "closing_only_when_closing");
  }

  if (!req.date) {
    err("date", "required");
  } else if (*req.date > today && req.to != "intake") {
    err("date", "date_in_future");
  } else if (*req.date < Date{2000, 1, 1}) {
    err("date", "phase_date_too_early", {{"min", "2000-01-01"}});
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return kind;
}

FieldErrors ValidateReferrerKinds(const std::vector<std::pair<std::string, std::string>>& code_labels) {
  FieldErrors errors;
  if (code_labels.empty()) errors["items"].push_back({"referrer_kinds_empty", {}});
  if (code_labels.size() > kMaxReferrerKinds)
    errors["items"].push_back({"too_many", {{"max", std::to_string(kMaxReferrerKinds)}}});
  std::vector<std::string> seen;
  for (size_t i = 0; i < code_labels.size(); ++i) {
    const auto& [code, label] = code_labels[i];
    const std::string at = "items[" + std::to_string(i) + "].";
    bool ok = !code.empty() && code.size() <= 40;
    for (char ch : code)
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) ok = false;
    if (!ok) errors[at + "code"].push_back({"referrer_kind_code_invalid", {}});
    else if (std::find(seen.begin(), seen.end(), code) != seen.end())
      errors[at + "code"].push_back({"referrer_kind_duplicate", {{"code", code}}});
    seen.push_back(code);
    if (label.empty()) errors[at + "label"].push_back({"required", {}});
    else if (std::count_if(label.begin(), label.end(), [](char ch) { return (ch & 0xC0) != 0x80; }) > 80)
      errors[at + "label"].push_back({"too_long", {{"max", "80"}}});
  }
  return errors;
}

int64_t WaitingDays(const std::string& waiting_since, TimePoint now) {
  auto since = ParseUtc(waiting_since);
  if (!since || *since > now) return 0;
  return std::chrono::duration_cast<std::chrono::hours>(now - *since).count() / 24;
}

bool HasAnyContact(const Contact& c) {
  auto some = [](const std::optional<std::string>& v) { return v && !v->empty(); };
  return some(c.phone) || some(c.email) || some(c.address);
}

bool OverCaseload(int64_t families, int64_t caseload_max) { return families > caseload_max; }

bool LongWait(int64_t waiting_days) { return waiting_days >= kLongWaitDays; }

}  // namespace kansrijk::trajectory
