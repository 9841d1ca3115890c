// Wires the modules into one HTTP server and runs it.
#pragma once

#include <string>
#include <vector>

#include "platform/db.h"
#include "platform/http.h"
#include "platform/metrics.h"
#include "security/pipeline.h"

namespace kansrijk::app {

struct ServeConfig {
  std::string db_url;
  std::string listen = "127.0.0.1:8080";
  std::string static_dir;
  std::string audit_key_file;
  bool secure_cookies = false;
  int db_pool = 16;
  bool sqlite_sync_full = false;
  std::string metrics_token;  // /metrics answers only with this bearer token; empty: 404
  size_t max_connections_per_address = 256;
};

// Every route of the application (platform, security, features). Returns what the access
// pipeline knows of each declared route (action, scope), for `kansrijk routes --json`.
// /metrics needs `metrics_token` as a bearer token and answers 404 while it is empty.
std::vector<security::Routes::Info> RegisterRoutes(http::Router& router, security::ApiContext& ctx, Metrics& metrics,
                                                   const std::string& metrics_token = "");
// Migrates, binds, prints "kansrijk listening on http://HOST:PORT" and serves until SIGINT/SIGTERM.
// Returns the process exit code.
int Serve(const ServeConfig& config);

// The audit key file for a database URL when none is given: next to a SQLite file, else var/audit.key.
std::string DefaultAuditKeyFile(const std::string& db_url);

}  // namespace kansrijk::app
