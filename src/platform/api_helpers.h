// Helpers every API handler uses: reading JSON fields with per-field errors, If-Match
// versions, pagination parameters and opaque cursors.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/http.h"
#include "platform/time.h"

namespace kansrijk::http {

// Reads fields of a JSON object, collecting one error list per field; unknown fields are errors.
class FieldReader {
 public:
  FieldReader(const Json& object, std::initializer_list<const char*> allowed);
  // A string field. Missing: error when `required`, else nullopt. JSON null counts as missing.
  // Wrong type, control characters or more than `max_chars` code points: a field error.
  std::optional<std::string> String(const std::string& name, bool required, size_t max_chars);
  std::optional<bool> Bool(const std::string& name);
  // A whole number in [min, max]. Missing or null: error when `required`, else nullopt. Strings
  // ("12"), fractions and booleans are errors: money and counts travel as JSON integers.
  std::optional<int64_t> Int(const std::string& name, bool required, int64_t min, int64_t max);
  // A calendar date "YYYY-MM-DD" (a real date). Missing or null: error when `required`, else nullopt.
  std::optional<Date> DateField(const std::string& name, bool required);
  // The array value, or nullptr (missing or wrong type: error).
  const Json* Array(const std::string& name);
  bool Present(const std::string& name) const;
  bool IsNull(const std::string& name) const;
  // Adds a field error with a catalogue code (data/messages) and its parameters.
  void Error(const std::string& field, std::string code, Params params = {}) {
    errors_[field].push_back({std::move(code), std::move(params)});
  }
  FieldErrors& errors() { return errors_; }
  // kInvalidArgument with every field error, or OK.
  Status Finish() const;

 private:
  const Json& obj_;
  FieldErrors errors_;
};

// The version in If-Match ("3", W/"3" or 3): kPreconditionRequired when absent, kFailedPrecondition
// when unreadable (it cannot match any version).
Result<int64_t> RequireIfMatch(const Request& req);
// ETag header value for a row version.
std::string ETagFor(int64_t version);

// ?limit= (1..200, default 50) -> kInvalidArgument outside the range.
Result<int> ParseLimit(const Request& req, int default_limit = 50, int max_limit = 200);
// Opaque cursors: base64url of a JSON array of strings. Garbage -> kInvalidArgument (field "cursor").
std::string EncodeCursor(const std::vector<std::string>& parts);
Result<std::vector<std::string>> DecodeCursor(const std::string& cursor, size_t expected_parts);

}  // namespace kansrijk::http
