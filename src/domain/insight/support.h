// Support insight for one area and a whole-month period: what happened to the referrals received
// in it after they arrived. How many days each step took, what victims needed at assessment,
// whether they were better able to cope and recover at close, where they were referred on and how
// that ended, and repeat victims by offence group. Pure: built from the counts the store adds up
// (DemandCounts::by, under the dimension codes below), every figure suppressed before anything
// can show it: each is the all-streams figure of its table split by funding stream
// (stream_split.h), worked out with the demand page's, so a figure both show agrees.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/insight/demand.h"
#include "domain/insight/matrix_table.h"

namespace vg::insight {

// Calendar days from receipt to the first contact, the needs assessment and the first sign of
// support: how long victims waited. Whether the Victims' Code's working-day deadlines were met is
// the compliance page's (compliance.h).
inline const std::vector<std::string> kDaysTakenCodes = {"days_to_contact", "days_to_assessment",
                                                         "days_to_support"};
// The bands the days fall in, shortest first.
inline const std::vector<std::string> kDaysBands = {"0", "1", "2", "3_to_5", "6_to_10", "11_to_20", "over_20"};
std::string days_band(std::int64_t days);

// Repeat victims (the repeat_victim flag) by offence group.
inline const std::string kRepeatByOffenceGroup = "repeat_offence_group";
// Needs at assessment: value need_code:rating_code, referrals assessed with that rating.
inline const std::string kNeedsAtAssessment = "need_at_assessment";
// Outcomes at close: value need_code:outcome_code, referrals closed with that outcome.
inline const std::string kOutcomesAtClose = "outcome_at_close";
// Onward referrals: value service_id:state_code, onward referrals to the service in that state.
inline const std::string kOnwardReferrals = "onward";

// "first:second", and back again (split at the last colon: service ids may hold one, the codes
// after it never do).
std::string pair_code(const std::string& first, const std::string& second);
std::pair<std::string, std::string> split_pair_code(const std::string& code);

struct SupportReport {
  std::string area;
  MonthPeriod period;
  MonthPeriod previous;
  int threshold = kDefaultSuppressionThreshold;
  std::vector<FigureTable> days;  // kDaysTakenCodes' tables, both periods
  FigureTable repeat_victims;     // by offence group, both periods
  MatrixTable needs;              // the period: need x rating, each need's row totalled
  MatrixTable outcomes;           // the period: need x yes/partly/no, each need's row totalled
  MatrixTable onward;             // the period: service x state, rows and columns totalled
  // The same for the period before, each worked out on its own, as it would be if it were the
  // period chosen.
  MatrixTable needs_before;
  MatrixTable outcomes_before;
  MatrixTable onward_before;
};

// `labels`: words for "need" (need domain code), "service" (service id) and "offence_group"
// values; the rest have fixed words.
SupportReport support_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                             const MonthPeriod& previous_months, const DemandCounts& previous,
                             const FigureLabels& labels, int threshold = kDefaultSuppressionThreshold);
// The same from the two periods' splits (stream_split.h), each of its period's counts.
SupportReport support_report(const std::string& area, const MonthPeriod& period, StreamSplit now,
                             const MonthPeriod& previous_months, StreamSplit before, const FigureLabels& labels,
                             int threshold);

}  // namespace vg::insight
