// SqlRow: one row of a query's answer, read by column number, whatever the backend answered it.
// The row mappers read through it so that SQLite and PostgreSQL share them; it never runs SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace vg::store {

class SqlRow {
 public:
  virtual ~SqlRow() = default;

  // NULL reads as the empty string.
  virtual std::string text(int column) const = 0;
  virtual std::int64_t int64(int column) const = 0;
  virtual std::optional<int> optional_int(int column) const = 0;
  // The backend's own truth value (SQLite: a non-zero integer; PostgreSQL: boolean 't').
  virtual bool boolean(int column) const = 0;
  virtual bool is_null(int column) const = 0;

 protected:
  SqlRow() = default;
  SqlRow(const SqlRow&) = default;
  SqlRow& operator=(const SqlRow&) = default;
};

// A stored instant (the store's RFC 3339 text); an internal error when it is not in that format.
Result<Instant> instant_column(const SqlRow& row, int column);

}  // namespace vg::store
