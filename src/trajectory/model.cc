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

Result<ChangeKind> CheckPhaseChange(const PhaseFacts& facts, const PhaseRequest& req, Date today) {
  FieldErrors errors;
  auto err = [&](const char* field, std::string msg) { errors[field].push_back(std::move(msg)); };
  const int from = PhaseIndex(facts.from), to = PhaseIndex(req.to);
  ChangeKind kind = ChangeKind::kForward;
  if (to < 0) {
    err("to", "Kies een fase: aanmelding, intake, actief, afsluiting of nazorg.");
  } else if (to == from) {
    err("to", "Het gezin is al in de fase " + req.to + ".");
  } else if (req.to == "actief" && (facts.from == "afsluiting" || facts.from == "nazorg")) {
    kind = ChangeKind::kReopen;
  } else if (to > from + 1) {
    err("to", "U kunt geen fase overslaan: na " + facts.from + " komt " + Phases()[from + 1] + ".");
  } else if (to < from) {
    err("to", "Terug naar " + req.to + " kan niet. Alleen heropenen kan: van afsluiting of nazorg naar actief.");
  }

  if (to >= 0 && errors.empty()) {
    if (req.to == "intake" && !facts.has_coach)
      err("to", "Wijs eerst een coach toe; daarna kan de intake worden gepland.");
    if (req.to == "actief") {
      std::vector<std::string> missing;
      if (!facts.has_coach) missing.push_back("een coach");
      if (!facts.coaching_consent) missing.push_back("toestemming voor coaching");
      if (!facts.eligibility_passed && kind == ChangeKind::kForward)
        missing.push_back("een inkomenstoets die voldoet (of een besluit van de teamleider)");
      if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size(); ++i)
          list += (i == 0 ? "" : i + 1 == missing.size() ? " en " : ", ") + missing[i];
        err("to", "Het traject kan nog niet actief worden. Nog nodig: " + list + ".");
      }
    }
    if (kind == ChangeKind::kReopen && (!req.note || req.note->empty()))
      err("note", "Schrijf kort waarom het traject weer opengaat.");
  }

  const bool closing = req.to == "afsluiting";
  if (closing) {
    if (!req.closing_reason) err("closing_reason", "Kies een reden om af te sluiten.");
    else if (!IsClosingReason(*req.closing_reason))
      err("closing_reason",
          "Kies doelen_bereikt, verhuisd, op_eigen_verzoek, doorverwezen, niet_bereikbaar of anders.");
    if (!req.closing_summary || req.closing_summary->empty())
      err("closing_summary", "Schrijf een korte samenvatting van het traject.");
  } else {
    if (req.closing_reason) err("closing_reason", "Een reden hoort alleen bij afsluiten.");
    if (req.closing_summary) err("closing_summary", "Een samenvatting hoort alleen bij afsluiten.");
  }

  if (!req.date) {
    err("date", "Vul de datum in (jjjj-mm-dd).");
  } else if (*req.date > today && req.to != "intake") {
    err("date", "Deze datum kan niet in de toekomst liggen.");
  } else if (*req.date < Date{2000, 1, 1}) {
    err("date", "Deze datum is te vroeg.");
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
