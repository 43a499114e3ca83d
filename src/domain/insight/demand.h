// Demand insight for one area and a whole-month period, compared with the period before: how
// many referrals came, by channel, offence group, local authority, victim type and age band, with
// which flags, and how many were accepted, contacted and supported. Pure: built from the counts
// the store adds up, every figure suppressed (suppression.h) before anything can show it, as the
// all-streams total of its table split by funding stream (stream_split.h).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/insight/demand_counts.h"
#include "domain/insight/month_period.h"
#include "domain/insight/stream_split.h"
#include "domain/insight/suppression.h"

namespace vg::insight {

// One line of a figure's table: a count this period and the period before, and the change.
struct FigureRow {
  std::string code;   // value code ("police", "E08000012", "Sexual offences")
  std::string label;  // words for it
  Cell current;
  Cell previous;
  Cell change;  // current - previous; hidden when either is not shown
  // Local authorities only, where population figures are configured (population.h): referrals
  // per 1,000 residents over the period, set only when its count is shown.
  std::optional<double> current_per_thousand;
  std::optional<double> previous_per_thousand;
};

// A row of `current` and `previous`, with the change between them.
FigureRow figure_row(std::string code, std::string label, const Cell& current, const Cell& previous);

struct FigureTable {
  std::string code;   // "channel" | ... | "flags"
  std::string title;  // "Referrals by channel"
  std::vector<FigureRow> rows;
  std::optional<FigureRow> total;  // partitions only
};

// A share of the period's referrals: accepted, contacted, supported.
struct RateRow {
  std::string code;  // acceptance | contact | support
  std::string label;
  Cell current;   // the count
  Cell previous;
  std::optional<double> current_percent;   // unset when the count or the total is not shown
  std::optional<double> previous_percent;
};

struct DemandReport {
  std::string area;
  MonthPeriod period;
  MonthPeriod previous;
  int threshold = kDefaultSuppressionThreshold;
  FigureRow referrals;  // the period's referrals (code "referrals")
  std::vector<FigureTable> tables;  // kDimensionCodes' tables, then "flags"
  std::vector<RateRow> rates;
  // The period's figures by funding stream; the tables above show their all-streams totals.
  StreamSplit by_stream;
  // Where the population figures behind the per-1,000 rates came from; empty when none.
  std::string population_source;
};

// `labels`: a value with none is shown by its code, or by the fixed words for channels, victim
// types, age bands and flags. Rows are in label order, every value either period has; a value
// one period lacks counts 0 there.
DemandReport demand_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                           const MonthPeriod& previous_months, const DemandCounts& previous,
                           const FigureLabels& labels, int threshold = kDefaultSuppressionThreshold);
// The same from the two periods' splits (stream_split.h), each of its period's counts.
DemandReport demand_report(const std::string& area, const MonthPeriod& period, StreamSplit now,
                           const MonthPeriod& previous_months, const StreamSplit& before, const FigureLabels& labels,
                           int threshold);

// The split tables `code` of two periods (stream_split.h) as one figure's table: each value's
// all-streams figure in either period, `order` first and the rest in label order (`labels`'
// `dimension`), and their all-streams totals.
FigureTable split_figure_table(const std::string& code, const std::string& title, const StreamSplit& now,
                               const StreamSplit& before, const FigureLabels& labels, const std::string& dimension,
                               const std::vector<std::string>& order = {});

// The words for a value of a dimension: `labels`' own, or the fixed words, or the code.
std::string figure_label(const FigureLabels& labels, const std::string& dimension, const std::string& code);
// `codes` in the order of their words (figure_label), codes with the same words kept in order.
std::vector<std::string> in_label_order(std::vector<std::string> codes, const FigureLabels& labels,
                                        const std::string& dimension);

// "fewer than 5", "hidden" (kHidden: hidden so a small figure cannot be worked out) or the number.
std::string cell_text(const Cell& cell, int threshold);
// The code an export gives a cell's state: "shown" | "fewer_than_threshold" | "hidden".
std::string cell_state_code(const Cell& cell);

}  // namespace vg::insight
