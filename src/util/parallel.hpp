// diaglot compiler: work over many items across threads (the process's worker_pool).
// for_each_range splits them in consecutive ranges, each reporting into its own sink; the sinks
// are appended in range order, so the diagnostics come in the order one thread would report
// them. for_each_index hands out single items to whichever thread is free.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#include "diag/diagnostics.hpp"
#include "util/worker_pool.hpp"

namespace diaglot::parallel {

/// Below this many items the work runs on the calling thread only.
constexpr std::size_t min_items = 4096;

/// The threads `jobs` asks for: itself, or one per core for 0.
inline std::size_t thread_count(unsigned jobs) {
  return jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

/// The threads work split into ranges uses (for_each_range, the string pool): thread_count(jobs),
/// at most 8.
inline std::size_t range_threads(unsigned jobs) {
  return std::min<std::size_t>(thread_count(jobs), 8);
}

/// How many ranges for_each_range splits n items into with `jobs` threads (0: one per core):
/// four a thread, which take them as they come free. With one range a thread, a section ended
/// with its later thread, and a pool thread is sometimes woken 2 ms late (bench/thread_start):
/// the corpus's model took 19.1 ms against 17.6 ms now (41 interleaved runs).
inline std::size_t range_count(std::size_t n, unsigned jobs) {
  return n < min_items || range_threads(jobs) <= 1 ? 1 : 4 * range_threads(jobs);
}

/// Calls work(begin, end, sink, part) for range_count(n, jobs) consecutive ranges covering
/// [0, n), which range_threads(jobs) threads take in turn, then appends each range's
/// diagnostics to `sink` in order. `part` numbers the ranges from 0 (for results a caller
/// collects per range).
template <typename Work>
void for_each_range(std::size_t n, unsigned jobs, diagnostic_sink& sink, const Work& work) {
  const std::size_t parts = range_count(n, jobs);
  if (parts <= 1) {
    work(std::size_t{0}, n, sink, std::size_t{0});
    return;
  }
  std::vector<diagnostic_sink> sinks(parts);
  worker_pool::instance().run(parts, range_threads(jobs), [&](std::size_t part) {
    work(n * part / parts, n * (part + 1) / parts, sinks[part], part);
  });
  for (diagnostic_sink& s : sinks) sink.append(std::move(s));
}

/// Calls task(i) for each i in [0, n) on up to `jobs` threads (0: one per core), the calling
/// thread among them, each taking the next i when it is free: for a few tasks of unequal size
/// (for_each_range suits many small ones). Rethrows the exception of the lowest i that threw.
template <typename Task>
void for_each_index(std::size_t n, unsigned jobs, const Task& task) {
  worker_pool::instance().run(n, thread_count(jobs), task);
}

}  // namespace diaglot::parallel
