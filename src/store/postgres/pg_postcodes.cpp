#include <algorithm>

#include "store/postgres/pg_database.h"

namespace vg::store::postgres {

// Chunks of arrays: a few round trips for a whole ONS file's worth of rows, not one a row. The
// last row given for a postcode wins, as it would row by row.
Result<void> upsert_postcodes(Pool& pool, const std::vector<PostcodeRepository::Row>& rows) {
  constexpr std::size_t kChunk = 5000;
  return pool.write([&](Connection& conn) -> Result<void> {
    for (std::size_t start = 0; start < rows.size(); start += kChunk) {
      std::vector<std::string> postcodes, lads;
      for (std::size_t i = start; i < std::min(rows.size(), start + kChunk); ++i) {
        postcodes.push_back(rows[i].postcode);
        lads.push_back(rows[i].lad_code);
      }
      VG_CHECK(
          conn.query("INSERT INTO postcodes (postcode, lad_code) "
                     "SELECT DISTINCT ON (p.postcode) p.postcode, p.lad_code FROM "
                     "unnest($1::text[], $2::text[]) WITH ORDINALITY AS p (postcode, lad_code, n) "
                     "ORDER BY p.postcode, p.n DESC "
                     "ON CONFLICT (postcode) DO UPDATE SET lad_code = EXCLUDED.lad_code",
                     {text_array(postcodes), text_array(lads)}));
    }
    return {};
  });
}

}  // namespace vg::store::postgres
