#include "platform/http.h"

#include <gtest/gtest.h>

#include "platform/api_helpers.h"
#include "platform/http_server.h"

namespace kansrijk::http {
namespace {

Response Ok(Request&) { return JsonResponse(200, {{"ok", true}}); }

TEST(RouterTest, MatchesPathParametersAndReportsOtherMethods) {
  Router r;
  r.Add("GET", "/api/v1/families/{id}", Ok);
  r.Add("PATCH", "/api/v1/families/{id}", Ok);
  r.Add("GET", "/api/v1/families/{id}/members/{mid}", Ok);

  auto m = r.Find("GET", "/api/v1/families/abc");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.route, "/api/v1/families/{id}");
  EXPECT_EQ(m.params.at("id"), "abc");

  auto deep = r.Find("GET", "/api/v1/families/f1/members/m2");
  ASSERT_NE(deep.handler, nullptr);
  EXPECT_EQ(deep.params.at("mid"), "m2");

  auto wrong_method = r.Find("DELETE", "/api/v1/families/abc");
  EXPECT_EQ(wrong_method.handler, nullptr);
  EXPECT_EQ(wrong_method.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));

  EXPECT_EQ(r.Find("GET", "/api/v1/families/").handler, nullptr);  // empty parameter
  EXPECT_EQ(r.Find("GET", "/api/v1/families/a/b").handler, nullptr);
  EXPECT_TRUE(r.Find("GET", "/nothing").allowed_methods.empty());
  EXPECT_NE(r.Find("HEAD", "/api/v1/families/x").handler, nullptr);  // HEAD uses GET
}

TEST(ProblemTest, MapsEveryCodeToOneHttpStatus) {
  struct Case { Code code; int status; };
  for (auto c : {Case{Code::kMalformed, 400}, {Code::kInvalidArgument, 422}, {Code::kUnauthenticated, 401},
                 {Code::kPermissionDenied, 403}, {Code::kNotFound, 404}, {Code::kConflict, 409},
                 {Code::kFailedPrecondition, 412}, {Code::kPreconditionRequired, 428},
                 {Code::kPayloadTooLarge, 413}, {Code::kResourceExhausted, 429}, {Code::kInternal, 500}}) {
    auto res = ProblemResponse(Status(c.code, "x"));
    EXPECT_EQ(res.status, c.status);
    EXPECT_EQ(res.content_type, "application/problem+json");
    auto body = Json::parse(res.body);
    EXPECT_EQ(body["status"], c.status);
  }
}

TEST(ProblemTest, CarriesFieldErrorsRetryAfterAndHidesInternalDetail) {
  auto res = ProblemResponse(Status::InvalidField("name", "Vul een naam in."));
  EXPECT_EQ(Json::parse(res.body)["errors"]["name"][0], "Vul een naam in.");
  auto locked = ProblemResponse(Status(Code::kResourceExhausted, "wacht").WithRetryAfter(90));
  EXPECT_EQ(locked.headers.find("Retry-After")->second, "90");
  auto internal = ProblemResponse(Status::Internal("sqlite: disk I/O error at /secret/path"));
  EXPECT_EQ(internal.body.find("secret"), std::string::npos);
}

TEST(JsonBodyTest, RejectsNonObjectsAndInvalidUtf8) {
  EXPECT_TRUE(ParseJsonObject(R"({"a":1})").ok());
  EXPECT_EQ(ParseJsonObject("[1]").status().code(), Code::kMalformed);
  EXPECT_EQ(ParseJsonObject("{").status().code(), Code::kMalformed);
  EXPECT_EQ(ParseJsonObject("").status().code(), Code::kMalformed);
  EXPECT_EQ(ParseJsonObject("{\"a\":\"\xff\xfe\"}").status().code(), Code::kMalformed);
}

TEST(JsonBodyTest, RejectsDuplicateKeysAtAnyDepth) {
  auto top = ParseJsonObject(R"({"username":"a","username":"b","password":"x"})");
  EXPECT_EQ(top.status().code(), Code::kMalformed);
  EXPECT_NE(top.status().message().find("\"username\""), std::string::npos) << top.status().message();
  EXPECT_EQ(ParseJsonObject(R"({"a":{"b":1,"b":2}})").status().code(), Code::kMalformed);
  EXPECT_EQ(ParseJsonObject(R"({"a":[{"c":1},{"d":1,"d":1}]})").status().code(), Code::kMalformed);
  // The same key in different objects, or as a value, is fine.
  EXPECT_TRUE(ParseJsonObject(R"({"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a"})").ok());
  // Escapes are decoded before comparing: "\u0061" is "a".
  EXPECT_EQ(ParseJsonObject(R"({"a":1,"\u0061":2})").status().code(), Code::kMalformed);
}

TEST(FieldReaderTest, CollectsErrorsPerField) {
  Json body = {{"name", 5}, {"extra", true}, {"empty", "   "}, {"long", std::string(11, 'x')}};
  FieldReader f(body, {"name", "empty", "long", "missing"});
  EXPECT_FALSE(f.String("name", true, 10));
  EXPECT_FALSE(f.String("empty", true, 10));
  EXPECT_FALSE(f.String("long", true, 10));
  EXPECT_FALSE(f.String("missing", true, 10));
  auto errors = f.errors();
  for (const char* field : {"name", "extra", "empty", "long", "missing"}) EXPECT_TRUE(errors.contains(field)) << field;
  EXPECT_EQ(f.Finish().code(), Code::kInvalidArgument);
}

TEST(FieldReaderTest, CountsCodePointsNotBytes) {
  Json body = {{"name", "Zoë Çelik"}};
  FieldReader f(body, {"name"});
  EXPECT_EQ(f.String("name", true, 9).value(), "Zoë Çelik");
  EXPECT_TRUE(f.Finish().ok());
}

TEST(CursorTest, RoundTripsAndRejectsGarbage) {
  auto c = EncodeCursor({"familie bakker", "0194abc"});
  auto parts = DecodeCursor(c, 2);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0], "familie bakker");
  EXPECT_FALSE(DecodeCursor("not-a-cursor!!", 2).ok());
  EXPECT_FALSE(DecodeCursor(c, 1).ok());
  EXPECT_FALSE(DecodeCursor(EncodeCursor({"a"}), 2).ok());
}

TEST(StaticPathTest, RefusesTraversal) {
  EXPECT_EQ(SafeStaticPath("/srv", "/"), "/srv/index.html");
  EXPECT_EQ(SafeStaticPath("/srv", "/assets/app-1a2b.js"), "/srv/assets/app-1a2b.js");
  for (const char* bad : {"/../etc/passwd", "/assets/../../etc/passwd", "/a//b", "/./x", "/a\\..\\b", "relative",
                          "/c:/windows"})
    EXPECT_EQ(SafeStaticPath("/srv", bad), "") << bad;
}

}  // namespace
}  // namespace kansrijk::http
