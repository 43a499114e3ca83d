#include "store/open/open_chat_concerns.h"

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace vg::store {

Result<std::unique_ptr<ChatConcernRepository>> open_chat_concerns(Store& store) {
  if (store.backend() == "sqlite") return sqlite::open_sqlite_chat_concerns(store);
  return postgres::open_postgres_chat_concerns(store);
}

}  // namespace vg::store
