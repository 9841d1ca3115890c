// A second coach's access and its end (issue 14): LoadFamilyScope lists every active coach, and
// the policy's coach scope follows it.
#include "families/service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "platform/migrations.h"
#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::families {
namespace {

using security::Action;
using security::Actor;
using security::Decision;

class FurtherCoachTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("kansrijk-coaches-" + NewId() + ".db");
    auto db = db::Database::Open("sqlite:" + path_.string());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db::Migrate(*db_).ok());
    Status st = db_->Write([&](db::Connection& tx) -> Status {
      const std::string now = FormatUtc(Now());
      RETURN_IF_ERROR(tx.Exec("INSERT INTO organisations (id, name, created_at) VALUES ('org', 'Org', ?)", {now}).status());
      for (const char* id : {"main", "kinder", "other"})
        RETURN_IF_ERROR(tx.Exec("INSERT INTO users (id, organisation_id, username, display_name, role, password_hash, "
                                "created_at, updated_at) VALUES (?, 'org', ?, ?, 'coach', 'x', ?, ?)",
                                {std::string(id), std::string(id), std::string(id), now, now})
                            .status());
      NewFamily f{"org", "Jansen", std::string("main"), {}};
      ASSIGN_OR_RETURN(auto created, CreateFamily(tx, f));
      family_id_ = created.family.id;
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.message();
  }
  void TearDown() override {
    db_.reset();
    for (const char* tail : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + tail);
  }

  security::FamilyScope Scope() {
    security::FamilyScope scope;
    Status st = db_->Read([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(scope, LoadFamilyScope(c, family_id_));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.message();
    return scope;
  }
  static Actor Coach(const std::string& id) {
    Actor a;
    a.role = security::Role::kCoach;
    a.user_id = id;
    a.organisation_id = "org";
    return a;
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
  std::string family_id_;
  const CoachDoer lead_{"main", "Teamleider"};
  const Date today_{2026, 7, 15};
};

TEST_F(FurtherCoachTest, ASecondCoachWorksOnTheFamilyUntilEnded) {
  auto before = Scope();
  EXPECT_EQ(security::Decide(Coach("kinder"), Action::kFamilyUpdate, &before), Decision::kDenyScope);

  FamilyCoach added;
  ASSERT_TRUE(db_->Write([&](db::Connection& tx) -> Status {
                   ASSIGN_OR_RETURN(added, AddFurtherCoach(tx, family_id_, "kinder", "kindercoach", "Werkt met de kinderen.",
                                                           lead_, today_));
                   return Status::Ok();
                 }).ok());
  auto with = Scope();
  EXPECT_EQ(with.coach_ids, (std::vector<std::string>{"main", "kinder"}));
  EXPECT_EQ(security::Decide(Coach("kinder"), Action::kFamilyRead, &with), Decision::kAllow);
  EXPECT_EQ(security::Decide(Coach("kinder"), Action::kFamilyUpdate, &with), Decision::kAllow);
  EXPECT_EQ(security::Decide(Coach("main"), Action::kFamilyRead, &with), Decision::kAllow);
  EXPECT_EQ(security::Decide(Coach("other"), Action::kFamilyRead, &with), Decision::kDenyScope);

  // Nobody is added twice; the main coach is one already.
  for (const char* again : {"kinder", "main"}) {
    Status st = db_->Write([&](db::Connection& tx) -> Status {
      return AddFurtherCoach(tx, family_id_, again, "kindercoach", std::nullopt, lead_, today_).status();
    });
    EXPECT_EQ(st.field_errors().at("user_id")[0].code, "coach_already_assigned") << again;
  }

  // Ending needs a note; after it the second coach has no access any more (404).
  Status no_note = db_->Write([&](db::Connection& tx) -> Status {
    return EndFurtherCoach(tx, family_id_, added.id, std::nullopt, lead_, today_).status();
  });
  EXPECT_EQ(no_note.field_errors().at("note")[0].code, "coach_end_note_required");
  ASSERT_TRUE(db_->Write([&](db::Connection& tx) -> Status {
                   return EndFurtherCoach(tx, family_id_, added.id, "Kinderen gaan goed.", lead_, today_).status();
                 }).ok());
  auto after = Scope();
  EXPECT_EQ(after.coach_ids, (std::vector<std::string>{"main"}));
  EXPECT_EQ(security::Decide(Coach("kinder"), Action::kFamilyRead, &after), Decision::kDenyScope);
  Status twice = db_->Write([&](db::Connection& tx) -> Status {
    return EndFurtherCoach(tx, family_id_, added.id, "nog eens", lead_, today_).status();
  });
  EXPECT_EQ(twice.code(), Code::kConflict);
  EXPECT_EQ(twice.reason(), "coach_already_ended");
}

TEST_F(FurtherCoachTest, AHandoverEndsOneAndStartsTheOtherInTheSameRole) {
  FamilyCoach added, next;
  ASSERT_TRUE(db_->Write([&](db::Connection& tx) -> Status {
                   ASSIGN_OR_RETURN(added, AddFurtherCoach(tx, family_id_, "kinder", "kindercoach", std::nullopt, lead_,
                                                           today_));
                   return Status::Ok();
                 }).ok());
  Status no_note = db_->Write([&](db::Connection& tx) -> Status {
    return HandOverFurtherCoach(tx, family_id_, added.id, "other", std::nullopt, lead_, today_).status();
  });
  EXPECT_EQ(no_note.field_errors().at("note")[0].code, "handover_note_required");
  ASSERT_TRUE(db_->Write([&](db::Connection& tx) -> Status {
                   ASSIGN_OR_RETURN(next, HandOverFurtherCoach(tx, family_id_, added.id, "other", "Verlof.", lead_, today_));
                   return Status::Ok();
                 }).ok());
  EXPECT_EQ(next.role, "kindercoach");
  EXPECT_EQ(Scope().coach_ids, (std::vector<std::string>{"main", "other"}));
  // The role must be one of the list.
  Status bad = db_->Write([&](db::Connection& tx) -> Status {
    return AddFurtherCoach(tx, family_id_, "kinder", "tovenaar", std::nullopt, lead_, today_).status();
  });
  EXPECT_EQ(bad.field_errors().at("role")[0].code, "choose_one_of");
}

}  // namespace
}  // namespace kansrijk::families
