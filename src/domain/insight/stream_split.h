// The figures of one area and one whole-month period split by funding stream: each figure a table
// of its values by the streams, with the all-streams figure as each row's total, suppressed as one
// table. The demand and support pages' figures are these tables' all-streams totals (demand.h,
// support.h), so the split can never recover a figure a page hides, nor a page one the split
// hides; a figure two tables share (a stream's referrals contacted is a cell of the rates and the
// total of the days to contact) is hidden in both or neither (shared_figures.h). Pure.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/insight/demand_counts.h"
#include "domain/insight/cost_split.h"
#include "domain/insight/matrix_table.h"
#include "domain/insight/support_split.h"

namespace vg::insight {

struct StreamSplit {
  std::vector<std::string> streams;  // the streams counted in the period, in funding_stream's order
  std::vector<std::string> stream_labels;
  // The period's referrals by stream (the demand page's funding-stream table), each row of
  // `tables` that is a partition adds up to them; the grand total is the period's referrals.
  MatrixRow referrals;
  // kDimensionCodes' partitions but funding_stream, each with its columns totalled (the total row
  // is `referrals`); then "flags" and "rates" (accepted, contacted, supported), whose rows are
  // parts of each stream's referrals and are not added up.
  std::vector<MatrixTable> tables;
  // The support figures split the same way (support_split.h): the days tables, repeat victims by
  // offence group, and each need's and each onward service's row by stream.
  std::vector<MatrixTable> support_tables;
  // The support page's all-streams matrices, each cell a row total of one of `support_tables`.
  MatrixTable needs;
  MatrixTable outcomes;
  MatrixTable onward;
  // The cost page's counts (cost_split.h), when the counts carry them (add_cost_counts).
  CostSplit cost;
};

// Rows are the values counted in the period, in label order; the days tables' are every band.
StreamSplit stream_split(const DemandCounts& counts, const FigureLabels& labels, int threshold);

// Each row's all-streams figure in the split's table `code` (of `tables` or `support_tables`;
// "funding_stream": the streams' own), and the table's all-streams total (a value or a table the
// period did not count: 0, shown as small).
std::map<std::string, Cell> all_streams(const StreamSplit& split, const std::string& code);
Cell all_streams_total(const StreamSplit& split, const std::string& code);
// The figure `code` of `cells`, or 0 shown as small when the period did not count it.
Cell figure_in(const std::map<std::string, Cell>& cells, const std::string& code);

// `split.referrals` as a table of its own, one row: the referrals of each stream and of all.
MatrixTable referrals_table(const StreamSplit& split);

// The words heading a split table's rows ("Channel", "Flag", "Days taken").
std::string row_heading(const std::string& table_code);

// The rates' codes, words and their figures' names (shared_figures.h), in order.
struct RateFigure {
  std::string code;    // acceptance | contact | support
  std::string label;
  std::string shared;  // accepted | contacted | supported: the "totals" value counted
};
const std::vector<RateFigure>& rate_figures();

}  // namespace vg::insight
