// Referral facts added up by service, funding stream and enhanced rights over a period, with
// their outcomes at close counted per need: what the store answers for the cost estimates, the
// grant return and Victims' Code compliance, each of which adds the groups up its own way (the
// store may answer one key in several groups, a month kept apart from one counted afresh).
// Counts only, never a referral.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace vg::insight {

// How many referrals met a Victims' Code entitlement and how many did not; those still inside
// their time, or with nothing to evidence, are in neither.
struct MetCount {
  std::int64_t met = 0;
  std::int64_t breached = 0;
  bool operator==(const MetCount&) const = default;
};

// The referrals of one area received in the period that share every key below.
struct FactGroup {
  std::string service_id;      // routing's chosen service; empty when none
  std::string funding_stream;  // funding_stream.h
  bool enhanced = false;
  // need domain code -> outcome code at close -> referrals closed with that outcome for it
  std::map<std::string, std::map<std::string, std::int64_t>> outcomes;
  std::int64_t referrals = 0;
  std::int64_t contacted = 0;
  std::int64_t supported = 0;
  std::int64_t closed = 0;
  std::int64_t assessed = 0;
  MetCount first_contact;     // first contact within the service level
  MetCount needs_assessment;  // needs assessed within the service level
  MetCount police_referral;      // referred within the police referral level of the report
  MetCount restorative_justice;  // told about restorative justice (closed cases without: breached)
  bool operator==(const FactGroup&) const = default;
};

}  // namespace vg::insight
