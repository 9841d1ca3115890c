#include "partners/repo.h"

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::partners {
namespace {

constexpr const char* kSelect =
    "SELECT id, organisation_id, name, kind, contact, active, version, created_at, updated_at "
    "FROM partner_organisations ";

PartnerOrganisation FromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5) != 0, r.Int(6), r.Text(7), r.Text(8)};
}

}  // namespace

Result<std::vector<PartnerOrganisation>> PartnerRepo::List(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kSelect) + "WHERE organisation_id = ? ORDER BY name, id", {organisation_id}));
  std::vector<PartnerOrganisation> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<PartnerOrganisation> PartnerRepo::Get(db::Connection& c, const std::string& organisation_id,
                                             const std::string& id) {
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kSelect) + "WHERE id = ? AND organisation_id = ?", {id, organisation_id}));
  if (rows.empty()) return Status::NotFound("partner_organisation_not_found");
  return FromRow(rows[0]);
}

Result<PartnerOrganisation> PartnerRepo::Insert(db::Connection& tx, const PartnerOrganisation& p) {
  const std::string id = NewId(), now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO partner_organisations (id, organisation_id, name, kind, contact, active, "
                          "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                          {id, p.organisation_id, p.name, p.kind, p.contact, int64_t{p.active ? 1 : 0}, now, now})
                      .status());
  return Get(tx, p.organisation_id, id);
}

Result<PartnerOrganisation> PartnerRepo::Update(db::Connection& tx, const PartnerOrganisation& p,
                                                int64_t expected_version) {
  const Status stale(Code::kFailedPrecondition, "version_stale");
  if (p.version != expected_version) return stale;
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE partner_organisations SET name = ?, kind = ?, contact = ?, active = ?, "
                           "version = version + 1, updated_at = ? WHERE id = ? AND organisation_id = ? AND version = ?",
                           {p.name, p.kind, p.contact, int64_t{p.active ? 1 : 0}, FormatUtc(Now()), p.id,
                            p.organisation_id, expected_version}));
  if (changed == 0) return stale;
  return Get(tx, p.organisation_id, p.id);
}

}  // namespace kansrijk::partners
