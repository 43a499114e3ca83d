#include "domain/insight/support.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "domain/casework/needs.h"
#include "domain/casework/onward_referral.h"

namespace vg::insight {
namespace {

using Counts = std::map<std::string, std::map<std::string, std::int64_t>>;  // row -> column -> n

const std::map<std::string, std::string> kDaysTitles = {
    {"days_to_contact", "Days from referral to first contact"},
    {"days_to_assessment", "Days from referral to needs assessment"},
    {"days_to_support", "Days from referral to support"},
};

// Which HiddenTotals figure each days table adds up to.
const std::map<std::string, std::string> kDaysTotals = {
    {"days_to_contact", "contacted"},
    {"days_to_assessment", "assessed"},
    {"days_to_support", "supported"},
};

const std::map<std::string, std::string> kBandLabels = {
    {"0", "Same day"},         {"1", "1 day"},           {"2", "2 days"},
    {"3_to_5", "3 to 5 days"}, {"6_to_10", "6 to 10 days"}, {"11_to_20", "11 to 20 days"},
    {"over_20", "More than 20 days"},
};

const std::vector<casework::NeedRating> kRatings = {casework::NeedRating::kNone, casework::NeedRating::kLow,
                                                    casework::NeedRating::kMedium, casework::NeedRating::kHigh};
// "Not a need" is counted either way by no one, so it is not shown.
const std::vector<casework::NeedOutcome> kOutcomes = {casework::NeedOutcome::kYes, casework::NeedOutcome::kPartly,
                                                      casework::NeedOutcome::kNo};
const std::vector<std::pair<casework::OnwardState, std::string>> kOnwardColumns = {
    {casework::OnwardState::kSent, "Awaiting a reply"},
    {casework::OnwardState::kAccepted, "Accepted, in progress"},
    {casework::OnwardState::kDeclined, "Declined"},
    {casework::OnwardState::kCompleted, "Completed"},
    {casework::OnwardState::kWithdrawn, "Withdrawn"},
};

// `dimension`'s pair-coded counts as row -> column -> n.
Counts pairs_of(const DemandCounts& counts, const std::string& dimension) {
  Counts out;
  auto it = counts.by.find(dimension);
  if (it == counts.by.end()) return out;
  for (const auto& [code, n] : it->second) {
    auto [row, column] = split_pair_code(code);
    out[row][column] += n;
  }
  return out;
}

std::int64_t sum_of(const DemandCounts& counts, const std::string& dimension) {
  auto it = counts.by.find(dimension);
  if (it == counts.by.end()) return 0;
  return std::accumulate(it->second.begin(), it->second.end(), std::int64_t{0},
                         [](std::int64_t sum, const auto& value) { return sum + value.second; });
}

// Rows: every row counted and every one `labels` names under `dimension`, in label order.
std::vector<std::string> row_codes(const Counts& counts, const FigureLabels& labels, const std::string& dimension) {
  std::set<std::string> codes;
  for (const auto& [code, columns] : counts) codes.insert(code);
  if (auto named = labels.find(dimension); named != labels.end()) {
    for (const auto& [code, label] : named->second) codes.insert(code);
  }
  return in_label_order(std::vector<std::string>(codes.begin(), codes.end()), labels, dimension);
}

struct MatrixShape {
  std::string code;
  std::string title;
  std::string row_dimension;  // labels' dimension for the rows' words
  std::vector<std::string> column_codes;
  std::vector<std::string> column_labels;
  bool rows_totalled = false;
  bool columns_totalled = false;
};

// `counts` laid out as `shape` says and suppressed; `hidden_row_totals[r]`: row r's total is
// hidden elsewhere.
MatrixTable matrix_table(const MatrixShape& shape, const Counts& counts, const FigureLabels& labels, int threshold,
                         const std::vector<bool>& hidden_row_totals = {}) {
  MatrixTable table;
  table.code = shape.code;
  table.title = shape.title;
  table.column_codes = shape.column_codes;
  table.column_labels = shape.column_labels;
  table.rows_totalled = shape.rows_totalled;
  const auto rows = row_codes(counts, labels, shape.row_dimension);
  if (rows.empty()) return table;
  std::vector<std::vector<std::int64_t>> grid(rows.size(), std::vector<std::int64_t>(shape.column_codes.size(), 0));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto row = counts.find(rows[r]);
    if (row == counts.end()) continue;
    for (std::size_t c = 0; c < shape.column_codes.size(); ++c) {
      if (auto n = row->second.find(shape.column_codes[c]); n != row->second.end()) grid[r][c] = n->second;
    }
  }
  const auto s = suppress(grid, shape.rows_totalled, shape.columns_totalled, threshold,
                          KnownHidden{{}, hidden_row_totals, {}, false});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    MatrixRow row{rows[r], figure_label(labels, shape.row_dimension, rows[r]), s.cells[r], {}};
    if (shape.rows_totalled) row.total = s.row_totals[r];
    table.rows.push_back(std::move(row));
  }
  if (shape.columns_totalled) {
    MatrixRow total{"total", "Total", s.column_totals, {}};
    if (shape.rows_totalled) total.total = s.grand_total;
    table.total = std::move(total);
  }
  return table;
}

// A need's row adds up to the referrals assessed (every need is rated at every assessment), a
// figure the timeliness table publishes: hidden there (`assessed_hidden`), it is hidden here.
MatrixTable needs_matrix(const DemandCounts& counts, const FigureLabels& words, int threshold, bool assessed_hidden) {
  const auto needs = pairs_of(counts, kNeedsAtAssessment);
  const auto assessed = sum_of(counts, "days_to_assessment");
  MatrixShape shape{"needs", "Needs at assessment", "need", {}, {}, true, false};
  for (auto rating : kRatings) {
    shape.column_codes.emplace_back(casework::to_code(rating));
    shape.column_labels.emplace_back(casework::to_label(rating));
  }
  std::vector<bool> hidden_rows;
  for (const auto& code : row_codes(needs, words, "need")) {
    std::int64_t total = 0;
    if (auto row = needs.find(code); row != needs.end()) {
      for (const auto& [rating, n] : row->second) total += n;
    }
    hidden_rows.push_back(assessed_hidden && total == assessed);
  }
  return matrix_table(shape, needs, words, threshold, hidden_rows);
}

MatrixTable outcomes_matrix(const DemandCounts& counts, const FigureLabels& words, int threshold) {
  MatrixShape shape{"outcomes", "Better able to cope and recover at close, by need", "need", {}, {}, true, false};
  for (auto outcome : kOutcomes) {
    shape.column_codes.emplace_back(casework::to_code(outcome));
    shape.column_labels.emplace_back(casework::to_label(outcome));
  }
  return matrix_table(shape, pairs_of(counts, kOutcomesAtClose), words, threshold);
}

MatrixTable onward_matrix(const DemandCounts& counts, const FigureLabels& words, int threshold) {
  MatrixShape shape{"onward", "Onward referrals by service and how they ended", "service", {}, {}, true, true};
  for (const auto& [state, label] : kOnwardColumns) {
    shape.column_codes.emplace_back(casework::to_code(state));
    shape.column_labels.push_back(label);
  }
  // Only the services referred on in the period: the directory's other services are not rows.
  auto onward_words = words;
  onward_words.erase("service");
  const auto onward = pairs_of(counts, kOnwardReferrals);
  for (const auto& [service, states] : onward) {
    if (auto named = words.find("service"); named != words.end() && named->second.contains(service)) {
      onward_words["service"][service] = named->second.at(service);
    }
  }
  return matrix_table(shape, onward, onward_words, threshold);
}

std::vector<bool> hidden_pair(const HiddenTotals& hidden, const std::string& code) {
  return {hidden[0].contains(code), hidden[1].contains(code)};
}

}  // namespace

std::string days_band(std::int64_t days) {
  if (days <= 0) return "0";
  if (days == 1) return "1";
  if (days == 2) return "2";
  if (days <= 5) return "3_to_5";
  if (days <= 10) return "6_to_10";
  if (days <= 20) return "11_to_20";
  return "over_20";
}

std::string pair_code(const std::string& first, const std::string& second) { return first + ":" + second; }

std::pair<std::string, std::string> split_pair_code(const std::string& code) {
  const auto at = code.rfind(':');
  if (at == std::string::npos) return {code, ""};
  return {code.substr(0, at), code.substr(at + 1)};
}

SupportReport support_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                             const MonthPeriod& previous_months, const DemandCounts& previous,
                             const FigureLabels& labels, int threshold, const HiddenTotals& hidden) {
  SupportReport report;
  report.area = area;
  report.period = period;
  report.previous = previous_months;
  report.threshold = threshold;

  auto words = labels;
  for (const auto& code : kDaysTakenCodes) words[code] = kBandLabels;
  if (auto groups = labels.find("offence_group"); groups != labels.end()) words[kRepeatByOffenceGroup] = groups->second;
  for (const auto& code : kDaysTakenCodes) {
    report.days.push_back(partition_table(code, kDaysTitles.at(code), current, previous, words, threshold,
                                          hidden_pair(hidden, kDaysTotals.at(code)), kDaysBands));
  }
  report.repeat_victims = partition_table(kRepeatByOffenceGroup, "Repeat victims by offence group", current, previous,
                                          words, threshold, hidden_pair(hidden, "repeat_victim"));

  report.needs = needs_matrix(current, words, threshold, hidden[0].contains("assessed"));
  report.outcomes = outcomes_matrix(current, words, threshold);
  report.onward = onward_matrix(current, words, threshold);
  report.needs_before = needs_matrix(previous, words, threshold, hidden[1].contains("assessed"));
  report.outcomes_before = outcomes_matrix(previous, words, threshold);
  report.onward_before = onward_matrix(previous, words, threshold);
  return report;
}

HiddenTotals hidden_totals_of(const SupportReport& report) {
  HiddenTotals out;
  auto note = [&](const FigureTable& table, const std::string& code) {
    if (!table.total) return;
    if (!table.total->current.shown()) out[0].insert(code);
    if (!table.total->previous.shown()) out[1].insert(code);
  };
  for (std::size_t i = 0; i < report.days.size() && i < kDaysTakenCodes.size(); ++i) {
    note(report.days[i], kDaysTotals.at(kDaysTakenCodes[i]));
  }
  note(report.repeat_victims, "repeat_victim");
  if (report.days.size() > 1 && report.days[1].total) {
    // days_to_assessment's total, each period's
    const auto& assessed = *report.days[1].total;
    for (const auto& row : report.needs.rows) {
      if (!row.total.shown() && row.total.value == assessed.current.value) out[0].insert("assessed");
    }
    for (const auto& row : report.needs_before.rows) {
      if (!row.total.shown() && row.total.value == assessed.previous.value) out[1].insert("assessed");
    }
  }
  return out;
}

}  // namespace vg::insight
