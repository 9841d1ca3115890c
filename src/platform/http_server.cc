#include "platform/http_server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "platform/random.h"

namespace kansrijk::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// A body limit for people: whole MiB as "50 MiB", whole MB as "5 MB", otherwise in bytes.
std::string LimitText(size_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes % 1000000 == 0) return std::to_string(bytes / 1000000) + " MB";
  return std::to_string(bytes) + " bytes";
}

const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

const std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy", kCsp},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"}};

std::string ValidRequestId(std::string_view incoming) {
  static const std::regex kOk("^[A-Za-z0-9._-]{8,64}$");
  if (!incoming.empty() && std::regex_match(incoming.begin(), incoming.end(), kOk)) return std::string(incoming);
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
  if (file.empty()) return ProblemResponse(Status::NotFound("route_not_found"));
  std::error_code ec;
  bool is_file = fs::is_regular_file(file, ec);
  Response res;
  if (!is_file) {
    // Deep links into the SPA (no file extension) get index.html; missing assets get 404.
    auto last = url_path.substr(url_path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return ProblemResponse(Status::NotFound("file_not_found"));
    file = dir + "/index.html";
  }
  if (!ReadFile(file, res.body)) return ProblemResponse(Status::NotFound("file_not_found"));
  res.content_type = MimeFor(file);
  // Vite names assets by content hash, so they never change; index.html must always be fresh.
  res.headers.emplace("Cache-Control", url_path.starts_with("/assets/") ? "public, max-age=31536000, immutable"
                                                                         : "no-cache");
  return res;
}

bool IsTokenChar(unsigned char c) {
  if (std::isalnum(c)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
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

Result<RequestHead> CheckRequestHead(std::string_view head) {
  // The reason is for the server log; the client gets the code and the generic text.
  auto bad = [](std::string why) { return Status(Code::kMalformed, "request_head_invalid").WithNote(std::move(why)); };
  if (!head.ends_with("\r\n\r\n")) return bad("de kopregels eindigen niet met een lege regel.");
  head.remove_suffix(2);  // keep the CRLF of the last line
  RequestHead out;
  size_t hosts = 0;
  bool has_te = false;
  bool first = true;
  while (!head.empty()) {
    size_t eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    head.remove_prefix(eol + 2);
    if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos)
      return bad("een regel eindigt niet met CRLF.");
    if (first) {
      first = false;
      size_t sp1 = line.find(' ');
      size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
      if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return bad("de eerste regel is geen METHODE PAD HTTP/1.x.");
      out.method = std::string(line.substr(0, sp1));
      out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
      auto version = line.substr(sp2 + 1);
      if (out.method.empty() || !std::all_of(out.method.begin(), out.method.end(), [](unsigned char c) {
            return IsTokenChar(c);
          }))
        return bad("de methode is ongeldig.");
      if (out.target.empty()) return bad("het pad ontbreekt.");
      for (unsigned char c : out.target)
        if (c <= 0x20 || c == 0x7f) return bad("het pad bevat een ongeldig teken.");
      if (version != "HTTP/1.1" && version != "HTTP/1.0") return bad("alleen HTTP/1.0 en HTTP/1.1.");
      continue;
    }
    if (line.empty()) return bad("een lege kopregel.");
    if (line.front() == ' ' || line.front() == '\t') return bad("een kopregel is over twee regels gevouwen.");
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad("een kopregel zonder naam of dubbele punt.");
    std::string_view name = line.substr(0, colon);
    for (unsigned char c : name)
      if (!IsTokenChar(c)) return bad("een kopregel heeft een ongeldige naam (spatie voor de dubbele punt?).");
    std::string_view value = TrimOws(line.substr(colon + 1));
    for (unsigned char c : value)
      if ((c < 0x20 && c != '\t') || c == 0x7f) return bad("een kopregel bevat een stuurteken.");
    if (EqualsIgnoreCase(name, "Content-Length")) {
      if (out.content_length) return bad("Content-Length staat er meer dan eens in.");
      if (value.empty() || value.size() > 15 ||
          !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
        return bad("Content-Length is geen getal.");
      out.content_length = std::stoull(std::string(value));
    } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      if (has_te || !EqualsIgnoreCase(value, "chunked")) return bad("alleen Transfer-Encoding: chunked.");
      has_te = true;
      out.chunked = true;
    } else if (EqualsIgnoreCase(name, "Host")) {
      ++hosts;
    } else if (EqualsIgnoreCase(name, "Expect")) {
      out.expect_continue = EqualsIgnoreCase(value, "100-continue");
    }
  }
  if (hosts > 1) return bad("Host staat er meer dan eens in.");
  if (out.content_length && out.chunked) return bad("Content-Length en Transfer-Encoding samen.");
  return out;
}

Result<Target> SplitTarget(std::string_view target) {
  Target out;
  size_t q = target.find('?');
  out.path = PercentDecode(target.substr(0, q), false);
  auto nul = Status(Code::kMalformed, "request_nul_byte");
  if (out.path.find('\0') != std::string::npos) return nul;
  if (q == std::string_view::npos) return out;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos) return nul;
    out.query.emplace(std::move(key), std::move(value));
  }
  return out;
}

bool BearerTokenMatches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (token.empty() || authorization.size() != kScheme.size() + token.size()) return false;
  if (!EqualsIgnoreCase(authorization.substr(0, kScheme.size()), kScheme)) return false;
  unsigned char diff = 0;
  auto given = authorization.substr(kScheme.size());
  for (size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

// ---------------------------------------------------------------------------------------------
// The server. Each connection is a Session on its own strand: read a head (deadline from its
// first byte), check it, read the body (deadline by size), run the handler on a worker thread,
// write the answer, then wait for the next request (keep-alive) or close.

class Server::Impl {
 public:
  Impl(const ServerOptions& options, Metrics& metrics, const Router& router)
      : options(options), metrics(metrics), router(router), workers(std::max<size_t>(1, options.worker_threads)) {}

  class Session;

  const ServerOptions& options;
  Metrics& metrics;
  const Router& router;

  std::mutex mu;  // guards the maps below; declared before ioc, whose handlers end sessions
  std::unordered_map<std::string, size_t> per_address;
  std::map<Session*, std::weak_ptr<Session>> sessions;
  size_t open = 0;
  bool destroying = false;  // set once the io_context is no longer run (~Server)

  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::thread_pool workers;
  asio::steady_timer stop_timer{ioc};
  asio::steady_timer accept_retry{ioc};
  std::atomic<bool> stopping{false};

  void Accept();
  Response Handle(Request& req);
  // Counts the connection for its address; false when the address or the server is full.
  bool Admit(const std::string& addr) {
    std::lock_guard lock(mu);
    auto& n = per_address[addr];
    if (n >= options.max_connections_per_address || open >= options.max_connections) {
      if (n == 0) per_address.erase(addr);
      return false;
    }
    ++n;
    ++open;
    return true;
  }
  void Release(const std::string& addr, Session* s) {
    std::lock_guard lock(mu);
    sessions.erase(s);
    if (!addr.empty()) {
      auto it = per_address.find(addr);
      if (it != per_address.end() && --it->second == 0) per_address.erase(it);
      --open;
    }
    if (stopping && sessions.empty() && !destroying) asio::post(ioc, [this] { stop_timer.cancel(); });
  }
};

class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& srv, tcp::socket socket, std::string addr, bool admitted)
      : srv_(srv), stream_(std::move(socket)), addr_(std::move(addr)), admitted_(admitted),
        buffer_(std::max<size_t>(srv.options.max_head_bytes, 64 * 1024)) {}
  ~Session() { srv_.Release(admitted_ ? addr_ : std::string(), this); }

  void Start() {
    {
      std::lock_guard lock(srv_.mu);
      srv_.sessions[this] = weak_from_this();
    }
    if (!admitted_) {
      auto st = Status(Code::kUnavailable, "too_many_connections");
      return Reject(st, "connections");
    }
    WaitForRequest(srv_.options.read_timeout_seconds);
  }

  auto executor() { return stream_.get_executor(); }

  // From Stop(): connections that are not working on a request are closed now.
  void CloseIfIdle() {
    if (!busy_) Close();
  }

 private:
  // Waits for the first byte of the next request: idle_seconds, then the head deadline runs.
  void WaitForRequest(int idle_seconds) {
    if (srv_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(srv_.options.max_head_bytes));
    if (buffer_.size() > 0) return ReadHead();  // a pipelined request is already here
    stream_.expires_after(std::chrono::seconds(idle_seconds));
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->Close();
      self->buffer_.commit(n);
      self->ReadHead();
    });
  }

  // One deadline for the whole head, set once: trickling bytes does not extend it.
  void ReadHead() {
    stream_.expires_after(std::chrono::seconds(srv_.options.read_timeout_seconds));
    scanned_ = 0;
    ContinueHead();
  }

  void ContinueHead() {
    std::string_view data(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    size_t end = data.find("\r\n\r\n", scanned_ >= 3 ? scanned_ - 3 : 0);
    if (end != std::string_view::npos) return OnHead(end + 4);
    scanned_ = data.size();
    const size_t max = srv_.options.max_head_bytes;
    if (data.size() >= max)
      return Reject(Status(Code::kMalformed, "request_head_too_large"), "rejected");
    stream_.async_read_some(buffer_.prepare(std::min<size_t>(4096, max - data.size())),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec) return self->Close();  // deadline passed, or the client went away
                              self->buffer_.commit(n);
                              self->ContinueHead();
                            });
  }

  void OnHead(size_t n) {
    if (n > srv_.options.max_head_bytes)
      return Reject(Status(Code::kMalformed, "request_head_too_large"), "rejected");
    std::string_view raw(static_cast<const char*>(buffer_.data().data()), n);
    auto head = CheckRequestHead(raw);
    if (!head.ok()) return Reject(head.status(), "rejected");
    method_ = head->method;
    auto target = SplitTarget(head->target);
    if (!target.ok()) return Reject(target.status(), "rejected");
    target_ = std::move(*target);

    // The route's body limit, before the parser sees the head: an announced length over it is
    // a 413 without reading a byte of the body; a chunked body is counted as its bytes arrive.
    const auto& o = srv_.options;
    const size_t own = o.body_limit_for ? o.body_limit_for(target_.path) : 0;
    const size_t limit = own > 0 ? own : o.max_body_bytes;
    auto too_large = Status(Code::kPayloadTooLarge, "body_too_large", {{"limit", LimitText(limit)}});
    if (head->content_length && *head->content_length > limit) return Reject(too_large, "rejected");
    parser_->body_limit(limit);
    limit_ = limit;
    beast::error_code ec;
    parser_->put(asio::buffer(raw.data(), raw.size()), ec);
    if (ec == bhttp::error::body_limit) return Reject(too_large, "rejected");
    if (ec || !parser_->is_header_done())
      return Reject(Status(Code::kMalformed, "malformed"), "rejected");
    buffer_.consume(n);
    if (parser_->is_done()) return Dispatch();

    // The body's deadline: the head's, plus the time its size takes at the minimum rate.
    size_t size = head->content_length.value_or(limit);
    auto body_time = std::chrono::seconds(o.read_timeout_seconds) +
                     std::chrono::seconds(size / std::max<size_t>(1, o.min_body_bytes_per_second));
    if (head->expect_continue) {
      auto cont = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
      stream_.expires_after(std::chrono::seconds(o.write_timeout_seconds));
      asio::async_write(stream_, asio::buffer(*cont),
                        [self = shared_from_this(), cont, body_time](beast::error_code ec, size_t) {
                          if (ec) return self->Close();
                          self->ReadBody(body_time);
                        });
      return;
    }
    ReadBody(body_time);
  }

  void ReadBody(Clock::duration body_time) {
    stream_.expires_after(body_time);
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec == bhttp::error::body_limit)
        return self->Reject(
            Status(Code::kPayloadTooLarge, "body_too_large", {{"limit", LimitText(self->limit_)}}),
            "rejected");
      if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
          ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
        return self->Close();
      if (ec) return self->Reject(Status(Code::kMalformed, "malformed"), "rejected");
      self->Dispatch();
    });
  }

  void Dispatch() {
    busy_ = true;
    stream_.expires_never();
    asio::post(srv_.workers, [self = shared_from_this()] {
      auto& msg = self->parser_->get();
      Request req;
      req.method = std::string(msg.method_string());
      req.path = self->target_.path;
      req.query = std::move(self->target_.query);
      req.body = std::move(msg.body());
      req.client_addr = self->addr_;
      req.request_id = ValidRequestId(msg["X-Request-Id"]);
      req.header = [&msg](const std::string& name) {
        auto it = msg.find(name);
        return it == msg.end() ? std::string() : std::string(it->value());
      };
      auto res = std::make_shared<Response>(self->srv_.Handle(req));
      res->headers.emplace("X-Request-Id", req.request_id);
      const bool keep_alive = msg.keep_alive();
      const bool head = req.method == "HEAD";
      asio::post(self->stream_.get_executor(), [self, res, keep_alive, head] {
        self->Write(std::move(*res), keep_alive && !self->srv_.stopping, head);
      });
    });
  }

  void Write(Response&& res, bool keep_alive, bool head_only) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    msg->version(11);
    msg->result(static_cast<unsigned>(res.status));
    for (const auto& [k, v] : kSecurityHeaders) msg->set(k, v);
    for (const auto& [k, v] : res.headers) msg->insert(k, v);
    const bool no_body = res.status == 204 || res.status == 304;
    if (!no_body) {
      if (!res.content_type.empty()) msg->set(bhttp::field::content_type, res.content_type);
      msg->content_length(res.body.size());
      if (!head_only) msg->body() = std::move(res.body);
    }
    msg->keep_alive(keep_alive);
    stream_.expires_after(std::chrono::seconds(srv_.options.write_timeout_seconds));
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg, keep_alive](beast::error_code ec, size_t) {
      self->busy_ = false;
      if (ec) return self->Close();
      if (!keep_alive || self->srv_.stopping) return self->LingerClose();
      self->WaitForRequest(self->srv_.options.keep_alive_seconds);
    });
  }

  // Answers a request the edge refused (problem+json, security headers, X-Request-Id) and closes.
  void Reject(const Status& status, const char* label) {
    auto problem = ProblemResponse(status);
    problem.headers.emplace("X-Request-Id", ValidRequestId(""));
    spdlog::info("request_id={} method={} route={} status={}", problem.headers.find("X-Request-Id")->second,
                 method_.empty() || method_.size() > 16 ? "?" : method_, label, problem.status);
    busy_ = true;
    Write(std::move(problem), false, false);
  }

  // Closes after an answer: shut our side, then read what the client still sends for a moment,
  // so that its unread bytes do not make the kernel reset the connection before it read ours
  // (a refused upload may still be on its way). Bounded: 2 s, 64 MiB.
  void LingerClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    Drain();
  }
  void Drain() {
    stream_.async_read_some(asio::buffer(drain_), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > (64u << 20)) return self->Close();
      self->Drain();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  Impl& srv_;
  beast::tcp_stream stream_;
  std::string addr_;
  bool admitted_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Target target_;
  std::string method_;
  size_t limit_ = 0;
  size_t scanned_ = 0;  // bytes of buffer_ already searched for the end of the head
  bool busy_ = false;  // a request is with the handler or its answer is being written
  std::array<char, 4096> drain_;
  size_t drained_ = 0;
};

void Server::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors or similar: try again shortly instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code e) {
        if (!e) Accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto endpoint = socket.remote_endpoint(ignored);
    std::string addr = ignored ? std::string("?") : endpoint.address().to_string();
    bool admitted = Admit(addr);
    auto session = std::make_shared<Session>(*this, std::move(socket), addr, admitted);
    asio::dispatch(session->executor(), [session] { session->Start(); });
    Accept();
  });
}

Response Server::Impl::Handle(Request& req) {
  auto started = Clock::now();
  Response res;
  std::string route_label = "unmatched";
  bool is_api = req.path.starts_with("/api/") || req.path == "/healthz" || req.path == "/metrics";
  auto match = router.Find(req.method, req.path);
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
      res = ProblemResponse(Status(Code::kMethodNotAllowed, "method_not_allowed", {{"allow", allow}}),
                            LangFromAcceptLanguage(req.header("Accept-Language")));
      res.headers.emplace("Allow", allow);
    } else if (!is_api && !options.static_dir.empty() && (req.method == "GET" || req.method == "HEAD")) {
      route_label = "static";
      res = ServeStatic(options.static_dir, req.path);
    } else {
      res = ProblemResponse(Status::NotFound("route_not_found"), LangFromAcceptLanguage(req.header("Accept-Language")));
    }
  } catch (const std::exception& e) {
    spdlog::error("request_id={} route={} unhandled exception: {}", req.request_id, route_label, e.what());
    res = ProblemResponse(Status::Internal("unhandled exception"));
  }
  if (is_api && res.headers.find("Cache-Control") == res.headers.end()) res.headers.emplace("Cache-Control", "no-store");

  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  metrics.RecordRequest(route_label, req.method, res.status, seconds);
  // Route patterns only, never paths, queries or bodies: no personal data in the log.
  spdlog::info("request_id={} method={} route={} status={} ms={:.2f}", req.request_id, req.method, route_label,
               res.status, seconds * 1000);
  return res;
}

// ---------------------------------------------------------------------------------------------

Server::Server(ServerOptions options, Metrics& metrics)
    : options_(std::move(options)), metrics_(metrics), impl_(std::make_unique<Impl>(options_, metrics_, router_)) {}

Server::~Server() {
  Stop();
  impl_->workers.join();
  std::lock_guard lock(impl_->mu);
  impl_->destroying = true;
}

Result<int> Server::Bind() {
  // Every open connection is a file descriptor: use all the process may have.
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
  auto& acc = impl_->acceptor;
  beast::error_code ec;
  auto address = asio::ip::make_address(options_.host == "localhost" ? "127.0.0.1" : options_.host, ec);
  if (ec) return Status::Unavailable("cannot listen on " + options_.host + ": not an IP address");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
  auto fail = [&](const char* what) {
    return Status::Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                                          " (" + what + ": " + ec.message() + ")");
  };
  acc.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acc.set_option(asio::socket_base::reuse_address(true), ec);
  acc.bind(endpoint, ec);
  if (ec) return fail("bind");
  acc.listen(4096, ec);
  if (ec) return fail("listen");
  return static_cast<int>(acc.local_endpoint().port());
}

void Server::Run() {
  if (!impl_->acceptor.is_open()) return;
  impl_->Accept();
  std::vector<std::thread> io;
  for (size_t i = 1; i < std::max<size_t>(1, options_.io_threads); ++i) io.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : io) t.join();
}

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->ioc, [impl = impl_.get(), grace = options_.stop_grace_seconds] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    impl->accept_retry.cancel();
    std::vector<std::shared_ptr<Impl::Session>> open;
    {
      std::lock_guard lock(impl->mu);
      for (auto& [_, weak] : impl->sessions)
        if (auto s = weak.lock()) open.push_back(std::move(s));
    }
    for (auto& s : open) asio::post(s->executor(), [s] { s->CloseIfIdle(); });
    if (open.empty()) return;
    // Requests in progress answer and close; after the grace period the rest is cut off.
    impl->stop_timer.expires_after(std::chrono::seconds(grace));
    impl->stop_timer.async_wait([impl](beast::error_code e) {
      if (!e) impl->ioc.stop();
    });
  });
}

}  // namespace kansrijk::http
