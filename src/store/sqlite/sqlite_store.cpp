#include "store/sqlite/sqlite_store.h"

#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_unit_of_work.h"

namespace vg::store::sqlite {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain) {
  auto db = VG_TRY(Database::open(filename, readers, std::move(audit_chain)));
  return std::unique_ptr<Store>(new SqlStore<Database>(std::move(db), kMigrations));
}

}  // namespace vg::store::sqlite
