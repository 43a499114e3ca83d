// AccountRepository over either backend's database (sqlite::Database, postgres::Pool): one text
// of every statement, run through the backend's Connection::run. Store-internal; instantiated by
// <backend>_store.cpp, reached through Store::accounts().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/result.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_query.h"
#include "store/store.h"
#include "store/word_list.h"

namespace vg::store {

template <typename Db>
class SqlAccounts final : public AccountRepository {
 public:
  explicit SqlAccounts(Db& db) : db_(db) {}

  Result<void> upsert_organisation(const Organisation& org, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(
          conn.run(std::string("INSERT INTO organisations (") + kAccountOrganisationColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE "
                       "SET name = excluded.name, kind = excluded.kind, areas = excluded.areas, "
                       "police_force_codes = excluded.police_force_codes, "
                       "directory_organization_id = excluded.directory_organization_id",
                   {org.id, org.name, org.kind, join_words(org.areas),
                    join_words(org.police_force_codes), org.directory_organization_id}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<Organisation>> find_organisation(const std::string& id) override {
    return read_first<Organisation>(
        db_, select_from(kAccountOrganisationColumns, "organisations WHERE id = $1"), {id},
        account_organisation_from_row);
  }

  Result<void> create_user(const User& user, const AuditEntry& audit) override {
    auto created = db_.write([&](auto& conn) -> Result<void> {
      if (VG_TRY(conn.run("SELECT 1 FROM users WHERE lower(email) = lower($1)", {user.email}))) {
        return email_taken();
      }
      VG_CHECK(conn.run(std::string("INSERT INTO users (") + kUserColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                        {user.id, user.email, user.display_name, user.password_hash,
                         accounts::to_code(user.role), user.organisation_id, user.failed_logins,
                         user.locked_until, user.active, user.created_at}));
      return append_audit(conn, audit);
    });
    // Two creates racing past the check (PostgreSQL; SQLite's one writer never races): the
    // unique index decides, with the same answer.
    if (!created && created.error().code == "conflict") return email_taken();
    return created;
  }

  Result<std::optional<User>> find_user_by_email(const std::string& email) override {
    return read_first<User>(db_, select_from(kUserColumns, "users WHERE lower(email) = lower($1)"),
                            {email}, user_from_row);
  }

  Result<std::optional<User>> find_user(const std::string& id) override {
    return read_first<User>(db_, select_from(kUserColumns, "users WHERE id = $1"), {id},
                            user_from_row);
  }

  Result<void> record_login_failure(const std::string& user_id, int failed_logins,
                                    std::optional<Instant> locked_until,
                                    const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn,
                           "UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3 "
                           "RETURNING id",
                           {failed_logins, locked_until, user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<void> start_session(const Session& session, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn, kClearFailures, {session.user_id}));
      VG_CHECK(insert_session(conn, session));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<Session>> find_session(const std::string& id_hash) override {
    return read_first<Session>(db_, select_from(kSessionColumns, "sessions WHERE id_hash = $1"),
                               {id_hash}, session_from_row);
  }

  Result<void> touch_session(const std::string& id_hash, Instant at) override {
    VG_CHECK(write_statement(db_, "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2",
                             {at, id_hash}));
    return {};
  }

  Result<void> end_session(const std::string& id_hash, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(conn.run("DELETE FROM sessions WHERE id_hash = $1", {id_hash}));
      return append_audit(conn, audit);
    });
  }

  Result<void> rotate_session(const std::string& old_id_hash, const Session& replacement,
                              const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      // The old id goes first: of two requests rotating it at once, one finds it gone.
      if (VG_TRY(conn.run("DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2 "
                          "RETURNING id_hash",
                          {old_id_hash, replacement.user_id})) == 0) {
        return not_found("The session");
      }
      VG_CHECK(insert_session(conn, replacement));
      return append_audit(conn, audit);
    });
  }

  Result<std::int64_t> purge_sessions(Instant idle_before, Instant created_before) override {
    return write_statement(
        db_, "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING id_hash",
        {idle_before, created_before});
  }

  Result<std::vector<Organisation>> list_organisations() override {
    return read_rows<Organisation>(
        db_, select_from(kAccountOrganisationColumns, "organisations ORDER BY name, id"), {},
        account_organisation_from_row);
  }

  Result<std::vector<User>> list_users() override {
    return read_rows<User>(db_,
                           select_from(kUserColumns, std::string("users ORDER BY lower(email)") +
                                                         bytewise(Db::kDialect) + ", id"),
                           {}, user_from_row);
  }

  Result<void> set_user_active(const std::string& user_id, bool active,
                               const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn, "UPDATE users SET active = $1 WHERE id = $2 RETURNING id",
                           {active, user_id}));
      if (!active) VG_CHECK(conn.run(kEndSessionsOf, {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<void> set_password_hash(const std::string& user_id, const std::string& password_hash,
                                 const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn,
                           "UPDATE users SET password_hash = $1, failed_logins = 0, "
                           "locked_until = NULL WHERE id = $2 RETURNING id",
                           {password_hash, user_id}));
      VG_CHECK(conn.run(kEndSessionsOf, {user_id}));
      VG_CHECK(conn.run(kClearCountersOf, {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<void> unlock_user(const std::string& user_id, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn, kClearFailures, {user_id}));
      VG_CHECK(conn.run(kClearCountersOf, {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<SecondFactor>> find_second_factor(const std::string& user_id) override {
    auto row = VG_TRY(read_first<std::optional<SecondFactor>>(
        db_, select_from(kSecondFactorColumns, "users WHERE id = $1"), {user_id},
        second_factor_from_row));
    if (!row) return std::optional<SecondFactor>{};
    return std::move(*row);
  }

  Result<void> enrol_second_factor(const std::string& user_id, const SecondFactor& factor,
                                   const std::vector<std::string>& recovery_code_hashes,
                                   const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn,
                           "UPDATE users SET totp_secret = $1, totp_last_step = $2, "
                           "totp_enrolled_at = $3 WHERE id = $4 RETURNING id",
                           {factor.secret, factor.last_step, factor.enrolled_at, user_id}));
      VG_CHECK(replace_recovery_codes(conn, user_id, recovery_code_hashes));
      return append_audit(conn, audit);
    });
  }

  Result<void> reset_second_factor(const std::string& user_id, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(update_user(conn,
                           "UPDATE users SET totp_secret = NULL, totp_last_step = NULL, "
                           "totp_enrolled_at = NULL WHERE id = $1 RETURNING id",
                           {user_id}));
      VG_CHECK(conn.run("DELETE FROM recovery_codes WHERE user_id = $1", {user_id}));
      VG_CHECK(conn.run(kEndSessionsOf, {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<int> count_recovery_codes(const std::string& user_id) override {
    auto n = VG_TRY(read_first<std::int64_t>(
        db_, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        {user_id}, int64_of));
    return static_cast<int>(n.value_or(0));
  }

  Result<void> pass_second_factor(const SecondFactorPass& pass, const AuditEntry& audit) override {
    const std::string& user_id = pass.session.user_id;
    return db_.write([&](auto& conn) -> Result<void> {
      // The half-way session goes first: of two requests passing it at once, one finds it gone.
      if (VG_TRY(conn.run("DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2 AND "
                          "stage <> 'signed_in' RETURNING id_hash",
                          {pass.pending_id_hash, user_id})) == 0) {
        return not_found("The sign-in");
      }
      if (pass.enrol_secret) {
        if (VG_TRY(conn.run("UPDATE users SET totp_secret = $1, totp_last_step = NULL, "
                            "totp_enrolled_at = $2 WHERE id = $3 AND totp_secret IS NULL "
                            "RETURNING id",
                            {*pass.enrol_secret, pass.at, user_id})) == 0) {
          return fail("conflict", "The second factor is set up already");
        }
        VG_CHECK(replace_recovery_codes(conn, user_id, pass.recovery_code_hashes));
      }
      if (pass.step) {
        // Compared and kept under the row's lock: a step is spent once however many try it.
        if (VG_TRY(conn.run("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND "
                            "totp_secret IS NOT NULL AND "
                            "(totp_last_step IS NULL OR totp_last_step < $1) RETURNING id",
                            {*pass.step, user_id})) == 0) {
          return fail("conflict", "That code has been used");
        }
      } else {
        if (pass.recovery_code_hash.empty() ||
            VG_TRY(conn.run("UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND "
                            "code_hash = $3 AND used_at IS NULL RETURNING code_hash",
                            {pass.at, user_id, pass.recovery_code_hash})) == 0) {
          return fail("conflict", "That recovery code is not one you hold unused");
        }
      }
      VG_CHECK(update_user(conn, kClearFailures, {user_id}));
      VG_CHECK(insert_session(conn, pass.session));
      return append_audit(conn, audit);
    });
  }

  Result<std::vector<SignInCounter>> find_sign_in_counters(
      const std::vector<std::string>& buckets) override {
    if (buckets.empty()) return std::vector<SignInCounter>();
    return read_rows<SignInCounter>(
        db_,
        select_from(kSignInCounterColumns,
                    "sign_in_counters WHERE " + in_list(Db::kDialect, "bucket", "$1")),
        {text_list(Db::kDialect, buckets)}, sign_in_counter_from_row);
  }

  Result<std::vector<int>> record_sign_in_failure(const std::vector<SignInBucket>& buckets,
                                                  Instant at, Instant forget_before,
                                                  const AuditEntry& audit) override {
    std::vector<int> failures;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      failures.clear();
      for (const auto& b : buckets) {
        // One statement per bucket: the count is read and raised under the row's lock (SQLite:
        // the writer's), so two processes counting at once never lose a failure.
        auto counted = VG_TRY(first_of<std::int64_t>(
            conn,
            "INSERT INTO sign_in_counters (bucket, user_id, failures, last_failure_at) "
            "VALUES ($1, $2, 1, $3) ON CONFLICT (bucket) DO UPDATE SET "
            "failures = CASE WHEN sign_in_counters.last_failure_at < $4 THEN 1 "
            "ELSE sign_in_counters.failures + 1 END, "
            "last_failure_at = excluded.last_failure_at, user_id = excluded.user_id "
            "RETURNING failures",
            {b.bucket, b.user_id, at, forget_before}, int64_of));
        if (!counted) return fail("internal", "The sign-in counter returned no row");
        failures.push_back(static_cast<int>(*counted));
      }
      return append_audit(conn, audit);
    }));
    return failures;
  }

  Result<void> record_sign_in_success(const SignInBucket& bucket, Instant at) override {
    VG_CHECK(write_statement(
        db_,
        "INSERT INTO sign_in_counters (bucket, user_id, failures, last_failure_at, "
        "signed_in_at) VALUES ($1, $2, 0, $3, $3) ON CONFLICT (bucket) DO UPDATE SET "
        "failures = 0, signed_in_at = excluded.signed_in_at, user_id = excluded.user_id",
        {bucket.bucket, bucket.user_id, at}));
    return {};
  }

  Result<std::int64_t> purge_sign_in_counters(Instant failures_before,
                                              Instant signed_in_before) override {
    return write_statement(db_,
                           "DELETE FROM sign_in_counters WHERE last_failure_at < $1 AND "
                           "(signed_in_at IS NULL OR signed_in_at < $2) RETURNING 1",
                           {failures_before, signed_in_before});
  }

 private:
  static constexpr const char* kClearFailures =
      "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING id";
  static constexpr const char* kEndSessionsOf = "DELETE FROM sessions WHERE user_id = $1";
  static constexpr const char* kClearCountersOf = "DELETE FROM sign_in_counters WHERE user_id = $1";

  static std::unexpected<Error> email_taken() {
    return fail("conflict", "A user with that email address already exists",
                {{"email", "taken", "A user with that email address already exists"}});
  }

  template <typename Connection>
  static Result<void> insert_session(Connection& conn, const Session& session) {
    VG_CHECK(conn.run(
        std::string("INSERT INTO sessions (") + kSessionColumns +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id_hash) DO UPDATE "
            "SET user_id = excluded.user_id, csrf_token = excluded.csrf_token, "
            "created_at = excluded.created_at, last_seen_at = excluded.last_seen_at, "
            "stage = excluded.stage, enrolment_secret = excluded.enrolment_secret",
        {session.id_hash, session.user_id, session.csrf_token, session.created_at,
         session.last_seen_at, session_stage_code(session.stage), session.enrolment_secret}));
    return {};
  }

  template <typename Connection>
  static Result<void> replace_recovery_codes(Connection& conn, const std::string& user_id,
                                             const std::vector<std::string>& hashes) {
    VG_CHECK(conn.run("DELETE FROM recovery_codes WHERE user_id = $1", {user_id}));
    for (const auto& hash : hashes) {
      VG_CHECK(
          conn.run("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2) "
                   "ON CONFLICT (user_id, code_hash) DO NOTHING",
                   {user_id, hash}));
    }
    return {};
  }

  // An UPDATE of one user ... RETURNING id: not_found when there is no such user.
  template <typename Connection>
  static Result<void> update_user(Connection& conn, const std::string& sql,
                                  const SqlParams& params) {
    if (VG_TRY(conn.run(sql, params)) == 0) return not_found("The user");
    return {};
  }

  Db& db_;
};

}  // namespace vg::store
