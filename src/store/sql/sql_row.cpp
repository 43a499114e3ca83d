#include "store/sql/sql_row.h"

#include "store/instant_text.h"

namespace vg::store {

Result<Instant> instant_column(const SqlRow& row, int column) {
  auto at = parse_instant(row.text(column));
  if (!at) return fail("internal", "A stored instant is not in the store's format");
  return *at;
}

}  // namespace vg::store
