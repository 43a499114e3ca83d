#include "domain/insight/support_split.h"

#include <map>
#include <set>

#include "domain/casework/needs.h"
#include "domain/casework/onward_referral.h"
#include "domain/insight/support.h"

namespace vg::insight {
namespace {

using Grid = std::vector<std::vector<std::int64_t>>;
using Pairs = std::map<std::string, std::map<std::string, std::int64_t>>;  // row -> column -> n

const std::string kBy = ", by funding stream";

const std::map<std::string, std::string> kTitles = {
    {"days_to_contact", "Days from referral to first contact"},
    {"days_to_assessment", "Days from referral to needs assessment"},
    {"days_to_support", "Days from referral to support"},
    {kRepeatByOffenceGroup, "Repeat victims by offence group"},
};

// The figure each days table adds up to, as the rates and the needs tables name it.
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

// The all-streams matrices and the tables that split each of their rows by stream.
struct MatrixFigure {
  std::string dimension;      // the counts' pair-coded dimension (need_at_assessment)
  std::string row_dimension;  // labels' dimension for the rows' words
  MatrixShape shape;          // the all-streams matrix
  std::string row_title;      // each row's split: "<row_title><row words>, by funding stream"
  std::string row_heading;    // ... whose rows are the matrix's columns
};

MatrixFigure needs_figure() {
  MatrixFigure f{kNeedsAtAssessment, "need", {"needs", "Needs at assessment", {}, {}, true, false},
                 "Needs at assessment: ", "Rating"};
  for (auto rating : {casework::NeedRating::kNone, casework::NeedRating::kLow, casework::NeedRating::kMedium,
                      casework::NeedRating::kHigh}) {
    f.shape.column_codes.emplace_back(casework::to_code(rating));
    f.shape.column_labels.emplace_back(casework::to_label(rating));
  }
  return f;
}

MatrixFigure outcomes_figure() {
  MatrixFigure f{kOutcomesAtClose, "need",
                 {"outcomes", "Better able to cope and recover at close, by need", {}, {}, true, false},
                 "Better able to cope and recover at close: ", "Better able to cope and recover"};
  // "Not a need" is counted either way by no one, so it is not shown.
  for (auto outcome : {casework::NeedOutcome::kYes, casework::NeedOutcome::kPartly, casework::NeedOutcome::kNo}) {
    f.shape.column_codes.emplace_back(casework::to_code(outcome));
    f.shape.column_labels.emplace_back(casework::to_label(outcome));
  }
  return f;
}

MatrixFigure onward_figure() {
  MatrixFigure f{kOnwardReferrals, "service",
                 {"onward", "Onward referrals by service and how they ended", {}, {}, true, true},
                 "Onward referrals to ", "How it ended"};
  for (const auto& [state, label] : std::vector<std::pair<casework::OnwardState, std::string>>{
           {casework::OnwardState::kSent, "Awaiting a reply"},
           {casework::OnwardState::kAccepted, "Accepted, in progress"},
           {casework::OnwardState::kDeclined, "Declined"},
           {casework::OnwardState::kCompleted, "Completed"},
           {casework::OnwardState::kWithdrawn, "Withdrawn"}}) {
    f.shape.column_codes.emplace_back(casework::to_code(state));
    f.shape.column_labels.push_back(label);
  }
  return f;
}

const std::vector<MatrixFigure>& matrix_figures() {
  static const std::vector<MatrixFigure> figures = {needs_figure(), outcomes_figure(), onward_figure()};
  return figures;
}

std::string name_of(const std::string& dimension, const std::string& value) { return dimension + "/" + value; }

// `dimension`'s pair-coded counts as row -> column -> n, for all streams or for `stream`.
Pairs pairs_of(const std::map<std::string, std::map<std::string, std::int64_t>>& by, const std::string& dimension) {
  Pairs out;
  auto it = by.find(dimension);
  if (it == by.end()) return out;
  for (const auto& [code, n] : it->second) {
    auto [row, column] = split_pair_code(code);
    out[row][column] += n;
  }
  return out;
}

std::int64_t cell_of(const Pairs& pairs, const std::string& row, const std::string& column) {
  auto r = pairs.find(row);
  if (r == pairs.end()) return 0;
  auto n = r->second.find(column);
  return n == r->second.end() ? 0 : n->second;
}

std::vector<std::string> labels_of(const FigureLabels& labels, const std::string& dimension,
                                   const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  for (const auto& code : codes) out.push_back(figure_label(labels, dimension, code));
  return out;
}

struct Split {
  const DemandCounts& counts;
  const std::vector<std::string>& streams;
  const std::vector<std::string>& stream_labels;
  int threshold;
  HiddenFigures& hidden;

  MatrixShape by_stream(const std::string& code, const std::string& title) const {
    return MatrixShape{code, title + kBy, streams, stream_labels, true, true};
  }

  // A partition of `total`'s referrals (a days table, repeat victims): rows by stream, each
  // column adding up to the stream's `total`.
  MatrixTable partition(const std::string& dimension, const std::vector<std::string>& rows,
                        const std::vector<std::string>& row_labels, const std::string& total) const {
    SharedTable t;
    for (const auto& row : rows) {
      std::vector<std::int64_t> line;
      for (const auto& stream : streams) line.push_back(figure_of(counts, stream, dimension, row));
      t.counts.push_back(std::move(line));
    }
    for (const auto& stream : streams) t.column_totals.push_back({in_stream(total, stream)});
    t.grand_total = {total};
    return matrix_table(by_stream(dimension, kTitles.at(dimension)), rows, row_labels,
                        suppress_shared(t, threshold, hidden));
  }

  // The all-streams matrix of `f` and, into `tables`, each of its rows by stream. A row also goes
  // by `row_sum` (the referrals assessed, for needs: each need is rated at every assessment), so
  // it is that figure where their counts agree.
  MatrixTable matrix(const MatrixFigure& f, const FigureLabels& labels, const std::string& row_sum,
                     std::vector<MatrixTable>& tables) const {
    const auto all = pairs_of(counts.by, f.dimension);
    std::set<std::string> codes;
    for (const auto& [code, columns] : all) codes.insert(code);
    if (auto named = labels.find(f.row_dimension); named != labels.end()) {
      for (const auto& [code, label] : named->second) codes.insert(code);
    }
    const auto rows = in_label_order(std::vector<std::string>(codes.begin(), codes.end()), labels, f.row_dimension);
    const auto& columns = f.shape.column_codes;
    auto also = [&](FigureNames names, const std::string& name) {
      if (!row_sum.empty()) names.push_back(name);
      return names;
    };

    SharedTable m;
    m.columns_totalled = f.shape.columns_totalled;
    for (const auto& row : rows) {
      std::vector<std::int64_t> line;
      std::vector<FigureNames> names;
      std::int64_t total = 0;
      for (const auto& column : columns) {
        line.push_back(cell_of(all, row, column));
        total += line.back();
        names.push_back({name_of(f.dimension, pair_code(row, column))});
      }
      m.counts.push_back(std::move(line));
      m.cells.push_back(std::move(names));
      m.row_totals.push_back(also({name_of(f.dimension, row)}, row_sum));

      if (total == 0 || streams.empty()) continue;
      SharedTable t;
      for (const auto& column : columns) {
        std::vector<std::int64_t> cells;
        for (const auto& stream : streams) cells.push_back(figure_of(counts, stream, f.dimension, pair_code(row, column)));
        t.counts.push_back(std::move(cells));
        t.row_totals.push_back({name_of(f.dimension, pair_code(row, column))});
      }
      for (const auto& stream : streams) {
        t.column_totals.push_back(also({in_stream(name_of(f.dimension, row), stream)}, in_stream(row_sum, stream)));
      }
      t.grand_total = m.row_totals.back();
      const auto words = figure_label(labels, f.row_dimension, row);
      tables.push_back(matrix_table(by_stream(f.dimension + ":" + row, f.row_title + words), columns,
                                    f.shape.column_labels, suppress_shared(t, threshold, hidden)));
    }
    return matrix_table(f.shape, rows, labels_of(labels, f.row_dimension, rows), suppress_shared(m, threshold, hidden));
  }
};

// Only the services referred on in the period are the onward matrix's rows, not the directory's.
FigureLabels onward_labels(const DemandCounts& counts, const FigureLabels& labels) {
  auto out = labels;
  out.erase("service");
  const auto named = labels.find("service");
  for (const auto& [service, states] : pairs_of(counts.by, kOnwardReferrals)) {
    if (named != labels.end() && named->second.contains(service)) out["service"][service] = named->second.at(service);
  }
  return out;
}

}  // namespace

SupportSplit support_split(const DemandCounts& counts, const std::vector<std::string>& streams,
                           const std::vector<std::string>& stream_labels, const FigureLabels& labels, int threshold,
                           HiddenFigures& hidden) {
  const Split split{counts, streams, stream_labels, threshold, hidden};
  SupportSplit out;
  if (!streams.empty()) {
    std::vector<std::string> band_labels;
    for (const auto& band : kDaysBands) band_labels.push_back(kBandLabels.at(band));
    for (const auto& code : kDaysTakenCodes) {
      out.tables.push_back(split.partition(code, kDaysBands, band_labels, kDaysTotals.at(code)));
    }
    std::vector<std::string> groups;
    if (auto it = counts.by.find(kRepeatByOffenceGroup); it != counts.by.end()) {
      for (const auto& [group, n] : it->second) {
        if (n > 0) groups.push_back(group);
      }
    }
    groups = in_label_order(std::move(groups), labels, "offence_group");
    if (!groups.empty()) {
      out.tables.push_back(split.partition(kRepeatByOffenceGroup, groups, labels_of(labels, "offence_group", groups),
                                           "repeat_victim"));
    }
  }
  const auto& figures = matrix_figures();
  out.needs = split.matrix(figures[0], labels, "assessed", out.tables);
  out.outcomes = split.matrix(figures[1], labels, "", out.tables);
  out.onward = split.matrix(figures[2], onward_labels(counts, labels), "", out.tables);
  return out;
}

std::string support_title(const std::string& code) { return kTitles.at(code); }

std::string support_row_heading(const std::string& table_code) {
  if (kDaysTotals.contains(table_code)) return "Days taken";
  if (table_code == kRepeatByOffenceGroup) return "Offence group";
  const auto dimension = table_code.substr(0, table_code.find(':'));
  for (const auto& f : matrix_figures()) {
    if (f.dimension == dimension) return f.row_heading;
  }
  return table_code;
}

}  // namespace vg::insight
