// Programmes: what an organisation offers families (e.g. "Gezinscoaching Coevorden 2026"), with
// the target-group threshold, default budget, contact target, duration and follow-up moments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/status.h"

namespace kansrijk::programmes {

constexpr size_t kMaxProgrammeNameChars = 200;
constexpr int kDefaultThresholdPercent = 120;
constexpr size_t kMaxFollowUpMoments = 12;
constexpr int64_t kMinFollowUpMonth = 1, kMaxFollowUpMonth = 120;

struct Programme {
  std::string id;
  std::string organisation_id;
  std::string name;
  int64_t threshold_percent = kDefaultThresholdPercent;  // income at most this % of the norm
  int64_t default_budget_cents = 0;
  int64_t contact_target_minutes_per_week = 480;  // the pilots' ~8 hours a week
  int64_t planned_duration_weeks = 52;
  // Aftercare moments, months after closing; empty: the default schedule
  // (trajectory::DefaultFollowUpMonths, docs/decisions.md).
  std::vector<int64_t> follow_up_months;
  bool active = true;
  int64_t version = 1;
  std::string created_at, updated_at;
};

// The editable fields; absent fields keep their value (or the default for a new programme).
struct ProgrammeFields {
  std::optional<std::string> name;
  std::optional<int64_t> threshold_percent;
  std::optional<int64_t> default_budget_cents;
  std::optional<int64_t> contact_target_minutes_per_week;
  std::optional<int64_t> planned_duration_weeks;
  std::optional<std::vector<int64_t>> follow_up_months;
  std::optional<bool> active;
};

// Field errors on "follow_up_months" (catalogue codes): each 1..120, at most 12 moments, no
// duplicates.
FieldErrors ValidateFollowUpMonths(const std::vector<int64_t>& months);

// Applies a change (pure). Follow-up months come out sorted, so the moments read in time order.
Programme ApplyProgrammeChange(Programme p, const ProgrammeFields& change);

}  // namespace kansrijk::programmes
