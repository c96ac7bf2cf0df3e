// The threads the parallel stages share: every item runs once, failures come back as one thread
// would meet them, and runs may nest and come from several threads at once.
#include "util/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/parallel.hpp"

namespace diaglot::parallel {
namespace {

TEST(parallel_worker_pool, runs_every_item_once_for_any_count_of_items_and_threads) {
  for (const std::size_t n : {0u, 1u, 2u, 3u, 17u, 1000u}) {
    for (const std::size_t threads : {1u, 2u, 3u, 8u}) {
      SCOPED_TRACE(std::to_string(n) + " items, " + std::to_string(threads) + " threads");
      std::vector<std::atomic<int>> runs(n);
      worker_pool::instance().run(n, threads, [&](std::size_t i) { ++runs[i]; });
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(runs[i].load(), 1) << i;
    }
  }
}

TEST(parallel_worker_pool, uses_other_threads_than_the_caller) {
  // Each item waits (a while at most, so that a pool that never helps fails rather than hangs)
  // until the other has started: both start only if two threads run them at once.
  std::atomic<int> started{0};
  std::atomic<bool> gave_up{false};
  std::vector<std::thread::id> ran_on(2);
  worker_pool::instance().run(2, 2, [&](std::size_t i) {
    ran_on[i] = std::this_thread::get_id();
    ++started;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (started.load() < 2) {
      if (std::chrono::steady_clock::now() > deadline) {
        gave_up = true;
        break;
      }
      std::this_thread::yield();
    }
  });
  EXPECT_FALSE(gave_up.load());
  EXPECT_NE(ran_on[0], ran_on[1]);
}

TEST(parallel_worker_pool, rethrows_the_failure_of_the_lowest_item_after_every_item_ran) {
  std::atomic<int> ran{0};
  try {
    worker_pool::instance().run(64, 4, [&](std::size_t i) {
      ++ran;
      if (i == 9 || i == 40) throw std::runtime_error("item " + std::to_string(i));
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "item 9");
  }
  EXPECT_EQ(ran.load(), 64);
}

TEST(parallel_worker_pool, nested_runs_and_runs_from_several_threads_finish) {
  // Each outer item runs an inner job on the same pool, from four callers at once: a caller
  // does what no helper took, so none waits for a thread that waits for it.
  std::atomic<long> sum{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c)
    callers.emplace_back([&] {
      worker_pool::instance().run(8, 3, [&](std::size_t) {
        worker_pool::instance().run(100, 3, [&](std::size_t j) { sum += static_cast<long>(j); });
      });
    });
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(sum.load(), 4L * 8 * (99 * 100 / 2));
}

TEST(parallel_worker_pool, for_each_index_runs_on_the_pool_and_keeps_the_lowest_failure) {
  std::vector<std::atomic<int>> runs(50);
  for_each_index(50, 4, [&](std::size_t i) { ++runs[i]; });
  for (std::size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), 1) << i;
  EXPECT_THROW(for_each_index(5, 2,
                              [](std::size_t i) {
                                if (i >= 3) throw std::invalid_argument("late");
                                if (i == 1) throw std::length_error("early");
                              }),
               std::length_error);
}

}  // namespace
}  // namespace diaglot::parallel
