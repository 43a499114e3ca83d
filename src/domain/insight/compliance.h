// Victims' Code compliance for one area and a run of whole months, compared with the months
// before: for each entitlement the product can evidence, how many referrals had it met and how
// many had it breached, by the service routing chose, by funding stream and for all, and the
// share met.
// Referrals still inside their time, or with nothing to evidence, are in neither count. Every
// count is suppressed (suppression.h) before anything can show it. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight/fact_groups.h"
#include "domain/insight/month_period.h"
#include "domain/insight/suppression.h"

namespace vg::insight {

// The entitlements, in the order they are shown:
// police_referral      referred to support within the police referral level of the report
// first_contact        first contact within the service level
// needs_assessment     needs assessed within the service level
// restorative_justice  told about restorative justice (a closed case without the offer: breached)
// enhanced_rights      enhanced-rights victims identified at referral and contacted within the
//                      enhanced level (their first contact clock, for them alone)
inline const std::vector<std::string> kEntitlementCodes = {"police_referral", "first_contact", "needs_assessment",
                                                           "restorative_justice", "enhanced_rights"};

// One period's figures for one line: met + breached = evidenced.
struct ComplianceFigures {
  Cell met;
  Cell breached;
  Cell evidenced;
  std::optional<double> percent_met;  // unset unless met and evidenced are shown and evidenced > 0
};

struct ComplianceLine {
  std::string service_id;  // empty on the all-services lines, and for referrals given no service
  std::string service;     // words for it
  std::string funding_stream;        // the stream's lines only (funding_stream.h)
  std::string funding_stream_label;
  ComplianceFigures current;
  ComplianceFigures previous;
  std::optional<double> change_points;  // current percent met - previous, when both are set
};

struct EntitlementCompliance {
  std::string code;
  std::string label;
  // Nothing evidenced in either period: shown as "not recorded", never as 0% met.
  bool recorded = false;
  std::vector<ComplianceLine> services;  // by service words
  std::vector<ComplianceLine> streams;   // all services, by funding stream, in funding_stream's order
  ComplianceLine all;
};

struct ComplianceReport {
  std::string area;
  MonthPeriod period;
  MonthPeriod previous;
  int threshold = kDefaultSuppressionThreshold;
  std::vector<EntitlementCompliance> entitlements;  // kEntitlementCodes' order
};

// `current` / `before`: the fact groups of `period` and of `previous_months` (the store's).
// `service_names`: service id -> words; an unnamed one shows its id. Each entitlement and period
// is two tables (services, and funding streams, by met and breached, totalled both ways) that
// share their all-services line: a figure of it one hides, the other hides too, until neither
// hides anything new (shared_figures.h).
ComplianceReport compliance_report(const std::string& area, const MonthPeriod& period,
                                   const std::vector<FactGroup>& current, const MonthPeriod& previous_months,
                                   const std::vector<FactGroup>& before,
                                   const std::map<std::string, std::string>& service_names,
                                   int threshold = kDefaultSuppressionThreshold);

// Words for an entitlement code.
std::string entitlement_label(const std::string& code);

}  // namespace vg::insight
