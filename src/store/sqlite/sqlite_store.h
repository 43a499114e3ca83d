// The SQLite implementation of store::Store: the embedded default, one file (or a shared-cache
// in-memory database). Opened through store::open_store; callers never see SQLite types.
#pragma once

#include <memory>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace vg::store::sqlite {

// `filename`: a path, or a "file:...?mode=memory&cache=shared" URI; `readers` bounds the pool.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers);

}  // namespace vg::store::sqlite
