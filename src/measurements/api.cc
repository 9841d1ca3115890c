#include "measurements/api.h"

#include <cstdio>

#include "measurements/service.h"
#include "measurements/wire.h"
#include "platform/api_helpers.h"
#include "platform/spreadsheet.h"

namespace kansrijk::measurements {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Json MeasurementJson(const StoredMeasurement& m) {
  return {{"id", m.id},
          {"family_id", m.family_id},
          {"member_id", m.member_id},
          {"instrument_id", m.instrument_id},
          {"instrument_version", m.instrument_version},
          {"moment", m.moment},
          {"taken_on", m.taken_on},
          {"filled_in_by", m.filled_in_by},
          {"scores", Json::parse(m.scores_json, nullptr, false)},
          {"domain_scores", Json::parse(m.domain_scores_json, nullptr, false)},
          {"notes", Json::parse(m.notes_json, nullptr, false)},
          {"recorded_by_name", m.recorded_by_name},
          {"version", m.version},
          {"created_at", m.created_at}};
}

Result<Reply> ListInstruments(Call& call) {
  std::vector<Instrument> all;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(all, VisibleInstruments(c, call.actor().organisation_id));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& in : all) items.push_back(InstrumentJson(in));
  return Reply::Json(200, {{"items", items}});
}

Result<Reply> PostInstrument(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  ASSIGN_OR_RETURN(Instrument in, ParseInstrument(body));
  bool created = false;
  Instrument shown;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, LoadInstrument(tx, call.actor().organisation_id, in, call.actor().user_id));
    ASSIGN_OR_RETURN(shown, FindInstrument(tx, call.actor().organisation_id, in.id, in.version));
    call.resource = "instrument/" + in.id + "/" + in.version;
    return Status::Ok();
  }));
  return Reply::Json(created ? 201 : 200, InstrumentJson(shown));
}

Result<Reply> ListMeasurements(Call& call) {
  ASSIGN_OR_RETURN(int limit, http::ParseLimit(call.req));
  auto member = call.req.QueryValue("member_id");
  std::optional<std::pair<std::string, std::string>> after;
  if (auto cur = call.req.QueryValue("cursor")) {
    ASSIGN_OR_RETURN(auto parts, http::DecodeCursor(*cur, 2));
    after = std::make_pair(parts[0], parts[1]);
  }
  std::vector<StoredMeasurement> list;
  int64_t total = 0;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, MeasurementRepo::ForFamily(c, call.family_id(), member, limit + 1, after));
    ASSIGN_OR_RETURN(total, MeasurementRepo::CountForFamily(c, call.family_id(), member));
    return Status::Ok();
  }));
  Json next = nullptr;
  if (static_cast<int>(list.size()) > limit) {
    list.resize(static_cast<size_t>(limit));
    next = http::EncodeCursor({list.back().taken_on, list.back().id});
  }
  Json items = Json::array();
  for (const auto& m : list) items.push_back(MeasurementJson(m));
  return Reply::Json(200, {{"items", items}, {"next_cursor", next}, {"total", total}});
}

// Reads the notes object of a body into `notes`; field errors into `f`.
void ReadNotes(const Json& body, FieldReader& f, std::map<std::string, std::string>& notes) {
  if (!body["notes"].is_object()) {
    f.Error("notes", "measurement_notes_object");
    return;
  }
  for (const auto& [k, v] : body["notes"].items()) {
    if (v.is_string()) notes[k] = v.get<std::string>();
    else f.Error("notes." + k, "measurement_value_wrong_type", {{"kind", "text"}});
  }
}

Result<Reply> CreateMeasurement(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"member_id", "instrument_id", "instrument_version", "moment", "taken_on", "filled_in_by",
                       "scores", "notes"});
  NewMeasurement m;
  m.member_id = f.String("member_id", true, 64).value_or("");
  m.instrument_id = f.String("instrument_id", true, kMaxInstrumentIdChars).value_or("");
  m.instrument_version = f.String("instrument_version", true, kMaxInstrumentIdChars).value_or("");
  m.moment = f.String("moment", true, 20).value_or("");
  auto taken_on = f.DateField("taken_on", true);
  m.filled_in_by = f.String("filled_in_by", true, 20).value_or("");
  if (!body.contains("scores") || !body["scores"].is_object()) {
    f.Error("scores", "required");
  } else {
    m.scores = ParseValues(body["scores"], f.errors());
  }
  if (body.contains("notes") && !body["notes"].is_null()) ReadNotes(body, f, m.notes);
  RETURN_IF_ERROR(f.Finish());
  m.taken_on = *taken_on;
  StoredMeasurement created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, RecordMeasurement(tx, call.actor().organisation_id, call.family_id(), m,
                                                {call.actor().user_id, call.actor().display_name},
                                                TodayInAmsterdam(Now())));
    call.resource = "family/" + call.family_id() + "/measurements/" + created.id;
    return Status::Ok();
  }));
  return Reply::Json(201, MeasurementJson(created)).WithVersion(created.version);
}

Result<Reply> CorrectMeasurementRoute(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  // The person and the instrument are not in the list: a correction cannot move a measurement
  // to someone else or to another list (docs/decisions.md).
  FieldReader f(body, {"moment", "taken_on", "filled_in_by", "scores", "notes"});
  Correction c;
  c.moment = f.String("moment", false, 20);
  c.filled_in_by = f.String("filled_in_by", false, 20);
  std::optional<Date> taken_on;
  if (f.Present("taken_on")) taken_on = f.DateField("taken_on", true);
  if (f.Present("scores") && !f.IsNull("scores")) {
    if (!body["scores"].is_object()) {
      f.Error("scores", "required");
    } else {
      c.scores = ParseValues(body["scores"], f.errors());
    }
  }
  if (f.Present("notes") && !body["notes"].is_null()) {
    std::map<std::string, std::string> notes;
    ReadNotes(body, f, notes);
    c.notes = std::move(notes);
  }
  for (const char* not_null : {"moment", "taken_on", "filled_in_by", "scores"})
    if (f.IsNull(not_null)) f.Error(not_null, "not_empty");
  RETURN_IF_ERROR(f.Finish());
  c.taken_on = taken_on;
  const std::string mid = call.req.Param("mid");
  call.resource = "family/" + call.family_id() + "/measurements/" + mid;
  StoredMeasurement updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, CorrectMeasurement(tx, call.actor().organisation_id, call.family_id(), mid, c,
                                                 call.if_match(), TodayInAmsterdam(Now())));
    return Status::Ok();
  }));
  return Reply::Json(200, MeasurementJson(updated)).WithVersion(updated.version);
}

Json SettingsJson(const ProgrammeSettings& s) {
  return {{"programme_id", s.programme_id},
          {"interim_every_months", s.settings.interim_every_months},
          {"tool_12_16", s.settings.tool_12_16 ? Json(*s.settings.tool_12_16) : Json(nullptr)},
          {"follow_up_months", s.follow_up_months},
          {"follow_up_default", s.follow_up_default},
          {"version", s.version}};
}

Result<Reply> GetSettingsRoute(Call& call) {
  const std::string id = call.req.Param("id");
  call.resource = "programme/" + id + "/measurement-settings";
  ProgrammeSettings s;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(s, GetSettings(c, call.actor().organisation_id, id));
    return Status::Ok();
  }));
  return Reply::Json(200, SettingsJson(s)).WithVersion(s.version);
}

Result<Reply> PutSettingsRoute(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  // follow_up_months belong to the programme itself (PATCH /programmes/{id}): not taken here.
  FieldReader f(body, {"interim_every_months", "tool_12_16"});
  Settings s;
  if (!f.Present("interim_every_months") || f.IsNull("interim_every_months")) {
    f.Error("interim_every_months", "required");
  } else if (!body["interim_every_months"].is_number_integer()) {
    f.Error("interim_every_months", "not_integer");
  } else {
    s.interim_every_months = body["interim_every_months"].get<int64_t>();
  }
  if (f.Present("tool_12_16") && !f.IsNull("tool_12_16")) s.tool_12_16 = f.String("tool_12_16", false, 20);
  RETURN_IF_ERROR(f.Finish());
  const std::string id = call.req.Param("id");
  call.resource = "programme/" + id + "/measurement-settings";
  ProgrammeSettings saved;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(saved, PutSettings(tx, call.actor().organisation_id, id, s, call.if_match()));
    return Status::Ok();
  }));
  return Reply::Json(200, SettingsJson(saved)).WithVersion(saved.version);
}

Result<Reply> LoadCellsRoute(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  Instrument in;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(in, LoadCellsFile(tx, call.actor().organisation_id, body, call.actor().user_id));
    call.resource = "instrument/" + in.id + "/" + in.version + "/cells";
    return Status::Ok();
  }));
  return Reply::Json(200, InstrumentJson(in));
}

Result<Reply> Summary(Call& call) {
  std::vector<MemberSeries> series;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(series, FamilySeries(c, call.family_id()));
    return Status::Ok();
  }));
  Json members = Json::array();
  for (const auto& s : series) {
    Json points = Json::array();
    for (const auto& p : s.points) {
      Json talk = Json::array();
      auto scores = Json::parse(p.scores_json, nullptr, false);
      if (scores.is_object())
        for (const auto& [k, v] : scores.items())
          if (v.is_boolean() && v.get<bool>() && k.ends_with(".praten")) talk.push_back(k.substr(0, k.size() - 7));
      points.push_back({{"id", p.id},
                        {"instrument_id", p.instrument_id},
                        {"instrument_version", p.instrument_version},
                        {"moment", p.moment},
                        {"taken_on", p.taken_on},
                        {"filled_in_by", p.filled_in_by},
                        {"domain_scores", Json::parse(p.domain_scores_json, nullptr, false)},
                        {"talk_about", talk}});
    }
    members.push_back({{"member_id", s.member_id},
                       {"given_name", s.given_name},
                       {"sex", s.sex},
                       {"household_role", s.household_role},
                       {"birth_date", s.birth_date ? Json(*s.birth_date) : Json(nullptr)},
                       {"poverty_generation", s.generation ? Json(*s.generation) : Json(nullptr)},
                       {"measurements", points}});
  }
  return Reply::Json(200, {{"family_id", call.family_id()}, {"members", members}});
}

Result<Reply> PutGeneration(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"poverty_generation"});
  std::optional<int64_t> g;
  if (!f.Present("poverty_generation")) f.Error("poverty_generation", "required");
  else if (!f.IsNull("poverty_generation")) {
    const Json& v = body["poverty_generation"];
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 3)
      f.Error("poverty_generation", "choose_one_of", {{"options", "1, 2, 3"}});
    else g = v.get<int64_t>();
  }
  RETURN_IF_ERROR(f.Finish());
  const std::string mid = call.req.Param("mid");
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    return SetPovertyGeneration(tx, call.family_id(), mid, g);
  }));
  return Reply::Json(200, {{"member_id", mid}, {"poverty_generation", g ? Json(*g) : Json(nullptr)}});
}

Result<Reply> ListDue(Call& call) {
  ASSIGN_OR_RETURN(int limit, http::ParseLimit(call.req));
  int64_t within = 30;
  if (auto w = call.req.QueryValue("within_days")) {
    try {
      within = std::stoll(*w);
    } catch (...) {
      within = -1;
    }
    if (within < 0 || within > 365)
      return Status::InvalidField("within_days", "out_of_range", {{"min", "0"}, {"max", "365"}});
  }
  ASSIGN_OR_RETURN(auto scope, security::ScopeFamilyList(call.actor()));
  const Date today = TodayInAmsterdam(Now());
  std::vector<DueItem> due;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(due, DueMeasurements(c, scope, AddDays(today, within), limit));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& d : due)
    items.push_back({{"family_id", d.family_id},
                     {"family_name", d.family_name},
                     {"member_id", d.member_id},
                     {"given_name", d.given_name},
                     {"moment", d.moment},
                     {"due_on", FormatDate(d.due_on)},
                     {"overdue", d.due_on < today}});
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Json ChangeJson(const Instrument& in, const DomainChange& c) {
  Json j = {{"domain_id", c.domain_id}, {"suppressed", c.suppressed}};
  if (const Domain* d = in.FindDomain(c.domain_id)) j["name"] = LocalTextJson(d->name);
  if (c.suppressed) {
    j["code"] = "outcome_too_few";
    j["params"] = {{"min", std::to_string(kMinGroupSize)}};
    return j;
  }
  j["n"] = c.n;
  j["mean_from"] = c.mean_from;
  j["mean_to"] = c.mean_to;
  j["mean_change"] = c.mean_change;
  j["improved"] = c.improved;
  j["same"] = c.same;
  j["worsened"] = c.worsened;
  return j;
}

Result<Reply> GetOutcomes(Call& call) {
  FieldErrors errs;
  auto instrument = call.req.QueryValue("instrument");
  if (!instrument || instrument->empty()) errs["instrument"].push_back({"required", {}});
  std::string from = call.req.QueryValue("from").value_or("nulmeting");
  std::string to = call.req.QueryValue("to").value_or("eindmeting");
  if (!IsMoment(from)) errs["from"].push_back({"choose_one_of", {{"options", kMomentOptions}}});
  if (!IsMoment(to)) errs["to"].push_back({"choose_one_of", {{"options", kMomentOptions}}});
  if (!errs.empty()) return Status::Invalid(errs);
  Outcomes o;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(o, ProgrammeOutcomes(c, call.actor().organisation_id, call.req.Param("id"), *instrument,
                                          call.req.QueryValue("version"), from, to));
    return Status::Ok();
  }));
  auto list = [&](const std::vector<DomainChange>& v) {
    Json a = Json::array();
    for (const auto& c : v) a.push_back(ChangeJson(o.instrument, c));
    return a;
  };
  auto groups = [&](const std::vector<std::pair<std::string, std::vector<DomainChange>>>& v) {
    Json a = Json::array();
    for (const auto& [g, changes] : v) a.push_back({{"group", g}, {"domains", list(changes)}});
    return a;
  };
  return Reply::Json(200, {{"programme_id", call.req.Param("id")},
                           {"instrument_id", o.instrument.id},
                           {"instrument_version", o.instrument.version},
                           {"from", from},
                           {"to", to},
                           {"min_group_size", kMinGroupSize},
                           {"domains", list(o.all)},
                           {"by_generation", groups(o.by_generation)},
                           {"by_sex", groups(o.by_sex)}});
}

Result<Reply> Export(Call& call) {
  auto instrument = call.req.QueryValue("instrument");
  if (!instrument || instrument->empty()) return Status::InvalidField("instrument", "required");
  const std::string format = call.req.QueryValue("format").value_or("csv");
  if (format != "csv" && format != "xlsx")
    return Status::InvalidField("format", "choose_one_of", {{"options", "csv, xlsx"}});
  std::pair<Instrument, std::vector<ExportRow>> data;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(data, ExportScores(c, call.actor().organisation_id, call.req.Param("id"), *instrument,
                                        call.req.QueryValue("version")));
    return Status::Ok();
  }));
  const auto& [in, rows] = data;
  std::vector<std::string> header = {"family_id", "member_id", "sex", "poverty_generation", "moment", "taken_on",
                                     "filled_in_by"};
  std::vector<std::string> scored;
  for (const auto& d : in.domains)
    if (d.rule != ScoringRule::kNone) scored.push_back(d.id);
  const std::string base = "kansrijk-" + in.id + "-" + in.version;
  spreadsheet::Sheet sheet{"scores", header, {}};
  for (const auto& d : scored) sheet.header.push_back(d);
  for (const auto& r : rows) {
    std::vector<spreadsheet::Cell> cells = {r.family_id, r.member_id, r.sex,         r.generation,
                                            r.moment,    r.taken_on,  r.filled_in_by};
    for (const auto& d : scored) {
      if (auto it = r.domain_scores.find(d); it != r.domain_scores.end()) cells.emplace_back(it->second);
      else cells.emplace_back(std::monostate{});
    }
    sheet.rows.push_back(std::move(cells));
  }
  if (format == "csv") {
    Reply reply{200, spreadsheet::ToCsv(sheet), spreadsheet::kCsvType};
    return reply.WithHeader("Content-Disposition", "attachment; filename=\"" + base + ".csv\"");
  }
  ASSIGN_OR_RETURN(auto bytes, spreadsheet::ToXlsx({sheet}));
  Reply reply{200, std::move(bytes), spreadsheet::kXlsxType};
  return reply.WithHeader("Content-Disposition", "attachment; filename=\"" + base + ".xlsx\"");
}

}  // namespace

void RegisterMeasurementRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/instruments", Action::kInstrumentRead, ListInstruments});
  routes.Add({"POST", "/api/v1/instruments", Action::kInstrumentManage, PostInstrument});
  routes.Add({"GET", "/api/v1/families/{id}/measurements", Action::kMeasurementList, ListMeasurements});
  routes.Add({"POST", "/api/v1/families/{id}/measurements", Action::kMeasurementCreate, CreateMeasurement});
  routes.Add({"GET", "/api/v1/families/{id}/measurements/summary", Action::kMeasurementRead, Summary});
  routes.Add({"PUT", "/api/v1/families/{id}/members/{mid}/poverty-generation", Action::kMeasurementGenerationUpdate,
              PutGeneration});
  routes.Add({"GET", "/api/v1/measurements/due", Action::kMeasurementDue, ListDue});
  // Measurement settings, cell texts, corrections (issue 10).
  routes.Add({"PATCH", "/api/v1/families/{id}/measurements/{mid}", Action::kMeasurementUpdate, CorrectMeasurementRoute,
              /*needs_version=*/true});
  routes.Add({"GET", "/api/v1/programmes/{id}/measurement-settings", Action::kMeasurementSettingsRead,
              GetSettingsRoute});
  routes.Add({"PUT", "/api/v1/programmes/{id}/measurement-settings", Action::kMeasurementSettingsUpdate,
              PutSettingsRoute, /*needs_version=*/true});
  routes.Add({"POST", "/api/v1/instrument-cells", Action::kInstrumentCellsLoad, LoadCellsRoute});
  routes.Add({"GET", "/api/v1/programmes/{id}/outcomes", Action::kProgrammeOutcomes, GetOutcomes});
  routes.Add({"GET", "/api/v1/programmes/{id}/measurements/export", Action::kMeasurementExport, Export});
}

}  // namespace kansrijk::measurements
