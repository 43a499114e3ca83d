// Where SQLite's SQL and PostgreSQL's differ, side by side, for the repositories both backends
// share; each backend's database type names its own (Database::kDialect, Pool::kDialect). Builds
// SQL text and parameter values only; runs nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/search_words.h"
#include "store/sql/sql_query.h"

namespace vg::store {

enum class SqlDialect { sqlite, postgresql };

// As Store::backend() reports it.
constexpr const char* dialect_name(SqlDialect dialect) {
  return dialect == SqlDialect::sqlite ? "sqlite" : "postgresql";
}

// Follows a text expression in ORDER BY for bytewise order, whatever the database's collation
// (SQLite compares text bytewise already).
constexpr const char* bytewise(SqlDialect dialect) {
  return dialect == SqlDialect::sqlite ? "" : " COLLATE \"C\"";
}

// A list of texts as one parameter, so the statement text (and its plan) stays the same whatever
// the list's length: a JSON array for SQLite's json_each, a text[] literal for PostgreSQL.
std::string text_list(SqlDialect dialect, const std::vector<std::string>& values);

// "`column` is in the text_list at `placeholder`".
std::string in_list(SqlDialect dialect, std::string_view column, std::string_view placeholder);

// The text_list at `placeholder` as rows (value, position), positions from 0, to select FROM.
std::string list_rows(SqlDialect dialect, std::string_view placeholder);

// The condition that services `s` match `expression` (full-text search), its parameter added to
// `params`. SQLite: FTS5, as a membership test only (the unary +), since driving the query by the
// matches' rowids would read every matching wide row. PostgreSQL: the generated search_vector
// and its GIN index.
std::string matches_words(SqlDialect dialect, SqlParams& params,
                          const SearchExpression& expression);

// The key a page of services is chosen by first (from SQLite's covering index), so that only the
// page's rows are read whole; empty to read the page directly.
constexpr const char* service_page_key(SqlDialect dialect) {
  return dialect == SqlDialect::sqlite ? "s.row_id" : "";
}

// Follows the SELECT that picks jobs to claim: PostgreSQL locks the rows it picks and skips rows
// another claimer holds, so two claimers at once take different jobs; SQLite needs nothing, as
// its one writer (BEGIN IMMEDIATE) already keeps other claimers out until it commits.
constexpr const char* lock_skipping_locked(SqlDialect dialect) {
  return dialect == SqlDialect::sqlite ? "" : " FOR UPDATE SKIP LOCKED";
}

// Takes a lock, held to the end of the transaction, on the text at $1: writers of one key (a
// caller's address starting a chat) wait for each other. SQLite: none needed (empty), as its one
// writer, in BEGIN IMMEDIATE, already keeps every other writer out.
constexpr const char* lock_on_key(SqlDialect dialect) {
  return dialect == SqlDialect::sqlite ? "" : "SELECT pg_advisory_xact_lock(hashtextextended($1, 16))";
}

// The migration runner's own statements. PostgreSQL serialises migrating instances with a
// transaction lock ("vgmigr"); SQLite's writer, in BEGIN IMMEDIATE, keeps other processes out.
struct MigrationStatements {
  const char* create_table;
  const char* lock;  // empty: none
  const char* record;
};
MigrationStatements migration_statements(SqlDialect dialect);

}  // namespace vg::store
