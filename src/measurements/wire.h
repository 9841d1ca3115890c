// The JSON shapes of measurements: instrument files (read and written), measurements, outcomes.
#pragma once

#include <map>
#include <string>

#include "measurements/model.h"
#include "platform/http.h"

namespace kansrijk::measurements {

// Reads an instrument file. kInvalidArgument with field errors (paths like "domains[2].id") for
// a wrong shape, then ValidateInstrument's rules.
Result<Instrument> ParseInstrument(const http::Json& j);
http::Json InstrumentJson(const Instrument& in);
// The part old scores depend on, canonical (scales, items, domains, scoring): compared when the
// same id and version is loaded again.
std::string ScoringKey(const Instrument& in);
// Cell texts: domain id -> level -> {nl, en}; kInvalidArgument with field errors on a wrong
// shape (instrument_bad_type) and ValidateCells' rules, all of them at once.
Result<Cells> ParseCells(const Instrument& in, const http::Json& j);
http::Json CellsJson(const Cells& cells);

// Values of items from a JSON object: integers, numbers, booleans, strings. Other types get a
// measurement_value_wrong_type field error in `errs`.
std::map<std::string, Value> ParseValues(const http::Json& j, FieldErrors& errs);
http::Json ValuesJson(const std::map<std::string, Value>& v);
http::Json DomainScoresJson(const std::map<std::string, double>& s);
std::map<std::string, double> ParseDomainScores(const std::string& json_text);
http::Json LocalTextJson(const LocalText& t);

}  // namespace kansrijk::measurements
