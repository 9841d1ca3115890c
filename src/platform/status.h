// Errors as values: one Status (canonical code, a stable reason code with its parameters,
// per-field errors) and Result<T>. Expected outcomes (not found, invalid input, conflict,
// forbidden) are returned, never thrown.
//
// A Status carries no sentence. The words a person reads are made from the reason code and its
// parameters at the edge, in that person's language (platform/messages.h, data/messages/*.json);
// the web app renders the same codes from the same catalogue.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kansrijk {

// Canonical codes. The single mapping to HTTP is http::HttpStatusFor (platform/http.cc).
enum class Code {
  kOk,
  kMalformed,             // the request cannot be read at all (bad JSON, bad UTF-8) -> 400
  kInvalidArgument,       // readable but invalid; per-field errors -> 422
  kUnauthenticated,       // no valid session -> 401
  kPermissionDenied,      // the role may never do this -> 403
  kNotFound,              // absent, or outside the caller's scope -> 404
  kConflict,              // uniqueness or state conflict -> 409
  kFailedPrecondition,    // stale If-Match version -> 412
  kPreconditionRequired,  // If-Match missing -> 428
  kPayloadTooLarge,       // -> 413
  kMethodNotAllowed,      // the path exists, not with this method -> 405 (with Allow)
  kUnsupportedMediaType,  // -> 415
  kResourceExhausted,     // rate limit / lockout -> 429
  kInternal,              // a bug or broken infrastructure -> 500
  kUnavailable,           // database down, overloaded -> 503
};

// Parameters of a reason code, e.g. {"max": "200"}. Values are plain text, never markup.
using Params = std::map<std::string, std::string>;

// One problem with one field: a stable code ("too_long") and its parameters ({"max": "200"}).
struct FieldError {
  std::string code;
  Params params;
  bool operator==(const FieldError&) const = default;
};
using FieldErrors = std::map<std::string, std::vector<FieldError>>;

class [[nodiscard]] Status {
 public:
  Status() = default;
  // `reason` is a stable snake_case code with an entry in data/messages (e.g. "family_not_found").
  Status(Code code, std::string reason, Params params = {})
      : code_(code), reason_(std::move(reason)), params_(std::move(params)) {}

  static Status Ok() { return {}; }
  // kInvalidArgument with per-field errors; the reason defaults to "validation".
  static Status Invalid(FieldErrors errors, std::string reason = "validation") {
    Status s(Code::kInvalidArgument, std::move(reason));
    s.field_errors_ = std::move(errors);
    return s;
  }
  static Status InvalidField(const std::string& field, std::string code, Params params = {}) {
    return Invalid({{field, {FieldError{std::move(code), std::move(params)}}}});
  }
  static Status NotFound(std::string reason = "not_found") { return {Code::kNotFound, std::move(reason)}; }
  static Status Forbidden(std::string reason = "forbidden") { return {Code::kPermissionDenied, std::move(reason)}; }
  static Status Conflict(std::string reason, Params params = {}) {
    return {Code::kConflict, std::move(reason), std::move(params)};
  }
  // A bug or broken infrastructure. `note` is for the server log and the CLI, never for a client.
  static Status Internal(std::string note) {
    Status s(Code::kInternal, "internal");
    s.note_ = std::move(note);
    return s;
  }
  static Status Unavailable(std::string note) {
    Status s(Code::kUnavailable, "unavailable");
    s.note_ = std::move(note);
    return s;
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const Params& params() const { return params_; }
  const FieldErrors& field_errors() const { return field_errors_; }
  // Technical detail for logs (SQL errors, file names); empty for most statuses.
  const std::string& note() const { return note_; }
  Status& WithNote(std::string note) { note_ = std::move(note); return *this; }
  // The Dutch sentence for this status (catalogue, platform/messages.h), with the note when
  // there is one: for the CLI and logs. Field errors are not included (Describe each).
  // Clients get Describe() in their own language.
  std::string message() const;

  // A more specific problem type than the code's default (e.g. "csrf", "totp-required").
  const std::string& problem_slug() const { return slug_; }
  Status& WithSlug(std::string slug) { slug_ = std::move(slug); return *this; }
  std::optional<int> retry_after_seconds() const { return retry_after_; }
  Status& WithRetryAfter(int seconds) { retry_after_ = seconds; return *this; }

 private:
  Code code_ = Code::kOk;
  std::string reason_;
  Params params_;
  FieldErrors field_errors_;
  std::string note_;
  std::string slug_;
  std::optional<int> retry_after_;
};

// Appends every field error of `from` to `into`.
inline void MergeFieldErrors(FieldErrors& into, const FieldErrors& from) {
  for (const auto& [k, v] : from) into[k].insert(into[k].end(), v.begin(), v.end());
}

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit on purpose, like std::expected
  Result(Status status) : v_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kansrijk

#define KANSRIJK_CONCAT_INNER(a, b) a##b
#define KANSRIJK_CONCAT(a, b) KANSRIJK_CONCAT_INNER(a, b)

// Returns from the current function when `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::kansrijk::Status kansrijk_status_ = (expr);      \
    if (!kansrijk_status_.ok()) return kansrijk_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, ResultExpr())`: unwraps a Result or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(KANSRIJK_CONCAT(kansrijk_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
