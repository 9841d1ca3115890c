// The words people read for a Status: a catalogue of reason codes with a Dutch (B1, the
// default) and an English text each, shipped as data/messages/*.json and compiled into the
// binary. The web app imports the same files, so server and browser say the same thing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace kansrijk {

enum class Lang { kNl, kEn };

// The language a request asks for: "en" when Accept-Language prefers English over Dutch,
// otherwise Dutch (the default for everyone, including a missing or unreadable header).
Lang LangFromAcceptLanguage(std::string_view header);

// The text for `code` in `lang` with {name} placeholders filled from `params`. An unknown code
// gives the generic text of `fallback` (a canonical code) and is logged once as a defect.
std::string RenderMessage(std::string_view code, const Params& params, Lang lang, Code fallback = Code::kInternal);
// The generic reason code of a canonical code ("not_found" for kNotFound, ...).
const char* GenericReasonFor(Code code);
// True when the catalogue has `code`.
bool HasMessage(std::string_view code);
// Every code in the catalogue, sorted (for tests and `kansrijk messages`).
std::vector<std::string> MessageCodes();
// Problems with the catalogue itself: a text missing in a language, or placeholders that
// differ between the languages. Empty when the catalogue is sound (checked by a unit test).
std::vector<std::string> CheckMessageCatalogue();

// The person-facing sentence for a Status (its reason code), and for one field error.
std::string Describe(const Status& status, Lang lang);
std::string Describe(const FieldError& error, Lang lang);

}  // namespace kansrijk
