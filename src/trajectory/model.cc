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
const char* const kReferrerKindOptions =
    "woningcorporatie, school, voedselbank, schuldhulp, huisarts, gemeente, zelf, anders";
const char* const kClosingReasonOptions =
    "doelen_bereikt, verhuisd, op_eigen_verzoek, doorverwezen, niet_bereikbaar, anders";

bool IsReferrerKind(std::string_view s) {
  for (const char* k : {"woningcorporatie", "school", "voedselbank", "schuldhulp", "huisarts", "gemeente", "zelf", "anders"})
    if (s == k) return true;
  return false;
}

bool IsClosingReason(std::string_view s) {
  for (const char* r : {"doelen_bereikt", "verhuisd", "op_eigen_verzoek", "doorverwezen", "niet_bereikbaar", "anders"})
    if (s == r) return true;
  return false;
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
  } else if (req.to == "actief" && (facts.from == "afsluiting" || facts.from == "nazorg")) {
    kind = ChangeKind::kReopen;
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
      if (!facts.eligibility_passed && kind == ChangeKind::kForward) err("to", "phase_needs_eligibility", phases);
    }
    if (kind == ChangeKind::kReopen && (!req.note || req.note->empty())) err("note", "reopen_note_required");
  }

  if (req.to == "afsluiting") {
    if (!req.closing_reason) err("closing_reason", "required");
    else if (!IsClosingReason(*req.closing_reason))
      err("closing_reason", "choose_one_of", {{"options", kClosingReasonOptions}});
    if (!req.closing_summary || req.closing_summary->empty()) err("closing_summary", "required");
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

int64_t WaitingDays(const std::string& waiting_since, TimePoint now) {
  auto since = ParseUtc(waiting_since);
  if (!since || *since > now) return 0;
  return std::chrono::duration_cast<std::chrono::hours>(now - *since).count() / 24;
}

bool HasAnyContact(const Contact& c) {
  auto some = [](const std::optional<std::string>& v) { return v && !v->empty(); };
  return some(c.phone) || some(c.email) || some(c.address);
}

}  // namespace kansrijk::trajectory
