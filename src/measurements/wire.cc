#include "measurements/wire.h"

#include <charconv>
#include <string_view>

namespace kansrijk::measurements {

using http::Json;

namespace {

struct Reader {
  FieldErrors errs;
  void Err(const std::string& f, std::string code, Params p = {}) { errs[f].push_back({std::move(code), std::move(p)}); }
  std::string Str(const Json& o, const std::string& key, const std::string& f, bool required = true) {
    if (!o.is_object() || !o.contains(key) || o[key].is_null()) {
      if (required) Err(f, "required");
      return "";
    }
    if (!o[key].is_string()) {
      Err(f, "instrument_bad_type");
      return "";
    }
    return o[key].get<std::string>();
  }
  std::optional<int64_t> Int(const Json& o, const std::string& key, const std::string& f) {
    if (!o.is_object() || !o.contains(key) || o[key].is_null()) return std::nullopt;
    if (!o[key].is_number_integer()) {
      Err(f, "instrument_bad_type");
      return std::nullopt;
    }
    return o[key].get<int64_t>();
  }
  LocalText Text(const Json& o, const std::string& key, const std::string& f, bool required = true) {
    LocalText t;
    if (!o.is_object() || !o.contains(key) || o[key].is_null()) {
      if (required) Err(f, "required");
      return t;
    }
    const Json& v = o[key];
    if (!v.is_object() || !v.contains("nl") || !v["nl"].is_string()) {
      Err(f, "instrument_bad_type");
      return t;
    }
    t.nl = v["nl"].get<std::string>();
    if (v.contains("en") && v["en"].is_string()) t.en = v["en"].get<std::string>();
    return t;
  }
};

}  // namespace

Json LocalTextJson(const LocalText& t) {
  Json j = {{"nl", t.nl}};
  if (!t.en.empty()) j["en"] = t.en;
  return j;
}

Result<Instrument> ParseInstrument(const Json& j) {
  if (!j.is_object()) return Status(Code::kMalformed, "json_not_object");
  Reader r;
  Instrument in;
  in.id = r.Str(j, "id", "id");
  in.version = r.Str(j, "version", "version");
  in.name = r.Text(j, "name", "name");
  in.purpose = r.Str(j, "purpose", "purpose");
  in.licence = r.Text(j, "licence", "licence");
  in.source = r.Str(j, "source", "source", false);
  if (in.id.size() > kMaxInstrumentIdChars) r.Err("id", "too_long", {{"max", std::to_string(kMaxInstrumentIdChars)}});
  if (in.version.size() > kMaxInstrumentIdChars) r.Err("version", "too_long", {{"max", std::to_string(kMaxInstrumentIdChars)}});
  if (j.contains("audience") && j["audience"].is_object()) {
    const Json& a = j["audience"];
    in.audience_kind = r.Str(a, "kind", "audience.kind");
    in.min_age = r.Int(a, "min_age", "audience.min_age");
    in.max_age = r.Int(a, "max_age", "audience.max_age");
    in.audience_note_code = r.Str(a, "note_code", "audience.note_code", false);
  } else {
    r.Err("audience", "required");
  }
  if (j.contains("scales") && j["scales"].is_object()) {
    for (const auto& [sid, sj] : j["scales"].items()) {
      const std::string f = "scales." + sid;
      Scale s;
      s.id = sid;
      auto kind = ParseScaleKind(r.Str(sj, "kind", f + ".kind"));
      if (!kind) {
        r.Err(f + ".kind", "choose_one_of", {{"options", "ordinal, range, yes_no, text"}});
        continue;
      }
      s.kind = *kind;
      if (s.kind == ScaleKind::kOrdinal || s.kind == ScaleKind::kRange) {
        auto mn = r.Int(sj, "min", f + ".min");
        auto mx = r.Int(sj, "max", f + ".max");
        if (!mn || !mx) r.Err(f, "instrument_bad_scale");
        s.min = mn.value_or(0);
        s.max = mx.value_or(0);
      }
      if (s.kind == ScaleKind::kText) s.max_chars = r.Int(sj, "max_chars", f + ".max_chars").value_or(2000);
      if (sj.contains("levels") && sj["levels"].is_array())
        for (const auto& lj : sj["levels"]) {
          Level l;
          l.value = r.Int(lj, "value", f + ".levels").value_or(0);
          l.name = r.Text(lj, "name", f + ".levels");
          s.levels.push_back(std::move(l));
        }
      in.scales.push_back(std::move(s));
    }
  } else {
    r.Err("scales", "required");
  }
  if (j.contains("domains") && j["domains"].is_array()) {
    size_t d = 0;
    for (const auto& dj : j["domains"]) {
      const std::string df = "domains[" + std::to_string(d++) + "]";
      Domain dom;
      dom.id = r.Str(dj, "id", df + ".id");
      dom.name = r.Text(dj, "name", df + ".name");
      if (dj.is_object() && dj.contains("items") && dj["items"].is_array()) {
        size_t i = 0;
        for (const auto& ij : dj["items"]) {
          const std::string itf = df + ".items[" + std::to_string(i++) + "]";
          Item it;
          it.id = r.Str(ij, "id", itf + ".id");
          it.name = r.Text(ij, "name", itf + ".name", false);
          it.scale = r.Str(ij, "scale", itf + ".scale");
          dom.items.push_back(std::move(it));
        }
      }
      if (dj.is_object() && dj.contains("scoring") && dj["scoring"].is_object()) {
        const Json& sc = dj["scoring"];
        auto rule = ParseScoringRule(r.Str(sc, "rule", df + ".scoring.rule"));
        if (!rule) r.Err(df + ".scoring.rule", "choose_one_of", {{"options", "level, mean, none"}});
        else dom.rule = *rule;
        if (sc.contains("items") && sc["items"].is_array())
          for (const auto& x : sc["items"])
            if (x.is_string()) dom.scoring_items.push_back(x.get<std::string>());
      } else {
        r.Err(df + ".scoring", "required");
      }
      in.domains.push_back(std::move(dom));
    }
  } else {
    r.Err("domains", "required");
  }
  if (!r.errs.empty()) return Status::Invalid(r.errs);
  FieldErrors rules = ValidateInstrument(in);
  if (!rules.empty()) return Status::Invalid(rules);
  return in;
}

Json InstrumentJson(const Instrument& in) {
  Json scales = Json::object();
  for (const auto& s : in.scales) {
    Json sj = {{"kind", ScaleKindName(s.kind)}};
    if (s.kind == ScaleKind::kOrdinal || s.kind == ScaleKind::kRange) {
      sj["min"] = s.min;
      sj["max"] = s.max;
    }
    if (s.kind == ScaleKind::kText) sj["max_chars"] = s.max_chars;
    if (!s.levels.empty()) {
      Json ls = Json::array();
      for (const auto& l : s.levels) ls.push_back({{"value", l.value}, {"name", LocalTextJson(l.name)}});
      sj["levels"] = ls;
    }
    scales[s.id] = sj;
  }
  Json domains = Json::array();
  for (const auto& d : in.domains) {
    Json items = Json::array();
    for (const auto& i : d.items) {
      Json ij = {{"id", i.id}, {"scale", i.scale}};
      if (!i.name.nl.empty()) ij["name"] = LocalTextJson(i.name);
      items.push_back(ij);
    }
    Json scoring = {{"rule", ScoringRuleName(d.rule)}};
    if (!d.scoring_items.empty()) scoring["items"] = d.scoring_items;
    Json dj = {{"id", d.id}, {"name", LocalTextJson(d.name)}, {"items", items}, {"scoring", scoring}};
    if (!d.cells.empty()) {
      Json cells = Json::object();
      for (const auto& [lvl, t] : d.cells) cells[std::to_string(lvl)] = LocalTextJson(t);
      dj["cells"] = cells;
    } else {
      dj["cells"] = nullptr;
    }
    domains.push_back(dj);
  }
  Json audience = {{"kind", in.audience_kind}};
  if (in.min_age) audience["min_age"] = *in.min_age;
  if (in.max_age) audience["max_age"] = *in.max_age;
  if (!in.audience_note_code.empty()) audience["note_code"] = in.audience_note_code;
  return {{"id", in.id},           {"version", in.version}, {"name", LocalTextJson(in.name)},
          {"purpose", in.purpose}, {"audience", audience},  {"scales", scales},
          {"domains", domains},    {"licence", LocalTextJson(in.licence)}, {"source", in.source},
          {"shipped", in.shipped}};
}

std::string ScoringKey(const Instrument& in) {
  Json j = InstrumentJson(in);
  Json key = {{"scales", j["scales"]}, {"domains", Json::array()}};
  for (auto d : j["domains"]) {
    d.erase("name");
    d.erase("cells");
    for (auto& i : d["items"]) i.erase("name");
    key["domains"].push_back(d);
  }
  // Level names do not change a score; min, max and the level values do.
  for (auto& [k, s] : key["scales"].items())
    if (s.contains("levels"))
      for (auto& l : s["levels"]) l.erase("name");
  return key.dump();
}

Result<Cells> ParseCells(const Instrument& in, const Json& j) {
  Cells out;
  FieldErrors errs;
  if (!j.is_object()) return Status::InvalidField("cells", "required");
  for (const auto& [did, levels] : j.items()) {
    const std::string f = "cells." + did;
    if (!levels.is_object()) {
      errs[f].push_back({"instrument_bad_type", {}});
      continue;
    }
    auto& mine = out[did];
    for (const auto& [lvl, t] : levels.items()) {
      int64_t value = 0;
      auto [p, ec] = std::from_chars(lvl.data(), lvl.data() + lvl.size(), value);
      if (ec != std::errc() || p != lvl.data() + lvl.size()) {
        errs[f + "." + lvl].push_back({"instrument_level_unknown", {{"level", lvl}}});
        continue;
      }
      if (!t.is_object() || !t.contains("nl") || !t["nl"].is_string() || (t.contains("en") && !t["en"].is_string() && !t["en"].is_null())) {
        errs[f + "." + lvl].push_back({"instrument_bad_type", {}});
        continue;
      }
      mine[value] = {t["nl"].get<std::string>(), t.contains("en") && t["en"].is_string() ? t["en"].get<std::string>() : ""};
    }
  }
  MergeFieldErrors(errs, ValidateCells(in, out));
  if (!errs.empty()) return Status::Invalid(errs);
  return out;
}

Json CellsJson(const Cells& cells) {
  Json j = Json::object();
  for (const auto& [d, levels] : cells)
    for (const auto& [l, t] : levels) j[d][std::to_string(l)] = LocalTextJson(t);
  return j;
}

std::map<std::string, Value> ParseValues(const Json& j, FieldErrors& errs) {
  std::map<std::string, Value> out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_number_integer()) out[k] = v.get<int64_t>();
    else if (v.is_number_float()) out[k] = v.get<double>();
    else if (v.is_boolean()) out[k] = v.get<bool>();
    else if (v.is_string()) out[k] = v.get<std::string>();
    else errs["scores." + k].push_back({"measurement_value_wrong_type", {{"kind", "value"}}});
  }
  return out;
}

Json ValuesJson(const std::map<std::string, Value>& values) {
  Json j = Json::object();
  for (const auto& [k, v] : values) std::visit([&](const auto& x) { j[k] = x; }, v);
  return j;
}

Json DomainScoresJson(const std::map<std::string, double>& s) {
  Json j = Json::object();
  for (const auto& [k, v] : s) j[k] = v;
  return j;
}

namespace {

// The flat object DomainScoresJson writes ({"id":number,...}, ids without escapes), read without
// building a JSON tree: a programme's outcomes read thousands of them per request
// (docs/performance.md). False on anything else; the caller then uses the JSON parser.
bool ParseFlatScores(std::string_view t, std::map<std::string, double>& out) {
  size_t i = 0;
  auto skip = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n')) ++i;
  };
  skip();
  if (i >= t.size() || t[i++] != '{') return false;
  skip();
  if (i < t.size() && t[i] == '}') return true;
  while (i < t.size()) {
    if (t[i++] != '"') return false;
    const size_t end = t.find('"', i);
    if (end == std::string_view::npos || t.substr(i, end - i).find('\\') != std::string_view::npos) return false;
    std::string key(t.substr(i, end - i));
    i = end + 1;
    skip();
    if (i >= t.size() || t[i++] != ':') return false;
    skip();
    double v = 0;
    auto [p, ec] = std::from_chars(t.data() + i, t.data() + t.size(), v);
    if (ec != std::errc()) return false;
    i = static_cast<size_t>(p - t.data());
    out[std::move(key)] = v;
    skip();
    if (i >= t.size()) return false;
    if (t[i] == '}') return true;
    if (t[i++] != ',') return false;
    skip();
  }
  return false;
}

}  // namespace

std::map<std::string, double> ParseDomainScores(const std::string& text) {
  std::map<std::string, double> out;
  if (ParseFlatScores(text, out)) return out;
  out.clear();
  auto j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items())
    if (v.is_number()) out[k] = v.get<double>();
  return out;
}

}  // namespace kansrijk::measurements
