// diaglot compiler: what each stage of a run cost (`diaglot compile --timings FILE`): wall time,
// CPU time of all threads, page faults and peak memory, read from the process at each stage's
// end, as JSON.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace diaglot {

/// The process's counters at one moment.
struct process_usage {
  double cpu_ms = 0;             ///< user + system time of every thread so far
  std::int64_t page_faults = 0;  ///< minor and major so far
  std::int64_t peak_rss_kb = 0;  ///< the largest resident set so far
  static process_usage now();    ///< zeros where the system does not say
};

/// A stage's share: wall and CPU time and page faults from the previous stage's end to its own,
/// and the peak memory by its end.
struct stage_cost {
  std::string stage;
  double wall_ms = 0, cpu_ms = 0;
  std::int64_t page_faults = 0, peak_rss_kb = 0;
};

class stage_clock {
 public:
  stage_clock();  ///< the first stage starts now

  /// Ends the running stage, named `stage`; the next one starts.
  void end(std::string stage);

  const std::vector<stage_cost>& stages() const { return stages_; }
  /// From the clock's start to the last stage's end.
  stage_cost total() const;

  /// {"stages": [{"stage": ..., "wall_ms": ..., "cpu_ms": ..., "page_faults": ...,
  /// "peak_rss_kb": ...}, ...], "total": {...}}, one stage a line.
  std::string json() const;

 private:
  std::chrono::steady_clock::time_point start_, last_;
  process_usage start_usage_, last_usage_;
  std::vector<stage_cost> stages_;
};

}  // namespace diaglot
