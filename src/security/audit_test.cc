#include "security/audit.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kansrijk::security {
namespace {

const std::string kKey = "0123456789abcdef0123456789abcdef";

std::vector<AuditRecord> Chain(int n) {
  std::vector<AuditRecord> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.seq = i;
    r.entry = {"2026-11-23T09:00:00.000Z", "u1", "coach", "orgA", "family.read", "family/f1", "f1",
               "success", "127.0.0.1", "req" + std::to_string(i)};
    r.prev_hash = prev;
    r.hash = RowHash(i, r.entry, prev);
    prev = r.hash;
    out.push_back(r);
  }
  return out;
}

AuditLog::Verification VerifyRows(const std::vector<AuditRecord>& rows, int64_t head_seq, const std::string& head_hash,
                           const std::string& key = kKey) {
  ChainVerifier v(key);
  for (const auto& r : rows) v.Feed(r);
  v.Finish(head_seq, head_hash, head_hash.empty() ? "" : HeadMac(kKey, head_seq, head_hash));
  return {v.ok(), v.rows(), v.broken_at(), v.reason(), v.breaks()};
}

TEST(AuditChainTest, IntactChainVerifies) {
  auto rows = Chain(5);
  auto v = VerifyRows(rows, 5, rows.back().hash);
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_TRUE(VerifyRows({}, 0, "").intact);
}

TEST(AuditChainTest, EditedFieldIsFoundAtItsRow) {
  auto rows = Chain(5);
  rows[2].entry.action = "family.update";
  auto v = VerifyRows(rows, 5, rows.back().hash);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChainTest, EveryChangedRowIsReportedNotOnlyTheFirst) {
  auto rows = Chain(8);
  rows[2].entry.action = "family.update";          // row 3
  rows[5].entry.resource = std::string("family/f1\0junk", 14);  // row 6: a NUL the old driver cut off
  auto v = VerifyRows(rows, 8, rows.back().hash);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 3);
  ASSERT_EQ(v.breaks.size(), 2u);
  EXPECT_EQ(v.breaks[0].seq, 3);
  EXPECT_EQ(v.breaks[1].seq, 6);
  EXPECT_EQ(v.rows, 8);
}

TEST(AuditChainTest, RowsAfterAGapAreStillChecked) {
  auto rows = Chain(8);
  rows.erase(rows.begin() + 2);      // row 3 gone
  rows[5].entry.outcome = "denied";  // row 7 changed
  auto v = VerifyRows(rows, 8, rows.back().hash);
  ASSERT_EQ(v.breaks.size(), 2u);
  EXPECT_EQ(v.breaks[0].seq, 3);
  EXPECT_EQ(v.breaks[1].seq, 7);
}

TEST(AuditChainTest, EditedRowWithRecomputedHashBreaksTheNextLink) {
  auto rows = Chain(5);
  rows[1].entry.user_id = "someone-else";
  rows[1].hash = RowHash(2, rows[1].entry, rows[1].prev_hash);
  auto v = VerifyRows(rows, 5, rows.back().hash);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChainTest, DeletedMiddleRowIsFound) {
  auto rows = Chain(5);
  rows.erase(rows.begin() + 2);
  auto v = VerifyRows(rows, 5, rows.back().hash);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChainTest, ReorderedRowsAreFound) {
  auto rows = Chain(5);
  std::swap(rows[1].seq, rows[2].seq);
  std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.seq < b.seq; });
  auto v = VerifyRows(rows, 5, rows.back().hash);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 2);
}

TEST(AuditChainTest, TruncatedTailIsFoundThroughTheHead) {
  auto rows = Chain(5);
  std::string head = rows.back().hash;
  rows.resize(3);
  auto v = VerifyRows(rows, 5, head);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 4);
}

TEST(AuditChainTest, ForgedHeadWithoutTheKeyIsFound) {
  auto rows = Chain(5);
  rows.resize(3);
  // Someone cut the tail and rewrote the head to match, but cannot compute the MAC.
  ChainVerifier v(kKey);
  for (const auto& r : rows) v.Feed(r);
  EXPECT_FALSE(v.Finish(3, rows.back().hash, HeadMac("a-guessed-key-of-enough-length!!", 3, rows.back().hash)));
}

TEST(AuditChainTest, MissingHeadWithRowsIsFound) {
  auto rows = Chain(2);
  EXPECT_FALSE(VerifyRows(rows, 0, "").intact);
}

TEST(AuditChainTest, EncodingSeparatesNullFromEmptyAndShiftedFields) {
  AuditEntry a{"t", std::nullopt, "r", "o", "act", "res", std::nullopt, "ok", std::nullopt, std::nullopt};
  AuditEntry b = a;
  b.user_id = "";
  EXPECT_NE(CanonicalEncoding(1, a, kGenesisHash), CanonicalEncoding(1, b, kGenesisHash));
  AuditEntry c = a, d = a;
  c.action = "ab";
  c.resource = "c";
  d.action = "a";
  d.resource = "bc";
  EXPECT_NE(RowHash(1, c, kGenesisHash), RowHash(1, d, kGenesisHash));
}

}  // namespace
}  // namespace kansrijk::security
