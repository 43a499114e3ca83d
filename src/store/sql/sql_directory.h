// DirectoryRepository over either backend's database: directory batches upserted atomically with
// their audit entry; filtered, paged searches. Store-internal; instantiated by <backend>_store.cpp,
// reached through Store::directory().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/result.h"
#include "store/input_checks.h"
#include "store/search_words.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_query.h"
#include "store/store.h"

namespace vg::store {

template <typename Db>
class SqlDirectory final : public DirectoryRepository {
 public:
  explicit SqlDirectory(Db& db) : db_(db) {}

  Result<void> apply(const DirectoryBatch& batch, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      auto stored_in = [&conn](const char* sql) {
        return [&conn, sql](const std::string& id) -> Result<bool> {
          return VG_TRY(conn.run(sql, {id})) > 0;
        };
      };
      VG_CHECK(check_batch(batch, stored_in("SELECT 1 FROM organizations WHERE id = $1"),
                           stored_in("SELECT 1 FROM services WHERE id = $1")));
      // Organizations and taxonomies have the same columns.
      auto upsert_named = [&](const char* table, const auto& records) -> Result<void> {
        const std::string sql =
            std::string("INSERT INTO ") + table + " (" + kOrganizationColumns +
            ") VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "description = excluded.description, document = excluded.document";
        for (const auto& r : records) {
          VG_CHECK(conn.run(sql, {r.id, r.name, r.description, r.document}));
        }
        return {};
      };
      VG_CHECK(upsert_named("organizations", batch.organizations));
      VG_CHECK(upsert_named("taxonomies", batch.taxonomies));
      for (const auto& t : batch.taxonomy_terms) {
        VG_CHECK(conn.run(std::string("INSERT INTO taxonomy_terms (") + kTermColumns +
                              ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET "
                              "taxonomy_id = excluded.taxonomy_id, code = excluded.code, "
                              "name = excluded.name, parent_id = excluded.parent_id, "
                              "document = excluded.document",
                          {t.id, t.taxonomy_id, t.code, t.name, t.parent_id, t.document}));
      }
      for (const auto& s : batch.services) VG_CHECK(upsert_service(conn, s));
      // A service in the batch with locations in it brings its whole list (a service document's
      // nested service_at_locations): stored ones it no longer lists go, so a location withdrawn
      // (a refuge marked confidential, service_document.h) leaves nothing behind.
      std::map<std::string, std::vector<std::string>> listed;  // service id -> its locations
      for (const auto& sal : batch.service_at_locations) listed[sal.service_id].push_back(sal.id);
      for (const auto& s : batch.services) {
        auto it = listed.find(s.id);
        if (it == listed.end()) continue;
        VG_CHECK(conn.run("DELETE FROM service_at_locations WHERE service_id = $1 AND NOT " +
                              in_list(Db::kDialect, "id", "$2") + " RETURNING id",
                          {s.id, text_list(Db::kDialect, it->second)}));
      }
      for (const auto& sal : batch.service_at_locations) {
        VG_CHECK(
            conn.run("INSERT INTO service_at_locations (id, service_id, location_id, document) "
                     "VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
                     "service_id = excluded.service_id, location_id = excluded.location_id, "
                     "document = excluded.document",
                     {sal.id, sal.service_id, sal.location_id, sal.document}));
      }
      return append_audit(conn, audit);
    });
  }

  Result<PageOf<ServiceRecord>> search_services(const ServiceQuery& query) override {
    const auto offset = VG_TRY(check_page(query.page, query.per_page));
    SqlParams params;
    const std::string from_where = "FROM services s WHERE " + service_filter(query, params);
    PageOf<ServiceRecord> page;
    VG_CHECK(db_.read([&](auto& conn) -> Result<void> {
      page = VG_TRY(read_page<ServiceRecord>(conn, kServiceColumns, from_where, "s.name, s.id",
                                             params, offset, query.per_page, service_from_row,
                                             service_page_key(Db::kDialect)));
      return attach_links(conn, page.items, true);
    }));
    return page;
  }

  Result<std::optional<ServiceRecord>> find_service(const std::string& id) override {
    std::optional<ServiceRecord> found;
    VG_CHECK(db_.read([&](auto& conn) -> Result<void> {
      found = VG_TRY(
          first_of<ServiceRecord>(conn, select_from(kServiceColumns, "services s WHERE s.id = $1"),
                                  {id}, service_from_row));
      if (found) VG_CHECK(attach_links(conn, std::span(&*found, 1), true));
      return {};
    }));
    return found;
  }

  Result<PageOf<OrganizationRecord>> list_organizations(const PageRequest& req) override {
    return list<OrganizationRecord>(kOrganizationColumns, "FROM organizations", {}, req,
                                    organization_from_row);
  }

  Result<std::optional<OrganizationRecord>> find_organization(const std::string& id) override {
    return read_first<OrganizationRecord>(
        db_, select_from(kOrganizationColumns, "organizations WHERE id = $1"), {id},
        organization_from_row);
  }

  Result<PageOf<TaxonomyRecord>> list_taxonomies(const PageRequest& req) override {
    return list<TaxonomyRecord>(kTaxonomyColumns, "FROM taxonomies", {}, req, taxonomy_from_row);
  }

  Result<std::optional<TaxonomyRecord>> find_taxonomy(const std::string& id) override {
    return read_first<TaxonomyRecord>(
        db_, select_from(kTaxonomyColumns, "taxonomies WHERE id = $1"), {id}, taxonomy_from_row);
  }

  Result<PageOf<TaxonomyTermRecord>> list_taxonomy_terms(const std::string& taxonomy_id,
                                                         const PageRequest& req) override {
    if (taxonomy_id.empty()) {
      return list<TaxonomyTermRecord>(kTermColumns, "FROM taxonomy_terms", {}, req, term_from_row);
    }
    return list<TaxonomyTermRecord>(kTermColumns, "FROM taxonomy_terms WHERE taxonomy_id = $1",
                                    {taxonomy_id}, req, term_from_row);
  }

  Result<std::optional<TaxonomyTermRecord>> find_taxonomy_term(const std::string& id) override {
    return read_first<TaxonomyTermRecord>(
        db_, select_from(kTermColumns, "taxonomy_terms WHERE id = $1"), {id}, term_from_row);
  }

  Result<PageOf<ServiceAtLocationRecord>> search_service_at_locations(
      const ServiceQuery& query) override {
    SqlParams params;
    const std::string from_where =
        "FROM service_at_locations sal JOIN services s ON s.id = sal.service_id WHERE " +
        service_filter(query, params);
    return list<ServiceAtLocationRecord>(kSalColumns, from_where, std::move(params),
                                         {query.page, query.per_page}, sal_from_row,
                                         "s.name, s.id, sal.id");
  }

  Result<std::optional<ServiceAtLocationRecord>> find_service_at_location(
      const std::string& id) override {
    return read_first<ServiceAtLocationRecord>(
        db_, select_from(kSalColumns, "service_at_locations sal WHERE sal.id = $1"), {id},
        sal_from_row);
  }

  Result<DirectoryBatch> export_all() override {
    DirectoryBatch all;
    VG_CHECK(db_.read([&](auto& conn) -> Result<void> {
      all = {};
      all.organizations = VG_TRY(rows_of<OrganizationRecord>(
          conn, select_from(kOrganizationColumns, "organizations ORDER BY id"), {},
          organization_from_row));
      all.taxonomies = VG_TRY(rows_of<TaxonomyRecord>(
          conn, select_from(kTaxonomyColumns, "taxonomies ORDER BY id"), {}, taxonomy_from_row));
      all.taxonomy_terms = VG_TRY(rows_of<TaxonomyTermRecord>(
          conn, select_from(kTermColumns, "taxonomy_terms ORDER BY id"), {}, term_from_row));
      all.services = VG_TRY(rows_of<ServiceRecord>(
          conn, select_from(kServiceColumns, "services s ORDER BY s.id"), {}, service_from_row));
      VG_CHECK(attach_links(conn, all.services, false));
      all.service_at_locations = VG_TRY(rows_of<ServiceAtLocationRecord>(
          conn, select_from(kSalColumns, "service_at_locations sal ORDER BY sal.id"), {},
          sal_from_row));
      return {};
    }));
    return all;
  }

  Result<std::int64_t> directory_version() override {
    auto found = VG_TRY(read_first<std::int64_t>(
        db_, "SELECT version FROM directory_version WHERE id = 1", {}, int64_of));
    if (!found) return fail("internal", "directory_version has no row: is the schema migrated?");
    return *found;
  }

  Result<std::vector<std::string>> service_ids_matching_text(const ServiceQuery& query) override {
    SqlParams params;
    std::string sql = "SELECT s.id FROM services s";
    const auto expression = search_expression(query.text, query.synonyms.get());
    if (!expression.empty()) sql += " WHERE " + matches_words(Db::kDialect, params, expression);
    return read_rows<std::string>(db_, sql, params, text_of);
  }

 private:
  // The tables linking a service to its taxonomy terms and areas, kept in the order given.
  struct Link {
    const char* table;
    const char* column;
    std::vector<std::string> ServiceRecord::*list;
  };
  static constexpr Link kLinks[] = {
      {"service_taxonomy_terms", "term_id", &ServiceRecord::taxonomy_term_ids},
      {"service_areas", "area_code", &ServiceRecord::area_codes}};

  template <typename Connection>
  static Result<void> upsert_service(Connection& conn, const ServiceRecord& s) {
    VG_CHECK(conn.run(
        "INSERT INTO services (id, organization_id, name, description, status, document, "
        "minimum_age, maximum_age, self_referral, search_text) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, "
        "name = excluded.name, description = excluded.description, status = excluded.status, "
        "document = excluded.document, minimum_age = excluded.minimum_age, "
        "maximum_age = excluded.maximum_age, self_referral = excluded.self_referral, "
        "search_text = excluded.search_text",
        {s.id, s.organization_id, s.name, s.description, s.status, s.document, s.minimum_age,
         s.maximum_age, s.self_referral, s.search_text}));
    // Replacing a service replaces its links: the batch holds its whole current state.
    for (const Link& link : kLinks) {
      VG_CHECK(
          conn.run(std::string("DELETE FROM ") + link.table + " WHERE service_id = $1", {s.id}));
      const auto values = unique_in_order(s.*link.list);
      if (values.empty()) continue;
      VG_CHECK(conn.run(std::string("INSERT INTO ") + link.table + " (service_id, " + link.column +
                            ", position) SELECT $1, value, position FROM " +
                            list_rows(Db::kDialect, "$2"),
                        {s.id, text_list(Db::kDialect, values)}));
    }
    return {};
  }

  // Fills each service's term ids and area codes, in the order they were stored. `only_these`
  // limits the lookup to these services (a page) rather than every link (export).
  template <typename Connection>
  static Result<void> attach_links(Connection& conn, std::span<ServiceRecord> services,
                                   bool only_these) {
    if (services.empty()) return {};
    std::unordered_map<std::string, ServiceRecord*> by_id;
    std::vector<std::string> ids;
    for (auto& s : services) {
      by_id[s.id] = &s;
      ids.push_back(s.id);
    }
    SqlParams params;
    std::string where;
    if (only_these) {
      where = " WHERE " +
              in_list(Db::kDialect, "service_id", add_param(params, text_list(Db::kDialect, ids)));
    }
    for (const Link& link : kLinks) {
      VG_CHECK(conn.run(std::string("SELECT service_id, ") + link.column + " FROM " + link.table +
                            where + " ORDER BY service_id, position",
                        params, [&](const SqlRow& row) -> Result<void> {
                          auto found = by_id.find(row.text(0));
                          if (found != by_id.end())
                            (found->second->*link.list).push_back(row.text(1));
                          return {};
                        }));
    }
    return {};
  }

  // The WHERE clause (over services `s`) for every filter `query` sets, ANDed. Term and area sets
  // may drive the query by id (selective).
  static std::string service_filter(const ServiceQuery& query, SqlParams& params) {
    std::string where = "TRUE";
    const auto expression = search_expression(query.text, query.synonyms.get());
    if (!expression.empty()) where += " AND " + matches_words(Db::kDialect, params, expression);
    auto carrying = [&](const char* table, const char* column,
                        const std::vector<std::string>& values) {
      return std::string(" AND s.id IN (SELECT service_id FROM ") + table + " WHERE " +
             in_list(Db::kDialect, column, add_param(params, text_list(Db::kDialect, values)));
    };
    if (const auto terms = unique_in_order(query.taxonomy_term_ids); !terms.empty()) {
      where += carrying("service_taxonomy_terms", "term_id", terms) +
               " GROUP BY service_id HAVING COUNT(*) = " +
               add_param(params, static_cast<std::int64_t>(terms.size())) + ")";
    }
    if (const auto any = unique_in_order(query.any_taxonomy_term_ids); !any.empty()) {
      where += carrying("service_taxonomy_terms", "term_id", any) + ")";
    }
    if (!query.taxonomy_id.empty()) {
      where +=
          " AND s.id IN (SELECT st.service_id FROM service_taxonomy_terms st JOIN taxonomy_terms t "
          "ON t.id = st.term_id WHERE t.taxonomy_id = " +
          add_param(params, query.taxonomy_id) + ")";
    }
    if (const auto areas = unique_in_order(query.area_codes); !areas.empty()) {
      where += carrying("service_areas", "area_code", areas) + ")";
    }
    if (!query.organization_id.empty()) {
      where += " AND s.organization_id = " + add_param(params, query.organization_id);
    }
    if (query.age) {
      const std::string age = add_param(params, *query.age);
      where += " AND (s.minimum_age IS NULL OR s.minimum_age <= " + age +
               ") AND (s.maximum_age IS NULL OR s.maximum_age >= " + age + ")";
    }
    if (query.status) where += " AND s.status = " + add_param(params, *query.status);
    return where;
  }

  // Counts and reads one page of `from_where`, ordered by `order`, turning rows with `map`.
  // With `narrow_key`, the page's keys are chosen first and only those services read whole.
  template <typename T, typename Connection, typename Map>
  static Result<PageOf<T>> read_page(Connection& conn, std::string_view columns,
                                     const std::string& from_where, std::string_view order,
                                     SqlParams params, std::int64_t offset, int per_page, Map map,
                                     std::string_view narrow_key = "") {
    PageOf<T> page;
    page.total_items =
        VG_TRY(first_of<std::int64_t>(conn, "SELECT COUNT(*) " + from_where, params, int64_of))
            .value_or(0);
    if (offset >= page.total_items) return page;
    const std::string paged = std::string(" ORDER BY ").append(order) + " LIMIT " +
                              add_param(params, per_page) + " OFFSET " + add_param(params, offset);
    std::string sql = "SELECT " + std::string(columns) + " " + from_where + paged;
    if (!narrow_key.empty()) {
      sql = "SELECT " + std::string(columns) + " FROM services s WHERE " + std::string(narrow_key) +
            " IN (SELECT " + std::string(narrow_key) + " " + from_where + paged + ") ORDER BY " +
            std::string(order);
    }
    page.items = VG_TRY(rows_of<T>(conn, sql, params, map));
    return page;
  }

  // One page of a list, in one read.
  template <typename T, typename Map>
  Result<PageOf<T>> list(const char* columns, const std::string& from_where, SqlParams params,
                         const PageRequest& req, Map map, const char* order = "name, id") {
    const auto offset = VG_TRY(check_page(req.page, req.per_page));
    PageOf<T> page;
    VG_CHECK(db_.read([&](auto& conn) -> Result<void> {
      page =
          VG_TRY(read_page<T>(conn, columns, from_where, order, params, offset, req.per_page, map));
      return {};
    }));
    return page;
  }

  Db& db_;
};

}  // namespace vg::store
