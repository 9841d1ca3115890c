// kansrijk: one binary with subcommands (serve, migrate, org, user, demo, audit, backup, routes, version).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/demo.h"
#include "app/server.h"
#include "eligibility/repo.h"
#include "measurements/service.h"  // issue 10: instruments check / load
#include "platform/messages.h"
#include "platform/migrations.h"
#include "platform/random.h"
#include "platform/time.h"
#include "security/accounts.h"
#include "security/audit.h"

namespace {

using namespace kansrijk;

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

std::string DefaultDb() {
  const char* env = std::getenv("KANSRIJK_DB");
  return env && *env ? env : "sqlite:var/kansrijk.db";
}

int Fail(const Status& st) {
  if (st.code() == Code::kInvalidArgument && !st.field_errors().empty()) {
    std::fprintf(stderr, "kansrijk: %s\n", st.message().c_str());
    for (const auto& [field, messages] : st.field_errors())
      for (const auto& e : messages) std::fprintf(stderr, "  %s: %s\n", field.c_str(), Describe(e, Lang::kNl).c_str());
    return kExitUsage;
  }
  std::fprintf(stderr, "kansrijk: %s\n", st.message().c_str());
  return st.code() == Code::kInvalidArgument || st.code() == Code::kConflict || st.code() == Code::kNotFound
             ? kExitUsage
             : kExitFailure;
}

// Opens the database; `require_current` refuses a schema that is older or newer than this binary.
Result<std::unique_ptr<db::Database>> OpenDb(const std::string& url, bool require_current) {
  // A SQLite file in a missing folder (the default var/) is created, as a new user would expect.
  if (url.starts_with("sqlite:")) {
    auto parent = std::filesystem::path(url.substr(7)).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  auto db = db::Database::Open(url);
  if (!db.ok()) return db.status();
  if (require_current) RETURN_IF_ERROR(db::CheckSchema(**db));
  return db;
}

// `create`: a missing key is made, but only for a database without audit rows (see LoadOrCreateAuditKey).
Result<std::unique_ptr<security::AuditLog>> OpenAudit(db::Database& db, const std::string& key_file,
                                                      const std::string& db_url, bool create) {
  std::string path = key_file.empty() ? app::DefaultAuditKeyFile(db_url) : key_file;
  bool created = false;
  auto key = create ? security::LoadOrCreateAuditKey(db, path, &created) : security::LoadAuditKey(path, false);
  if (!key.ok()) return key.status();
  if (created) std::fprintf(stderr, "kansrijk: created a new audit key in %s; back it up apart from the database\n", path.c_str());
  return std::make_unique<security::AuditLog>(*key);
}

security::AuditEntry CliEntry(std::string action, std::string resource, std::optional<std::string> org) {
  security::AuditEntry e;
  e.role = "cli";
  e.organisation_id = std::move(org);
  e.action = std::move(action);
  e.resource = std::move(resource);
  e.outcome = "success";
  return e;
}

// The first line of standard input, without the newline.
Result<std::string> ReadPasswordFromStdin() {
  std::string line;
  if (!std::getline(std::cin, line) || line.empty())
    return Status::InvalidField("password", "password_on_stdin");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  InitCrypto();
  auto logger = spdlog::stderr_color_mt("kansrijk");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);

  CLI::App cli{"kansrijk — case management for the family approach to intergenerational poverty.\n"
               "Database URLs: sqlite:PATH or postgresql://USER@HOST:PORT/DB (or postgresql:KEY=VALUE ...).\n"
               "--db falls back to $KANSRIJK_DB, then sqlite:var/kansrijk.db."};
  cli.require_subcommand(1);
  std::string db_url = DefaultDb(), key_file, log_level = "info";
  if (const char* env = std::getenv("KANSRIJK_AUDIT_KEY_FILE")) key_file = env;
  auto add_db = [&](CLI::App* sub) {
    sub->add_option("--db", db_url, "database URL (env KANSRIJK_DB; default sqlite:var/kansrijk.db)");
    sub->add_option("--audit-key-file", key_file,
                    "file with the audit chain key (env KANSRIJK_AUDIT_KEY_FILE; default: audit.key next to a "
                    "SQLite database, else var/audit.key). Keep it outside the database and back it up.");
  };

  app::ServeConfig serve_config;
  if (const char* env = std::getenv("KANSRIJK_LISTEN")) serve_config.listen = env;
  if (const char* env = std::getenv("KANSRIJK_METRICS_TOKEN")) serve_config.metrics_token = env;
  std::string sqlite_sync = "normal";
  auto* serve = cli.add_subcommand("serve", "apply pending migrations, then serve the API and web app");
  add_db(serve);
  serve->add_option("--listen", serve_config.listen, "HOST:PORT to listen on (env KANSRIJK_LISTEN; default 127.0.0.1:8080)");
  serve->add_option("--static", serve_config.static_dir, "folder with the built web app (web/dist) to serve");
  serve->add_flag("--secure-cookies", serve_config.secure_cookies, "mark the session cookie Secure (behind TLS)");
  serve->add_option("--db-pool", serve_config.db_pool, "database connections in the pool (default 16)")
      ->check(CLI::Range(2, 256));
  serve->add_option("--sqlite-sync", sqlite_sync, "SQLite synchronous mode: normal (default) or full")
      ->check(CLI::IsMember({"normal", "full"}));
  serve->add_option("--metrics-token", serve_config.metrics_token,
                    "bearer token a Prometheus scraper must send for /metrics (env KANSRIJK_METRICS_TOKEN; "
                    "without one /metrics answers 404)");
  serve->add_option("--max-connections-per-address", serve_config.max_connections_per_address,
                    "open connections one client address may hold (default 256; raise it behind a proxy)")
      ->check(CLI::Range(1, 100000));
  serve->add_option("--log-level", log_level, "debug, info (default), warn or error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));

  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations");
  add_db(migrate);

  auto* org = cli.add_subcommand("org", "manage organisations");
  org->require_subcommand(1);
  std::string org_name;
  auto* org_add = org->add_subcommand("add", "add an organisation; prints its id");
  add_db(org_add);
  org_add->add_option("--name", org_name, "organisation name")->required();

  auto* user = cli.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  std::string username, role, display_name;
  auto* user_add = user->add_subcommand("add", "add a user; reads the password (12+ characters) from standard input");
  add_db(user_add);
  user_add->add_option("--org", org_name, "name of the user's organisation")->required();
  user_add->add_option("--username", username, "login name: 3-64 of a-z 0-9 . _ -")->required();
  user_add->add_option("--role", role, "admin, team_lead or coach")->required();
  user_add->add_option("--display-name", display_name, "name shown on screen (default: the username)");
  auto* user_passwd = user->add_subcommand("passwd", "set a user's password, read from standard input");
  add_db(user_passwd);
  user_passwd->add_option("--username", username, "login name")->required();
  auto* user_disable = user->add_subcommand("disable", "disable a user and end their sessions");
  add_db(user_disable);
  user_disable->add_option("--username", username, "login name")->required();
  auto* user_list = user->add_subcommand("list", "list users");
  add_db(user_list);
  user_list->add_option("--org", org_name, "only users of this organisation");

  int demo_families = 20;
  auto* demo = cli.add_subcommand("demo", "create a demo organisation, four users (passwords printed) and families");
  add_db(demo);
  demo->add_option("--families", demo_families, "number of families (default 20: hand-written; more are synthetic)")
      ->check(CLI::Range(0, 5000000));

  auto* audit = cli.add_subcommand("audit", "work with the audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the hash chain; exit 0 only when it is intact");
  add_db(audit_verify);

  std::string backup_file;
  auto* backup = cli.add_subcommand("backup", "write a consistent copy of the database to FILE");
  add_db(backup);
  backup->add_option("file", backup_file, "where to write the backup (must not exist)")->required();

  auto* routes = cli.add_subcommand("routes", "print every HTTP route, one per line");
  bool routes_json = false;
  routes->add_flag("--json", routes_json, "print the routes declared through the access pipeline as JSON (method, pattern, action, scope)");
  auto* version = cli.add_subcommand("version", "print the version");

  // Issue 10: measurement instruments as data.
  std::string instrument_file, instrument_org;
  auto* instruments = cli.add_subcommand("instruments", "measurement instruments (data/instruments schema)");
  instruments->require_subcommand(1);
  auto* instruments_check = instruments->add_subcommand("check", "check an instrument file; exit 0 when valid");
  instruments_check->add_option("FILE", instrument_file, "the instrument file (JSON)")->required();
  auto* instruments_load = instruments->add_subcommand("load", "load an instrument or a new version for an organisation");
  instruments_load->add_option("FILE", instrument_file, "the instrument file (JSON)")->required();
  instruments_load->add_option("--organisation", instrument_org, "organisation name")->required();
  add_db(instruments_load);
  auto* instruments_cells = instruments->add_subcommand(
      "load-cells", "load an organisation's licensed cell texts (e.g. the ZRM's, (c) GGD Amsterdam) for an instrument version");
  instruments_cells->add_option("FILE", instrument_file, "the cell-text file (JSON: instrument_id, instrument_version, cells)")
      ->required();
  instruments_cells->add_option("--organisation", instrument_org, "organisation name")->required();
  add_db(instruments_cells);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "kansrijk: %s\nRun `kansrijk --help` (or `kansrijk COMMAND --help`) for usage.\n", e.what());
    return kExitUsage;
  }
  spdlog::set_level(spdlog::level::from_str(log_level));

  if (version->parsed()) {
    std::printf("kansrijk %s (schema %d)\n", KANSRIJK_VERSION, db::LatestKnownVersion());
    return 0;
  }
  if (instruments_cells->parsed()) {
    std::ifstream in(instrument_file, std::ios::binary);
    if (!in) return Fail(Status(Code::kNotFound, "instrument_file_not_found", {{"file", instrument_file}}));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto file = nlohmann::json::parse(text, nullptr, false);
    if (file.is_discarded()) return Fail(Status(Code::kMalformed, "json_invalid"));
    auto db = OpenDb(db_url, true);
    if (!db.ok()) return Fail(db.status());
    if (auto shipped = measurements::LoadShippedInstruments(**db); !shipped.ok()) return Fail(shipped.status());
    auto log = OpenAudit(**db, key_file, db_url, true);
    if (!log.ok()) return Fail(log.status());
    measurements::Instrument loaded;
    Status st = (*db)->Write([&](db::Connection& tx) -> Status {
      ASSIGN_OR_RETURN(auto org_id, security::AccountRepo::OrganisationIdByName(tx, instrument_org));
      ASSIGN_OR_RETURN(loaded, measurements::LoadCellsFile(tx, org_id, file, std::nullopt));
      return (*log)->Append(
          tx, CliEntry("instrument.cells_load", "instrument/" + loaded.id + "/" + loaded.version + "/cells", org_id));
    });
    if (!st.ok()) {
      // Every field error, so a long file can be fixed in one go.
      for (const auto& [field, errors] : st.field_errors())
        for (const auto& e : errors) std::fprintf(stderr, "%s: %s: %s\n", instrument_file.c_str(), field.c_str(), e.code.c_str());
      return Fail(st);
    }
    size_t n = 0;
    for (const auto& d : loaded.domains) n += d.cells.size();
    std::printf("%s %s: %zu cell texts loaded for %s\n", loaded.id.c_str(), loaded.version.c_str(), n, instrument_org.c_str());
    return 0;
  }
  if (instruments_check->parsed() || instruments_load->parsed()) {
    std::ifstream in(instrument_file, std::ios::binary);
    if (!in) return Fail(Status(Code::kNotFound, "instrument_file_not_found", {{"file", instrument_file}}));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto parsed = measurements::CheckInstrumentText(text);
    if (!parsed.ok()) {
      for (const auto& [field, errors] : parsed.status().field_errors())
        for (const auto& e : errors) std::fprintf(stderr, "%s: %s: %s\n", instrument_file.c_str(), field.c_str(), e.code.c_str());
      return Fail(parsed.status());
    }
    if (instruments_check->parsed()) {
      std::printf("%s: %s %s is valid (%zu domains)\n", instrument_file.c_str(), parsed->id.c_str(),
                  parsed->version.c_str(), parsed->domains.size());
      return 0;
    }
    auto db = OpenDb(db_url, true);
    if (!db.ok()) return Fail(db.status());
    // The shipped versions first, so an organisation's file is compared with them too.
    if (auto shipped = measurements::LoadShippedInstruments(**db); !shipped.ok()) return Fail(shipped.status());
    auto log = OpenAudit(**db, key_file, db_url, true);
    if (!log.ok()) return Fail(log.status());
    bool created = false;
    Status st = (*db)->Write([&](db::Connection& tx) -> Status {
      ASSIGN_OR_RETURN(auto org_id, security::AccountRepo::OrganisationIdByName(tx, instrument_org));
      ASSIGN_OR_RETURN(created, measurements::LoadInstrument(tx, org_id, *parsed, std::nullopt));
      return (*log)->Append(tx, CliEntry("instrument.manage", "instrument/" + parsed->id + "/" + parsed->version, org_id));
    });
    if (!st.ok()) return Fail(st);
    std::printf("%s %s %s\n", parsed->id.c_str(), parsed->version.c_str(), created ? "loaded" : "already loaded");
    return 0;
  }
  if (routes->parsed()) {
    auto db = db::Database::Open("sqlite::memory:");
    if (!db.ok()) return Fail(db.status());
    security::AuditLog log("unused");
    security::SessionService sessions(**db, log);
    security::ApiContext ctx{**db, log, sessions, false, nullptr};
    Metrics metrics;
    http::Router router;
    auto declared = app::RegisterRoutes(router, ctx, metrics);
    if (routes_json) {
      // What the access pipeline knows of each declared route, for the test that walks them all.
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : declared)
        out.push_back({{"method", r.method}, {"pattern", r.pattern}, {"action", r.action}, {"scope", r.scope},
                       {"needs_version", r.needs_version}});
      std::printf("%s\n", out.dump(1).c_str());
      return 0;
    }
    for (const auto& r : router.Describe()) std::printf("%s\n", r.c_str());
    return 0;
  }
  if (serve->parsed()) {
    serve_config.db_url = db_url;
    serve_config.audit_key_file = key_file;
    serve_config.sqlite_sync_full = sqlite_sync == "full";
    if (db_url.starts_with("sqlite:")) (void)OpenDb(db_url, false);  // creates the folder of a new file
    return app::Serve(serve_config);
  }

  bool is_migrate = migrate->parsed();
  auto db = OpenDb(db_url, !is_migrate);
  if (!db.ok()) return Fail(db.status());
  auto log = OpenAudit(**db, key_file, db_url, !audit_verify->parsed());
  if (!log.ok()) return Fail(log.status());

  if (is_migrate) {
    int applied = 0;
    Status st = db::Migrate(**db, [&](const db::Migration& m) {
      std::printf("applied %04d %s\n", m.version, m.name.c_str());
      ++applied;
    });
    if (!st.ok()) return Fail(st);
    std::printf("schema is at version %d (%d applied now)\n", db::LatestKnownVersion(), applied);
    auto norms = eligibility::LoadShippedNorms(**db);
    if (!norms.ok()) return Fail(norms.status());
    if (*norms > 0) std::printf("loaded %d norm table(s) from data/norms\n", *norms);
    return 0;
  }
  if (org_add->parsed()) {
    std::string id;
    Status st = (*db)->Write([&](db::Connection& tx) -> Status {
      ASSIGN_OR_RETURN(id, security::AccountRepo::AddOrganisation(tx, org_name));
      return (*log)->Append(tx, CliEntry("organisation.create", "organisation/" + id, id));
    });
    if (!st.ok()) return Fail(st);
    std::printf("%s\n", id.c_str());
    return 0;
  }
  if (user_add->parsed()) {
    auto password = ReadPasswordFromStdin();
    if (!password.ok()) return Fail(password.status());
    Status st = (*db)->Write([&](db::Connection& tx) -> Status {
      ASSIGN_OR_RETURN(auto org_id, security::AccountRepo::OrganisationIdByName(tx, org_name));
      ASSIGN_OR_RETURN(auto u, security::AccountRepo::AddUser(
                                   tx, {org_id, username, display_name.empty() ? username : display_name, role,
                                        *password}));
      std::printf("%s\n", u.id.c_str());
      return (*log)->Append(tx, CliEntry("user.create", "user/" + u.username, org_id));
    });
    return st.ok() ? 0 : Fail(st);
  }
  if (user_passwd->parsed() || user_disable->parsed()) {
    std::string password;
    if (user_passwd->parsed()) {
      auto pw = ReadPasswordFromStdin();
      if (!pw.ok()) return Fail(pw.status());
      password = *pw;
    }
    Status st = (*db)->Write([&](db::Connection& tx) -> Status {
      ASSIGN_OR_RETURN(auto u, security::AccountRepo::ByUsername(tx, username));
      if (user_passwd->parsed()) {
        RETURN_IF_ERROR(security::AccountRepo::SetPassword(tx, u.id, password));
        // Other sessions end with the old password.
        RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE user_id = ?", {u.id}).status());
      } else {
        RETURN_IF_ERROR(security::AccountRepo::Update(tx, u.id, u.version, {.disabled = true}).status());
      }
      return (*log)->Append(tx, CliEntry(user_passwd->parsed() ? "user.password_set" : "user.disable",
                                      "user/" + u.username, u.organisation_id));
    });
    if (!st.ok()) return Fail(st);
    std::printf("%s: %s\n", username.c_str(), user_passwd->parsed() ? "password changed" : "disabled");
    return 0;
  }
  if (user_list->parsed()) {
    Status st = (*db)->Read([&](db::Connection& c) -> Status {
      std::vector<security::User> users;
      if (org_name.empty()) {
        ASSIGN_OR_RETURN(users, security::AccountRepo::ListAll(c));
      } else {
        ASSIGN_OR_RETURN(auto org_id, security::AccountRepo::OrganisationIdByName(c, org_name));
        ASSIGN_OR_RETURN(users, security::AccountRepo::List(c, org_id, std::nullopt));
      }
      std::printf("%-20s %-10s %-8s %-5s %-24s %s\n", "USERNAME", "ROLE", "STATE", "TOTP", "ORGANISATION", "NAME");
      for (const auto& u : users)
        std::printf("%-20s %-10s %-8s %-5s %-24s %s\n", u.username.c_str(), security::RoleName(u.role).c_str(),
                    u.disabled ? "disabled" : "active", u.totp_enabled ? "yes" : "no", u.organisation_name.c_str(),
                    u.display_name.c_str());
      return Status::Ok();
    });
    return st.ok() ? 0 : Fail(st);
  }
  if (demo->parsed()) {
    Status st = app::CreateDemo(**db, **log, demo_families);
    return st.ok() ? 0 : Fail(st);
  }
  if (audit_verify->parsed()) {
    auto v = (*log)->Verify(**db);
    if (!v.ok()) return Fail(v.status());
    if (v->intact) {
      std::printf("audit log intact: %lld rows, chain and head verified\n", static_cast<long long>(v->rows));
      return 0;
    }
    // Every break, not only the first: one edited row must not hide the others.
    std::printf("audit log BROKEN at row %lld: %s\n", static_cast<long long>(v->first_broken_seq.value_or(0)),
                v->reason.c_str());
    std::printf("%zu broken row(s) in %lld rows:\n", v->breaks.size(), static_cast<long long>(v->rows));
    for (const auto& b : v->breaks) std::printf("  row %lld: %s\n", static_cast<long long>(b.seq), b.reason.c_str());
    return kExitFailure;
  }
  if (backup->parsed()) {
    if (std::filesystem::exists(backup_file)) return Fail(Status(Code::kInvalidArgument, backup_file + " already exists"));
    Status st = (*db)->Backup(backup_file);
    if (!st.ok()) return Fail(st);
    if ((*db)->dialect() == db::Dialect::kSqlite) {
      // Prove the copy is usable: open it and walk its audit chain.
      auto copy = db::Database::Open("sqlite:" + backup_file);
      if (!copy.ok()) return Fail(copy.status());
      auto v = (*log)->Verify(**copy);
      if (!v.ok()) return Fail(v.status());
      if (!v->intact) return Fail(Status::Internal("the backup's audit chain does not verify: " + v->reason));
      std::printf("backup written to %s (audit chain verified, %lld rows)\n", backup_file.c_str(),
                  static_cast<long long>(v->rows));
    } else {
      std::printf("backup written to %s (pg_dump custom format; restore with pg_restore)\n", backup_file.c_str());
    }
    return 0;
  }
  return kExitUsage;
}
