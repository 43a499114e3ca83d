// The insight refresh in its two steps, for the conformance suite to write between them: the
// stores' InsightRepository also implements this (Store::insight() cast to it). Store-internal:
// the app calls InsightRepository::refresh_month, which is both steps with nothing between.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "domain/result.h"

namespace vg::store {

class InsightRefreshSteps {
 public:
  virtual ~InsightRefreshSteps() = default;
  // Works the month's figures out in a read snapshot, runs `between` (a test's write), then keeps
  // them and clears the month's stale mark in one short write, only if no fact of the month was
  // written since the snapshot; otherwise the month stays stale for the next run. Whether it kept.
  virtual Result<bool> refresh_month_with(const std::string& area, std::chrono::year_month month,
                                          const std::function<void()>& between) = 0;
};

}  // namespace vg::store
