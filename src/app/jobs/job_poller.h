// A background thread that asks a JobRunner to run due jobs every interval, for `serve`. Stops
// cleanly: stop() (or the destructor) wakes it, lets the job in hand finish, and joins it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/jobs/job_runner.h"

namespace vg::app {

class JobPoller {
 public:
  // `on_error` hears a failed run_due (the store down); polling goes on at the next interval.
  JobPoller(JobRunner& runner, std::chrono::milliseconds interval, int batch,
            std::function<void(const Error&)> on_error = {});
  ~JobPoller();
  JobPoller(const JobPoller&) = delete;
  JobPoller& operator=(const JobPoller&) = delete;

  // Waits for the run in hand (bounded by its jobs' own timeouts), then joins. Idempotent.
  void stop();

 private:
  void poll();

  JobRunner& runner_;
  const std::chrono::milliseconds interval_;
  const int batch_;
  std::function<void(const Error&)> on_error_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace vg::app
