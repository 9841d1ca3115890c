// The HTTP server: cpp-httplib tuned for latency (TCP_NODELAY, long keep-alive, backlog 4096,
// a thread pool that grows with open connections), our Router, problem+json for every error,
// security headers, X-Request-Id, an access log without personal data, and static SPA files.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/http.h"
#include "platform/metrics.h"

namespace kansrijk::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                // 0 picks a free port
  std::string static_dir;         // built SPA; empty = API only
  size_t max_body_bytes = 1 << 20;
  // Uploads (a GEDCOM file) may be larger, on the paths this says; everything else keeps
  // max_body_bytes and must announce its length (no chunked bodies).
  size_t max_upload_bytes = 0;
  std::function<bool(std::string_view path)> is_upload_path;
  int read_timeout_seconds = 10;  // slow clients are cut off
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 30;
  size_t max_threads = 1024;      // one thread per open connection, like httplib itself
};

class Server {
 public:
  Server(ServerOptions options, Metrics& metrics);
  ~Server();
  Router& router() { return router_; }

  // Binds the socket; returns the bound port or kUnavailable with the reason.
  Result<int> Bind();
  // Serves until Stop(); blocks the calling thread.
  void Run();
  void Stop();

 private:
  class Impl;
  ServerOptions options_;
  Metrics& metrics_;
  Router router_;
  std::unique_ptr<Impl> impl_;
  int bound_port_ = 0;
};

// Maps a URL path below `root` to a file path, refusing "..", ".", empty segments, NUL and
// backslashes. Returns "" when the path is not acceptable. Pure; unit-tested.
std::string SafeStaticPath(const std::string& root, const std::string& url_path);

}  // namespace kansrijk::http
