#include "domain/insight/stream_split.h"

#include <algorithm>

#include "domain/insight/demand.h"
#include "domain/insight/funding_stream.h"

namespace vg::insight {
namespace {

using Grid = std::vector<std::vector<std::int64_t>>;

const std::map<std::string, std::string> kSplitTitles = {
    {"channel", "Referrals by channel and funding stream"},
    {"offence_group", "Referrals by offence group and funding stream"},
    {"local_authority", "Referrals by local authority and funding stream"},
    {"victim_type", "Referrals by victim type and funding stream"},
    {"age_band", "Referrals by age band and funding stream"},
    {"flags", "Referrals with each flag, by funding stream"},
    {"rates", "Referrals accepted, contacted and supported, by funding stream"},
};

std::int64_t figure_of(const DemandCounts& counts, const std::string& stream, const std::string& dimension,
                       const std::string& value) {
  auto s = counts.by_stream.find(stream);
  if (s == counts.by_stream.end()) return 0;
  auto d = s->second.find(dimension);
  if (d == s->second.end()) return 0;
  auto v = d->second.find(value);
  return v == d->second.end() ? 0 : v->second;
}

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

// The streams with referrals in the period: the three known ones in their order, then any other.
std::vector<std::string> streams_of(const DemandCounts& counts) {
  std::vector<std::string> out;
  auto counted = counts.by.find("funding_stream");
  if (counted == counts.by.end()) return out;
  for (auto known : {kVictimsGrant, kAsbSupport, kNoFunding}) {
    auto n = counted->second.find(std::string(known));
    if (n != counted->second.end() && n->second > 0) out.emplace_back(known);
  }
  for (const auto& [code, n] : counted->second) {
    if (n > 0 && std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

MatrixTable matrix_of(const std::string& code, const StreamSplit& split, const std::vector<std::string>& rows,
                      const std::vector<std::string>& row_labels, const SuppressedTable& s, bool columns_totalled) {
  MatrixTable table;
  table.code = code;
  table.title = kSplitTitles.at(code);
  table.column_codes = split.streams;
  table.column_labels = split.stream_labels;
  table.rows_totalled = true;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    table.rows.push_back(MatrixRow{rows[r], row_labels[r], s.cells[r], s.row_totals[r]});
  }
  if (columns_totalled) table.total = MatrixRow{"total", "Total", s.column_totals, s.grand_total};
  return table;
}

// A table of figures that are each a part of their stream's referrals (flags, rates): each row adds
// up to its all-streams figure. As beside any total (suppress_part), a cell is hidden when the rest
// of its stream is small, and a row's all-streams figure when the rest of the period's referrals
// is, or another page hid it (`shared` names it among HiddenTotals).
MatrixTable parts_table(const std::string& code, const StreamSplit& split, const DemandCounts& counts,
                        const std::string& dimension, const std::vector<std::string>& rows,
                        const std::vector<std::string>& row_labels, const std::vector<std::string>& shared,
                        int threshold, const std::set<std::string>& hidden) {
  Grid grid(rows.size(), std::vector<std::int64_t>(split.streams.size(), 0));
  KnownHidden known;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::int64_t all = 0;
    std::vector<bool> cells;
    for (std::size_t c = 0; c < split.streams.size(); ++c) {
      grid[r][c] = figure_of(counts, split.streams[c], dimension, rows[r]);
      all += grid[r][c];
      const auto& stream_total = split.referrals.cells[c];
      cells.push_back(stream_total.shown() &&
                      suppress_part(grid[r][c], stream_total.value, threshold).state == CellState::kHidden);
    }
    known.cells.push_back(std::move(cells));
    known.row_totals.push_back(part_of(all, counts.referrals, threshold, hidden.contains(shared[r])).state ==
                               CellState::kHidden);
  }
  return matrix_of(code, split, rows, row_labels, suppress(grid, true, false, threshold, known), false);
}

}  // namespace

StreamSplit stream_split(const DemandCounts& counts, const FigureLabels& labels, int threshold,
                         const std::set<std::string>& hidden) {
  StreamSplit split;
  split.streams = streams_of(counts);
  for (const auto& stream : split.streams) split.stream_labels.push_back(figure_label(labels, "funding_stream", stream));
  const auto streams = split.streams.size();
  std::vector<std::int64_t> stream_referrals;
  for (const auto& stream : split.streams) stream_referrals.push_back(counts.by.at("funding_stream").at(stream));

  // Every partition's columns add up to the same stream totals, and its rows to the same
  // referrals: a table that had to hide one of them hides it in every table (and on the page), or
  // that table's cells could be worked out from it; the tables are suppressed again until they
  // agree. Hiding only grows, over a handful of totals, so this ends.
  std::vector<bool> hidden_streams(streams, false);
  bool hidden_referrals = hidden.contains("referrals");
  for (;;) {
    split.tables.clear();
    bool grew = false;
    auto note = [&](const SuppressedTable& s) {
      for (std::size_t c = 0; c < streams; ++c) {
        if (!s.column_totals[c].shown() && !hidden_streams[c]) grew = hidden_streams[c] = true;
      }
      if (!s.grand_total.shown() && !hidden_referrals) grew = hidden_referrals = true;
    };
    // The streams' own table: one row of stream totals adding up to the referrals (each column
    // total is its one cell).
    const auto by_stream =
        suppress({stream_referrals}, true, true, threshold, KnownHidden{{}, {}, hidden_streams, hidden_referrals});
    note(by_stream);
    split.referrals = MatrixRow{"referrals", "Referrals received", by_stream.column_totals, by_stream.grand_total};
    for (const auto& dimension : kDimensionCodes) {
      if (dimension == "funding_stream") continue;
      const auto rows = values_of(counts, dimension, labels);
      if (rows.empty()) continue;
      Grid grid(rows.size(), std::vector<std::int64_t>(streams, 0));
      std::vector<std::string> row_labels;
      for (std::size_t r = 0; r < rows.size(); ++r) {
        row_labels.push_back(figure_label(labels, dimension, rows[r]));
        for (std::size_t c = 0; c < streams; ++c) grid[r][c] = figure_of(counts, split.streams[c], dimension, rows[r]);
      }
      const auto s = suppress(grid, true, true, threshold, KnownHidden{{}, {}, hidden_streams, hidden_referrals});
      note(s);
      split.tables.push_back(matrix_of(dimension, split, rows, row_labels, s, true));
    }
    if (!grew) break;
  }

  std::vector<std::string> flag_labels;
  for (const auto& flag : kFlagCodes) flag_labels.push_back(figure_label(labels, "flags", flag));
  split.tables.push_back(
      parts_table("flags", split, counts, "flags", kFlagCodes, flag_labels, kFlagCodes, threshold, hidden));
  std::vector<std::string> rate_codes, rate_labels, rate_shared;
  for (const auto& rate : rate_figures()) {
    rate_codes.push_back(rate.shared);
    rate_labels.push_back(rate.label);
    rate_shared.push_back(rate.shared);
  }
  auto rates = parts_table("rates", split, counts, "totals", rate_codes, rate_labels, rate_shared, threshold, hidden);
  for (std::size_t r = 0; r < rates.rows.size(); ++r) rates.rows[r].code = rate_figures()[r].code;
  split.tables.push_back(std::move(rates));
  return split;
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
  return it == headings.end() ? table_code : it->second;
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
