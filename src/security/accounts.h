// Organisations and user accounts: validation rules (pure) and their storage.
#pragma once

#include <chrono>
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
  std::string password_hash;               // never leaves this module's callers' hands in a response;
                                           // "" while the account waits for its activation
  std::optional<int64_t> totp_last_step;   // the last TOTP step accepted (replay protection)
  std::optional<std::string> totp_secret;  // base32; set during setup, used once enabled
};

struct NewUser {
  std::string organisation_id;
  std::string username;
  std::string display_name;
  std::string role;
  // Set only by an operator on the server (CLI, demo). Accounts made through the API have none:
  // the user chooses it through a one-time activation link, so an admin never knows it.
  std::optional<std::string> password;
  std::optional<std::string> created_by;  // user id of the admin; nullopt for the CLI
};

constexpr auto kActivationValidity = std::chrono::hours(72);

struct Activation {
  std::string token;  // shown once to the admin; only its SHA-256 is stored
  std::string expires_at;
};

struct RoleChange {
  std::string at, user_id, username, display_name;
  std::optional<std::string> old_role;
  std::string new_role;
  std::optional<std::string> changed_by_name;  // nullopt: an operator on the server (CLI)
  std::string kind;                            // "role" (grant or change) or "activation" (reset link)
};

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<bool> disabled;
};

// Field errors for a new user (username 3..64 of a-z 0-9 . _ -, display name 1..100, known role,
// the password rule when a password is given). Empty when valid. Pure.
FieldErrors ValidateNewUser(const NewUser& u);
FieldErrors ValidateUserChange(const UserChange& c);

// Storage of organisations and users. All methods run inside the caller's connection/transaction.
class AccountRepo {
 public:
  // kConflict (field "name") when the name exists.
  static Result<std::string> AddOrganisation(db::Connection& tx, const std::string& name);
  static Result<std::string> OrganisationIdByName(db::Connection& c, const std::string& name);
  // Validates, hashes the password (when given; else the account waits for activation), inserts
  // and records the role grant in role_changes. kInvalidArgument / kConflict (field "username").
  static Result<User> AddUser(db::Connection& tx, const NewUser& u);
  static Result<User> ByUsername(db::Connection& c, const std::string& username);  // kNotFound
  static Result<User> ById(db::Connection& c, const std::string& id);              // kNotFound
  // Users of one organisation, optionally of one role, ordered by display name.
  static Result<std::vector<User>> List(db::Connection& c, const std::string& organisation_id,
                                        std::optional<Role> role);
  static Result<std::vector<User>> ListAll(db::Connection& c);
  // Optimistic update: kFailedPrecondition when `expected_version` is stale. A changed role is
  // recorded in role_changes with `changed_by` (user id; nullopt for the CLI).
  static Result<User> Update(db::Connection& tx, const std::string& id, int64_t expected_version, const UserChange& c,
                             const std::optional<std::string>& changed_by = std::nullopt);
  // Checks the rule, hashes (bounded, see passwords.h) and stores. For the CLI; request handlers
  // hash before their transaction and call SetPasswordHash.
  static Status SetPassword(db::Connection& tx, const std::string& id, const std::string& password);
  static Status SetPasswordHash(db::Connection& tx, const std::string& id, const std::string& hash);
  // A new one-time activation link for `user_id` (earlier ones stop working), valid 72 hours.
  // `reset`: a link for an existing account (password reset), recorded in role_changes as kind
  // "activation" so team leads see it.
  static Result<Activation> IssueActivation(db::Connection& tx, const std::string& user_id,
                                            const std::optional<std::string>& created_by, bool reset);
  // The user an unexpired activation token belongs to; kInvalidArgument (field "token") when the
  // token is unknown, used or expired, or the user is disabled.
  static Result<User> UserForActivation(db::Connection& c, const std::string& token);
  // Uses the token: sets the password hash and deletes every activation of that user.
  // kInvalidArgument (field "token") as UserForActivation.
  static Result<User> Activate(db::Connection& tx, const std::string& token, const std::string& password_hash);
  // Role grants and changes (and reset links) of one organisation, newest first.
  static Result<std::vector<RoleChange>> RoleChanges(db::Connection& c, const std::string& organisation_id, int limit);
  static Status SetTotp(db::Connection& tx, const std::string& id, const std::optional<std::string>& secret,
                        bool enabled);
};

}  // namespace kansrijk::security
