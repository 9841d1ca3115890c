// Storage of a family's genogram and of each organisation's theme list. Runs on the caller's
// connection or transaction; knows nothing of HTTP or of who is asking (the API checks first).
#pragma once

#include <string>
#include <vector>

#include "genogram/record.h"
#include "platform/db.h"

namespace kansrijk::genogram {

class GenogramRepo {
 public:
  // The whole genogram of a family in the order things were added, with the theme list of
  // `organisation_id`. A family without a genogram gives an empty one.
  static Result<FamilyGenogram> Load(db::Connection& c, const std::string& family_id,
                                     const std::string& organisation_id);

  // Serialises changes to one family's genogram until the transaction ends: the whole-genogram
  // check (no cycles, the person cap) holds only if no other change lands between check and
  // commit. PostgreSQL locks the family row; SQLite has one writer at a time anyway.
  static Status LockFamily(db::Connection& tx, const std::string& family_id);

  // Inserts with a new id (set in the record), version 1 and the next position in the family.
  static Status InsertPerson(db::Connection& tx, const std::string& family_id, PersonRecord& p);
  static Status InsertRelation(db::Connection& tx, const std::string& family_id, RelationRecord& r);
  static Status InsertEvent(db::Connection& tx, const std::string& family_id, EventRecord& e);

  // Writes every field of the record and bumps its version (set in the record).
  // kFailedPrecondition when the row's version is no longer `expected_version`.
  static Status UpdatePerson(db::Connection& tx, const std::string& family_id, PersonRecord& p,
                             int64_t expected_version);
  static Status UpdateRelation(db::Connection& tx, const std::string& family_id, RelationRecord& r,
                               int64_t expected_version);
  static Status UpdateEvent(db::Connection& tx, const std::string& family_id, EventRecord& e,
                            int64_t expected_version);

  // Deletes a person with every relation and event that names them.
  static Status DeletePerson(db::Connection& tx, const std::string& family_id, const std::string& id,
                             int64_t expected_version);
  static Status DeleteRelation(db::Connection& tx, const std::string& family_id, const std::string& id,
                               int64_t expected_version);
  static Status DeleteEvent(db::Connection& tx, const std::string& family_id, const std::string& id,
                            int64_t expected_version);

  // The organisation's theme list, or DefaultThemes() when it has none of its own.
  static Result<std::vector<Theme>> Themes(db::Connection& c, const std::string& organisation_id);
  // Replaces the organisation's list. kConflict when a theme left out is still on a person.
  static Status ReplaceThemes(db::Connection& tx, const std::string& organisation_id,
                              const std::vector<Theme>& themes);
};

}  // namespace kansrijk::genogram
