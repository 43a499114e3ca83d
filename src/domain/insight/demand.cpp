#include "domain/insight/demand.h"

#include <algorithm>
#include <set>
#include <tuple>

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

}  // namespace

DemandReport demand_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                           const MonthPeriod& previous_months, const DemandCounts& previous,
                           const FigureLabels& labels, int threshold, const HiddenTotals& hidden) {
  DemandReport report;
  report.area = area;
  report.period = period;
  report.previous = previous_months;
  report.threshold = threshold;

  // Every partition's column adds up to the same referrals: a table that had to hide a period's
  // total hides it in every table (and in the headline figure), or that table's cells could be
  // worked out from the total shown elsewhere; the tables are suppressed again until they agree.
  std::vector<bool> hidden_totals{hidden[0].contains("referrals"), hidden[1].contains("referrals")};
  for (int round = 0; round < 4; ++round) {
    report.tables.clear();
    for (const auto& dimension : kDimensionCodes) {
      report.tables.push_back(
          partition_table(dimension, kTitles.at(dimension), current, previous, labels, threshold, hidden_totals));
    }
    bool more = false;
    for (const auto& table : report.tables) {
      if (table.rows.empty()) continue;  // nothing counted by it: its empty total protects nothing
      for (int column = 0; column < 2; ++column) {
        const auto& total = column == 0 ? table.total->current : table.total->previous;
        if (!total.shown() && !hidden_totals[column]) {
          hidden_totals[column] = true;
          more = true;
        }
      }
    }
    if (!more) break;
  }
  auto headline = [&](std::int64_t referrals, bool hide) {
    Cell c{referrals, referrals < threshold ? CellState::kSmall : CellState::kShown};
    if (hide && c.shown()) c.state = CellState::kHidden;
    return c;
  };
  const auto referrals_now = headline(current.referrals, hidden_totals[0]);
  const auto referrals_before = headline(previous.referrals, hidden_totals[1]);
  report.referrals = figure_row("referrals", "Referrals received", referrals_now, referrals_before);

  FigureTable flags{"flags", kTitles.at("flags"), {}, std::nullopt};
  for (const auto& code : kFlagCodes) {
    auto count_in = [&](const DemandCounts& c) -> std::int64_t {
      auto it = c.flags.find(code);
      return it == c.flags.end() ? 0 : it->second;
    };
    const auto now = part_of(count_in(current), current.referrals, threshold, hidden[0].contains(code));
    const auto before = part_of(count_in(previous), previous.referrals, threshold, hidden[1].contains(code));
    flags.rows.push_back(figure_row(code, figure_label(labels, "flags", code), now, before));
  }
  report.tables.push_back(std::move(flags));

  // code, words, count, and its name among HiddenTotals
  const std::vector<std::tuple<std::string, std::string, std::int64_t DemandCounts::*, std::string>> rates = {
      {"acceptance", "Accepted the referral", &DemandCounts::accepted, "accepted"},
      {"contact", "Contacted", &DemandCounts::contacted, "contacted"},
      {"support", "Supported", &DemandCounts::supported, "supported"},
  };
  for (const auto& [code, label, member, shared] : rates) {
    RateRow row{code, label, part_of(current.*member, current.referrals, threshold, hidden[0].contains(shared)),
                part_of(previous.*member, previous.referrals, threshold, hidden[1].contains(shared)), std::nullopt,
                std::nullopt};
    row.current_percent = percent(row.current, report.referrals.current);
    row.previous_percent = percent(row.previous, report.referrals.previous);
    report.rates.push_back(std::move(row));
  }
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
  std::vector<std::string> others(codes.begin(), codes.end());
  std::stable_sort(others.begin(), others.end(), [&](const std::string& a, const std::string& b) {
    return figure_label(labels, dimension, a) < figure_label(labels, dimension, b);
  });
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
