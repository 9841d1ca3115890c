#include "platform/http.h"

#include <algorithm>
#include <set>

#include "platform/messages.h"

namespace kansrijk::http {

std::string Request::Param(const std::string& name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string() : it->second;
}

std::optional<std::string> Request::QueryValue(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response JsonTextResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kMalformed: return 400;
    case Code::kInvalidArgument: return 422;
    case Code::kUnauthenticated: return 401;
    case Code::kPermissionDenied: return 403;
    case Code::kNotFound: return 404;
    case Code::kConflict: return 409;
    case Code::kFailedPrecondition: return 412;
    case Code::kPreconditionRequired: return 428;
    case Code::kPayloadTooLarge: return 413;
    case Code::kMethodNotAllowed: return 405;
    case Code::kUnsupportedMediaType: return 415;
    case Code::kResourceExhausted: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

namespace {
// The problem type's last part for each canonical code, unless the Status names its own slug.
const char* SlugFor(Code code) {
  switch (code) {
    case Code::kMalformed: return "invalid-json";
    case Code::kInvalidArgument: return "validation";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kPermissionDenied: return "forbidden";
    case Code::kNotFound: return "not-found";
    case Code::kConflict: return "conflict";
    case Code::kFailedPrecondition: return "precondition-failed";
    case Code::kPreconditionRequired: return "precondition-required";
    case Code::kPayloadTooLarge: return "payload-too-large";
    case Code::kMethodNotAllowed: return "method-not-allowed";
    case Code::kUnsupportedMediaType: return "unsupported-media-type";
    case Code::kResourceExhausted: return "too-many-requests";
    case Code::kUnavailable: return "unavailable";
    case Code::kInternal:
    case Code::kOk: break;
  }
  return "internal";
}
}  // namespace

Response ProblemResponse(const Status& status, Lang lang) {
  int http_status = HttpStatusFor(status.code());
  std::string slug = status.problem_slug().empty() ? SlugFor(status.code()) : status.problem_slug();
  // Internal details stay in the server log; the client gets a calm sentence and no note.
  bool internal = status.code() == Code::kInternal;
  Json body = {{"type", "https://kansrijk.nl/problems/" + slug},
               {"title", RenderMessage(GenericReasonFor(status.code()), {}, lang)},
               {"status", http_status},
               {"code", internal ? std::string("internal") : status.reason()},
               {"params", internal ? Json::object() : Json(status.params())},
               {"detail", Describe(status, lang)}};
  if (!status.field_errors().empty()) {
    Json errors = Json::object();
    for (const auto& [field, list] : status.field_errors()) {
      Json items = Json::array();
      for (const auto& e : list)
        items.push_back({{"code", e.code}, {"params", Json(e.params)}, {"detail", Describe(e, lang)}});
      errors[field] = std::move(items);
    }
    body["errors"] = std::move(errors);
  }
  if (slug == "totp-required") body["totp_required"] = true;
  Response r = JsonResponse(http_status, body);
  r.content_type = "application/problem+json";
  r.headers.emplace("Content-Language", lang == Lang::kEn ? "en" : "nl");
  if (auto s = status.retry_after_seconds()) r.headers.emplace("Retry-After", std::to_string(*s));
  return r;
}

namespace {
std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;
  if (path.empty() || path[0] != '/') return {"\x01"};  // never matches
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  auto segments = Split(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match result;
  auto segments = Split(path);
  // HEAD is answered by the GET handler (the server drops the body).
  std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  for (const auto& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (segments[i].empty()) ok = false;
        else params[p.substr(1, p.size() - 2)] = segments[i];
      } else {
        ok = p == segments[i];
      }
    }
    if (!ok) continue;
    if (r.method == want) {
      result.handler = &r.handler;
      result.route = r.pattern;
      result.params = std::move(params);
      return result;
    }
    result.allowed_methods.push_back(r.method);
    result.route = r.pattern;
  }
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  return result;
}

std::vector<std::string> Router::Describe() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) out.push_back(r.method + " " + r.pattern);
  std::sort(out.begin(), out.end());
  return out;
}

Result<Json> ParseJsonObject(std::string_view body) {
  // A key twice in one object would leave the choice between the two values to whichever parser
  // reads the body (nlohmann keeps the last, others the first): refused, at every depth.
  std::vector<std::set<std::string>> keys;  // one set per object being parsed
  std::string duplicate;
  auto check = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == Json::parse_event_t::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == Json::parse_event_t::key && !keys.empty()) {
      if (!keys.back().insert(parsed.get<std::string>()).second && duplicate.empty())
        duplicate = parsed.get<std::string>();
    }
    return true;
  };
  Json j = Json::parse(body, check, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return Status(Code::kMalformed, "json_invalid");
  if (!duplicate.empty()) return Status(Code::kMalformed, "json_duplicate_key", {{"key", duplicate}});
  if (!j.is_object()) return Status(Code::kMalformed, "json_not_object");
  return j;
}

}  // namespace kansrijk::http
