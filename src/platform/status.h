// Errors as values: one Status (code, message, per-field errors) and Result<T>.
// Expected outcomes (not found, invalid input, conflict, forbidden) are returned, never thrown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kansrijk {

// Canonical codes. The single mapping to HTTP lives in platform/problem.cc.
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
  kResourceExhausted,     // rate limit / lockout -> 429
  kInternal,              // a bug or broken infrastructure -> 500
  kUnavailable,           // database down -> 503
};

using FieldErrors = std::map<std::string, std::vector<std::string>>;

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Invalid(FieldErrors errors, std::string message = "Niet alle velden zijn goed ingevuld.") {
    Status s(Code::kInvalidArgument, std::move(message));
    s.field_errors_ = std::move(errors);
    return s;
  }
  static Status InvalidField(const std::string& field, const std::string& message) {
    return Invalid({{field, {message}}});
  }
  static Status NotFound(std::string what = "Niet gevonden.") { return {Code::kNotFound, std::move(what)}; }
  static Status Forbidden(std::string why = "Dit mag u niet doen met uw rol.") {
    return {Code::kPermissionDenied, std::move(why)};
  }
  static Status Internal(std::string what) { return {Code::kInternal, std::move(what)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const FieldErrors& field_errors() const { return field_errors_; }

  // A more specific problem type than the code's default (e.g. "csrf", "totp-required").
  const std::string& problem_slug() const { return slug_; }
  Status& WithSlug(std::string slug) { slug_ = std::move(slug); return *this; }
  std::optional<int> retry_after_seconds() const { return retry_after_; }
  Status& WithRetryAfter(int seconds) { retry_after_ = seconds; return *this; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  FieldErrors field_errors_;
  std::string slug_;
  std::optional<int> retry_after_;
};

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
