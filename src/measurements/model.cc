#include "measurements/model.h"

#include <algorithm>
#include <set>

namespace kansrijk::measurements {

std::optional<ScaleKind> ParseScaleKind(std::string_view s) {
  if (s == "ordinal") return ScaleKind::kOrdinal;
  if (s == "range") return ScaleKind::kRange;
  if (s == "yes_no") return ScaleKind::kYesNo;
  if (s == "text") return ScaleKind::kText;
  return std::nullopt;
}

std::string ScaleKindName(ScaleKind k) {
  switch (k) {
    case ScaleKind::kOrdinal: return "ordinal";
    case ScaleKind::kRange: return "range";
    case ScaleKind::kYesNo: return "yes_no";
    case ScaleKind::kText: return "text";
  }
  return "range";
}

std::optional<ScoringRule> ParseScoringRule(std::string_view s) {
  if (s == "level") return ScoringRule::kLevel;
  if (s == "mean") return ScoringRule::kMean;
  if (s == "none") return ScoringRule::kNone;
  return std::nullopt;
}

std::string ScoringRuleName(ScoringRule r) {
  switch (r) {
    case ScoringRule::kLevel: return "level";
    case ScoringRule::kMean: return "mean";
    case ScoringRule::kNone: return "none";
  }
  return "none";
}

const Scale* Instrument::FindScale(const std::string& sid) const {
  for (const auto& s : scales)
    if (s.id == sid) return &s;
  return nullptr;
}

const Domain* Instrument::FindDomain(const std::string& did) const {
  for (const auto& d : domains)
    if (d.id == did) return &d;
  return nullptr;
}

const Item* Instrument::FindItem(const std::string& iid, const Domain** domain) const {
  for (const auto& d : domains)
    for (const auto& i : d.items)
      if (i.id == iid) {
        if (domain) *domain = &d;
        return &i;
      }
  return nullptr;
}

namespace {

bool Numeric(const Scale* s) { return s && (s->kind == ScaleKind::kOrdinal || s->kind == ScaleKind::kRange); }

}  // namespace

FieldErrors ValidateInstrument(const Instrument& in) {
  FieldErrors errs;
  auto err = [&](const std::string& field, std::string code, Params p = {}) {
    errs[field].push_back({std::move(code), std::move(p)});
  };
  if (in.id.empty()) err("id", "required");
  if (in.version.empty()) err("version", "required");
  if (in.name.nl.empty()) err("name", "required");
  if (in.purpose != "outcome" && in.purpose != "conversation" && in.purpose != "research")
    err("purpose", "choose_one_of", {{"options", "outcome, conversation, research"}});
  if (in.audience_kind != "adult" && in.audience_kind != "child" && in.audience_kind != "household")
    err("audience.kind", "choose_one_of", {{"options", "adult, child, household"}});
  if (in.min_age && in.max_age && *in.min_age > *in.max_age) err("audience.max_age", "instrument_bad_age_range");
  if (in.domains.empty()) err("domains", "required");
  for (size_t i = 0; i < in.scales.size(); ++i) {
    const auto& s = in.scales[i];
    const std::string f = "scales." + s.id;
    if (s.kind == ScaleKind::kOrdinal || s.kind == ScaleKind::kRange) {
      if (s.min > s.max) err(f, "instrument_bad_scale");
    }
    if (s.kind == ScaleKind::kOrdinal) {
      std::set<int64_t> seen;
      bool ok = static_cast<int64_t>(s.levels.size()) == s.max - s.min + 1;
      for (const auto& l : s.levels)
        if (l.value < s.min || l.value > s.max || !seen.insert(l.value).second || l.name.nl.empty()) ok = false;
      if (!ok) err(f, "instrument_bad_scale");
    }
  }
  std::set<std::string> domain_ids, item_ids;
  for (size_t d = 0; d < in.domains.size(); ++d) {
    const auto& dom = in.domains[d];
    const std::string df = "domains[" + std::to_string(d) + "]";
    if (dom.id.empty()) err(df + ".id", "required");
    else if (!domain_ids.insert(dom.id).second) err(df + ".id", "instrument_duplicate_id", {{"id", dom.id}});
    if (dom.name.nl.empty()) err(df + ".name", "required");
    if (dom.items.empty()) err(df + ".items", "required");
    for (size_t i = 0; i < dom.items.size(); ++i) {
      const auto& it = dom.items[i];
      const std::string itf = df + ".items[" + std::to_string(i) + "]";
      if (it.id.empty()) err(itf + ".id", "required");
      else if (!item_ids.insert(it.id).second) err(itf + ".id", "instrument_duplicate_id", {{"id", it.id}});
      if (!in.FindScale(it.scale)) err(itf + ".scale", "instrument_unknown_scale", {{"scale", it.scale}});
    }
    auto in_domain = [&](const std::string& id) -> const Item* {
      for (const auto& it : dom.items)
        if (it.id == id) return &it;
      return nullptr;
    };
    for (const auto& sid : dom.scoring_items) {
      const Item* it = in_domain(sid);
      if (!it) err(df + ".scoring.items", "instrument_scoring_missing_item", {{"item", sid}});
      else if (!Numeric(in.FindScale(it->scale))) err(df + ".scoring.items", "instrument_scoring_not_numeric", {{"item", sid}});
    }
    if (dom.rule == ScoringRule::kLevel && dom.scoring_items.size() != 1)
      err(df + ".scoring.items", "instrument_level_needs_one_item");
    if (dom.rule == ScoringRule::kMean && dom.scoring_items.empty()) err(df + ".scoring.items", "required");
  }
  return errs;
}

const char* const kMomentOptions = "nulmeting, tussenmeting, eindmeting, nazorg";
bool IsMoment(std::string_view s) {
  return s == "nulmeting" || s == "tussenmeting" || s == "eindmeting" || s == "nazorg";
}
const char* const kFilledInByOptions = "coach, together, person";
bool IsFilledInBy(std::string_view s) { return s == "coach" || s == "together" || s == "person"; }

FieldErrors ValidateScores(const Instrument& in, const std::map<std::string, Value>& scores) {
  FieldErrors errs;
  for (const auto& [id, v] : scores) {
    const std::string f = "scores." + id;
    const Item* item = in.FindItem(id);
    if (!item) {
      errs[f].push_back({"measurement_item_unknown", {{"item", id}, {"instrument", in.id}}});
      continue;
    }
    const Scale* s = in.FindScale(item->scale);
    if (!s) continue;  // ValidateInstrument prevents it
    switch (s->kind) {
      case ScaleKind::kOrdinal:
      case ScaleKind::kRange: {
        const auto* n = std::get_if<int64_t>(&v);
        if (!n) {
          errs[f].push_back({"measurement_value_wrong_type", {{"kind", ScaleKindName(s->kind)}}});
        } else if (*n < s->min || *n > s->max) {
          errs[f].push_back({"measurement_value_out_of_scale", {{"min", std::to_string(s->min)}, {"max", std::to_string(s->max)}}});
        }
        break;
      }
      case ScaleKind::kYesNo:
        if (!std::holds_alternative<bool>(v)) errs[f].push_back({"measurement_value_wrong_type", {{"kind", "yes_no"}}});
        break;
      case ScaleKind::kText: {
        const auto* t = std::get_if<std::string>(&v);
        if (!t) errs[f].push_back({"measurement_value_wrong_type", {{"kind", "text"}}});
        else if (static_cast<int64_t>(t->size()) > s->max_chars * 4 ||
                 static_cast<int64_t>(std::count_if(t->begin(), t->end(), [](char c) { return (c & 0xC0) != 0x80; })) >
                     s->max_chars)
          errs[f].push_back({"too_long", {{"max", std::to_string(s->max_chars)}}});
        break;
      }
    }
  }
  return errs;
}

FieldErrors ValidateNotes(const Instrument& in, const std::map<std::string, std::string>& notes) {
  FieldErrors errs;
  for (const auto& [id, text] : notes) {
    const std::string f = "notes." + id;
    if (!in.FindDomain(id)) errs[f].push_back({"instrument_domain_unknown", {{"domain", id}}});
    else if (std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }) >
             static_cast<std::ptrdiff_t>(kMaxNoteChars))
      errs[f].push_back({"too_long", {{"max", std::to_string(kMaxNoteChars)}}});
  }
  return errs;
}

FieldErrors ValidateTakenOn(Date taken_on, const std::optional<Date>& birth_date, Date today) {
  FieldErrors errs;
  if (taken_on > today) errs["taken_on"].push_back({"date_in_future", {}});
  else if (birth_date && taken_on < *birth_date)
    errs["taken_on"].push_back({"measurement_before_birth", {{"birth_date", FormatDate(*birth_date)}}});
  return errs;
}

std::map<std::string, double> DomainScores(const Instrument& in, const std::map<std::string, Value>& scores) {
  std::map<std::string, double> out;
  for (const auto& d : in.domains) {
    if (d.rule == ScoringRule::kNone || d.scoring_items.empty()) continue;
    double sum = 0;
    size_t n = 0;
    for (const auto& iid : d.scoring_items) {
      auto it = scores.find(iid);
      if (it == scores.end()) continue;
      if (const auto* v = std::get_if<int64_t>(&it->second)) {
        sum += static_cast<double>(*v);
        ++n;
      }
    }
    // A level needs its item; a mean needs every item (a partial mean would not compare).
    if (n == d.scoring_items.size() && n > 0) out[d.id] = sum / static_cast<double>(n);
  }
  return out;
}

DomainChange ChangeOf(const std::string& domain_id, const std::vector<Pair>& pairs) {
  DomainChange c;
  c.domain_id = domain_id;
  if (pairs.size() < static_cast<size_t>(kMinGroupSize)) {
    c.suppressed = true;
    return c;
  }
  c.n = static_cast<int64_t>(pairs.size());
  double sf = 0, st = 0;
  for (const auto& p : pairs) {
    sf += p.from;
    st += p.to;
    if (p.to > p.from) ++c.improved;
    else if (p.to < p.from) ++c.worsened;
    else ++c.same;
  }
  c.mean_from = sf / static_cast<double>(c.n);
  c.mean_to = st / static_cast<double>(c.n);
  c.mean_change = c.mean_to - c.mean_from;
  return c;
}

std::map<std::string, std::pair<const ScoredMoment*, const ScoredMoment*>> PairUp(
    const std::vector<ScoredMoment>& rows, const std::string& from, const std::string& to) {
  auto key = [](const ScoredMoment* m) { return std::make_pair(m->taken_on, m->created_at); };
  std::map<std::string, std::pair<const ScoredMoment*, const ScoredMoment*>> acc;
  for (const auto& r : rows) {
    auto& slot = acc[r.member_id];
    if (r.moment == from && (!slot.first || key(&r) < key(slot.first))) slot.first = &r;
    if (r.moment == to && (!slot.second || key(&r) > key(slot.second))) slot.second = &r;
  }
  std::map<std::string, std::pair<const ScoredMoment*, const ScoredMoment*>> out;
  for (const auto& [member, p] : acc)
    if (p.first && p.second && p.first != p.second) out[member] = p;
  return out;
}

namespace {
int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}
}  // namespace

Date AddMonths(Date d, int64_t months) {
  int64_t total = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  Date out;
  out.year = static_cast<int>(total / 12);
  out.month = static_cast<int>(total % 12) + 1;
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return out;
}

std::optional<Due> NextDue(const MemberHistory& h, const Schedule& s) {
  if (h.closed_on) {
    if (h.eindmetingen == 0) return Due{"eindmeting", *h.closed_on};
    if (h.nazorg < static_cast<int64_t>(s.follow_up_months.size()))
      return Due{"nazorg", AddMonths(*h.closed_on, s.follow_up_months[static_cast<size_t>(h.nazorg)])};
    return std::nullopt;
  }
  if (!h.coaching_running) return std::nullopt;
  if (h.nulmetingen == 0) {
    if (!h.intake) return std::nullopt;
    return Due{"nulmeting", *h.intake};
  }
  if (h.last_measured && s.interim_every_months > 0)
    return Due{"tussenmeting", AddMonths(*h.last_measured, s.interim_every_months)};
  return std::nullopt;
}

const char* const kTool1216Options = "adult, child";

bool IsTool1216(std::string_view s) { return s == "adult" || s == "child"; }

FieldErrors ValidateSettings(const Settings& s) {
  FieldErrors errs;
  if (s.interim_every_months < kMinInterimMonths || s.interim_every_months > kMaxInterimMonths)
    errs["interim_every_months"].push_back({"measurement_interval_out_of_range",
                                            {{"min", std::to_string(kMinInterimMonths)},
                                             {"max", std::to_string(kMaxInterimMonths)}}});
  if (s.tool_12_16 && !IsTool1216(*s.tool_12_16))
    errs["tool_12_16"].push_back({"choose_one_of", {{"options", kTool1216Options}}});
  return errs;
}

FieldErrors ValidateCells(const Instrument& in, const Cells& cells) {
  FieldErrors errs;
  for (const auto& [did, levels] : cells) {
    const std::string f = "cells." + did;
    const Domain* d = in.FindDomain(did);
    if (!d) {
      errs[f].push_back({"instrument_domain_unknown", {{"domain", did}}});
      continue;
    }
    // The named levels of the domain's scored items (for the ZRM: 1..5 of each domain).
    std::set<int64_t> named;
    for (const auto& iid : d->scoring_items)
      if (const Item* it = in.FindItem(iid))
        if (const Scale* s = in.FindScale(it->scale))
          for (const auto& l : s->levels) named.insert(l.value);
    for (const auto& [level, text] : levels) {
      const std::string lf = f + "." + std::to_string(level);
      if (!named.contains(level)) {
        errs[lf].push_back({"instrument_level_unknown", {{"level", std::to_string(level)}}});
        continue;
      }
      if (text.nl.empty()) errs[lf].push_back({"required", {}});
      if (text.nl.size() > kMaxCellChars || text.en.size() > kMaxCellChars)
        errs[lf].push_back({"too_long", {{"max", std::to_string(kMaxCellChars)}}});
    }
  }
  return errs;
}

}  // namespace kansrijk::measurements
