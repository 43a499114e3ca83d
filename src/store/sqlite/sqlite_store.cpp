#include "store/sqlite/sqlite_store.h"

#include "store/sql/sql_chat_concerns.h"
#include "store/sql/sql_retention.h"
#include "store/sql/sql_sealed_texts.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_unit_of_work.h"

namespace vg::store::sqlite {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain) {
  auto db = VG_TRY(Database::open(filename, readers, std::move(audit_chain)));
  return std::unique_ptr<Store>(new SqlStore<Database>(std::move(db), kMigrations));
}

Result<std::unique_ptr<RetentionRepository>> open_sqlite_retention(Store& store) {
  auto* sql = dynamic_cast<SqlStore<Database>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a sqlite store");
  return std::unique_ptr<RetentionRepository>(new SqlRetention<Database>(sql->database()));
}

Result<std::unique_ptr<SealedTextRepository>> open_sqlite_sealed_texts(Store& store) {
  auto* sql = dynamic_cast<SqlStore<Database>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a sqlite store");
  return std::unique_ptr<SealedTextRepository>(new SqlSealedTexts<Database>(sql->database()));
}

Result<void> seal_sqlite_fields_with(Store& store, std::shared_ptr<const FieldCipher> cipher) {
  auto* sql = dynamic_cast<SqlStore<Database>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a sqlite store");
  sql->seal_fields_with(std::move(cipher));
  return {};
}

Result<std::unique_ptr<ChatConcernRepository>> open_sqlite_chat_concerns(Store& store) {
  auto* sql = dynamic_cast<SqlStore<Database>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a sqlite store");
  return std::unique_ptr<ChatConcernRepository>(new SqlChatConcerns<Database>(sql->database()));
}

}  // namespace vg::store::sqlite
