#include "platform/http_server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "platform/random.h"

namespace kansrijk::http {
namespace {

// httplib serves one connection per task for as long as it is kept alive, so a fixed pool of N
// threads stalls connection N+1 until another closes. This pool grows to `max` threads instead;
// threads are cheap while idle (their stacks are only reserved).
class GrowingThreadPool final : public httplib::TaskQueue {
 public:
  GrowingThreadPool(size_t initial, size_t max) : max_(max) {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < initial; ++i) SpawnLocked();
  }
  ~GrowingThreadPool() override = default;

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(mu_);
      tasks_.push_back(std::move(fn));
      if (idle_ < tasks_.size() && threads_.size() < max_) SpawnLocked();
    }
    cv_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void SpawnLocked() {
    threads_.emplace_back([this] {
      for (;;) {
        std::function<void()> task;
        {
          std::unique_lock lock(mu_);
          ++idle_;
          cv_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
          --idle_;
          if (tasks_.empty()) return;  // stopping and nothing left
          task = std::move(tasks_.front());
          tasks_.pop_front();
        }
        task();
      }
    });
  }

  const size_t max_;
  std::mutex mu_;  // guards everything below
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

// Gives access to the listening socket so we can raise the backlog that the Debian build fixes at 5.
class TunedHttplibServer : public httplib::Server {
 public:
  void RaiseBacklog(int backlog) {
    auto fd = svr_sock_.load();
    if (fd != INVALID_SOCKET) ::listen(fd, backlog);
  }
};

const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string ValidRequestId(const std::string& incoming) {
  static const std::regex kOk("^[A-Za-z0-9._-]{8,64}$");
  if (!incoming.empty() && std::regex_match(incoming, kOk)) return incoming;
  return RandomHex(12);
}

std::string MimeFor(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".json", "application/json"},         {".woff2", "font/woff2"},
      {".woff", "font/woff"},                {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

Response ServeStatic(const std::string& dir, const std::string& url_path) {
  namespace fs = std::filesystem;
  std::string file = SafeStaticPath(dir, url_path);
  if (file.empty()) return ProblemResponse(Status::NotFound("Deze pagina of dit adres bestaat niet."));
  std::error_code ec;
  bool is_file = fs::is_regular_file(file, ec);
  Response res;
  if (!is_file) {
    // Deep links into the SPA (no file extension) get index.html; missing assets get 404.
    auto last = url_path.substr(url_path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return ProblemResponse(Status::NotFound("Dit bestand bestaat niet."));
    file = dir + "/index.html";
  }
  if (!ReadFile(file, res.body)) return ProblemResponse(Status::NotFound("Dit bestand bestaat niet."));
  res.content_type = MimeFor(file);
  // Vite names assets by content hash, so they never change; index.html must always be fresh.
  res.headers.emplace("Cache-Control", url_path.starts_with("/assets/") ? "public, max-age=31536000, immutable"
                                                                         : "no-cache");
  return res;
}

}  // namespace

std::string SafeStaticPath(const std::string& root, const std::string& url_path) {
  if (url_path.empty() || url_path[0] != '/') return "";
  std::string rel = url_path.substr(1);
  if (rel.empty()) rel = "index.html";
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string::npos) end = rel.size();
    std::string_view seg(rel.data() + start, end - start);
    if (seg.empty() || seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos || seg.find(':') != std::string_view::npos)
      return "";
    start = end + 1;
  }
  return root + "/" + rel;
}

class Server::Impl {
 public:
  TunedHttplibServer svr;
};

Server::Server(ServerOptions options, Metrics& metrics)
    : options_(std::move(options)), metrics_(metrics), impl_(std::make_unique<Impl>()) {}
Server::~Server() = default;

Result<int> Server::Bind() {
  auto& svr = impl_->svr;
  const auto opts = options_;
  svr.new_task_queue = [opts] { return new GrowingThreadPool(8, opts.max_threads); };
  svr.set_tcp_nodelay(true);
  svr.set_socket_options([](socket_t fd) {
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  });
  svr.set_keep_alive_max_count(1000000);
  svr.set_keep_alive_timeout(opts.keep_alive_seconds);
  svr.set_read_timeout(opts.read_timeout_seconds, 0);
  svr.set_write_timeout(opts.write_timeout_seconds, 0);
  svr.set_payload_max_length(std::max(opts.max_body_bytes, opts.max_upload_bytes));
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"X-Frame-Options", "DENY"},
                           {"Content-Security-Policy", kCsp},
                           {"Cross-Origin-Opener-Policy", "same-origin"},
                           {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"}});

  auto dispatch = [this](const httplib::Request& hreq, httplib::Response& hres) {
    auto started = std::chrono::steady_clock::now();
    Request req;
    req.method = hreq.method;
    req.path = hreq.path;
    req.body = hreq.body;
    req.client_addr = hreq.remote_addr;
    req.request_id = ValidRequestId(hreq.get_header_value("X-Request-Id"));
    req.query = hreq.params;
    req.header = [&hreq](const std::string& name) { return hreq.get_header_value(name.c_str()); };

    Response res;
    std::string route_label = "unmatched";
    bool is_api = req.path.starts_with("/api/") || req.path == "/healthz" || req.path == "/metrics";
    auto match = router_.Find(req.method, req.path);
    try {
      if (match.handler) {
        route_label = match.route;
        req.route = match.route;
        req.path_params = std::move(match.params);
        res = (*match.handler)(req);
      } else if (!match.allowed_methods.empty()) {
        route_label = match.route;
        std::string allow;
        for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
        res = ProblemResponse(Status(Code::kNotFound, "Deze methode kan hier niet gebruikt worden."));
        res.status = 405;
        res.body = JsonResponse(405, {{"type", "https://kansrijk.nl/problems/method-not-allowed"},
                                      {"title", "Methode niet toegestaan"},
                                      {"status", 405},
                                      {"detail", "Gebruik hier: " + allow + "."}})
                       .body;
        res.headers.emplace("Allow", allow);
      } else if (!is_api && !options_.static_dir.empty() && (req.method == "GET" || req.method == "HEAD")) {
        route_label = "static";
        res = ServeStatic(options_.static_dir, req.path);
      } else {
        res = ProblemResponse(Status::NotFound("Deze pagina of dit adres bestaat niet."));
      }
    } catch (const std::exception& e) {
      spdlog::error("request_id={} route={} unhandled exception: {}", req.request_id, route_label, e.what());
      res = ProblemResponse(Status::Internal("unhandled exception"));
    }

    hres.status = res.status;
    for (const auto& [k, v] : res.headers) hres.set_header(k.c_str(), v);
    hres.set_header("X-Request-Id", req.request_id);
    if (is_api && !res.headers.contains("Cache-Control")) hres.set_header("Cache-Control", "no-store");
    if (res.status != 204 && res.status != 304) hres.set_content(std::move(res.body), res.content_type.c_str());

    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.RecordRequest(route_label, req.method, res.status, seconds);
    // Route patterns only, never paths, queries or bodies: no personal data in the log.
    spdlog::info("request_id={} method={} route={} status={} ms={:.2f}", req.request_id, req.method, route_label,
                 res.status, seconds * 1000);
  };
  // httplib reads (and, when too large, skips) the whole announced body before routing; the
  // pre-routing hook runs first, so an oversized Content-Length is refused before any body is read.
  // Only upload paths take more than max_body_bytes; elsewhere a chunked body (no length to check
  // up front) is refused too, so nobody can make us read an upload-sized body on any other route.
  svr.set_pre_routing_handler([opts = opts](const httplib::Request& hreq, httplib::Response& hres) {
    const bool upload = opts.is_upload_path && opts.max_upload_bytes > opts.max_body_bytes &&
                        opts.is_upload_path(hreq.path);
    const size_t max = upload ? opts.max_upload_bytes : opts.max_body_bytes;
    auto length = hreq.get_header_value<uint64_t>("Content-Length");
    const bool chunked = hreq.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    std::optional<Status> refusal;
    if (length > max)
      refusal = Status(Code::kPayloadTooLarge,
                       "Het verzoek is groter dan " + std::to_string(max >> 20) + " MiB.");
    else if (chunked && !upload && opts.max_upload_bytes > opts.max_body_bytes)
      refusal = Status(Code::kMalformed, "Stuur de lengte van het verzoek mee (Content-Length), niet in delen.");
    if (!refusal) return httplib::Server::HandlerResponse::Unhandled;
    auto problem = ProblemResponse(*refusal);
    hres.status = HttpStatusFor(refusal->code());
    hres.set_header("Connection", "close");
    hres.set_header("X-Request-Id", ValidRequestId(""));
    hres.set_content(problem.body, problem.content_type.c_str());
    return httplib::Server::HandlerResponse::Handled;
  });
  svr.Get(".*", dispatch);
  svr.Post(".*", dispatch);
  svr.Put(".*", dispatch);
  svr.Patch(".*", dispatch);
  svr.Delete(".*", dispatch);
  svr.Options(".*", dispatch);

  // Errors httplib produces itself (413, malformed requests) get problem+json too.
  svr.set_error_handler([opts = opts](const httplib::Request& hreq, httplib::Response& hres) {
    if (!hres.body.empty()) return;
    Code code = hres.status == 413 ? Code::kPayloadTooLarge : hres.status == 404 ? Code::kNotFound : Code::kMalformed;
    // httplib's own 413 comes from a chunked body over the largest limit, i.e. an upload.
    const size_t limit = std::max(opts.max_body_bytes, opts.max_upload_bytes);
    std::string detail = hres.status == 413 ? "Het verzoek is groter dan " + std::to_string(limit >> 20) + " MiB."
                                            : "Het verzoek kon niet gelezen worden.";
    auto problem = ProblemResponse(Status(code, detail));
    hres.set_content(problem.body, problem.content_type.c_str());
    if (!hres.has_header("X-Request-Id")) hres.set_header("X-Request-Id", ValidRequestId(""));
    spdlog::info("request_id={} method={} route=rejected status={}", hres.get_header_value("X-Request-Id"),
                 hreq.method.size() < 16 ? hreq.method : "?", hres.status);
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& hres, std::exception_ptr) {
    auto problem = ProblemResponse(Status::Internal("exception"));
    hres.status = 500;
    hres.set_content(problem.body, problem.content_type.c_str());
  });

  int port = options_.port;
  if (port == 0) {
    port = svr.bind_to_any_port(options_.host);
    if (port < 0) return Status(Code::kUnavailable, "cannot listen on " + options_.host);
  } else if (!svr.bind_to_port(options_.host, port)) {
    return Status(Code::kUnavailable,
                  "cannot listen on " + options_.host + ":" + std::to_string(port) + " (address in use?)");
  }
  svr.RaiseBacklog(4096);
  bound_port_ = port;
  return port;
}

void Server::Run() { impl_->svr.listen_after_bind(); }

namespace {
// httplib checks for a stop only between requests of a kept-alive connection, so an idle
// client would hold shutdown up to the keep-alive timeout. Shutting the read side of our
// accepted sockets wakes those threads at once (they see end-of-file and close), while a
// request in progress still writes its response.
void ShutdownAcceptedConnections(int port) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = 0;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (...) {
      continue;
    }
    sockaddr_storage local{};
    socklen_t len = sizeof local;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) != 0) continue;
    int local_port = local.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port)
                     : local.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port)
                                                   : -1;
    int type = 0;
    socklen_t type_len = sizeof type;
    sockaddr_storage peer{};
    socklen_t peer_len = sizeof peer;
    // Accepted connections have our port locally and a peer; database connections do not match.
    if (local_port == port && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_len) == 0 && type == SOCK_STREAM &&
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) == 0)
      ::shutdown(fd, SHUT_RD);
  }
}
}  // namespace

void Server::Stop() {
  impl_->svr.stop();
  if (bound_port_ > 0) ShutdownAcceptedConnections(bound_port_);
}

}  // namespace kansrijk::http
