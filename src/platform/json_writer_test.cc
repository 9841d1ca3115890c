#include "platform/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kansrijk::http {
namespace {

TEST(JsonWriterTest, WritesNestedDocumentsThatParseBack) {
  JsonWriter w;
  w.BeginObject()
      .Key("id").String("f1")
      .Key("n").Int(-42)
      .Key("ok").Bool(true)
      .Key("none").Null()
      .Key("opt").OptString(std::nullopt)
      .Key("items").BeginArray();
  for (int i = 0; i < 3; ++i) w.BeginObject().Key("i").Int(i).EndObject();
  w.EndArray().Key("empty").BeginArray().EndArray().Key("raw").Raw(R"({"a":[1,2]})").EndObject();
  auto text = w.Take();
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["id"], "f1");
  EXPECT_EQ(j["n"], -42);
  EXPECT_TRUE(j["none"].is_null());
  EXPECT_TRUE(j["opt"].is_null());
  EXPECT_EQ(j["items"].size(), 3u);
  EXPECT_EQ(j["items"][2]["i"], 2);
  EXPECT_TRUE(j["empty"].empty());
  EXPECT_EQ(j["raw"]["a"][1], 2);
}

TEST(JsonWriterTest, EscapesTextAndKeepsUnicode) {
  const std::string tricky = "Robert'); DROP TABLE \"families\";--\\ \n\t\x01 Zoë 😀";
  JsonWriter w;
  w.BeginObject().Key("name").String(tricky).EndObject();
  EXPECT_EQ(nlohmann::json::parse(w.Take())["name"], tricky);
}

TEST(JsonWriterTest, ReplacesInvalidUtf8) {
  for (std::string bad : {std::string("a\xff"), std::string("\xc3"), std::string("\xed\xa0\x80"),
                          std::string("\xe0\x80\xaf"), std::string("\xf4\x90\x80\x80")}) {
    JsonWriter w;
    w.String(bad);
    auto text = w.Take();
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    EXPECT_NE(parsed.get<std::string>().find("\xef\xbf\xbd"), std::string::npos);
  }
}

}  // namespace
}  // namespace kansrijk::http
