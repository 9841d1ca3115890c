// The JSON shape of families and household members, shared by every feature that answers with
// a family (the trajectory's referral and waiting list). One writer per shape, so each has one source.
#pragma once

#include <string>
#include <vector>

#include "families/model.h"
#include "platform/http.h"
#include "platform/json_writer.h"

namespace kansrijk::families {

// What a family answer includes.
enum class FamilyDetail {
  kListItem,  // what identifies a family in a list: name, phase, coach, programme, dates; no case content
  kFull,      // the family file: also the referral (reason, contact details) and the closing
};

void WriteMember(http::JsonWriter& w, const Member& m);
// `members` may be null (no "members" key). `waiting_days` is the trajectory's count, when waiting.
void WriteFamily(http::JsonWriter& w, const Family& f, const std::vector<Member>* members, FamilyDetail detail,
                 std::optional<int64_t> waiting_days);
http::Json MemberJson(const Member& m);

// Reads member fields from a JSON object; `prefix` names the fields in errors (members[0].given_name).
MemberFields ReadMemberFields(const http::Json& obj, FieldErrors& errors, const std::string& prefix);

}  // namespace kansrijk::families
