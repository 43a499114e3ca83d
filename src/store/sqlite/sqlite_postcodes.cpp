#include "store/sqlite/sqlite_database.h"

namespace vg::store::sqlite {

// In process, a statement a row costs no round trip.
Result<void> upsert_postcodes(Database& db, const std::vector<PostcodeRepository::Row>& rows) {
  return db.write([&](Connection& conn) -> Result<void> {
    for (const auto& row : rows) {
      VG_CHECK(
          conn.run("INSERT INTO postcodes (postcode, lad_code) VALUES ($1, $2) "
                   "ON CONFLICT (postcode) DO UPDATE SET lad_code = excluded.lad_code",
                   {row.postcode, row.lad_code}));
    }
    return {};
  });
}

}  // namespace vg::store::sqlite
