#include "platform/messages.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace kansrijk {
namespace embedded {
const std::map<std::string, std::string_view>& Files();
}

namespace {

struct Texts {
  std::string nl;
  std::string en;
};

struct Loaded {
  std::map<std::string, Texts, std::less<>> texts;
  std::vector<std::string> problems;  // unreadable files, codes defined twice
};

// Loaded once from the embedded data/messages/*.json; read-only afterwards (no locking needed).
const Loaded& Load() {
  static const Loaded loaded = [] {
    Loaded out;
    for (const auto& [path, content] : embedded::Files()) {
      if (!path.starts_with("data/messages/") || !path.ends_with(".json")) continue;
      auto j = nlohmann::json::parse(content, nullptr, false);
      if (!j.is_object()) {
        out.problems.push_back(path + " is not a JSON object");
        continue;
      }
      for (const auto& [code, texts] : j.items()) {
        if (code.starts_with("_")) continue;  // "_comment" and the like
        if (!texts.is_object()) {
          out.problems.push_back(code + " in " + path + " is not an object with nl and en");
          continue;
        }
        if (out.texts.contains(code)) out.problems.push_back(code + " is defined twice (again in " + path + ")");
        out.texts[code] = Texts{texts.value("nl", ""), texts.value("en", "")};
      }
    }
    return out;
  }();
  return loaded;
}

const std::map<std::string, Texts, std::less<>>& Catalogue() { return Load().texts; }

// The generic reason for each canonical code: the text a client gets when a specific one is missing.
}  // namespace

const char* GenericReasonFor(Code code) {
  switch (code) {
    case Code::kMalformed: return "malformed";
    case Code::kInvalidArgument: return "validation";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kPermissionDenied: return "forbidden";
    case Code::kNotFound: return "not_found";
    case Code::kConflict: return "conflict";
    case Code::kFailedPrecondition: return "version_stale";
    case Code::kPreconditionRequired: return "version_required";
    case Code::kPayloadTooLarge: return "payload_too_large";
    case Code::kMethodNotAllowed: return "method_not_allowed";
    case Code::kUnsupportedMediaType: return "unsupported_media_type";
    case Code::kResourceExhausted: return "too_many_requests";
    case Code::kUnavailable: return "unavailable";
    case Code::kOk:
    case Code::kInternal: break;
  }
  return "internal";
}

namespace {

std::string Fill(const std::string& text, const Params& params) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t end = text.find('}', i);
      if (end != std::string::npos) {
        auto it = params.find(text.substr(i + 1, end - i - 1));
        if (it != params.end()) {
          out += it->second;
          i = end;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::set<std::string> Placeholders(const std::string& text) {
  static const std::regex kPlaceholder("\\{([a-z_]+)\\}");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

void ReportMissing(std::string_view code) {
  static std::mutex mu;
  static std::set<std::string, std::less<>> reported;
  std::lock_guard lock(mu);
  if (reported.insert(std::string(code)).second) spdlog::error("no message in data/messages for code '{}'", code);
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  // Take the first language range with the highest q; only "en" and "nl" are known.
  double best_q = -1;
  Lang best = Lang::kNl;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    pos = end + 1;
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    double q = 1.0;
    if (size_t semi = part.find(';'); semi != std::string_view::npos) {
      std::string_view rest = part.substr(semi + 1);
      part = part.substr(0, semi);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      if (rest.starts_with("q=")) {
        try {
          q = std::stod(std::string(rest.substr(2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    std::string primary(part.substr(0, part.find('-')));
    std::transform(primary.begin(), primary.end(), primary.begin(), [](unsigned char c) { return std::tolower(c); });
    std::optional<Lang> lang;
    if (primary == "en") lang = Lang::kEn;
    if (primary == "nl") lang = Lang::kNl;
    // q=0 means "not this one"; an unreadable q counts as 0 (RFC 9110 §12.4.2).
    if (lang && q > 0 && q > best_q) {
      best_q = q;
      best = *lang;
    }
  }
  return best;
}

std::string RenderMessage(std::string_view code, const Params& params, Lang lang, Code fallback) {
  const auto& catalogue = Catalogue();
  auto it = catalogue.find(code);
  if (it == catalogue.end()) {
    ReportMissing(code);
    it = catalogue.find(std::string_view(GenericReasonFor(fallback)));
    if (it == catalogue.end()) return lang == Lang::kEn ? "Something went wrong." : "Er ging iets mis.";
  }
  const std::string& text = lang == Lang::kEn && !it->second.en.empty() ? it->second.en : it->second.nl;
  return Fill(text, params);
}

bool HasMessage(std::string_view code) { return Catalogue().contains(code); }

std::vector<std::string> MessageCodes() {
  std::vector<std::string> out;
  for (const auto& [code, texts] : Catalogue()) out.push_back(code);
  return out;
}

std::vector<std::string> CheckMessageCatalogue() {
  std::vector<std::string> problems = Load().problems;
  static const std::regex kCode("^[a-z][a-z0-9_]*$");
  for (const auto& [code, texts] : Catalogue()) {
    if (!std::regex_match(code, kCode)) problems.push_back(code + ": a code is snake_case");
    if (texts.nl.empty()) problems.push_back(code + ": no Dutch text");
    if (texts.en.empty()) problems.push_back(code + ": no English text");
    if (Placeholders(texts.nl) != Placeholders(texts.en)) problems.push_back(code + ": placeholders differ");
  }
  for (Code c : {Code::kMalformed, Code::kInvalidArgument, Code::kUnauthenticated, Code::kPermissionDenied,
                 Code::kNotFound, Code::kConflict, Code::kFailedPrecondition, Code::kPreconditionRequired,
                 Code::kPayloadTooLarge, Code::kMethodNotAllowed, Code::kUnsupportedMediaType, Code::kResourceExhausted, Code::kUnavailable,
                 Code::kInternal})
    if (!Catalogue().contains(std::string_view(GenericReasonFor(c))))
      problems.push_back(std::string(GenericReasonFor(c)) + ": the generic text is missing");
  return problems;
}

std::string Describe(const Status& status, Lang lang) {
  if (status.code() == Code::kInternal) return RenderMessage("internal", {}, lang);
  return RenderMessage(status.reason(), status.params(), lang, status.code());
}

std::string Describe(const FieldError& error, Lang lang) {
  return RenderMessage(error.code, error.params, lang, Code::kInvalidArgument);
}

std::string Status::message() const {
  if (ok()) return "OK";
  std::string text = code_ == Code::kInternal || code_ == Code::kUnavailable
                         ? RenderMessage(GenericReasonFor(code_), {}, Lang::kNl)
                         : RenderMessage(reason_, params_, Lang::kNl, code_);
  if (!note_.empty()) text += " (" + note_ + ")";
  return text;
}

}  // namespace kansrijk
