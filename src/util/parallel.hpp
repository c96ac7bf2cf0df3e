// diaglot compiler: work over many items across threads. for_each_range splits them in
// consecutive ranges, each reporting into its own sink; the sinks are appended in range order,
// so the diagnostics come in the order one thread would report them. for_each_index hands out
// single items to whichever thread is free.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <future>
#include <thread>
#include <vector>

#include "diag/diagnostics.hpp"

namespace diaglot::parallel {

/// Below this many items the work runs on the calling thread only.
constexpr std::size_t min_items = 4096;

/// The threads `jobs` asks for: itself, or one per core for 0.
inline std::size_t thread_count(unsigned jobs) {
  return jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

/// How many ranges for_each_range splits n items into with `jobs` threads (0: one per core).
inline std::size_t range_count(std::size_t n, unsigned jobs) {
  return n < min_items ? 1 : std::max<std::size_t>(1, std::min<std::size_t>(thread_count(jobs), 8));
}

/// Calls work(begin, end, sink, part) for range_count(n, jobs) consecutive ranges covering
/// [0, n), one thread each, then appends each range's diagnostics to `sink` in order. `part`
/// numbers the ranges from 0 (for results a caller collects per range).
template <typename Work>
void for_each_range(std::size_t n, unsigned jobs, diagnostic_sink& sink, const Work& work) {
  const std::size_t parts = range_count(n, jobs);
  if (parts <= 1) {
    work(std::size_t{0}, n, sink, std::size_t{0});
    return;
  }
  std::vector<diagnostic_sink> sinks(parts);
  std::vector<std::exception_ptr> failures(parts);
  std::vector<std::thread> threads;
  threads.reserve(parts - 1);
  const auto run = [&](std::size_t part) {
    try {
      work(n * part / parts, n * (part + 1) / parts, sinks[part], part);
    } catch (...) {
      failures[part] = std::current_exception();
    }
  };
  for (std::size_t part = 1; part < parts; ++part) threads.emplace_back(run, part);
  run(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& f : failures)
    if (f) std::rethrow_exception(f);
  for (diagnostic_sink& s : sinks) sink.append(std::move(s));
}

/// Calls task(i) for each i in [0, n) on up to `jobs` threads (0: one per core), the calling
/// thread among them, each taking the next i when it is free: for a few tasks of unequal size
/// (for_each_range suits many small ones). Rethrows a task's exception.
template <typename Task>
void for_each_index(std::size_t n, unsigned jobs, const Task& task) {
  const std::size_t threads = std::min(n, thread_count(jobs));
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i; (i = next++) < n;) task(i);
  };
  std::vector<std::future<void>> helpers;
  for (std::size_t k = 1; k < threads; ++k) helpers.push_back(std::async(std::launch::async, work));
  work();
  for (std::future<void>& f : helpers) f.get();
}

}  // namespace diaglot::parallel
