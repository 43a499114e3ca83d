#include "store/sql/sql_dialect.h"

#include <cstdio>

namespace vg::store {

std::string text_list(SqlDialect dialect, const std::vector<std::string>& values) {
  // Both quote every element and escape " and \ with \; JSON also wants control characters
  // escaped, which inside a quoted array element PostgreSQL takes as they are.
  const bool json = dialect == SqlDialect::sqlite;
  std::string out(1, json ? '[' : '{');
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (unsigned char c : value) {
      if (c == '"' || c == '\\') out += '\\';
      if (json && c < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        out += escaped;
      } else {
        out += static_cast<char>(c);
      }
    }
    out += '"';
  }
  out += json ? ']' : '}';
  return out;
}

std::string in_list(SqlDialect dialect, std::string_view column, std::string_view placeholder) {
  std::string sql(column);
  if (dialect == SqlDialect::sqlite) {
    return sql.append(" IN (SELECT value FROM json_each(").append(placeholder).append("))");
  }
  return sql.append(" = ANY(").append(placeholder).append("::text[])");
}

std::string list_rows(SqlDialect dialect, std::string_view placeholder) {
  if (dialect == SqlDialect::sqlite) {
    return "(SELECT value, key AS position FROM json_each(" + std::string(placeholder) +
           ")) AS list";
  }
  return "(SELECT value, n - 1 AS position FROM unnest(" + std::string(placeholder) +
         "::text[]) WITH ORDINALITY AS t (value, n)) AS list";
}

std::string matches_words(SqlDialect dialect, SqlParams& params,
                          const SearchExpression& expression) {
  if (dialect == SqlDialect::sqlite) {
    return "+s.row_id IN (SELECT rowid FROM services_fts WHERE services_fts MATCH " +
           add_param(params, fts5_query(expression)) + ")";
  }
  return "s.search_vector @@ to_tsquery('english', " +
         add_param(params, tsquery_query(expression)) + ")";
}

MigrationStatements migration_statements(SqlDialect dialect) {
  if (dialect == SqlDialect::sqlite) {
    return {
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "applied_at TEXT NOT NULL)",
        "",
        "INSERT INTO schema_migrations (version, applied_at) "
        "VALUES ($1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"};
  }
  return {
      "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, "
      "applied_at timestamptz NOT NULL DEFAULT now())",
      "SELECT pg_advisory_xact_lock(8386676391107442)",
      "INSERT INTO schema_migrations (version) VALUES ($1)"};
}

}  // namespace vg::store
