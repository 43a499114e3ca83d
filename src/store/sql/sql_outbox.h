// OutboxRepository and a unit of work's OutboxRows over either backend: messages to victims
// and their status. Store-internal; instantiated by <backend>_store.cpp and sql_unit_of_work.h.
#pragma once

#include <optional>
#include <string>

#include "domain/result.h"
#include "store/input_checks.h"
#include "store/outbox_records.h"
#include "store/sql/sql_query.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

inline constexpr const char* kOutboxColumns =
    "id, case_id, channel, recipient, subject, body, template_code, large_print, status, "
    "last_error, rendered, created_at, updated_at, sent_at";

inline Result<OutboxMessageRecord> outbox_message_from_row(const SqlRow& row) {
  OutboxMessageRecord m;
  m.id = row.text(0);
  m.case_id = row.text(1);
  m.channel = row.text(2);
  m.recipient = row.text(3);
  m.subject = row.text(4);
  m.body = row.text(5);
  m.template_code = row.text(6);
  m.large_print = row.int64(7) != 0;
  m.status = row.text(8);
  m.last_error = row.text(9);
  m.rendered = row.text(10);
  m.created_at = VG_TRY(instant_column(row, 11));
  m.updated_at = VG_TRY(instant_column(row, 12));
  if (!row.is_null(13)) m.sent_at = VG_TRY(instant_column(row, 13));
  return m;
}

template <typename Connection>
class SqlOutboxRows final : public OutboxRows {
 public:
  explicit SqlOutboxRows(Connection& conn) : conn_(conn) {}

  Result<void> insert(const OutboxMessageRecord& m) override {
    VG_CHECK(conn_.run(std::string("INSERT INTO outbox_messages (") + kOutboxColumns +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                       {m.id, m.case_id, m.channel, m.recipient, m.subject, m.body,
                        m.template_code, m.large_print ? 1 : 0, m.status, m.last_error,
                        m.rendered, m.created_at, m.updated_at, m.sent_at}));
    return {};
  }

  Result<void> change_status(const OutboxStatusChange& c) override {
    const bool delivered = c.status == "sent" || c.status == "ready_to_print";
    const auto changed = VG_TRY(conn_.run(
        "UPDATE outbox_messages SET status = $2, last_error = $3, "
        "rendered = COALESCE($4, rendered), updated_at = $5, "
        "sent_at = CASE WHEN $6 = 1 THEN $5 ELSE sent_at END WHERE id = $1 RETURNING 1",
        {c.id, c.status, c.last_error.substr(0, 500), c.rendered, c.at, delivered ? 1 : 0}));
    if (changed == 0) return fail("not_found", "There is no outbox message with this id");
    return {};
  }

 private:
  Connection& conn_;
};

template <typename Db>
class SqlOutbox final : public OutboxRepository {
 public:
  explicit SqlOutbox(Db& db) : db_(db) {}

  Result<std::optional<OutboxMessageRecord>> find(const std::string& id) override {
    return read_first<OutboxMessageRecord>(
        db_, select_from(kOutboxColumns, "outbox_messages WHERE id = $1"), {id},
        outbox_message_from_row);
  }

  Result<PageOf<OutboxMessageRecord>> list_by_status(const std::string& status,
                                                     const PageRequest& page) override {
    const auto offset = VG_TRY(check_page(page.page, page.per_page));
    PageOf<OutboxMessageRecord> out;
    VG_CHECK(db_.read([&](auto& conn) -> Result<void> {
      out.total_items =
          VG_TRY(first_of<std::int64_t>(
                     conn, "SELECT COUNT(*) FROM outbox_messages WHERE status = $1", {status},
                     int64_of))
              .value_or(0);
      out.items = VG_TRY(rows_of<OutboxMessageRecord>(
          conn,
          select_from(kOutboxColumns,
                      "outbox_messages WHERE status = $1 ORDER BY created_at, id LIMIT $2 "
                      "OFFSET $3"),
          {status, page.per_page, offset}, outbox_message_from_row));
      return {};
    }));
    return out;
  }

 private:
  Db& db_;
};

}  // namespace vg::store
