// A small, bounded pool of threads for work that must not run on the threads that serve every
// page: Argon2id password checks at sign-in (a flood of sign-ins waits here), and clean-up an
// answer must not wait for (deleting a self-referral draft after "Exit this page"). Never blocks
// a caller: when the queue is full the job is refused at once, and the caller decides.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vg::app {

class WorkPool {
 public:
  // `threads` workers (at least 1), started as jobs need them; at most `queue_limit` jobs waiting
  // besides those running (0: a job is taken only when a worker is free).
  WorkPool(int threads, int queue_limit);
  // Runs every job already accepted, then joins the workers.
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `job` to run on a worker; false, with `job` not run, when the pool is full.
  bool try_submit(std::function<void()> job);
  // Waits until no job is waiting or running (bounded by the jobs themselves).
  void drain();

 private:
  void work();

  const int threads_;
  const std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  int running_ = 0;
  int idle_workers_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace vg::app
