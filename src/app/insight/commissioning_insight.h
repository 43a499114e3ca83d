// The figures a commissioner buys and reports with, beyond demand: the estimated cost of each
// service by funding stream (domain/insight/cost.h) and the grant return (grant_return.h). Every
// count suppressed before it leaves, except the grant return's, which only roles that submit it
// read (submit_grant_return); access decided area by area from the table, so a commissioner
// reads only their own areas and no one reads one referral.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/insight/demand_insight.h"
#include "domain/insight/compliance.h"
#include "domain/insight/cost.h"
#include "domain/insight/grant_return.h"
#include "domain/insight/unit_costs.h"

namespace vg::app {

class CommissioningInsight {
 public:
  // `costs`: each area's funding streams and unit costs (unit_costs_files.h); an area without
  // gets no estimates.
  CommissioningInsight(store::Store& store, DemandInsight& demand, std::map<std::string, insight::UnitCosts> costs);

  // The estimated cost for the area and period the query asks (read_demand_query's parameters and
  // `extra_allowed`); errors as DemandInsight::demand.
  Result<insight::CostReport> cost(const access::Actor& actor,
                                   const std::vector<std::pair<std::string, std::string>>& params,
                                   const std::vector<std::string>& extra_allowed = {});

  // Victims' Code compliance for the area and period asked, beside the period before; errors as
  // cost.
  Result<insight::ComplianceReport> compliance(const access::Actor& actor,
                                               const std::vector<std::pair<std::string, std::string>>& params,
                                               const std::vector<std::string>& extra_allowed = {});

  // The exact grant return for the area and period asked: `forbidden` unless the actor's role
  // submits it (submit_grant_return), `not_found` for an area it may not submit for.
  Result<insight::GrantReturn> grant_return(const access::Actor& actor,
                                            const std::vector<std::pair<std::string, std::string>>& params,
                                            const std::vector<std::string>& extra_allowed = {});
  // May the actor's role submit grant returns (for showing the link; the use case decides)?
  static bool may_submit(const access::Actor& actor);

  const DemandInsight& demand() const { return demand_; }

 private:
  // The area and period asked, after access is decided.
  Result<std::pair<std::string, insight::MonthPeriod>> question(
      const access::Actor& actor, const std::vector<std::pair<std::string, std::string>>& params,
      const std::vector<std::string>& extra_allowed);
  // The names of the services the groups count, from the directory.
  Result<std::map<std::string, std::string>> service_names(const std::vector<insight::FactGroup>& groups);
  Result<std::map<std::string, std::string>> service_names(const std::vector<std::string>& ids);

  store::Store& store_;
  DemandInsight& demand_;
  std::map<std::string, insight::UnitCosts> costs_;
};

}  // namespace vg::app
