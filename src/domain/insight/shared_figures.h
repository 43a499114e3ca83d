// One figure, many tables: a count published in more than one table (a stream's referrals
// contacted is a cell of the rates split and the total of the days-to-contact split; a need's
// rating for all streams is a cell of the needs matrix and a row total of that need's split) has
// to be hidden in every one of them or in none, or the table that shows it recovers what another
// hid. Each figure goes by names; a table suppressed here hides every figure whose name any table
// hid before with the same count, and records the names of the figures it hid. Two figures under
// one name with different counts (a days table that does not add up to the rates' figure) are
// not the same figure, and tie nothing. Pure.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/insight/suppression.h"

namespace vg::insight {

// The names one figure goes by; empty when no other table publishes it. A name is a figure code
// for all streams ("contacted", "need_at_assessment/safety:high") and `in_stream` of it for one.
using FigureNames = std::vector<std::string>;

std::string in_stream(const std::string& name, const std::string& stream);

// The figures hidden so far, by name and count. Hiding only ever grows, so a set of tables
// suppressed again and again until `grew` stays false ends, with every shared figure hidden
// everywhere or nowhere.
struct HiddenFigures {
  std::set<std::pair<std::string, std::int64_t>> names;
  bool grew = false;
  bool any(const FigureNames& figure, std::int64_t count) const;
  void add(const FigureNames& figure, std::int64_t count);
};

// A table of counts to suppress, with the names of its figures. Name vectors may be shorter than
// the table; what they leave out is published nowhere else.
struct SharedTable {
  std::vector<std::vector<std::int64_t>> counts;  // [row][column]
  bool rows_totalled = true;
  bool columns_totalled = true;
  std::vector<std::vector<FigureNames>> cells;  // [row][column]
  std::vector<FigureNames> row_totals;
  std::vector<FigureNames> column_totals;
  FigureNames grand_total;
  KnownHidden rules;  // hidden by a rule beside the table (a part whose rest is small)
};

// `table` suppressed with every figure `hidden` names hidden from the start; the names of every
// figure it does not show are added to `hidden`.
SuppressedTable suppress_shared(const SharedTable& table, int threshold, HiddenFigures& hidden);

}  // namespace vg::insight
