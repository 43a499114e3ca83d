#include "app/work_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace vg::app {

WorkPool::WorkPool(int threads, int queue_limit)
    : threads_(std::max(1, threads)), queue_limit_(static_cast<std::size_t>(std::max(0, queue_limit))) {}

WorkPool::~WorkPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
}

bool WorkPool::try_submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    // Waiting plus running: at most one job per worker and queue_limit_ more.
    const std::size_t pending = queue_.size() + static_cast<std::size_t>(running_);
    if (stopping_ || pending >= static_cast<std::size_t>(threads_) + queue_limit_) return false;
    queue_.push_back(std::move(job));
    // A worker more while there are more jobs waiting than workers free to take them.
    if (static_cast<int>(workers_.size()) < threads_ &&
        queue_.size() > static_cast<std::size_t>(idle_workers_)) {
      workers_.emplace_back([this] { work(); });
      ++idle_workers_;  // counted free until it takes a job, like the others
    }
  }
  wake_.notify_one();
  return true;
}

void WorkPool::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

void WorkPool::work() {
  // Lower priority than the connection threads (Linux nice applies per thread): when every core
  // is busy, a page waits less for a core than a password check does.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and every accepted job has run
    auto job = std::move(queue_.front());
    queue_.pop_front();
    --idle_workers_;
    ++running_;
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    try {
      job();
    } catch (...) {
      // A job that throws is a bug; it must not take the worker (and every later sign-in) down.
      // Its caller's reply, dropped unanswered, still answers (see http::Reply).
    }
    // Rest as long as the job took (at most a second) before the next: a worker busy with
    // Argon2id (64 MiB each) at most half the time leaves the cores and their caches mostly to
    // the pages. Under a flood the queue fills sooner and more sign-ins are answered "busy".
    const auto took = std::chrono::steady_clock::now() - started;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(took, std::chrono::seconds(1)));
    lock.lock();
    --running_;
    ++idle_workers_;
    if (queue_.empty() && running_ == 0) idle_.notify_all();
  }
}

}  // namespace vg::app
