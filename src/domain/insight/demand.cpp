#include "domain/insight/demand.h"

#include <algorithm>
#include <set>

#include "domain/insight/funding_stream.h"

namespace vg::insight {
namespace {

const std::map<std::string, std::map<std::string, std::string>>& fixed_labels() {
  static const std::map<std::string, std::map<std::string, std::string>> labels = {
      {"channel",
       {{"police", "Police"}, {"self", "Self-referral"}, {"partner", "Partner agency"}, {"phone", "Phone"},
        {"chat", "Live chat"}}},
      {"victim_type", {{"person", "Person"}, {"business", "Business"}}},
      {"age_band",
       {{"under_18", "Under 18"}, {"18_to_64", "18 to 64"}, {"65_and_over", "65 and over"}, {"unknown", "Not known"}}},
      {"funding_stream",
       {{"victims_grant", funding_stream_label("victims_grant")},
        {"asb_support", funding_stream_label("asb_support")},
        {"none", funding_stream_label("none")}}},
      {"flags",
       {{"enhanced", "Enhanced rights (Victims' Code)"},
        {"vulnerable", "Vulnerable or intimidated"},
        {"repeat_victim", "Repeat victim"},
        {"dash_high", "High risk (DASH)"},
        {"domestic_abuse", "Domestic abuse"},
        {"hate_crime", "Hate crime"},
        {"sexual_offence", "Sexual offence"},
        {"non_crime_asb", "Anti-social behaviour, not a crime"}}},
  };
  return labels;
}

const std::map<std::string, std::string> kTitles = {
    {"channel", "Referrals by channel"},
    {"offence_group", "Referrals by offence group"},
    {"local_authority", "Referrals by local authority"},
    {"victim_type", "Referrals by victim type"},
    {"age_band", "Referrals by age band"},
    {"funding_stream", "Referrals by funding stream"},
    {"flags", "Referrals with each flag"},
};

Cell change_of(const Cell& current, const Cell& previous) {
  Cell c{current.value - previous.value, CellState::kShown};
  if (!current.shown() || !previous.shown()) c.state = CellState::kHidden;
  return c;
}

FigureRow figure_row(std::string code, std::string label, const Cell& current, const Cell& previous) {
  FigureRow row;
  row.code = std::move(code);
  row.label = std::move(label);
  row.current = current;
  row.previous = previous;
  row.change = change_of(current, previous);
  return row;
}

std::optional<double> percent(const Cell& part, const Cell& total) {
  if (!part.shown() || !total.shown() || total.value == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part.value) / static_cast<double>(total.value);
}

// Each value's all-streams figure in `split`'s table `code` ("funding_stream": the streams' own).
std::map<std::string, Cell> all_streams(const StreamSplit& split, const std::string& code) {
  std::map<std::string, Cell> out;
  if (code == "funding_stream") {
    for (std::size_t c = 0; c < split.streams.size(); ++c) out[split.streams[c]] = split.referrals.cells[c];
    return out;
  }
  for (const auto& table : split.tables) {
    if (table.code != code) continue;
    for (const auto& row : table.rows) out[row.code] = row.total;
  }
  return out;
}

// A value a period did not count is 0 there, shown as small.
Cell cell_in(const std::map<std::string, Cell>& cells, const std::string& code) {
  auto it = cells.find(code);
  return it == cells.end() ? Cell{0, CellState::kSmall} : it->second;
}

// Every value either period counted, in label order.
std::vector<std::string> row_order(const std::map<std::string, Cell>& current, const std::map<std::string, Cell>& previous,
                                   const FigureLabels& labels, const std::string& dimension) {
  std::set<std::string> codes;
  for (const auto* cells : {&current, &previous}) {
    for (const auto& [code, cell] : *cells) codes.insert(code);
  }
  return in_label_order(std::vector<std::string>(codes.begin(), codes.end()), labels, dimension);
}

}  // namespace

DemandReport demand_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                           const MonthPeriod& previous_months, const DemandCounts& previous,
                           const FigureLabels& labels, int threshold, const HiddenTotals& hidden) {
  DemandReport report;
  report.area = area;
  report.period = period;
  report.previous = previous_months;
  report.threshold = threshold;

  // Each period's figures are the all-streams totals of its split by funding stream, worked out
  // for that period alone: the split of either period, asked for on its own, shows the same.
  auto now = stream_split(current, labels, threshold, hidden[0]);
  const auto before = stream_split(previous, labels, threshold, hidden[1]);
  report.referrals = figure_row("referrals", "Referrals received", now.referrals.total, before.referrals.total);
  for (const auto& dimension : kDimensionCodes) {
    const auto cur = all_streams(now, dimension);
    const auto prev = all_streams(before, dimension);
    FigureTable table{dimension, kTitles.at(dimension), {}, std::nullopt};
    for (const auto& code : row_order(cur, prev, labels, dimension)) {
      table.rows.push_back(figure_row(code, figure_label(labels, dimension, code), cell_in(cur, code), cell_in(prev, code)));
    }
    table.total = figure_row("total", "Total", now.referrals.total, before.referrals.total);
    report.tables.push_back(std::move(table));
  }

  const auto flags_now = all_streams(now, "flags");
  const auto flags_before = all_streams(before, "flags");
  FigureTable flags{"flags", kTitles.at("flags"), {}, std::nullopt};
  for (const auto& code : kFlagCodes) {
    flags.rows.push_back(
        figure_row(code, figure_label(labels, "flags", code), cell_in(flags_now, code), cell_in(flags_before, code)));
  }
  report.tables.push_back(std::move(flags));

  const auto rates_now = all_streams(now, "rates");
  const auto rates_before = all_streams(before, "rates");
  for (const auto& rate : rate_figures()) {
    RateRow row{rate.code, rate.label, cell_in(rates_now, rate.code), cell_in(rates_before, rate.code), std::nullopt,
                std::nullopt};
    row.current_percent = percent(row.current, report.referrals.current);
    row.previous_percent = percent(row.previous, report.referrals.previous);
    report.rates.push_back(std::move(row));
  }
  report.by_stream = std::move(now);
  return report;
}

std::string figure_label(const FigureLabels& labels, const std::string& dimension, const std::string& code) {
  for (const auto* source : {&labels, &fixed_labels()}) {
    if (auto d = source->find(dimension); d != source->end()) {
      if (auto l = d->second.find(code); l != d->second.end()) return l->second;
    }
  }
  if (code.empty()) return "Not recorded";
  return code;
}

std::vector<std::string> in_label_order(std::vector<std::string> codes, const FigureLabels& labels,
                                        const std::string& dimension) {
  std::stable_sort(codes.begin(), codes.end(), [&](const std::string& a, const std::string& b) {
    return figure_label(labels, dimension, a) < figure_label(labels, dimension, b);
  });
  return codes;
}

Cell part_of(std::int64_t part, std::int64_t total, int threshold, bool hidden) {
  auto c = suppress_part(part, total, threshold);
  if (hidden && c.shown()) c.state = CellState::kHidden;
  return c;
}

FigureTable partition_table(const std::string& dimension, const std::string& title, const DemandCounts& current,
                            const DemandCounts& previous, const FigureLabels& labels, int threshold,
                            const std::vector<bool>& hidden_totals, const std::vector<std::string>& order) {
  std::set<std::string> codes;
  const auto cur = current.by.find(dimension);
  const auto prev = previous.by.find(dimension);
  if (cur != current.by.end()) {
    for (const auto& [code, n] : cur->second) codes.insert(code);
  }
  if (prev != previous.by.end()) {
    for (const auto& [code, n] : prev->second) codes.insert(code);
  }
  std::vector<std::string> ordered;
  for (const auto& code : order) {
    ordered.push_back(code);
    codes.erase(code);
  }
  const auto others = in_label_order(std::vector<std::string>(codes.begin(), codes.end()), labels, dimension);
  ordered.insert(ordered.end(), others.begin(), others.end());
  auto count_in = [](const DemandCounts& counts_of, const std::string& dim, const std::string& code) -> std::int64_t {
    auto it = counts_of.by.find(dim);
    if (it == counts_of.by.end()) return 0;
    auto n = it->second.find(code);
    return n == it->second.end() ? 0 : n->second;
  };
  std::vector<std::vector<std::int64_t>> counts;
  for (const auto& code : ordered) {
    counts.push_back({count_in(current, dimension, code), count_in(previous, dimension, code)});
  }
  FigureTable table{dimension, title, {}, std::nullopt};
  if (ordered.empty()) {
    const Cell zero{0, CellState::kSmall};
    table.total = figure_row("total", "Total", zero, zero);
    return table;
  }
  const auto suppressed = suppress(counts, false, true, threshold, hidden_totals);
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const auto& row = suppressed.cells[i];
    table.rows.push_back(figure_row(ordered[i], figure_label(labels, dimension, ordered[i]), row[0], row[1]));
  }
  const auto& t = suppressed.column_totals;
  table.total = figure_row("total", "Total", t[0], t[1]);
  return table;
}

std::string cell_text(const Cell& cell, int threshold) {
  switch (cell.state) {
    case CellState::kShown: return std::to_string(cell.value);
    case CellState::kSmall: return "fewer than " + std::to_string(threshold);
    case CellState::kHidden: return "hidden";
  }
  return "hidden";
}

std::string cell_state_code(const Cell& cell) {
  switch (cell.state) {
    case CellState::kShown: return "shown";
    case CellState::kSmall: return "fewer_than_threshold";
    case CellState::kHidden: return "hidden";
  }
  return "hidden";
}

}  // namespace vg::insight
