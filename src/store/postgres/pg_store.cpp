#include "store/postgres/pg_store.h"

#include "store/postgres/pg_database.h"
#include "store/postgres/pg_unit_of_work.h"
#include "store/sql/sql_chat_concerns.h"
#include "store/sql/sql_retention.h"
#include "store/sql/sql_sealed_texts.h"
#include "store/sql/sql_store.h"

namespace vg::store::postgres {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, int pool_size,
                                                   std::shared_ptr<AuditChain> audit_chain,
                                                   std::chrono::milliseconds statement_limit) {
  auto pool = std::make_unique<Pool>(url, pool_size);
  pool->limit_statement_time(statement_limit);
  pool->set_audit_chain(std::move(audit_chain));
  auto store = std::make_unique<SqlStore<Pool>>(std::move(pool), kMigrations);
  // Connections open lazily; open one now so a wrong URL is reported at start-up, not later.
  VG_CHECK(store->ping());
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<RetentionRepository>> open_postgres_retention(Store& store) {
  auto* sql = dynamic_cast<SqlStore<Pool>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a postgres store");
  return std::unique_ptr<RetentionRepository>(new SqlRetention<Pool>(sql->database()));
}

Result<std::unique_ptr<SealedTextRepository>> open_postgres_sealed_texts(Store& store) {
  auto* sql = dynamic_cast<SqlStore<Pool>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a postgres store");
  return std::unique_ptr<SealedTextRepository>(new SqlSealedTexts<Pool>(sql->database()));
}

Result<void> seal_postgres_fields_with(Store& store, std::shared_ptr<const FieldCipher> cipher) {
  auto* sql = dynamic_cast<SqlStore<Pool>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a postgres store");
  sql->seal_fields_with(std::move(cipher));
  return {};
}

Result<std::unique_ptr<ChatConcernRepository>> open_postgres_chat_concerns(Store& store) {
  auto* sql = dynamic_cast<SqlStore<Pool>*>(&store);
  if (!sql) return fail("validation_failed", "The store is not a postgres store");
  return std::unique_ptr<ChatConcernRepository>(new SqlChatConcerns<Pool>(sql->database()));
}

}  // namespace vg::store::postgres
