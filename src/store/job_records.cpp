#include "store/job_records.h"

#include <utility>

namespace vg::store {

std::string_view to_code(JobStatus status) {
  switch (status) {
    case JobStatus::kQueued: return "queued";
    case JobStatus::kRunning: return "running";
    case JobStatus::kDone: return "done";
    case JobStatus::kDead: return "dead";
  }
  std::unreachable();
}

}  // namespace vg::store
