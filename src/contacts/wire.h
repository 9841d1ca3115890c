// The JSON shapes of the contact log (docs/openapi.yaml: Contact, ContactHours).
#pragma once

#include "contacts/service.h"
#include "platform/http.h"

namespace kansrijk::contacts {

// `with_note`: the caller may read notes (contact.note_read); otherwise there is no note key.
http::Json ContactJson(const Contact& c, bool with_note);
http::Json HoursJson(const Hours& h);

}  // namespace kansrijk::contacts
