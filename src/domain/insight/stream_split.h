// The demand figures of one area and one whole-month period split by funding stream: each figure
// a table of its values by the streams, with the all-streams figure as each row's total, suppressed
// as one table. The demand page's figures are these tables' all-streams totals (demand.h), so the
// split can never recover a figure the page hides, nor the page one the split hides. Pure.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "domain/insight/demand_counts.h"
#include "domain/insight/matrix_table.h"

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
};

// `hidden`: figures of this period another page had to hide (HiddenTotals' codes), hidden here
// too. Rows are the values counted in the period, in label order.
StreamSplit stream_split(const DemandCounts& counts, const FigureLabels& labels, int threshold,
                         const std::set<std::string>& hidden);

// `split.referrals` as a table of its own, one row: the referrals of each stream and of all.
MatrixTable referrals_table(const StreamSplit& split);

// The words heading a split table's rows ("Channel", "Flag").
std::string row_heading(const std::string& table_code);

// The rates' codes, words and their names among HiddenTotals, in order.
struct RateFigure {
  std::string code;    // acceptance | contact | support
  std::string label;
  std::string shared;  // accepted | contacted | supported: the "totals" value counted
};
const std::vector<RateFigure>& rate_figures();

}  // namespace vg::insight
