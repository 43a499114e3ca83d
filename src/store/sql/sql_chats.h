// ChatRepository over either backend's database: one definition of every statement for SQLite and
// PostgreSQL. Store-internal. A chat's change and its numbered event are one transaction: the
// chat's row is updated from the state the caller read (its last_seq moving on by one), and only
// then is the event inserted under that number, so numbers have no gaps and never repeat.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"
#include "store/store.h"

namespace vg::store {

namespace chat_sql {

inline constexpr const char* kColumns =
    "id, token_hash, address_hash, area, state, started_at, taken_at, taken_by, holder_organisation_id, "
    "ended_at, end_reason, last_seq, referral_id, referral_reference, transcript_deleted_at, victim_read_seq, "
    "advisor_read_seq";
inline constexpr const char* kEventColumns = "chat_id, seq, kind, party, user_id, body_key_id, body_sealed, at";

inline Result<chat::Chat> chat_from_row(const SqlRow& row) {
  chat::Chat c;
  c.id = row.text(0);
  c.token_hash = row.text(1);
  c.address_hash = row.text(2);
  c.area = row.text(3);
  auto state = chat::chat_state_from_code(row.text(4));
  if (!state) return fail("internal", "A stored chat holds an unknown state");
  c.state = *state;
  c.started_at = VG_TRY(instant_column(row, 5));
  if (!row.is_null(6)) c.taken_at = VG_TRY(instant_column(row, 6));
  c.taken_by = row.text(7);
  c.holder_organisation_id = row.text(8);
  if (!row.is_null(9)) c.ended_at = VG_TRY(instant_column(row, 9));
  if (!row.is_null(10)) c.end_reason = chat::end_reason_from_code(row.text(10));
  c.last_seq = row.int64(11);
  if (!row.is_null(12)) c.referral_id = row.text(12);
  if (!row.is_null(13)) c.referral_reference = row.text(13);
  if (!row.is_null(14)) c.transcript_deleted_at = VG_TRY(instant_column(row, 14));
  c.victim_read_seq = row.int64(15);
  c.advisor_read_seq = row.int64(16);
  return c;
}

inline Result<chat::ChatEvent> event_from_row(const SqlRow& row) {
  chat::ChatEvent e;
  e.chat_id = row.text(0);
  e.seq = row.int64(1);
  auto kind = chat::chat_event_kind_from_code(row.text(2));
  auto party = chat::chat_party_from_code(row.text(3));
  if (!kind || !party) return fail("internal", "A stored chat event holds an unknown kind or party");
  e.kind = *kind;
  e.party = *party;
  e.user_id = row.text(4);
  e.body = {row.text(5), row.text(6)};
  e.at = VG_TRY(instant_column(row, 7));
  return e;
}

template <typename Connection>
Result<void> insert_event(Connection& conn, const std::string& chat_id, std::int64_t seq, const chat::ChatEvent& e) {
  VG_CHECK(conn.run(std::string("INSERT INTO chat_events (") + kEventColumns +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    {chat_id, seq, std::string(chat::to_code(e.kind)), std::string(chat::to_code(e.party)), e.user_id,
                     e.body.key_id, e.body.sealed, e.at}));
  return {};
}

// Moves the chat on by `update` (an UPDATE ... SET ..., last_seq = last_seq + 1 WHERE ...
// RETURNING last_seq) and, when a row answered, inserts the event under that number.
template <typename Connection>
Result<std::optional<std::int64_t>> advance(Connection& conn, const std::string& update, const SqlParams& params,
                                            const std::string& chat_id, const chat::ChatEvent& event) {
  auto seq = VG_TRY(first_of<std::int64_t>(conn, update, params, int64_of));
  if (!seq) return std::optional<std::int64_t>{};
  VG_CHECK(insert_event(conn, chat_id, *seq, event));
  return seq;
}

}  // namespace chat_sql

template <typename Db>
class SqlChats final : public ChatRepository {
 public:
  explicit SqlChats(Db& db) : db_(db) {}

  Result<bool> start(const chat::Chat& c, int max_open_per_address) override {
    bool started = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      started = false;
      if (*lock_on_key(Db::kDialect)) VG_CHECK(conn.run(lock_on_key(Db::kDialect), {c.address_hash}));
      const auto open = VG_TRY(first_of<std::int64_t>(
          conn, "SELECT count(*) FROM chats WHERE address_hash = $1 AND state <> 'ended'", {c.address_hash},
          int64_of));
      if (open.value_or(0) >= max_open_per_address) return {};
      VG_CHECK(conn.run(std::string("INSERT INTO chats (") + chat_sql::kColumns +
                            ") VALUES ($1, $2, $3, $4, 'waiting', $5, NULL, '', '', NULL, NULL, 1, NULL, NULL, NULL, 0, 0)",
                        {c.id, c.token_hash, c.address_hash, c.area, c.started_at}));
      chat::ChatEvent started_event;
      started_event.kind = chat::ChatEventKind::kStarted;
      started_event.party = chat::ChatParty::kVictim;
      started_event.at = c.started_at;
      VG_CHECK(chat_sql::insert_event(conn, c.id, 1, started_event));
      started = true;
      return {};
    }));
    return started;
  }

  Result<std::optional<chat::Chat>> find(const std::string& id) override {
    return read_first<chat::Chat>(db_, select_from(chat_sql::kColumns, "chats WHERE id = $1"), {id},
                                  chat_sql::chat_from_row);
  }

  Result<std::optional<chat::Chat>> find_by_token(const std::string& token_hash) override {
    return read_first<chat::Chat>(db_, select_from(chat_sql::kColumns, "chats WHERE token_hash = $1"),
                                  {token_hash}, chat_sql::chat_from_row);
  }

  Result<std::vector<chat::Chat>> waiting(const std::vector<std::string>& areas, int limit) override {
    return read_rows<chat::Chat>(
        db_,
        select_from(chat_sql::kColumns, "chats WHERE state = 'waiting' AND " + in_list(Db::kDialect, "area", "$1") +
                                            " ORDER BY started_at, id LIMIT $2"),
        {text_list(Db::kDialect, areas), limit}, chat_sql::chat_from_row);
  }

  Result<std::vector<chat::Chat>> taken_by(const std::string& user_id) override {
    return read_rows<chat::Chat>(
        db_, select_from(chat_sql::kColumns, "chats WHERE taken_by = $1 AND state = 'active' ORDER BY taken_at, id"),
        {user_id}, chat_sql::chat_from_row);
  }

  Result<std::optional<std::int64_t>> take(const std::string& chat_id, const chat::ChatEvent& event,
                                           const std::string& organisation_id, const AuditEntry& audit) override {
    std::optional<std::int64_t> seq;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      seq = VG_TRY(chat_sql::advance(
          conn,
          "UPDATE chats SET state = 'active', taken_by = $2, holder_organisation_id = $3, taken_at = $4, "
          "last_seq = last_seq + 1 WHERE id = $1 AND state = 'waiting' RETURNING last_seq",
          {chat_id, event.user_id, organisation_id, event.at}, chat_id, event));
      if (seq) VG_CHECK(append_audit(conn, audit));
      return {};
    }));
    return seq;
  }

  Result<std::optional<std::int64_t>> post(const std::string& chat_id, const chat::ChatEvent& event,
                                           chat::ChatState from) override {
    std::optional<std::int64_t> seq;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      seq = VG_TRY(chat_sql::advance(
          conn, "UPDATE chats SET last_seq = last_seq + 1 WHERE id = $1 AND state = $2 RETURNING last_seq",
          {chat_id, std::string(chat::to_code(from))}, chat_id, event));
      return {};
    }));
    return seq;
  }

  Result<std::optional<std::int64_t>> end(const std::string& chat_id, const chat::ChatEvent& event,
                                          chat::EndReason reason, const std::optional<AuditEntry>& audit) override {
    std::optional<std::int64_t> seq;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      seq = VG_TRY(chat_sql::advance(
          conn,
          "UPDATE chats SET state = 'ended', ended_at = $2, end_reason = $3, last_seq = last_seq + 1 "
          "WHERE id = $1 AND state <> 'ended' RETURNING last_seq",
          {chat_id, event.at, std::string(chat::to_code(reason))}, chat_id, event));
      if (seq && audit) VG_CHECK(append_audit(conn, *audit));
      return {};
    }));
    return seq;
  }

  Result<std::vector<chat::ChatEvent>> events_after(const std::string& chat_id, std::int64_t after_seq,
                                                    int limit) override {
    return read_rows<chat::ChatEvent>(
        db_,
        select_from(chat_sql::kEventColumns, "chat_events WHERE chat_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"),
        {chat_id, after_seq, limit}, chat_sql::event_from_row);
  }

  Result<void> mark_present(const std::string& user_id, const std::vector<std::string>& areas,
                            Instant at) override {
    return db_.write([&](auto& conn) -> Result<void> {
      for (const auto& area : areas) {
        VG_CHECK(conn.run("INSERT INTO chat_presence (user_id, area, seen_at) VALUES ($1, $2, $3) "
                          "ON CONFLICT (user_id, area) DO UPDATE SET seen_at = excluded.seen_at",
                          {user_id, area, at}));
      }
      return {};
    });
  }

  Result<bool> anyone_present(const std::string& area, Instant since) override {
    auto found = VG_TRY(read_first<std::int64_t>(
        db_, "SELECT 1 FROM chat_presence WHERE area = $1 AND seen_at >= $2 LIMIT 1", {area, since}, int64_of));
    return found.has_value();
  }

  Result<std::optional<std::int64_t>> refer(const std::string& chat_id, const std::string& referral_id,
                                            const std::string& reference, const chat::ChatEvent& event,
                                            const AuditEntry& audit) override {
    std::optional<std::int64_t> seq;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      seq = VG_TRY(chat_sql::advance(
          conn,
          "UPDATE chats SET referral_id = $2, referral_reference = $3, last_seq = last_seq + 1 "
          "WHERE id = $1 AND referral_id IS NULL AND transcript_deleted_at IS NULL RETURNING last_seq",
          {chat_id, referral_id, reference}, chat_id, event));
      if (seq) VG_CHECK(append_audit(conn, audit));
      return {};
    }));
    return seq;
  }

  Result<bool> mark_read(const std::string& chat_id, chat::ChatParty reader, std::int64_t seq) override {
    // Two fixed statements (a column name is never spliced from input): only forward, and never
    // past the chat's latest event.
    const char* update = reader == chat::ChatParty::kVictim
                             ? "UPDATE chats SET victim_read_seq = $2 WHERE id = $1 AND victim_read_seq < $2 "
                               "AND last_seq >= $2 RETURNING last_seq"
                             : "UPDATE chats SET advisor_read_seq = $2 WHERE id = $1 AND advisor_read_seq < $2 "
                               "AND last_seq >= $2 RETURNING last_seq";
    bool moved = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      moved = VG_TRY(first_of<std::int64_t>(conn, update, {chat_id, seq}, int64_of)).has_value();
      return {};
    }));
    return moved;
  }

  Result<std::optional<chat::Chat>> find_by_referral(const std::string& referral_id) override {
    return read_first<chat::Chat>(
        db_, select_from(chat_sql::kColumns, "chats WHERE referral_id = $1 ORDER BY started_at, id LIMIT 1"),
        {referral_id}, chat_sql::chat_from_row);
  }

  Result<std::optional<std::string>> referral_for_key(const std::string& organisation_id,
                                                      const std::string& key) override {
    return read_first<std::string>(
        db_, "SELECT referral_id FROM idempotency_keys WHERE organisation_id = $1 AND key = $2",
        {organisation_id, key}, text_of);
  }

  Result<std::vector<std::string>> transcripts_due(Instant ended_before, int limit) override {
    return read_rows<std::string>(
        db_,
        "SELECT id FROM chats WHERE state = 'ended' AND referral_id IS NULL AND transcript_deleted_at IS NULL "
        "AND ended_at < $1 ORDER BY ended_at, id LIMIT $2",
        {ended_before, limit}, text_of);
  }

  Result<bool> delete_transcript(const std::string& chat_id, Instant ended_before, Instant at,
                                 const AuditEntry& audit) override {
    bool deleted = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      // The token's hash must stay unique and may no longer open anything: the id, marked.
      const auto row = VG_TRY(first_of<std::int64_t>(
          conn,
          "UPDATE chats SET transcript_deleted_at = $3, token_hash = 'deleted:' || id, address_hash = '' "
          "WHERE id = $1 AND state = 'ended' AND referral_id IS NULL AND transcript_deleted_at IS NULL "
          "AND ended_at < $2 RETURNING last_seq",
          {chat_id, ended_before, at}, int64_of));
      deleted = row.has_value();
      if (!deleted) return {};
      VG_CHECK(conn.run("DELETE FROM chat_events WHERE chat_id = $1", {chat_id}));
      // A concern's kind, who and when stay (the safeguarding record); its note goes with the
      // words it was about (docs/data-protection.md).
      VG_CHECK(conn.run("UPDATE chat_concerns SET note_key_id = '', note_sealed = '' WHERE chat_id = $1", {chat_id}));
      VG_CHECK(append_audit(conn, audit));
      return {};
    }));
    return deleted;
  }

 private:
  Db& db_;
};

}  // namespace vg::store
