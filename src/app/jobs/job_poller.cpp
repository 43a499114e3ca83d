#include "app/jobs/job_poller.h"

#include <utility>

namespace vg::app {

JobPoller::JobPoller(JobRunner& runner, std::chrono::milliseconds interval, int batch,
                     std::function<void(const Error&)> on_error)
    : runner_(runner),
      interval_(std::max(interval, std::chrono::milliseconds(10))),
      batch_(std::max(batch, 1)),
      on_error_(std::move(on_error)),
      thread_([this] { poll(); }) {}

JobPoller::~JobPoller() { stop(); }

void JobPoller::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobPoller::poll() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    // A full batch means more may be due: run again at once rather than wait an interval.
    bool full = false;
    auto summary = runner_.run_due(batch_);
    if (!summary) {
      if (on_error_) on_error_(summary.error());
    } else {
      full = summary->claimed >= batch_;
    }
    lock.lock();
    if (!full) wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace vg::app
