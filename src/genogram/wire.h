// The JSON shape of the genogram API: persons, relations, events, themes, the whole genogram,
// patterns and the GEDCOM import report out; person, relation, event, link and theme-list
// fields in, read into the patches of edit.h with coded field errors. No database, no policy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "genogram/edit.h"
#include "genogram/gedcom.h"
#include "genogram/patterns.h"
#include "genogram/record.h"
#include "platform/api_helpers.h"
#include "platform/http.h"
#include "platform/messages.h"

namespace kansrijk::genogram {

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxLabelChars = 100;
constexpr size_t kMaxNoteChars = 4000;
constexpr size_t kMaxDateChars = 100;
constexpr size_t kMaxPeopleInReport = 500;

// ---- out ----
// `notes`: whether the reader may see free-text notes (the policy's genogram.note_read).
http::Json PersonJson(const PersonRecord& r, int generation, bool notes);
http::Json RelationJson(const RelationRecord& r, bool notes);
http::Json EventJson(const EventRecord& r);
http::Json ThemeJson(const Theme& t);
http::Json ThemesJson(const std::vector<Theme>& themes);  // {"items": [...]}
http::Json GenogramJson(const std::string& family_id, const FamilyGenogram& g, bool notes);
http::Json PatternsJson(const std::vector<Pattern>& patterns);  // {"items": [...]}

// The import report: counts, the persons (name and years), and every line not used with its
// reason code, parameters and the reason in `lang`.
http::Json ImportReportJson(const ImportResult& result, const ImportPlan& plan, Details details, bool dry_run, Lang lang);
// The reason of an unused line in words, in `lang` (with what was left out because of it).
std::string UnusedReasonText(const UnusedLine& u, Lang lang);

// ---- in ----
// Person fields of a body (create: also "link"; the caller's FieldReader says which are allowed).
PersonPatch ReadPersonPatch(http::FieldReader& f);
// The quick link of a new person ("link": {type, person_id, other_parent_id}), or nullopt.
std::optional<Link> ReadLink(http::FieldReader& f, const http::Json& body);
RelationPatch ReadRelationPatch(http::FieldReader& f);
// type, a and b of a new relation; nullopt type when missing or unknown (a field error then).
struct NewRelationFields {
  std::optional<RelationType> type;
  std::string a, b;
};
NewRelationFields ReadNewRelationFields(http::FieldReader& f);
// `is_new` requires person_id and kind.
EventPatch ReadEventPatch(http::FieldReader& f, bool is_new);
// The theme list of PUT /genogram/themes ({"items": [{id, label, strength}]}).
Result<std::vector<Theme>> ReadThemeList(const http::Json& body);
// ?name=true|false; `fallback` when absent; field error (choose_one_of) otherwise.
Result<bool> ReadBoolQuery(const http::Request& req, const std::string& name, bool fallback);

}  // namespace kansrijk::genogram
