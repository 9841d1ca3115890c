#include "app/server.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <thread>

#include "budget/api.h"
#include "budget/model.h"
#include "consent/api.h"
#include "eligibility/api.h"
#include "eligibility/repo.h"
#include "families/api.h"
#include "families/service.h"
#include "genogram/api.h"
#include "genogram/gedcom.h"
// Measurements (issue 10).
#include "measurements/api.h"
#include "measurements/service.h"
#include "programmes/api.h"
#include "partners/api.h"  // issue 14 (norms and consent)
#include "casehold/api.h"
#include "casehold/service.h"
#include "trajectory/api.h"
// Issue 11: kansplan, budget, contact log, Vandaag.
#include "contacts/api.h"
#include "plans/api.h"
#include "today/api.h"
#include "platform/http_server.h"
#include "platform/migrations.h"
#include "security/api.h"
#include "security/audit.h"

namespace kansrijk::embedded {
const std::map<std::string, std::string_view>& Files();
}

namespace kansrijk::app {
namespace {

http::Json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      http::Json obj = http::Json::object();
      for (const auto& kv : node) obj[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return obj;
    }
    case YAML::NodeType::Sequence: {
      http::Json arr = http::Json::array();
      for (const auto& item : node) arr.push_back(YamlToJson(item));
      return arr;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted: always a string
      static const std::regex kInt("^-?[0-9]+$"), kFloat("^-?[0-9]+\\.[0-9]+$");
      if (s == "true") return true;
      if (s == "false") return false;
      if (s == "null" || s == "~") return nullptr;
      if (std::regex_match(s, kInt)) return std::stoll(s);
      if (std::regex_match(s, kFloat)) return std::stod(s);
      return s;
    }
    default:
      return nullptr;
  }
}

std::string_view OpenApiYaml() { return embedded::Files().at("docs/openapi.yaml"); }

}  // namespace

std::string DefaultAuditKeyFile(const std::string& db_url) {
  if (db_url.starts_with("sqlite:")) {
    auto parent = std::filesystem::path(db_url.substr(7)).parent_path();
    return (parent.empty() ? std::filesystem::path(".") : parent).string() + "/audit.key";
  }
  return "var/audit.key";
}

std::vector<security::Routes::Info> RegisterRoutes(http::Router& router, security::ApiContext& ctx, Metrics& metrics,
                                                   const std::string& metrics_token) {
  // The version lets the web app's footer name the release that serves it (and a support call say
  // which one). It is the build's project version, no build host or commit details.
  router.Add("GET", "/healthz",
             [](http::Request&) { return http::JsonResponse(200, {{"status", "ok"}, {"version", KANSRIJK_VERSION}}); });
  // The metrics count 401s, 403s and 404s per route: only for the scraper that holds the token.
  router.Add("GET", "/metrics", [&metrics, &ctx, metrics_token](http::Request& req) {
    if (metrics_token.empty()) return http::ProblemResponse(Status::NotFound("route_not_found"), security::RequestLang(req));
    if (!http::BearerTokenMatches(req.header("Authorization"), metrics_token)) {
      auto denied = http::ProblemResponse(Status(Code::kUnauthenticated, "metrics_token_required"), security::RequestLang(req));
      denied.headers.emplace("WWW-Authenticate", "Bearer");
      return denied;
    }
    http::Response res;
    res.body = metrics.Render(ctx.db.pool_stats());
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return res;
  });
  router.Add("GET", "/api/v1/openapi.yaml", [](http::Request&) {
    http::Response res;
    res.body = std::string(OpenApiYaml());
    res.content_type = "application/yaml; charset=utf-8";
    return res;
  });
  router.Add("GET", "/api/v1/openapi.json", [](http::Request&) {
    static const std::string json = YamlToJson(YAML::Load(std::string(OpenApiYaml()))).dump(2);
    http::Response res;
    res.body = json;
    return res;
  });
  ctx.load_family_scope = families::LoadFamilyScope;
  ctx.case_write_guard = casehold::CheckCaseWrite;  // issue 14: withdrawn coaching consent holds case writes
  security::Routes routes(router, ctx);
  security::RegisterAuthRoutes(routes);
  security::RegisterUserRoutes(routes);
  families::RegisterFamilyRoutes(routes);
  genogram::RegisterGenogramRoutes(routes);
  trajectory::RegisterTrajectoryRoutes(routes);
  programmes::RegisterProgrammeRoutes(routes);
  consent::RegisterConsentRoutes(routes);
  measurements::RegisterMeasurementRoutes(routes);  // issue 10
  eligibility::RegisterEligibilityRoutes(routes);
  partners::RegisterPartnerRoutes(routes);  // issue 14 (norms and consent)
  casehold::RegisterCaseHoldRoutes(routes);
  // Issue 11: kansplan, budget, contact log, Vandaag.
  plans::RegisterPlanRoutes(routes);
  budget::RegisterBudgetRoutes(routes);
  contacts::RegisterContactRoutes(routes);
  today::RegisterTodayRoutes(routes);
  return routes.Describe();
}

int Serve(const ServeConfig& config) {
  auto colon = config.listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(config.listen.substr(colon + 1));
    } catch (...) {
    }
  }
  if (colon == std::string::npos || port < 0 || port > 65535) {
    std::fprintf(stderr, "kansrijk: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n");
    return 2;
  }
  std::string host = config.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);

  // Block the stop signals before any thread starts, so only the waiter below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  db::Options db_options;
  db_options.pool_size = config.db_pool;
  db_options.sqlite_synchronous_full = config.sqlite_sync_full;
  auto db = db::Database::Open(config.db_url, db_options);
  if (!db.ok()) {
    std::fprintf(stderr, "kansrijk: %s\n", db.status().message().c_str());
    return 1;
  }
  if (auto st = db::Migrate(**db, [](const db::Migration& m) {
        spdlog::info("applied migration {:04d} {}", m.version, m.name);
      });
      !st.ok()) {
    std::fprintf(stderr, "kansrijk: %s\n", st.message().c_str());
    return 1;
  }
  // The shipped norm tables (data/norms) are data, not schema: loaded when missing, every start.
  if (auto added = eligibility::LoadShippedNorms(**db); !added.ok()) {
    std::fprintf(stderr, "kansrijk: %s\n", added.status().message().c_str());
    return 1;
  } else if (*added > 0) {
    spdlog::info("loaded {} norm table(s) from data/norms", *added);
  }
  // Issue 10: the shipped instruments (data/instruments), checked against the schema every start.
  if (auto added = measurements::LoadShippedInstruments(**db); !added.ok()) {
    std::fprintf(stderr, "kansrijk: %s\n", added.status().message().c_str());
    return 1;
  } else if (*added > 0) {
    spdlog::info("loaded {} instrument(s) from data/instruments", *added);
  }
  std::string key_file = config.audit_key_file.empty() ? DefaultAuditKeyFile(config.db_url) : config.audit_key_file;
  bool key_created = false;
  auto key = security::LoadOrCreateAuditKey(**db, key_file, &key_created);
  if (!key.ok()) {
    std::fprintf(stderr, "kansrijk: %s\n", key.status().message().c_str());
    return 1;
  }
  if (key_created)
    spdlog::warn("created a new audit key in {} for this new database: back it up, apart from the database "
                 "(docs/operations.md)", key_file);
  security::AuditLog audit(*key);
  security::SessionService sessions(**db, audit);
  security::ApiContext ctx{**db, audit, sessions, config.secure_cookies, nullptr};
  Metrics metrics;

  http::ServerOptions options;
  options.host = host;
  options.port = port;
  options.static_dir = config.static_dir;
  // Uploads have their own body limits: a GEDCOM file up to 50 MiB, a receipt (issue 11) up to
  // its 5 MiB, so a larger receipt is refused before its body is read.
  options.body_limit_for = [](std::string_view path) -> size_t {
    if (genogram::IsGedcomUploadPath(path)) return genogram::kMaxGedcomBytes;
    if (budget::IsReceiptUploadPath(path)) return budget::kMaxReceiptBytes;
    return 0;
  };
  options.max_connections_per_address = config.max_connections_per_address;
  http::Server server(options, metrics);
  RegisterRoutes(server.router(), ctx, metrics, config.metrics_token);
  auto bound = server.Bind();
  if (!bound.ok()) {
    std::fprintf(stderr, "kansrijk: %s\n", bound.status().message().c_str());
    return 1;
  }
  std::printf("kansrijk listening on http://%s:%d\n", config.listen.substr(0, colon).c_str(), *bound);
  std::fflush(stdout);
  spdlog::info("serving {} on port {}", (*db)->Describe(), *bound);

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    spdlog::info("signal {} received, stopping", sig);
    server.Stop();
  });
  server.Run();
  // Run() also returns when the server stops for another reason: wake the waiter then.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return 0;
}

}  // namespace kansrijk::app
