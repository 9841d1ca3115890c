#include "platform/metrics.h"

#include <fmt/format.h>

namespace kansrijk {

void Metrics::RecordRequest(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const db::PoolStats& pool) const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP kansrijk_http_requests_total HTTP requests by route pattern, method and status.\n"
         "# TYPE kansrijk_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("kansrijk_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route, method,
                       status, n);
  }
  out += "# HELP kansrijk_http_request_duration_seconds Time from routing to response, per route pattern.\n"
         "# TYPE kansrijk_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("kansrijk_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                         kBuckets[i], h.counts[i]);
    out += fmt::format("kansrijk_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, h.count);
    out += fmt::format("kansrijk_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("kansrijk_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, h.count);
  }
  out += fmt::format(
      "# HELP kansrijk_db_pool_size Connections the database pool may hold.\n# TYPE kansrijk_db_pool_size gauge\n"
      "kansrijk_db_pool_size {}\n"
      "# HELP kansrijk_db_pool_in_use Connections lent out now.\n# TYPE kansrijk_db_pool_in_use gauge\n"
      "kansrijk_db_pool_in_use {}\n"
      "# HELP kansrijk_db_pool_waits_total Times a request waited for a free connection.\n"
      "# TYPE kansrijk_db_pool_waits_total counter\nkansrijk_db_pool_waits_total {}\n",
      pool.size, pool.in_use, pool.waits_total);
  return out;
}

}  // namespace kansrijk
