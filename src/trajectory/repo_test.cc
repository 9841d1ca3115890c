#include "trajectory/repo.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "platform/random.h"

namespace kansrijk::trajectory {
namespace {

// kOnWaitingListSql is the SQL form of OnWaitingList: both must say the same of every family.
TEST(WaitingTest, TheSqlFormSaysWhatTheRuleSays) {
  const auto path = std::filesystem::temp_directory_path() / ("kansrijk-waiting-" + NewId() + ".db");
  {
    auto db = db::Database::Open("sqlite:" + path.string());
    ASSERT_TRUE(db.ok()) << db.status().message();
    struct Row {
      bool has_coach;
      const char* phase;
      const char* status;
    };
    std::vector<Row> rows;
    for (bool coach : {false, true})
      for (const auto& phase : Phases())
        for (const char* status : {"active", "archived"}) rows.push_back({coach, phase.c_str(), status});
    Status st = (*db)->Write([&](db::Connection& tx) -> Status {
      RETURN_IF_ERROR(tx.Exec("CREATE TABLE families (id TEXT, coach_id TEXT, phase TEXT, status TEXT)", {}).status());
      for (size_t i = 0; i < rows.size(); ++i)
        RETURN_IF_ERROR(tx.Exec("INSERT INTO families VALUES (?, ?, ?, ?)",
                                {std::to_string(i), rows[i].has_coach ? db::Param(std::string("c")) : db::Param(nullptr),
                                 std::string(rows[i].phase), std::string(rows[i].status)})
                            .status());
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.message();
    st = (*db)->Read([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(auto found, c.Query(std::string("SELECT id FROM families f WHERE ") + kOnWaitingListSql, {}));
      std::set<size_t> in_sql;
      for (const auto& r : found) in_sql.insert(std::stoul(r.Text(0)));
      for (size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE(std::string(rows[i].phase) + " " + rows[i].status + (rows[i].has_coach ? " coach" : ""));
        EXPECT_EQ(in_sql.count(i) == 1, OnWaitingList(rows[i].has_coach, rows[i].phase, rows[i].status));
      }
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.message();
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace kansrijk::trajectory
