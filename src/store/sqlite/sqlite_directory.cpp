#include <unordered_map>
#include <variant>

#include "store/input_checks.h"
#include "store/search_words.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"
#include "store/sqlite/sqlite_database.h"

namespace vg::store::sqlite {

namespace {

using Param = std::variant<std::string, std::int64_t>;

void bind_all(Statement& stmt, const std::vector<Param>& params) {
  for (const auto& p : params) {
    if (const auto* text = std::get_if<std::string>(&p)) {
      stmt.bind(*text);
    } else {
      stmt.bind(std::get<std::int64_t>(p));
    }
  }
}

// A JSON array of strings, for `IN (SELECT value FROM json_each(?))`: one parameter whatever
// the list's length, so the statement text (and its cached plan) stays the same.
std::string json_string_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (unsigned char c : value) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
          if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

// Fills each service's term ids and area codes, in the order they were stored. `only` limits the
// lookup to these services (a page); nullptr loads every link (export).
Result<void> attach_links(Connection& conn, std::vector<ServiceRecord>& services, bool only_these) {
  if (services.empty()) return {};
  std::unordered_map<std::string, ServiceRecord*> by_id;
  std::vector<std::string> ids;
  for (auto& s : services) {
    by_id[s.id] = &s;
    ids.push_back(s.id);
  }
  const std::string ids_json = only_these ? json_string_array(ids) : std::string();
  struct Link {
    const char* table;
    const char* column;
    std::vector<std::string> ServiceRecord::*list;
  };
  for (const Link& link : {Link{"service_taxonomy_terms", "term_id", &ServiceRecord::taxonomy_term_ids},
                           Link{"service_areas", "area_code", &ServiceRecord::area_codes}}) {
    std::string sql = std::string("SELECT service_id, ") + link.column + " FROM " + link.table;
    if (only_these) sql += " WHERE service_id IN (SELECT value FROM json_each(?))";
    sql += " ORDER BY service_id, position";
    auto stmt = VG_TRY(conn.prepare(sql));
    if (only_these) stmt.bind(ids_json);
    while (VG_TRY(stmt.step())) {
      auto found = by_id.find(stmt.text(0));
      if (found != by_id.end()) (found->second->*link.list).push_back(stmt.text(1));
    }
  }
  return {};
}

// The WHERE clause (over services `s`) for every filter `query` sets, ANDed. Term and area sets
// may drive the query by id (selective); the full-text set is only a membership test (the unary
// +), since driving by its rowids would read every matching wide row.
std::string service_filter(const ServiceQuery& query, std::vector<Param>& params) {
  std::string where = "1 = 1";
  const auto expression = search_expression(query.text, query.synonyms.get());
  if (!expression.empty()) {
    where += " AND +s.row_id IN (SELECT rowid FROM services_fts WHERE services_fts MATCH ?)";
    params.emplace_back(fts5_query(expression));
  }
  const auto terms = unique_in_order(query.taxonomy_term_ids);
  if (!terms.empty()) {
    where +=
        " AND s.id IN (SELECT service_id FROM service_taxonomy_terms WHERE term_id IN "
        "(SELECT value FROM json_each(?)) GROUP BY service_id HAVING COUNT(*) = ?)";
    params.emplace_back(json_string_array(terms));
    params.emplace_back(static_cast<std::int64_t>(terms.size()));
  }
  const auto any_terms = unique_in_order(query.any_taxonomy_term_ids);
  if (!any_terms.empty()) {
    where +=
        " AND s.id IN (SELECT service_id FROM service_taxonomy_terms WHERE term_id IN "
        "(SELECT value FROM json_each(?)))";
    params.emplace_back(json_string_array(any_terms));
  }
  if (!query.taxonomy_id.empty()) {
    where +=
        " AND s.id IN (SELECT st.service_id FROM service_taxonomy_terms st JOIN taxonomy_terms t "
        "ON t.id = st.term_id WHERE t.taxonomy_id = ?)";
    params.emplace_back(query.taxonomy_id);
  }
  const auto areas = unique_in_order(query.area_codes);
  if (!areas.empty()) {
    where +=
        " AND s.id IN (SELECT service_id FROM service_areas WHERE area_code IN "
        "(SELECT value FROM json_each(?)))";
    params.emplace_back(json_string_array(areas));
  }
  if (!query.organization_id.empty()) {
    where += " AND s.organization_id = ?";
    params.emplace_back(query.organization_id);
  }
  if (query.age) {
    where +=
        " AND (s.minimum_age IS NULL OR s.minimum_age <= ?) AND (s.maximum_age IS NULL OR "
        "s.maximum_age >= ?)";
    params.emplace_back(static_cast<std::int64_t>(*query.age));
    params.emplace_back(static_cast<std::int64_t>(*query.age));
  }
  if (query.status) {
    where += " AND s.status = ?";
    params.emplace_back(*query.status);
  }
  return where;
}

// Counts and reads one page of `from_where`, ordered by `order`, turning rows with `map`.
// With `narrow_key`, the page's keys are chosen first (from the covering index) and only those
// rows are read whole.
template <typename T, typename Map>
Result<void> read_page(Connection& conn, const std::string& columns,
                       const std::string& from_where, const std::string& order,
                       const std::vector<Param>& params, std::int64_t offset, int per_page,
                       Map map, PageOf<T>& page, const std::string& narrow_key = "") {
  {
    auto count = VG_TRY(conn.prepare("SELECT COUNT(*) " + from_where));
    bind_all(count, params);
    if (VG_TRY(count.step())) page.total_items = count.int64(0);
  }
  if (offset >= page.total_items) return {};
  std::string sql = "SELECT " + columns + " " + from_where + " ORDER BY " + order +
                    " LIMIT ? OFFSET ?";
  if (!narrow_key.empty()) {
    sql = "SELECT " + columns + " FROM services s WHERE " + narrow_key + " IN (SELECT " +
          narrow_key + " " + from_where + " ORDER BY " + order + " LIMIT ? OFFSET ?) ORDER BY " +
          order;
  }
  auto rows = VG_TRY(conn.prepare(sql));
  bind_all(rows, params);
  rows.bind(static_cast<std::int64_t>(per_page)).bind(offset);
  while (VG_TRY(rows.step())) page.items.push_back(map(rows));
  return {};
}

template <typename T, typename Map>
Result<std::optional<T>> find_one(Database& db, const std::string& sql, const std::string& id,
                                  Map map) {
  std::optional<T> found;
  VG_CHECK(db.read([&](Connection& conn) -> Result<void> {
    auto stmt = VG_TRY(conn.prepare(sql));
    stmt.bind(id);
    if (VG_TRY(stmt.step())) found = map(stmt);
    return {};
  }));
  return found;
}

Result<bool> row_exists(Connection& conn, const char* sql, const std::string& id) {
  auto stmt = VG_TRY(conn.prepare(sql));
  stmt.bind(id);
  return stmt.step();
}

Result<void> upsert_service(Connection& conn, const ServiceRecord& s) {
  auto upsert = VG_TRY(conn.prepare(
      "INSERT INTO services (id, organization_id, name, description, status, document, "
      "minimum_age, maximum_age, self_referral, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, "
      "name = excluded.name, description = excluded.description, status = excluded.status, "
      "document = excluded.document, minimum_age = excluded.minimum_age, "
      "maximum_age = excluded.maximum_age, self_referral = excluded.self_referral, "
      "search_text = excluded.search_text"));
  upsert.bind(s.id)
      .bind(s.organization_id)
      .bind(s.name)
      .bind(s.description)
      .bind(s.status)
      .bind(s.document)
      .bind(s.minimum_age)
      .bind(s.maximum_age)
      .bind(static_cast<std::int64_t>(s.self_referral ? 1 : 0))
      .bind(s.search_text);
  VG_CHECK(upsert.run());
  // Replacing a service replaces its links: the batch holds its whole current state.
  for (const char* sql : {"DELETE FROM service_taxonomy_terms WHERE service_id = ?",
                          "DELETE FROM service_areas WHERE service_id = ?"}) {
    auto del = VG_TRY(conn.prepare(sql));
    del.bind(s.id);
    VG_CHECK(del.run());
  }
  std::int64_t position = 0;
  for (const auto& term : unique_in_order(s.taxonomy_term_ids)) {
    auto ins = VG_TRY(conn.prepare(
        "INSERT INTO service_taxonomy_terms (service_id, term_id, position) VALUES (?, ?, ?)"));
    ins.bind(s.id).bind(term).bind(position++);
    VG_CHECK(ins.run());
  }
  position = 0;
  for (const auto& area : unique_in_order(s.area_codes)) {
    auto ins = VG_TRY(conn.prepare(
        "INSERT INTO service_areas (service_id, area_code, position) VALUES (?, ?, ?)"));
    ins.bind(s.id).bind(area).bind(position++);
    VG_CHECK(ins.run());
  }
  return {};
}

}  // namespace
}  // namespace vg::store::sqlite

namespace vg::store {
using namespace sqlite;

template <>
Result<void> SqlDirectory<Database>::apply(const DirectoryBatch& batch, const AuditEntry& audit) {
  return db_.write([&](Connection& conn) -> Result<void> {
    VG_CHECK(check_batch(
        batch,
        [&](const std::string& id) {
          return row_exists(conn, "SELECT 1 FROM organizations WHERE id = ?", id);
        },
        [&](const std::string& id) {
          return row_exists(conn, "SELECT 1 FROM services WHERE id = ?", id);
        }));
    for (const auto& o : batch.organizations) {
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO organizations (id, name, description, document) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
          "description = excluded.description, document = excluded.document"));
      stmt.bind(o.id).bind(o.name).bind(o.description).bind(o.document);
      VG_CHECK(stmt.run());
    }
    for (const auto& t : batch.taxonomies) {
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO taxonomies (id, name, description, document) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
          "description = excluded.description, document = excluded.document"));
      stmt.bind(t.id).bind(t.name).bind(t.description).bind(t.document);
      VG_CHECK(stmt.run());
    }
    for (const auto& t : batch.taxonomy_terms) {
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO taxonomy_terms (id, taxonomy_id, code, name, parent_id, document) "
          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
          "taxonomy_id = excluded.taxonomy_id, code = excluded.code, name = excluded.name, "
          "parent_id = excluded.parent_id, document = excluded.document"));
      stmt.bind(t.id).bind(t.taxonomy_id).bind(t.code).bind(t.name).bind(t.parent_id).bind(
          t.document);
      VG_CHECK(stmt.run());
    }
    for (const auto& s : batch.services) VG_CHECK(upsert_service(conn, s));
    for (const auto& sal : batch.service_at_locations) {
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO service_at_locations (id, service_id, location_id, document) "
          "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, "
          "location_id = excluded.location_id, document = excluded.document"));
      stmt.bind(sal.id).bind(sal.service_id).bind(sal.location_id).bind(sal.document);
      VG_CHECK(stmt.run());
    }
    return append_audit(conn, audit);
  });
}

template <>
Result<PageOf<ServiceRecord>> SqlDirectory<Database>::search_services(const ServiceQuery& query) {
  const auto offset = VG_TRY(check_page(query.page, query.per_page));
  std::vector<Param> params;
  const std::string from_where = "FROM services s WHERE " + service_filter(query, params);
  PageOf<ServiceRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    page = {};
    VG_CHECK(read_page(conn, kServiceColumns, from_where, "s.name, s.id", params, offset,
                       query.per_page, service_from_row, page, "s.row_id"));
    return attach_links(conn, page.items, true);
  }));
  return page;
}

template <>
Result<std::optional<ServiceRecord>> SqlDirectory<Database>::find_service(const std::string& id) {
  std::optional<ServiceRecord> found;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    found.reset();
    auto stmt = VG_TRY(
        conn.prepare(std::string("SELECT ") + kServiceColumns + " FROM services s WHERE s.id = ?"));
    stmt.bind(id);
    if (!VG_TRY(stmt.step())) return {};
    std::vector<ServiceRecord> one{service_from_row(stmt)};
    VG_CHECK(attach_links(conn, one, true));
    found = std::move(one.front());
    return {};
  }));
  return found;
}

template <>
Result<PageOf<OrganizationRecord>> SqlDirectory<Database>::list_organizations(
    const PageRequest& req) {
  const auto offset = VG_TRY(check_page(req.page, req.per_page));
  PageOf<OrganizationRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    page = {};
    return read_page(conn, "o.id, o.name, o.description, o.document", "FROM organizations o",
                     "o.name, o.id", {}, offset, req.per_page, organization_from_row, page);
  }));
  return page;
}

template <>
Result<std::optional<OrganizationRecord>> SqlDirectory<Database>::find_organization(
    const std::string& id) {
  return find_one<OrganizationRecord>(
      db_, "SELECT id, name, description, document FROM organizations WHERE id = ?", id,
      organization_from_row);
}

template <>
Result<PageOf<TaxonomyRecord>> SqlDirectory<Database>::list_taxonomies(const PageRequest& req) {
  const auto offset = VG_TRY(check_page(req.page, req.per_page));
  PageOf<TaxonomyRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    page = {};
    return read_page(conn, "t.id, t.name, t.description, t.document", "FROM taxonomies t",
                     "t.name, t.id", {}, offset, req.per_page, taxonomy_from_row, page);
  }));
  return page;
}

template <>
Result<std::optional<TaxonomyRecord>> SqlDirectory<Database>::find_taxonomy(const std::string& id) {
  return find_one<TaxonomyRecord>(
      db_, "SELECT id, name, description, document FROM taxonomies WHERE id = ?", id,
      taxonomy_from_row);
}

template <>
Result<PageOf<TaxonomyTermRecord>> SqlDirectory<Database>::list_taxonomy_terms(
    const std::string& taxonomy_id, const PageRequest& req) {
  const auto offset = VG_TRY(check_page(req.page, req.per_page));
  std::vector<Param> params;
  std::string from_where = "FROM taxonomy_terms t";
  if (!taxonomy_id.empty()) {
    from_where += " WHERE t.taxonomy_id = ?";
    params.emplace_back(taxonomy_id);
  }
  PageOf<TaxonomyTermRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    page = {};
    return read_page(conn, "t.id, t.taxonomy_id, t.code, t.name, t.parent_id, t.document",
                     from_where, "t.name, t.id", params, offset, req.per_page, term_from_row,
                     page);
  }));
  return page;
}

template <>
Result<std::optional<TaxonomyTermRecord>> SqlDirectory<Database>::find_taxonomy_term(
    const std::string& id) {
  return find_one<TaxonomyTermRecord>(
      db_,
      "SELECT id, taxonomy_id, code, name, parent_id, document FROM taxonomy_terms WHERE id = ?",
      id, term_from_row);
}

template <>
Result<PageOf<ServiceAtLocationRecord>> SqlDirectory<Database>::search_service_at_locations(
    const ServiceQuery& query) {
  const auto offset = VG_TRY(check_page(query.page, query.per_page));
  std::vector<Param> params;
  const std::string from_where =
      "FROM service_at_locations sal JOIN services s ON s.id = sal.service_id WHERE " +
      service_filter(query, params);
  PageOf<ServiceAtLocationRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    page = {};
    return read_page(conn, kSalColumns, from_where, "s.name, s.id, sal.id", params, offset,
                     query.per_page, sal_from_row, page);
  }));
  return page;
}

template <>
Result<std::optional<ServiceAtLocationRecord>> SqlDirectory<Database>::find_service_at_location(
    const std::string& id) {
  return find_one<ServiceAtLocationRecord>(
      db_, std::string("SELECT ") + kSalColumns + " FROM service_at_locations sal WHERE sal.id = ?",
      id, sal_from_row);
}

template <>
Result<DirectoryBatch> SqlDirectory<Database>::export_all() {
  DirectoryBatch all;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    all = {};
    auto read_all = [&](const std::string& sql, auto map, auto& out) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare(sql));
      while (VG_TRY(stmt.step())) out.push_back(map(stmt));
      return {};
    };
    VG_CHECK(read_all("SELECT id, name, description, document FROM organizations ORDER BY id",
                      organization_from_row, all.organizations));
    VG_CHECK(read_all("SELECT id, name, description, document FROM taxonomies ORDER BY id",
                      taxonomy_from_row, all.taxonomies));
    VG_CHECK(read_all("SELECT id, taxonomy_id, code, name, parent_id, document FROM "
                      "taxonomy_terms ORDER BY id",
                      term_from_row, all.taxonomy_terms));
    VG_CHECK(read_all(std::string("SELECT ") + kServiceColumns + " FROM services s ORDER BY s.id",
                      service_from_row, all.services));
    VG_CHECK(attach_links(conn, all.services, false));
    return read_all(std::string("SELECT ") + kSalColumns +
                        " FROM service_at_locations sal ORDER BY sal.id",
                    sal_from_row, all.service_at_locations);
  }));
  return all;
}

template class SqlDirectory<Database>;

}  // namespace vg::store
