#include "domain/insight/stream_split.h"

#include <algorithm>

#include "domain/insight/demand.h"
#include "domain/insight/funding_stream.h"
#include "domain/insight/shared_figures.h"

namespace vg::insight {
namespace {

const std::map<std::string, std::string> kSplitTitles = {
    {"channel", "Referrals by channel and funding stream"},
    {"offence_group", "Referrals by offence group and funding stream"},
    {"local_authority", "Referrals by local authority and funding stream"},
    {"victim_type", "Referrals by victim type and funding stream"},
    {"age_band", "Referrals by age band and funding stream"},
    {"flags", "Referrals with each flag, by funding stream"},
    {"rates", "Referrals accepted, contacted and supported, by funding stream"},
};

// The values of `dimension` counted in the period, in label order.
std::vector<std::string> values_of(const DemandCounts& counts, const std::string& dimension,
                                   const FigureLabels& labels) {
  std::vector<std::string> out;
  if (auto d = counts.by.find(dimension); d != counts.by.end()) {
    for (const auto& [code, n] : d->second) {
      if (n > 0) out.push_back(code);
    }
  }
  return in_label_order(std::move(out), labels, dimension);
}

// The streams with referrals in the period, in funding order.
std::vector<std::string> streams_of(const DemandCounts& counts) {
  std::set<std::string> codes;
  if (auto counted = counts.by.find("funding_stream"); counted != counts.by.end()) {
    for (const auto& [code, n] : counted->second) {
      if (n > 0) codes.insert(code);
    }
  }
  return in_funding_order(codes);
}

MatrixShape shape_of(const std::string& code, const StreamSplit& split, bool columns_totalled) {
  return MatrixShape{code, kSplitTitles.at(code), split.streams, split.stream_labels, true, columns_totalled};
}

// A table of figures that are each a part of their stream's referrals (flags, rates): each row adds
// up to its all-streams figure. As beside any total (suppress_part), a cell is hidden when the rest
// of its stream is small, and a row's all-streams figure when the rest of the period's referrals
// is. Row r's figures go by `names[r]` (in_stream of it for a stream's).
MatrixTable parts_table(const std::string& code, const StreamSplit& split, const DemandCounts& counts,
                        const std::string& dimension, const std::vector<std::string>& rows,
                        const std::vector<std::string>& row_labels, const std::vector<std::string>& names,
                        int threshold, HiddenFigures& hidden) {
  SharedTable t;
  t.columns_totalled = false;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::int64_t all = 0;
    std::vector<std::int64_t> line;
    std::vector<bool> rest_small;
    std::vector<FigureNames> cell_names;
    for (std::size_t c = 0; c < split.streams.size(); ++c) {
      line.push_back(figure_of(counts, split.streams[c], dimension, rows[r]));
      all += line.back();
      const auto& stream_total = split.referrals.cells[c];
      rest_small.push_back(stream_total.shown() &&
                           suppress_part(line.back(), stream_total.value, threshold).state == CellState::kHidden);
      cell_names.push_back({in_stream(names[r], split.streams[c])});
    }
    t.counts.push_back(std::move(line));
    t.rules.cells.push_back(std::move(rest_small));
    t.cells.push_back(std::move(cell_names));
    t.rules.row_totals.push_back(suppress_part(all, counts.referrals, threshold).state == CellState::kHidden);
    t.row_totals.push_back({names[r]});
  }
  return matrix_table(shape_of(code, split, false), rows, row_labels, suppress_shared(t, threshold, hidden));
}

// One round: every table suppressed with what `hidden` names so far.
void suppress_round(StreamSplit& split, const DemandCounts& counts, const FigureLabels& labels, int threshold,
                    HiddenFigures& hidden) {
  // Every partition's columns add up to the same stream totals, and its rows to the same
  // referrals: the streams' own table is one row of stream totals adding up to the referrals.
  SharedTable by_stream;
  by_stream.counts.emplace_back();
  by_stream.cells.emplace_back();
  by_stream.row_totals = {{"referrals"}};
  by_stream.grand_total = {"referrals"};
  for (const auto& stream : split.streams) {
    by_stream.counts[0].push_back(counts.by.at("funding_stream").at(stream));
    by_stream.cells[0].push_back({in_stream("referrals", stream)});
    by_stream.column_totals.push_back({in_stream("referrals", stream)});
  }
  const auto referrals = suppress_shared(by_stream, threshold, hidden);
  split.referrals = MatrixRow{"referrals", "Referrals received", referrals.column_totals, referrals.grand_total};

  split.tables.clear();
  for (const auto& dimension : kDimensionCodes) {
    if (dimension == "funding_stream") continue;
    const auto rows = values_of(counts, dimension, labels);
    if (rows.empty()) continue;
    SharedTable t;
    std::vector<std::string> row_labels;
    for (const auto& row : rows) {
      row_labels.push_back(figure_label(labels, dimension, row));
      std::vector<std::int64_t> line;
      for (const auto& stream : split.streams) line.push_back(figure_of(counts, stream, dimension, row));
      t.counts.push_back(std::move(line));
    }
    t.column_totals = by_stream.column_totals;
    t.grand_total = {"referrals"};
    split.tables.push_back(matrix_table(shape_of(dimension, split, true), rows, row_labels,
                                        suppress_shared(t, threshold, hidden)));
  }

  std::vector<std::string> flag_labels;
  for (const auto& flag : kFlagCodes) flag_labels.push_back(figure_label(labels, "flags", flag));
  split.tables.push_back(
      parts_table("flags", split, counts, "flags", kFlagCodes, flag_labels, kFlagCodes, threshold, hidden));
  std::vector<std::string> rate_codes, rate_labels;
  for (const auto& rate : rate_figures()) {
    rate_codes.push_back(rate.shared);
    rate_labels.push_back(rate.label);
  }
  auto rates = parts_table("rates", split, counts, "totals", rate_codes, rate_labels, rate_codes, threshold, hidden);
  for (std::size_t r = 0; r < rates.rows.size(); ++r) rates.rows[r].code = rate_figures()[r].code;
  split.tables.push_back(std::move(rates));

  auto support = support_split(counts, split.streams, split.stream_labels, labels, threshold, hidden);
  split.support_tables = std::move(support.tables);
  split.needs = std::move(support.needs);
  split.outcomes = std::move(support.outcomes);
  split.onward = std::move(support.onward);
  split.cost = cost_split(counts, threshold, hidden);
}

}  // namespace

StreamSplit stream_split(const DemandCounts& counts, const FigureLabels& labels, int threshold) {
  StreamSplit split;
  split.streams = streams_of(counts);
  for (const auto& stream : split.streams) split.stream_labels.push_back(figure_label(labels, "funding_stream", stream));
  // A table that had to hide a figure another table shares hides it there too, and the tables are
  // suppressed again until they agree. Hiding only grows, over a finite set of figures, so this
  // ends.
  HiddenFigures figures;
  do {
    figures.grew = false;
    suppress_round(split, counts, labels, threshold, figures);
  } while (figures.grew);
  return split;
}

namespace {

const MatrixTable* table_of(const StreamSplit& split, const std::string& code) {
  for (const auto* tables : {&split.tables, &split.support_tables}) {
    for (const auto& table : *tables) {
      if (table.code == code) return &table;
    }
  }
  return nullptr;
}

}  // namespace

std::map<std::string, Cell> all_streams(const StreamSplit& split, const std::string& code) {
  std::map<std::string, Cell> out;
  if (code == "funding_stream") {
    for (std::size_t c = 0; c < split.streams.size(); ++c) out[split.streams[c]] = split.referrals.cells[c];
  } else if (const auto* table = table_of(split, code)) {
    for (const auto& row : table->rows) out[row.code] = row.total;
  }
  return out;
}

Cell all_streams_total(const StreamSplit& split, const std::string& code) {
  const auto* table = table_of(split, code);
  return table && table->total ? table->total->total : Cell{0, CellState::kSmall};
}

Cell figure_in(const std::map<std::string, Cell>& cells, const std::string& code) {
  auto it = cells.find(code);
  return it == cells.end() ? Cell{0, CellState::kSmall} : it->second;
}

MatrixTable referrals_table(const StreamSplit& split) {
  MatrixTable table;
  table.code = "referrals";
  table.title = "Referrals received, by funding stream";
  table.column_codes = split.streams;
  table.column_labels = split.stream_labels;
  table.rows_totalled = true;
  table.rows.push_back(split.referrals);
  return table;
}

std::string row_heading(const std::string& table_code) {
  static const std::map<std::string, std::string> headings = {
      {"referrals", "Referrals"},         {"channel", "Channel"},   {"offence_group", "Offence group"},
      {"local_authority", "Local authority"}, {"victim_type", "Victim type"}, {"age_band", "Age band"},
      {"flags", "Flag"},                  {"rates", "Referrals"},
  };
  auto it = headings.find(table_code);
  return it == headings.end() ? support_row_heading(table_code) : it->second;
}

const std::vector<RateFigure>& rate_figures() {
  static const std::vector<RateFigure> rates = {
      {"acceptance", "Accepted the referral", "accepted"},
      {"contact", "Contacted", "contacted"},
      {"support", "Supported", "supported"},
  };
  return rates;
}

}  // namespace vg::insight
