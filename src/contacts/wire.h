// The JSON shapes of the contact log (docs/openapi.yaml: Contact, ContactHours).
#pragma once

#include "contacts/service.h"
#include "platform/http.h"
#include "platform/spreadsheet.h"

namespace kansrijk::contacts {

// `with_note`: the caller may read notes (contact.note_read); otherwise there is no note key.
http::Json ContactJson(const Contact& c, bool with_note);
http::Json HoursJson(const Hours& h);
// docs/openapi.yaml HoursReport; and as tabs: gezinnen (the CSV is this one), coaches.
http::Json HoursReportJson(const HoursReport& r);
std::vector<spreadsheet::Sheet> HoursReportSheets(const HoursReport& r);

}  // namespace kansrijk::contacts
