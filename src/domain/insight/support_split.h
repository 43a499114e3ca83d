// The support figures of one period (support.h) split by funding stream, and the support page's
// matrices, suppressed as part of the period's split (stream_split.h): each days table and repeat
// victims by offence group as values by stream, whose columns add up to each stream's contacted,
// assessed, supported and repeat victims; and for each need (its ratings at assessment, its
// outcomes at close) and each service referred on to (how the referrals ended), its row of the
// all-streams matrix by stream. A figure these tables share with each other or with the split's
// demand tables goes by one name (shared_figures.h), so it is hidden in all or none. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/insight/demand_counts.h"
#include "domain/insight/matrix_table.h"
#include "domain/insight/shared_figures.h"

namespace vg::insight {

struct SupportSplit {
  // kDaysTakenCodes' tables and kRepeatByOffenceGroup's, each value by stream with both totals;
  // then one table per need rated at assessment ("need_at_assessment:<need>"), per need with an
  // outcome at close ("outcome_at_close:<need>") and per service referred on to
  // ("onward:<service id>"): the row's columns by stream, each row total the matrix's cell.
  std::vector<MatrixTable> tables;
  // All streams: need x rating, need x outcome, service x state (support.h's matrices).
  MatrixTable needs;
  MatrixTable outcomes;
  MatrixTable onward;
};

// One round of the split's suppression: every table suppressed with what `hidden` names so far,
// adding what it hides. `streams`: the period's, in order, with their words.
SupportSplit support_split(const DemandCounts& counts, const std::vector<std::string>& streams,
                           const std::vector<std::string>& stream_labels, const FigureLabels& labels, int threshold,
                           HiddenFigures& hidden);

// The words of the support page's table `code` (kDaysTakenCodes, kRepeatByOffenceGroup).
std::string support_title(const std::string& code);

// The words heading the rows of one of `tables` ("Days taken", "Rating").
std::string support_row_heading(const std::string& table_code);

}  // namespace vg::insight
