// ChatConcernRepository over either backend's database: one definition of every statement for
// SQLite and PostgreSQL. Store-internal. Carrying a concern onto its case marks it, inserts the
// task and the case's event, and audits, in one transaction, only while it is not yet carried.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/result.h"
#include "store/chat_concern_repository.h"
#include "store/sql/sql_case_risk.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"

namespace vg::store {

namespace chat_concern_sql {

inline constexpr const char* kConcernColumns =
    "id, chat_id, kind, note_key_id, note_sealed, recorded_by, recorded_at, case_task_id";

inline Result<chat::ChatConcern> concern_from_row(const SqlRow& row) {
  chat::ChatConcern c;
  c.id = row.text(0);
  c.chat_id = row.text(1);
  auto kind = chat::concern_kind_from_code(row.text(2));
  if (!kind) return fail("internal", "A stored chat concern holds an unknown kind");
  c.kind = *kind;
  c.note = {row.text(3), row.text(4)};
  c.recorded_by = row.text(5);
  c.recorded_at = VG_TRY(instant_column(row, 6));
  if (!row.is_null(7)) c.case_task_id = row.text(7);
  return c;
}

}  // namespace chat_concern_sql

template <typename Db>
class SqlChatConcerns final : public ChatConcernRepository {
 public:
  explicit SqlChatConcerns(Db& db) : db_(db) {}

  Result<void> record(const chat::ChatConcern& c, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(conn.run(std::string("INSERT INTO chat_concerns (") + chat_concern_sql::kConcernColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
                        {c.id, c.chat_id, std::string(chat::to_code(c.kind)), c.note.key_id, c.note.sealed,
                         c.recorded_by, c.recorded_at}));
      return append_audit(conn, audit);
    });
  }

  Result<std::vector<chat::ChatConcern>> of_chat(const std::string& chat_id) override {
    return read_rows<chat::ChatConcern>(
        db_,
        select_from(chat_concern_sql::kConcernColumns, "chat_concerns WHERE chat_id = $1 ORDER BY recorded_at, id"),
        {chat_id}, chat_concern_sql::concern_from_row);
  }

  Result<bool> carry(const std::string& concern_id, const casework::CaseTask& task, const casework::CaseEvent& event,
                     const AuditEntry& audit) override {
    bool carried = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      carried = false;
      const auto marked = VG_TRY(first_of<std::string>(
          conn,
          "UPDATE chat_concerns SET case_task_id = $2 WHERE id = $1 AND case_task_id IS NULL "
          "AND EXISTS (SELECT 1 FROM cases WHERE id = $3) RETURNING id",
          {concern_id, task.id, task.case_id}, text_of));
      if (!marked) return {};
      VG_CHECK(SqlCaseTaskRows<std::remove_reference_t<decltype(conn)>>(conn).insert({task}));
      VG_CHECK(conn.run("INSERT INTO case_events (case_id, at, actor, kind, detail, case_version) "
                        "VALUES ($1, $2, $3, $4, $5, $6)",
                        {event.case_id, event.at, event.actor, event.kind, event.detail, event.case_version}));
      VG_CHECK(append_audit(conn, audit));
      carried = true;
      return {};
    }));
    return carried;
  }

 private:
  Db& db_;
};

}  // namespace vg::store
