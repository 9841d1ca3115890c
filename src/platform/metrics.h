// Prometheus metrics: requests and latency histogram per route, database pool gauges.
// Thread-safe: one mutex guards the maps (a few hundred ns per request).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "platform/db.h"

namespace kansrijk {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  void RecordRequest(const std::string& route, const std::string& method, int status, double seconds);
  // Prometheus text exposition format 0.0.4.
  std::string Render(const db::PoolStats& pool) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace kansrijk
