// Organisations and user accounts: validation rules (pure) and their storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"
#include "security/audit.h"
#include "security/policy.h"

namespace kansrijk::security {

struct User {
  std::string id;
  std::string organisation_id;
  std::string organisation_name;
  std::string username;
  std::string display_name;
  std::optional<Role> role;  // nullopt: a role the policy does not know (no access at all)
  bool totp_enabled = false;
  bool disabled = false;
  int64_t version = 1;
  std::string password_hash;               // never leaves this module's callers' hands in a response
  std::optional<std::string> totp_secret;  // base32; set during setup, used once enabled
};

struct NewUser {
  std::string organisation_id;
  std::string username;
  std::string display_name;
  std::string role;
  std::string password;
};

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<bool> disabled;
};

// Field errors for a new user (username 3..64 of a-z 0-9 . _ -, display name 1..100, known role,
// password rule). Empty when valid. Pure.
FieldErrors ValidateNewUser(const NewUser& u);
FieldErrors ValidateUserChange(const UserChange& c);

// Storage of organisations and users. All methods run inside the caller's connection/transaction.
class AccountRepo {
 public:
  // kConflict (field "name") when the name exists.
  static Result<std::string> AddOrganisation(db::Connection& tx, const std::string& name);
  static Result<std::string> OrganisationIdByName(db::Connection& c, const std::string& name);
  // Validates, hashes the password and inserts. kInvalidArgument / kConflict (field "username").
  static Result<User> AddUser(db::Connection& tx, const NewUser& u);
  static Result<User> ByUsername(db::Connection& c, const std::string& username);  // kNotFound
  static Result<User> ById(db::Connection& c, const std::string& id);              // kNotFound
  // Users of one organisation, optionally of one role, ordered by display name.
  static Result<std::vector<User>> List(db::Connection& c, const std::string& organisation_id,
                                        std::optional<Role> role);
  static Result<std::vector<User>> ListAll(db::Connection& c);
  // Optimistic update: kFailedPrecondition when `expected_version` is stale.
  static Result<User> Update(db::Connection& tx, const std::string& id, int64_t expected_version, const UserChange& c);
  static Status SetPassword(db::Connection& tx, const std::string& id, const std::string& password);
  static Status SetTotp(db::Connection& tx, const std::string& id, const std::optional<std::string>& secret,
                        bool enabled);
};

}  // namespace kansrijk::security
