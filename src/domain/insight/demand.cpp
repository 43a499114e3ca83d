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

std::optional<double> percent(const Cell& part, const Cell& total) {
  if (!part.shown() || !total.shown() || total.value == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part.value) / static_cast<double>(total.value);
}

// The words for row `code` of the split table `code`, from whichever period counted it.
std::string row_words(const StreamSplit& now, const StreamSplit& before, const std::string& table,
                      const std::string& row, const FigureLabels& labels, const std::string& dimension) {
  for (const auto* split : {&now, &before}) {
    for (const auto* tables : {&split->tables, &split->support_tables}) {
      for (const auto& t : *tables) {
        if (t.code != table) continue;
        for (const auto& r : t.rows) {
          if (r.code == row) return r.label;
        }
      }
    }
  }
  return figure_label(labels, dimension, row);
}

}  // namespace

FigureRow figure_row(std::string code, std::string label, const Cell& current, const Cell& previous) {
  FigureRow row;
  row.code = std::move(code);
  row.label = std::move(label);
  row.current = current;
  row.previous = previous;
  row.change = change_of(current, previous);
  return row;
}

DemandReport demand_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                           const MonthPeriod& previous_months, const DemandCounts& previous,
                           const FigureLabels& labels, int threshold) {
  // Each period's figures are the all-streams totals of its split by funding stream, worked out
  // for that period alone: the split of either period, asked for on its own, shows the same.
  return demand_report(area, period, stream_split(current, labels, threshold), previous_months,
                       stream_split(previous, labels, threshold), labels, threshold);
}

DemandReport demand_report(const std::string& area, const MonthPeriod& period, StreamSplit now,
                           const MonthPeriod& previous_months, const StreamSplit& before, const FigureLabels& labels,
                           int threshold) {
  DemandReport report;
  report.area = area;
  report.period = period;
  report.previous = previous_months;
  report.threshold = threshold;
  report.referrals = figure_row("referrals", "Referrals received", now.referrals.total, before.referrals.total);
  for (const auto& dimension : kDimensionCodes) {
    auto table = split_figure_table(dimension, kTitles.at(dimension), now, before, labels, dimension);
    table.total = figure_row("total", "Total", now.referrals.total, before.referrals.total);
    report.tables.push_back(std::move(table));
  }

  const auto flags_now = all_streams(now, "flags");
  const auto flags_before = all_streams(before, "flags");
  FigureTable flags{"flags", kTitles.at("flags"), {}, std::nullopt};
  for (const auto& code : kFlagCodes) {
    flags.rows.push_back(
        figure_row(code, figure_label(labels, "flags", code), figure_in(flags_now, code), figure_in(flags_before, code)));
  }
  report.tables.push_back(std::move(flags));

  const auto rates_now = all_streams(now, "rates");
  const auto rates_before = all_streams(before, "rates");
  for (const auto& rate : rate_figures()) {
    RateRow row{rate.code, rate.label, figure_in(rates_now, rate.code), figure_in(rates_before, rate.code), std::nullopt,
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

FigureTable split_figure_table(const std::string& code, const std::string& title, const StreamSplit& now,
                               const StreamSplit& before, const FigureLabels& labels, const std::string& dimension,
                               const std::vector<std::string>& order) {
  const auto cur = all_streams(now, code);
  const auto prev = all_streams(before, code);
  std::set<std::string> others;
  for (const auto* cells : {&cur, &prev}) {
    for (const auto& [value, cell] : *cells) others.insert(value);
  }
  std::vector<std::string> rows;
  for (const auto& value : order) {
    rows.push_back(value);
    others.erase(value);
  }
  const auto rest = in_label_order(std::vector<std::string>(others.begin(), others.end()), labels, dimension);
  rows.insert(rows.end(), rest.begin(), rest.end());
  FigureTable table{code, title, {}, std::nullopt};
  for (const auto& value : rows) {
    table.rows.push_back(figure_row(value, row_words(now, before, code, value, labels, dimension), figure_in(cur, value),
                                    figure_in(prev, value)));
  }
  table.total = figure_row("total", "Total", all_streams_total(now, code), all_streams_total(before, code));
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
