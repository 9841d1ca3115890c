// The HTTP server: Boost.Beast on asio. A few I/O threads read and write every connection
// without blocking, so a slow or idle client costs a socket and a buffer, not a thread; the
// handlers (which may block on the database) run on a fixed worker pool. On top: our Router,
// problem+json for every error, security headers, X-Request-Id, an access log without personal
// data, static SPA files, and the edge checks of issue 12 (head and body deadlines, a cap on
// connections per client address, a strict head parser, chunked bodies counted as they arrive).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
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
  // A route's own body limit (an upload: a GEDCOM file may be larger, a receipt smaller than
  // an upload), or 0 for max_body_bytes. Asked with the path before any of the body is read:
  // an announced length over it is refused at once, a chunked body as its bytes arrive.
  std::function<size_t(std::string_view path)> body_limit_for;
  // Deadline for the whole request head, counted from its first byte: a client that trickles
  // header lines is cut off when it passes, however often it sends something.
  int read_timeout_seconds = 10;
  // The body gets its own deadline on top: read_timeout_seconds plus its length (or, chunked,
  // the route's limit) at this rate. 1 MiB: 26 s; a 50 MiB upload: 810 s.
  size_t min_body_bytes_per_second = 64 * 1024;
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 30;    // idle time allowed between requests on one connection
  // Open connections per client address; more are answered 503 and closed. Behind a reverse
  // proxy every connection comes from the proxy: raise this there (the proxy limits clients).
  size_t max_connections_per_address = 256;
  size_t max_connections = 10000; // all addresses together (file descriptors are finite)
  size_t max_head_bytes = 16 * 1024;  // request line and headers; more is answered 400
  size_t io_threads = 2;          // reading and writing sockets; never block here
  size_t worker_threads = 64;     // run the handlers, which may wait for a database connection
  int stop_grace_seconds = 10;    // Stop() lets requests in progress finish for this long
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
  // Stops accepting, closes idle connections, lets requests in progress answer (up to
  // stop_grace_seconds) and makes Run() return. Safe from any thread, also more than once.
  void Stop();

 private:
  class Impl;
  ServerOptions options_;
  Metrics& metrics_;
  Router router_;
  std::unique_ptr<Impl> impl_;
};

// Maps a URL path below `root` to a file path, refusing "..", ".", empty segments, NUL and
// backslashes. Returns "" when the path is not acceptable. Pure; unit-tested.
std::string SafeStaticPath(const std::string& root, const std::string& url_path);

// What the strict head check learned about a request head.
struct RequestHead {
  std::string method;
  std::string target;
  std::optional<size_t> content_length;
  bool chunked = false;
  bool expect_continue = false;
};

// Checks a request head (request line and header lines, ending in an empty line, CRLF only)
// more strictly than the parser under it: kMalformed for a line folded onto the previous one
// (obs-fold), whitespace or other non-token bytes in a header name (e.g. before the colon), a
// control byte in a value, more than one Content-Length or one that is not a plain number,
// Content-Length together with Transfer-Encoding, a transfer coding other than "chunked", or
// more than one Host. Each of these lets two parsers read one request differently (request
// smuggling). Pure; unit-tested.
Result<RequestHead> CheckRequestHead(std::string_view head);

struct Target {
  std::string path;                              // percent-decoded
  std::multimap<std::string, std::string> query; // decoded, '+' as space
};
// Splits a request target into its decoded path and query. kMalformed when a decoded path or
// query contains a NUL byte (it would cut a C string short further down). A '%' that does not
// start a valid escape stays as it is. Pure; unit-tested.
Result<Target> SplitTarget(std::string_view target);

// True when `authorization` is "Bearer <token>" for exactly this non-empty token. Compares in
// constant time for a given token length, so the time taken does not reveal how much matched.
bool BearerTokenMatches(std::string_view authorization, std::string_view token);

}  // namespace kansrijk::http
