// PostcodeRepository over either backend's database. Store-internal: each backend defines upsert
// in <backend>_postcodes.cpp (how a whole file's rows go in best differs) and instantiates it
// there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/sql/sql_query.h"
#include "store/store.h"

namespace vg::store {

template <typename Db>
class SqlPostcodes final : public PostcodeRepository {
 public:
  explicit SqlPostcodes(Db& db) : db_(db) {}

  // The backend's own (upsert_postcodes, <backend>_postcodes.cpp): how a whole file's rows go in
  // best differs.
  Result<void> upsert(const std::vector<Row>& rows) override { return upsert_postcodes(db_, rows); }

  Result<std::optional<std::string>> find_lad(const std::string& postcode) override {
    return read_first<std::string>(db_, "SELECT lad_code FROM postcodes WHERE postcode = $1",
                                   {postcode}, text_of);
  }

  Result<std::int64_t> count() override {
    auto n = VG_TRY(read_first<std::int64_t>(db_, "SELECT COUNT(*) FROM postcodes", {}, int64_of));
    return n.value_or(0);
  }

  Result<std::int64_t> version() override {
    auto found = VG_TRY(read_first<std::int64_t>(
        db_, "SELECT version FROM postcode_version WHERE id = 1", {}, int64_of));
    if (!found) return fail("internal", "postcode_version has no row: is the schema migrated?");
    return *found;
  }

  Result<std::vector<Row>> all() override {
    return read_rows<Row>(db_, "SELECT postcode, lad_code FROM postcodes", {},
                          [](const SqlRow& row) { return Row{row.text(0), row.text(1)}; });
  }

 private:
  Db& db_;
};

}  // namespace vg::store
