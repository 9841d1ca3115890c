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
  auto res = ProblemResponse(Status::InvalidField("name", "too_long", {{"max", "200"}}), Lang::kEn);
  auto body = Json::parse(res.body);
  EXPECT_EQ(body["code"], "validation");
  EXPECT_EQ(body["errors"]["name"][0]["code"], "too_long");
  EXPECT_EQ(body["errors"]["name"][0]["params"]["max"], "200");
  EXPECT_EQ(body["errors"]["name"][0]["detail"], "This may have at most 200 characters.");
  EXPECT_EQ(res.headers.find("Content-Language")->second, "en");
  auto nl = Json::parse(ProblemResponse(Status::InvalidField("name", "too_long", {{"max", "200"}})).body);
  EXPECT_EQ(nl["errors"]["name"][0]["detail"], "Dit mag maximaal 200 tekens hebben.");
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
  EXPECT_EQ(top.status().reason(), "json_duplicate_key");
  EXPECT_EQ(top.status().params().at("key"), "username");
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

TEST(RequestHeadTest, AcceptsOrdinaryHeads) {
  auto h = CheckRequestHead("POST /api/v1/auth/login?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n"
                            "Content-Type: application/json\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->method, "POST");
  EXPECT_EQ(h->target, "/api/v1/auth/login?x=1");
  EXPECT_EQ(h->content_length, 12u);
  EXPECT_FALSE(h->chunked);
  EXPECT_TRUE(h->expect_continue);
  auto chunked = CheckRequestHead("POST /x HTTP/1.1\r\nhost: a\r\ntransfer-encoding: Chunked\r\n\r\n");
  ASSERT_TRUE(chunked.ok()) << chunked.status().message();
  EXPECT_TRUE(chunked->chunked);
  EXPECT_TRUE(CheckRequestHead("GET / HTTP/1.0\r\n\r\n").ok());
  EXPECT_TRUE(CheckRequestHead("GET / HTTP/1.1\r\nX-Empty:\r\nX-Tab:\ta\tb\r\n\r\n").ok());
}

TEST(RequestHeadTest, RefusesWhatTwoParsersCouldReadDifferently) {
  for (const char* bad : {
           "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",  // conflicting
           "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n",  // twice
           "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n",
           "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
           "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length : 5\r\n\r\n",  // space before the colon
           "GET /x HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n folded\r\n\r\n",      // obs-fold
           "GET /x HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\tfolded\r\n\r\n",
           "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
           "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
           "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
           "GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
           "GET /x HTTP/1.1\nHost: a\n\n",                     // bare LF
           "GET /x HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",        // bare CR
           "GET /x HTTP/1.1\r\nX-A: a\x01" "b\r\n\r\n",       // control byte
           "GET /x HTTP/1.1\r\nNoColon\r\n\r\n",
           "GET /x HTTP/1.1\r\n: empty-name\r\n\r\n",
           "GET  /x HTTP/1.1\r\n\r\n",
           "GET /x HTTP/2.0\r\n\r\n",
           "G(T /x HTTP/1.1\r\n\r\n",
           "GET /x HTTP/1.1\r\nHost: a\r\n",                 // no empty line
       })
    EXPECT_EQ(CheckRequestHead(bad).status().code(), Code::kMalformed) << bad;
}

TEST(TargetTest, DecodesPathAndQueryAndRefusesNul) {
  auto t = SplitTarget("/api/v1/families/a%20b?q=bakker+jansen&sort=name&empty&x=%C3%AB&&q=2");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/api/v1/families/a b");
  EXPECT_EQ(t->query.count("q"), 2u);
  EXPECT_EQ(t->query.find("q")->second, "bakker jansen");
  EXPECT_EQ(t->query.find("empty")->second, "");
  EXPECT_EQ(t->query.find("x")->second, "ë");
  EXPECT_EQ(SplitTarget("/a+b%zz%4").value().path, "/a+b%zz%4");  // '+' stays in a path; bad escapes stay
  EXPECT_EQ(SplitTarget("/api/v1/families/abc%00junk").status().code(), Code::kMalformed);
  EXPECT_EQ(SplitTarget("/x?q=a%00b").status().code(), Code::kMalformed);
  EXPECT_EQ(SplitTarget("/x?a%00=b").status().code(), Code::kMalformed);
}

TEST(BearerTokenTest, MatchesOnlyTheWholeToken) {
  EXPECT_TRUE(BearerTokenMatches("Bearer s3cret-token", "s3cret-token"));
  EXPECT_TRUE(BearerTokenMatches("bearer s3cret-token", "s3cret-token"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3cret-tokeN", "s3cret-token"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3cret-token ", "s3cret-token"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3cret", "s3cret-token"));
  EXPECT_FALSE(BearerTokenMatches("Basic s3cret-token", "s3cret-token"));
  EXPECT_FALSE(BearerTokenMatches("", "s3cret-token"));
  EXPECT_FALSE(BearerTokenMatches("Bearer ", ""));  // no configured token never matches
}

}  // namespace
}  // namespace kansrijk::http
