// Checks both backends make before touching the database, so they reject the same input with
// the same field errors. Never writes; lookups go through the callbacks the backend passes in.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "domain/directory/directory_records.h"
#include "domain/result.h"

namespace vg::store {

inline constexpr int kMaxPerPage = 1000;

// page >= 1 and 1 <= per_page <= kMaxPerPage; returns the row offset.
Result<std::int64_t> check_page(int page, int per_page);

using ExistsFn = std::function<Result<bool>(const std::string& id)>;

// Every record has an id; every service's organisation and every service-at-location's service
// is in the batch or (per the callbacks) already stored. Names the offending field.
Result<void> check_batch(const directory::DirectoryBatch& batch,
                         const ExistsFn& organization_stored, const ExistsFn& service_stored);

// Each id once, first occurrence kept: the join tables hold a set, in the order given.
std::vector<std::string> unique_in_order(const std::vector<std::string>& ids);

}  // namespace vg::store
