#include "consent/repo.h"

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::consent {
namespace {

constexpr const char* kSelect =
    "SELECT id, family_id, purpose, partner_organisation, given_by, given_on, method, withdrawn_on, withdrawal_note, "
    "recorded_by_name, version, created_at, updated_at, given_by_member_id, subject_member_id, "
    "partner_organisation_id FROM consents ";

Consent FromRow(const db::Row& r) {
  return {r.Text(0),    r.Text(1),    r.Text(2),     r.OptText(3),  r.Text(4),     r.Text(5),
          r.Text(6),    r.OptText(7), r.OptText(8),  r.Text(9),     r.Int(10),     r.Text(11),
          r.Text(12),   r.OptText(13), r.OptText(14), r.OptText(15)};
}

}  // namespace

Result<std::vector<Consent>> ConsentRepo::ForFamily(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) + "WHERE family_id = ? ORDER BY created_at, id", {family_id}));
  std::vector<Consent> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<Consent> ConsentRepo::Get(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) + "WHERE id = ? AND family_id = ?", {id, family_id}));
  if (rows.empty()) return Status::NotFound("consent_not_found");
  return FromRow(rows[0]);
}

Result<Consent> ConsentRepo::Insert(db::Connection& tx, const Consent& c, const std::string& recorded_by) {
  std::string id = NewId(), now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO consents (id, family_id, purpose, partner_organisation, given_by, given_on, "
                          "method, recorded_by, recorded_by_name, version, created_at, updated_at, given_by_member_id, "
                          "subject_member_id, partner_organisation_id) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
                          {id, c.family_id, c.purpose, db::Opt(c.partner_organisation), c.given_by, c.given_on,
                           c.method, recorded_by, c.recorded_by_name, now, now, db::Opt(c.given_by_member_id),
                           db::Opt(c.subject_member_id), db::Opt(c.partner_organisation_id)})
                      .status());
  return Get(tx, c.family_id, id);
}

Result<Consent> ConsentRepo::Withdraw(db::Connection& tx, const Consent& c, const std::string& withdrawn_on,
                                      const std::optional<std::string>& note) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE consents SET withdrawn_on = ?, withdrawal_note = ?, version = version + 1, "
                           "updated_at = ? WHERE id = ? AND version = ? AND withdrawn_on IS NULL",
                           {withdrawn_on, db::Opt(note), FormatUtc(Now()), c.id, c.version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return Get(tx, c.family_id, c.id);
}

}  // namespace kansrijk::consent
