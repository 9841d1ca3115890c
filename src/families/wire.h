// The JSON shape of families and household members, shared by every feature that answers with
// a family (the trajectory's caseload, family file and referral). One writer per shape, so each
// has one source.
#pragma once

#include <string>
#include <vector>

#include "families/model.h"
#include "platform/http.h"
#include "platform/json_writer.h"

namespace kansrijk::families {

void WriteMember(http::JsonWriter& w, const Member& m);
// The keys of a family (id, name, coach, status, version, times, member_count) into an object
// the caller has begun: answers that tell more about a family (the trajectory's) add their keys
// and close it.
void WriteFamilyFields(http::JsonWriter& w, const Family& f);
http::Json MemberJson(const Member& m);

// Reads member fields from a JSON object; `prefix` names the fields in errors (members[0].given_name).
MemberFields ReadMemberFields(const http::Json& obj, FieldErrors& errors, const std::string& prefix);

}  // namespace kansrijk::families
