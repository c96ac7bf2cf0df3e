// diaglot compiler: threads kept for the life of the process, which the parallel stages share
// (util/parallel.hpp). A thread the kernel has just created often starts on the core of the
// thread that created it and waits there, while that thread works, until the scheduler moves
// it; a waiting thread is often woken on a free core at once. On the 2-core machine measured
// (bench/thread_start.cpp), a section's second thread ran after 1.8-1.9 ms on average when
// created for it and after 0.8-1.3 ms from the pool (30-50 us when woken on the free core).
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace diaglot::parallel {

class worker_pool {
 public:
  /// The process's pool. Never destroyed: its threads wait for work until the process ends.
  static worker_pool& instance() {
    static worker_pool* const pool = new worker_pool;
    return *pool;
  }

  /// Calls task(i) for each i in [0, n) on the calling thread and up to `threads` - 1 of the
  /// pool's, each taking the next i when it is free; returns when all are done. Rethrows the
  /// exception of the lowest i that threw. Calls may nest: a caller does every item no other
  /// thread has taken, so it never waits for a thread that waits for it.
  template <typename Task>
  void run(std::size_t n, std::size_t threads, const Task& task) {
    const std::size_t helpers = std::min(n, threads) > 1 ? std::min(n, threads) - 1 : 0;
    if (helpers == 0) {
      for (std::size_t i = 0; i < n; ++i) task(i);
      return;
    }
    const auto j = std::make_shared<job>();
    j->n = n;
    j->unfinished = n;
    j->call = [](const void* t, std::size_t i) { (*static_cast<const Task*>(t))(i); };
    j->task = &task;
    start(j, helpers);
    work(*j);
    {
      // Helpers that never came find the job gone; those that came hold their own reference.
      const std::lock_guard<std::mutex> lock(mutex_);
      const auto it = std::find(jobs_.begin(), jobs_.end(), j);
      if (it != jobs_.end()) jobs_.erase(it);
    }
    std::unique_lock<std::mutex> lock(j->mutex);
    j->finished.wait(lock, [&] { return j->unfinished == 0; });
    // Taken out of the job, which a helper may release last: the exception then ends on this
    // thread, where it is caught, not on a helper's while the catcher reads it.
    std::exception_ptr failure = std::move(j->failure);
    lock.unlock();
    if (failure) std::rethrow_exception(failure);
  }

 private:
  struct job {
    std::size_t n = 0;
    void (*call)(const void*, std::size_t) = nullptr;
    const void* task = nullptr;
    std::atomic<std::size_t> next{0};
    std::size_t helpers_wanted = 0;  ///< guarded by the pool's mutex
    std::mutex mutex;                ///< guards the rest
    std::condition_variable finished;
    std::size_t unfinished = 0;
    std::exception_ptr failure;
    std::size_t failed_at = 0;
  };

  worker_pool() = default;

  /// Queues the job for `helpers` threads, starting threads the pool does not have yet.
  void start(const std::shared_ptr<job>& j, std::size_t helpers) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      j->helpers_wanted = helpers;
      jobs_.push_back(j);
      for (; threads_ < helpers; ++threads_) std::thread([this] { serve(); }).detach();
    }
    wake_.notify_all();
  }

  /// Does items of the job until none is left to take.
  static void work(job& j) {
    for (std::size_t i; (i = j.next++) < j.n;) {
      std::exception_ptr failure;
      try {
        j.call(j.task, i);
      } catch (...) {
        failure = std::current_exception();
      }
      const std::lock_guard<std::mutex> lock(j.mutex);
      if (failure && (!j.failure || i < j.failed_at)) {
        j.failure = std::move(failure);  // no reference to it stays on this thread
        j.failed_at = i;
      }
      if (--j.unfinished == 0) j.finished.notify_all();
    }
  }

  /// A pool thread: helps with the queued jobs, one at a time, as long as the process lives.
  void serve() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return !jobs_.empty(); });
      const std::shared_ptr<job> j = jobs_.front();
      if (--j->helpers_wanted == 0) jobs_.pop_front();
      lock.unlock();
      work(*j);
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<job>> jobs_;  ///< jobs that want more helpers
  std::size_t threads_ = 0;
};

}  // namespace diaglot::parallel
