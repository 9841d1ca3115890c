#include "platform/messages.h"

#include <gtest/gtest.h>

namespace kansrijk {
namespace {

TEST(MessagesTest, TheShippedCatalogueIsSound) {
  // Every code has a Dutch and an English text with the same placeholders, no code is defined
  // twice across data/messages/*.json, and every canonical code has its generic text.
  auto problems = CheckMessageCatalogue();
  for (const auto& p : problems) ADD_FAILURE() << p;
  EXPECT_GT(MessageCodes().size(), 30u);
}

TEST(MessagesTest, RendersParametersInTheAskedLanguage) {
  EXPECT_EQ(RenderMessage("too_long", {{"max", "200"}}, Lang::kNl), "Dit mag maximaal 200 tekens hebben.");
  EXPECT_EQ(RenderMessage("too_long", {{"max", "200"}}, Lang::kEn), "This may have at most 200 characters.");
  // A missing parameter leaves its placeholder visible rather than inventing a value.
  EXPECT_NE(RenderMessage("too_long", {}, Lang::kEn).find("{max}"), std::string::npos);
}

TEST(MessagesTest, UnknownCodeFallsBackToTheGenericTextOfItsCanonicalCode) {
  EXPECT_EQ(RenderMessage("no_such_code_at_all", {}, Lang::kEn, Code::kNotFound), RenderMessage("not_found", {}, Lang::kEn));
  EXPECT_FALSE(HasMessage("no_such_code_at_all"));
}

TEST(MessagesTest, DescribeNeverShowsInternalDetail) {
  Status st = Status::Internal("sqlite: disk I/O error at /var/lib/x");
  EXPECT_EQ(Describe(st, Lang::kEn), RenderMessage("internal", {}, Lang::kEn));
  EXPECT_NE(st.message().find("disk I/O"), std::string::npos);  // the CLI and the log do see it
}

TEST(MessagesTest, AcceptLanguage) {
  struct Case {
    const char* header;
    Lang want;
  } cases[] = {
      {"", Lang::kNl},
      {"en", Lang::kEn},
      {"en-GB,en;q=0.9", Lang::kEn},
      {"nl-NL,nl;q=0.9,en;q=0.8", Lang::kNl},
      {"de-DE,en;q=0.5", Lang::kEn},
      {"fr", Lang::kNl},
      {"en;q=0.3, nl;q=0.7", Lang::kNl},
      {"EN-us", Lang::kEn},
      {";;;,q=,en;q=abc", Lang::kNl},
  };
  for (const auto& c : cases) EXPECT_EQ(LangFromAcceptLanguage(c.header), c.want) << c.header;
}

}  // namespace
}  // namespace kansrijk
