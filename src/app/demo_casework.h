// Synthetic kansplan goals, budget ledgers and contacts for `kansrijk demo --families N` (issue
// 11), in the spirit of the hand-written demo families (demo_plan.h): a goal that needs money
// (a driving licence, swimming lessons, a bike for school, a fridge, a course), its spending
// requested, approved by the coach and a parent (and the team lead above the threshold),
// committed, mostly paid, now and then reversed, and a coach who visits about weekly with a
// call to a partner every other week. Rows are gathered per batch of families and written with
// multi-row INSERTs in the batch's transaction, so a quarter of a million families stays quick.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "families/model.h"
#include "platform/db.h"
#include "platform/time.h"

namespace kansrijk::app {

class SyntheticCasework {
 public:
  struct Staff {
    std::string id, name;
  };
  // pot_of: programme id -> this year's pot id; pot_left: pot id -> what may still be committed.
  // A family whose spending would overdraw its pot gets no spending (the pot is never overdrawn).
  SyntheticCasework(std::string organisation_id, std::map<std::string, std::string> pot_of,
                    std::map<std::string, int64_t> pot_left, Staff lead);

  // One synthetic family. `phase` decides what exists: intake (an allocation and first
  // contacts), actief (spending and weekly contacts), afsluiting/nazorg (spending, no recent
  // contacts). Families without a coach get nothing.
  void AddFamily(int index, const std::string& family_id, const std::string& programme_id, int64_t allocation_cents,
                 const std::string& phase, const std::vector<families::Member>& members, const Staff& coach,
                 const std::optional<Date>& intake);
  // Writes what was gathered and starts over.
  Status Flush(db::Connection& tx);
  // Forgets what was gathered (a batch's transaction that is run again starts clean).
  void Clear();

  int64_t contacts() const { return contacts_total_; }
  int64_t ledger_entries() const { return ledger_total_; }

 private:
  std::string org_;
  std::map<std::string, std::string> pot_of_;
  std::map<std::string, int64_t> pot_left_;
  Staff lead_;
  TimePoint now_;
  int year_;
  std::vector<std::vector<db::Param>> versions_, items_, history_, allocations_, requests_, approvals_, ledger_,
      contacts_;
  int64_t contacts_total_ = 0, ledger_total_ = 0;
};

// Pot size for the demo programmes when `families` are spread over them: at least the fixed
// demo pot, room for about 700 euro of spending per family, at most what a pot may hold.
int64_t DemoPotCents(int families);

}  // namespace kansrijk::app
