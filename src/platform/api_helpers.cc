#include "platform/api_helpers.h"

#include <charconv>

#include "platform/random.h"
#include "platform/text.h"

namespace kansrijk::http {

FieldReader::FieldReader(const Json& object, std::initializer_list<const char*> allowed) : obj_(object) {
  std::set<std::string> known(allowed.begin(), allowed.end());
  for (const auto& [key, value] : obj_.items())
    if (!known.contains(key)) errors_[key].push_back({"unknown_field", {}});
}

bool FieldReader::Present(const std::string& name) const { return obj_.contains(name); }
bool FieldReader::IsNull(const std::string& name) const { return obj_.contains(name) && obj_.at(name).is_null(); }

std::optional<std::string> FieldReader::String(const std::string& name, bool required, size_t max_chars) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) {
    if (required) Error(name, "required");
    return std::nullopt;
  }
  if (!it->is_string()) {
    Error(name, "not_text");
    return std::nullopt;
  }
  std::string value(Trim(it->get_ref<const std::string&>()));
  if (HasControlChars(value)) {
    Error(name, "control_chars");
    return std::nullopt;
  }
  if (required && value.empty()) {
    Error(name, "required");
    return std::nullopt;
  }
  if (Utf8Length(value) > max_chars) {
    Error(name, "too_long", {{"max", std::to_string(max_chars)}});
    return std::nullopt;
  }
  return value;
}

std::optional<bool> FieldReader::Bool(const std::string& name) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    Error(name, "not_boolean");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<int64_t> FieldReader::Int(const std::string& name, bool required, int64_t min, int64_t max) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) {
    if (required) Error(name, "required");
    return std::nullopt;
  }
  if (!it->is_number_integer()) {
    Error(name, "not_integer");
    return std::nullopt;
  }
  // Unsigned values above INT64_MAX are out of every range we accept.
  if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(INT64_MAX)) {
    Error(name, "number_too_large");
    return std::nullopt;
  }
  int64_t v = it->get<int64_t>();
  if (v < min || v > max) {
    Error(name, "out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return std::nullopt;
  }
  return v;
}

std::optional<Date> FieldReader::DateField(const std::string& name, bool required) {
  auto text = String(name, required, 40);
  if (!text) return std::nullopt;
  auto d = ParseDate(*text);
  if (!d) Error(name, "bad_date");
  return d;
}

const Json* FieldReader::Array(const std::string& name) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) return nullptr;
  if (!it->is_array()) {
    Error(name, "not_list");
    return nullptr;
  }
  return &*it;
}

Status FieldReader::Finish() const {
  if (errors_.empty()) return Status::Ok();
  return Status::Invalid(errors_);
}

Result<int64_t> RequireIfMatch(const Request& req) {
  std::string v(Trim(req.header("If-Match")));
  if (v.empty())
    return Status(Code::kPreconditionRequired, "version_required");
  if (v.starts_with("W/")) v = v.substr(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || p != v.data() + v.size() || version < 1)
    return Status(Code::kFailedPrecondition, "version_unreadable");
  return version;
}

std::string ETagFor(int64_t version) { return "\"" + std::to_string(version) + "\""; }

Result<int> ParseLimit(const Request& req, int default_limit, int max_limit) {
  auto raw = req.QueryValue("limit");
  if (!raw) return default_limit;
  int v = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (ec != std::errc() || p != raw->data() + raw->size() || v < 1 || v > max_limit)
    return Status::InvalidField("limit", "out_of_range", {{"min", "1"}, {"max", std::to_string(max_limit)}});
  return v;
}

std::string EncodeCursor(const std::vector<std::string>& parts) { return Base64UrlEncode(Json(parts).dump()); }

Result<std::vector<std::string>> DecodeCursor(const std::string& cursor, size_t expected_parts) {
  const Status bad = Status::InvalidField("cursor", "cursor_invalid");
  std::string raw;
  if (cursor.size() > 2048 || !Base64UrlDecode(cursor, raw)) return bad;
  Json j = Json::parse(raw, nullptr, false);
  if (!j.is_array() || j.size() != expected_parts) return bad;
  std::vector<std::string> out;
  for (const auto& part : j) {
    if (!part.is_string()) return bad;
    out.push_back(part.get<std::string>());
  }
  return out;
}

}  // namespace kansrijk::http
