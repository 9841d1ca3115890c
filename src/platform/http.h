// HTTP types shared by every feature's API: request, response, router.
// Handlers translate HTTP <-> domain; Status codes become HTTP only in ProblemResponse().
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/messages.h"
#include "platform/status.h"

namespace kansrijk::http {

using Json = nlohmann::json;
using Headers = std::multimap<std::string, std::string>;

// What a handler sees of a request. Header names are matched case-insensitively.
struct Request {
  std::string method;
  std::string path;
  std::string route;  // the matched pattern, e.g. "/api/v1/families/{id}"
  std::string body;
  std::string client_addr;
  std::string request_id;
  std::map<std::string, std::string> path_params;
  std::multimap<std::string, std::string> query;
  std::function<std::string(const std::string&)> header;  // "" when absent

  std::string Param(const std::string& name) const;
  std::optional<std::string> QueryValue(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  Headers headers;
};

Response JsonResponse(int status, const Json& body);
// A response whose JSON text is already written (see platform/json_writer.h).
Response JsonTextResponse(int status, std::string body);
Response NoContent();
// The single mapping from Status codes to HTTP problem+json (RFC 9457).
// `lang` chooses the language of `title` and `detail`; `code`, `params` and the field errors'
// codes are the same in every language (the web renders them from its own catalogue).
Response ProblemResponse(const Status& status, Lang lang = Lang::kNl);
int HttpStatusFor(Code code);

using Handler = std::function<Response(Request&)>;

// Matches method + path against patterns with {name} segments. Pure; no I/O.
class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null when nothing matched this method
    std::string route;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // set when the path matched under other methods
  };
  Match Find(std::string_view method, std::string_view path) const;
  // "METHOD /pattern" for every route, sorted.
  std::vector<std::string> Describe() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// Parses a JSON request body that must be an object. kMalformed for bad JSON (including invalid
// UTF-8), a key that occurs twice in one object (at any depth), or another top-level type.
Result<Json> ParseJsonObject(std::string_view body);

}  // namespace kansrijk::http
