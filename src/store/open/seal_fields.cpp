#include "store/open/seal_fields.h"

#include <utility>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace vg::store {

Result<void> seal_fields_with(Store& store, std::shared_ptr<const FieldCipher> cipher) {
  if (store.backend() == "sqlite") return sqlite::seal_sqlite_fields_with(store, std::move(cipher));
  return postgres::seal_postgres_fields_with(store, std::move(cipher));
}

}  // namespace vg::store
