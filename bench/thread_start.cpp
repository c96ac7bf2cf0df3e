// How long a parallel section waits for its second thread while the first keeps its core busy:
// a thread created for the section (what the stages did before util/worker_pool.hpp) against a
// pool thread that is already waiting. Each iteration starts after a pause, as a stage does
// after the serial work before it. Times are wall-clock, from the start of the section to the
// moment both threads run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "util/worker_pool.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

/// Counts a thread in, then keeps its core busy until the other thread is in too.
void join_and_spin(std::atomic<int>& started) {
  ++started;
  while (started.load() < 2) {
  }
}

void new_thread(benchmark::State& state) {
  for (auto _ : state) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::atomic<int> started{0};
    const clock_type::time_point begin = clock_type::now();
    std::thread helper([&] { join_and_spin(started); });
    join_and_spin(started);
    const clock_type::time_point both = clock_type::now();
    helper.join();
    state.SetIterationTime(std::chrono::duration<double>(both - begin).count());
  }
}

void pool_thread(benchmark::State& state) {
  diaglot::parallel::worker_pool& pool = diaglot::parallel::worker_pool::instance();
  pool.run(2, 2, [](std::size_t) {});  // the pool's thread exists before the first iteration
  for (auto _ : state) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::atomic<int> started{0};
    clock_type::time_point both[2];  // when each item saw the other start
    const clock_type::time_point begin = clock_type::now();
    pool.run(2, 2, [&](std::size_t i) {
      join_and_spin(started);
      both[i] = clock_type::now();
    });
    const clock_type::time_point first = std::min(both[0], both[1]);
    state.SetIterationTime(std::chrono::duration<double>(first - begin).count());
  }
}

BENCHMARK(new_thread)->UseManualTime()->Unit(benchmark::kMicrosecond)->Iterations(200);
BENCHMARK(pool_thread)->UseManualTime()->Unit(benchmark::kMicrosecond)->Iterations(200);

}  // namespace

BENCHMARK_MAIN();
