#include "store/open/open_sealed_texts.h"

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace vg::store {

Result<std::unique_ptr<SealedTextRepository>> open_sealed_texts(Store& store) {
  if (store.backend() == "sqlite") return sqlite::open_sqlite_sealed_texts(store);
  return postgres::open_postgres_sealed_texts(store);
}

}  // namespace vg::store
