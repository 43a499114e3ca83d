// A number that every directory write this process makes moves on, so caches of answers (the
// API's responses) know when to drop them. Counts only; never reads or writes the directory.
#pragma once

#include <atomic>
#include <cstdint>

namespace vg::app {

class DirectoryGeneration {
 public:
  std::uint64_t current() const { return value_.load(std::memory_order_acquire); }
  // After a write has committed.
  void advance() { value_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<std::uint64_t> value_{1};
};

}  // namespace vg::app
