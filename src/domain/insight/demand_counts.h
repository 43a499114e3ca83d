// What the store adds up for one area and period: the referrals received in it, counted by each
// of the figures insight publishes, and the same again for each funding stream. Pure data.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vg::insight {

// One set of counts as the store keeps them: dimension ("totals", whose values are referrals,
// accepted, contacted and supported; "flags", whose values are kFlagCodes; or a dimension of
// DemandCounts::by) -> value -> referrals.
using StreamFigures = std::map<std::string, std::map<std::string, std::int64_t>>;

// What the store adds up for one area and period: referrals received in it.
struct DemandCounts {
  std::int64_t referrals = 0;
  std::int64_t accepted = 0;
  std::int64_t contacted = 0;
  std::int64_t supported = 0;
  // flag code (kFlagCodes) -> referrals with it
  std::map<std::string, std::int64_t> flags;
  // dimension code (kDimensionCodes, or support.h's) -> value code -> referrals
  std::map<std::string, std::map<std::string, std::int64_t>> by;
  // funding stream code -> the same figures counted for that stream's referrals alone
  std::map<std::string, StreamFigures> by_stream;
};

// The partitions counted, in the order they are shown: every referral has exactly one value of
// each, so each table's column adds up to the referrals in the period.
inline const std::vector<std::string> kDimensionCodes = {"channel",     "offence_group", "local_authority",
                                                         "victim_type", "age_band",      "funding_stream"};
// The flags counted: a referral may have any number of them, so their table has no total.
inline const std::vector<std::string> kFlagCodes = {"enhanced", "vulnerable", "repeat_victim", "dash_high",
                                                    "domestic_abuse", "hate_crime", "sexual_offence",
                                                    "non_crime_asb"};

// Adds `n` referrals to the figure (`dimension`, `value`), named as StreamFigures names it.
void add_figure(DemandCounts& into, const std::string& dimension, const std::string& value, std::int64_t n);
// The same, for referrals of `stream`: to the all-streams figure and to the stream's own.
void add_stream_figure(DemandCounts& into, const std::string& stream, const std::string& dimension,
                       const std::string& value, std::int64_t n);
// `more` added into `into`, streams and all.
void add_counts(DemandCounts& into, const DemandCounts& more);
// The figure (`dimension`, `value`) counted for `stream`'s referrals; 0 when none were.
std::int64_t figure_of(const DemandCounts& counts, const std::string& stream, const std::string& dimension,
                       const std::string& value);

// dimension code -> value code -> words (a local authority's name, say).
using FigureLabels = std::map<std::string, std::map<std::string, std::string>>;

}  // namespace vg::insight
