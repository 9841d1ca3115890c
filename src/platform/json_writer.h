// A streaming JSON writer for hot responses: appends to one string, no tree, no per-value
// allocation. nlohmann::json stays the tool for parsing and for small or rare responses;
// building and dumping a family with its members through it took 40% of a family GET.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansrijk::http {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The key of the next value inside an object.
  JsonWriter& Key(std::string_view key);
  // Text is escaped; invalid UTF-8 becomes U+FFFD, so the output is always valid JSON.
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& OptString(const std::optional<std::string>& value);
  // An already-serialised JSON value, written as is.
  JsonWriter& Raw(std::string_view json);
  // The document so far; the writer is empty afterwards.
  std::string Take();

 private:
  void Separate();
  void Escaped(std::string_view s);
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace kansrijk::http
