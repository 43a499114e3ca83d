#include <unordered_map>

#include "store/input_checks.h"
#include "store/postgres/pg_database.h"
#include "store/search_words.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"

namespace vg::store::postgres {

namespace {

// Adds a parameter and returns its placeholder.
std::string param(Params& params, std::string value) {
  params.emplace_back(std::move(value));
  return "$" + std::to_string(params.size());
}

std::optional<std::string> optional_number(std::optional<int> value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

// Fills each service's term ids and area codes, in the order they were stored; `only_these`
// limits the lookup to these services (a page) rather than every link (export).
Result<void> attach_links(Connection& conn, std::vector<ServiceRecord>& services,
                          bool only_these) {
  if (services.empty()) return {};
  std::unordered_map<std::string, ServiceRecord*> by_id;
  std::vector<std::string> ids;
  for (auto& s : services) {
    by_id[s.id] = &s;
    ids.push_back(s.id);
  }
  struct Link {
    const char* table;
    const char* column;
    std::vector<std::string> ServiceRecord::*list;
  };
  for (const Link& link :
       {Link{"service_taxonomy_terms", "term_id", &ServiceRecord::taxonomy_term_ids},
        Link{"service_areas", "area_code", &ServiceRecord::area_codes}}) {
    std::string sql = std::string("SELECT service_id, ") + link.column + " FROM " + link.table;
    Params params;
    if (only_these) sql += " WHERE service_id = ANY(" + param(params, text_array(ids)) + "::text[])";
    sql += " ORDER BY service_id, position";
    auto rows = VG_TRY(conn.query(sql, params));
    for (int r = 0; r < rows.size(); ++r) {
      auto found = by_id.find(rows.text(r, 0));
      if (found != by_id.end()) (found->second->*link.list).push_back(rows.text(r, 1));
    }
  }
  return {};
}

// The WHERE clause (over services `s`) for every filter `query` sets, ANDed.
std::string service_filter(const ServiceQuery& query, Params& params) {
  std::string where = "TRUE";
  const auto expression = search_expression(query.text, query.synonyms.get());
  if (!expression.empty()) {
    where += " AND s.search_vector @@ to_tsquery('english', " +
             param(params, tsquery_query(expression)) + ")";
  }
  const auto terms = unique_in_order(query.taxonomy_term_ids);
  if (!terms.empty()) {
    where += " AND s.id IN (SELECT service_id FROM service_taxonomy_terms WHERE term_id = ANY(" +
             param(params, text_array(terms)) +
             "::text[]) GROUP BY service_id HAVING COUNT(*) = " +
             param(params, std::to_string(terms.size())) + "::bigint)";
  }
  const auto any_terms = unique_in_order(query.any_taxonomy_term_ids);
  if (!any_terms.empty()) {
    where += " AND s.id IN (SELECT service_id FROM service_taxonomy_terms WHERE term_id = ANY(" +
             param(params, text_array(any_terms)) + "::text[]))";
  }
  if (!query.taxonomy_id.empty()) {
    where +=
        " AND s.id IN (SELECT st.service_id FROM service_taxonomy_terms st JOIN taxonomy_terms t "
        "ON t.id = st.term_id WHERE t.taxonomy_id = " +
        param(params, query.taxonomy_id) + ")";
  }
  const auto areas = unique_in_order(query.area_codes);
  if (!areas.empty()) {
    where += " AND s.id IN (SELECT service_id FROM service_areas WHERE area_code = ANY(" +
             param(params, text_array(areas)) + "::text[]))";
  }
  if (!query.organization_id.empty()) {
    where += " AND s.organization_id = " + param(params, query.organization_id);
  }
  if (query.age) {
    const std::string age = param(params, std::to_string(*query.age));
    where += " AND (s.minimum_age IS NULL OR s.minimum_age <= " + age +
             "::int) AND (s.maximum_age IS NULL OR s.maximum_age >= " + age + "::int)";
  }
  if (query.status) where += " AND s.status = " + param(params, *query.status);
  return where;
}

// Counts and reads one page of `from_where`, ordered by `order`, turning rows with `map`.
template <typename T, typename Map>
Result<void> read_page(Connection& conn, const std::string& columns,
                       const std::string& from_where, const std::string& order,
                       const Params& params, std::int64_t offset, int per_page, Map map,
                       PageOf<T>& page) {
  {
    auto count = VG_TRY(conn.query("SELECT COUNT(*) " + from_where, params));
    if (count.size() > 0) page.total_items = count.int64(0, 0);
  }
  if (offset >= page.total_items) return {};
  Params with_paging = params;
  std::string sql = "SELECT " + columns + " " + from_where + " ORDER BY " + order;
  sql += " LIMIT " + param(with_paging, std::to_string(per_page)) + "::bigint";
  sql += " OFFSET " + param(with_paging, std::to_string(offset)) + "::bigint";
  auto rows = VG_TRY(conn.query(sql, with_paging));
  for (int r = 0; r < rows.size(); ++r) page.items.push_back(map(rows.row(r)));
  return {};
}

template <typename T, typename Map>
Result<std::optional<T>> find_one(Pool& pool, const std::string& sql, const std::string& id,
                                  Map map) {
  std::optional<T> found;
  VG_CHECK(pool.with_connection([&](Connection& conn) -> Result<void> {
    auto rows = VG_TRY(conn.query(sql, {id}));
    if (rows.size() > 0) found = map(rows.row(0));
    return {};
  }));
  return found;
}

Result<bool> row_exists(Connection& conn, const char* sql, const std::string& id) {
  auto rows = VG_TRY(conn.query(sql, {id}));
  return rows.size() > 0;
}

Result<void> upsert_service(Connection& conn, const ServiceRecord& s) {
  VG_CHECK(conn.query(
      "INSERT INTO services (id, organization_id, name, description, status, document, "
      "minimum_age, maximum_age, self_referral, search_text) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7::int, $8::int, $9::boolean, $10) "
      "ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, "
      "name = EXCLUDED.name, description = EXCLUDED.description, status = EXCLUDED.status, "
      "document = EXCLUDED.document, minimum_age = EXCLUDED.minimum_age, "
      "maximum_age = EXCLUDED.maximum_age, self_referral = EXCLUDED.self_referral, "
      "search_text = EXCLUDED.search_text",
      {s.id, s.organization_id, s.name, s.description, s.status, s.document,
       optional_number(s.minimum_age), optional_number(s.maximum_age),
       std::string(s.self_referral ? "true" : "false"), s.search_text}));
  // Replacing a service replaces its links: the batch holds its whole current state.
  VG_CHECK(conn.query("DELETE FROM service_taxonomy_terms WHERE service_id = $1", {s.id}));
  VG_CHECK(conn.query("DELETE FROM service_areas WHERE service_id = $1", {s.id}));
  const auto terms = unique_in_order(s.taxonomy_term_ids);
  if (!terms.empty()) {
    VG_CHECK(conn.query(
        "INSERT INTO service_taxonomy_terms (service_id, term_id, position) "
        "SELECT $1, t.term_id, t.position - 1 FROM unnest($2::text[]) WITH ORDINALITY "
        "AS t (term_id, position)",
        {s.id, text_array(terms)}));
  }
  const auto areas = unique_in_order(s.area_codes);
  if (!areas.empty()) {
    VG_CHECK(conn.query(
        "INSERT INTO service_areas (service_id, area_code, position) "
        "SELECT $1, a.area_code, a.position - 1 FROM unnest($2::text[]) WITH ORDINALITY "
        "AS a (area_code, position)",
        {s.id, text_array(areas)}));
  }
  return {};
}

}  // namespace
}  // namespace vg::store::postgres

namespace vg::store {
using namespace postgres;

template <>
Result<void> SqlDirectory<Pool>::apply(const DirectoryBatch& batch, const AuditEntry& audit) {
  return db_.write([&](Connection& conn) -> Result<void> {
    VG_CHECK(check_batch(
        batch,
        [&](const std::string& id) {
          return row_exists(conn, "SELECT 1 FROM organizations WHERE id = $1", id);
        },
        [&](const std::string& id) {
          return row_exists(conn, "SELECT 1 FROM services WHERE id = $1", id);
        }));
    for (const auto& o : batch.organizations) {
      VG_CHECK(conn.query(
          "INSERT INTO organizations (id, name, description, document) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
          "description = EXCLUDED.description, document = EXCLUDED.document",
          {o.id, o.name, o.description, o.document}));
    }
    for (const auto& t : batch.taxonomies) {
      VG_CHECK(conn.query(
          "INSERT INTO taxonomies (id, name, description, document) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
          "description = EXCLUDED.description, document = EXCLUDED.document",
          {t.id, t.name, t.description, t.document}));
    }
    for (const auto& t : batch.taxonomy_terms) {
      VG_CHECK(conn.query(
          "INSERT INTO taxonomy_terms (id, taxonomy_id, code, name, parent_id, document) "
          "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET "
          "taxonomy_id = EXCLUDED.taxonomy_id, code = EXCLUDED.code, name = EXCLUDED.name, "
          "parent_id = EXCLUDED.parent_id, document = EXCLUDED.document",
          {t.id, t.taxonomy_id, t.code, t.name, t.parent_id, t.document}));
    }
    for (const auto& s : batch.services) VG_CHECK(upsert_service(conn, s));
    for (const auto& sal : batch.service_at_locations) {
      VG_CHECK(conn.query(
          "INSERT INTO service_at_locations (id, service_id, location_id, document) "
          "VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
          "service_id = EXCLUDED.service_id, location_id = EXCLUDED.location_id, "
          "document = EXCLUDED.document",
          {sal.id, sal.service_id, sal.location_id, sal.document}));
    }
    return append_audit(conn, audit);
  });
}

template <>
Result<PageOf<ServiceRecord>> SqlDirectory<Pool>::search_services(const ServiceQuery& query) {
  const auto offset = VG_TRY(check_page(query.page, query.per_page));
  Params params;
  const std::string from_where = "FROM services s WHERE " + service_filter(query, params);
  PageOf<ServiceRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    VG_CHECK(read_page(conn, kServiceColumns, from_where, "s.name, s.id", params, offset,
                       query.per_page, service_from_row, page));
    return attach_links(conn, page.items, true);
  }));
  return page;
}

template <>
Result<std::optional<ServiceRecord>> SqlDirectory<Pool>::find_service(const std::string& id) {
  std::optional<ServiceRecord> found;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    auto rows = VG_TRY(conn.query(
        std::string("SELECT ") + kServiceColumns + " FROM services s WHERE s.id = $1", {id}));
    if (rows.size() == 0) return {};
    std::vector<ServiceRecord> one{service_from_row(rows.row(0))};
    VG_CHECK(attach_links(conn, one, true));
    found = std::move(one.front());
    return {};
  }));
  return found;
}

template <>
Result<PageOf<OrganizationRecord>> SqlDirectory<Pool>::list_organizations(const PageRequest& req) {
  const auto offset = VG_TRY(check_page(req.page, req.per_page));
  PageOf<OrganizationRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    return read_page(conn, "o.id, o.name, o.description, o.document", "FROM organizations o",
                     "o.name, o.id", {}, offset, req.per_page, organization_from_row, page);
  }));
  return page;
}

template <>
Result<std::optional<OrganizationRecord>> SqlDirectory<Pool>::find_organization(
    const std::string& id) {
  return find_one<OrganizationRecord>(
      db_, "SELECT id, name, description, document FROM organizations WHERE id = $1", id,
      organization_from_row);
}

template <>
Result<PageOf<TaxonomyRecord>> SqlDirectory<Pool>::list_taxonomies(const PageRequest& req) {
  const auto offset = VG_TRY(check_page(req.page, req.per_page));
  PageOf<TaxonomyRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    return read_page(conn, "t.id, t.name, t.description, t.document", "FROM taxonomies t",
                     "t.name, t.id", {}, offset, req.per_page, taxonomy_from_row, page);
  }));
  return page;
}

template <>
Result<std::optional<TaxonomyRecord>> SqlDirectory<Pool>::find_taxonomy(const std::string& id) {
  return find_one<TaxonomyRecord>(
      db_, "SELECT id, name, description, document FROM taxonomies WHERE id = $1", id,
      taxonomy_from_row);
}

template <>
Result<PageOf<TaxonomyTermRecord>> SqlDirectory<Pool>::list_taxonomy_terms(
    const std::string& taxonomy_id, const PageRequest& req) {
  const auto offset = VG_TRY(check_page(req.page, req.per_page));
  Params params;
  std::string from_where = "FROM taxonomy_terms t";
  if (!taxonomy_id.empty()) from_where += " WHERE t.taxonomy_id = " + param(params, taxonomy_id);
  PageOf<TaxonomyTermRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    return read_page(conn, "t.id, t.taxonomy_id, t.code, t.name, t.parent_id, t.document",
                     from_where, "t.name, t.id", params, offset, req.per_page, term_from_row,
                     page);
  }));
  return page;
}

template <>
Result<std::optional<TaxonomyTermRecord>> SqlDirectory<Pool>::find_taxonomy_term(
    const std::string& id) {
  return find_one<TaxonomyTermRecord>(
      db_,
      "SELECT id, taxonomy_id, code, name, parent_id, document FROM taxonomy_terms WHERE id = $1",
      id, term_from_row);
}

template <>
Result<PageOf<ServiceAtLocationRecord>> SqlDirectory<Pool>::search_service_at_locations(
    const ServiceQuery& query) {
  const auto offset = VG_TRY(check_page(query.page, query.per_page));
  Params params;
  const std::string from_where =
      "FROM service_at_locations sal JOIN services s ON s.id = sal.service_id WHERE " +
      service_filter(query, params);
  PageOf<ServiceAtLocationRecord> page;
  VG_CHECK(db_.read([&](Connection& conn) {
    return read_page(conn, kSalColumns, from_where, "s.name, s.id, sal.id", params, offset,
                     query.per_page, sal_from_row, page);
  }));
  return page;
}

template <>
Result<std::optional<ServiceAtLocationRecord>> SqlDirectory<Pool>::find_service_at_location(
    const std::string& id) {
  return find_one<ServiceAtLocationRecord>(
      db_,
      std::string("SELECT ") + kSalColumns + " FROM service_at_locations sal WHERE sal.id = $1", id,
      sal_from_row);
}

template <>
Result<DirectoryBatch> SqlDirectory<Pool>::export_all() {
  DirectoryBatch all;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    auto read_all = [&](const std::string& sql, auto map, auto& out) -> Result<void> {
      auto rows = VG_TRY(conn.query(sql));
      for (int r = 0; r < rows.size(); ++r) out.push_back(map(rows.row(r)));
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

template class SqlDirectory<Pool>;

}  // namespace vg::store
