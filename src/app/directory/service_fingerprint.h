// A hash of every field of a service record that its public view reads (service_view), so what
// is made from a view can be kept while the record reads the same, here or in another process.
#pragma once

#include <cstdint>

#include "domain/directory/directory_records.h"

namespace vg::app {

std::uint64_t service_fingerprint(const directory::ServiceRecord& record);

}  // namespace vg::app
