// Demand insight for commissioners: for one of their areas and a run of whole months, the
// referrals received compared with the months before, every figure suppressed before it leaves
// (domain/insight/demand.h). Decides access from the table (read_insight, area by area): a
// commissioner reads only their own areas, and no one reads one referral.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/clock.h"
#include "app/insight/demand_query.h"
#include "domain/access/access_table.h"
#include "domain/insight/cost.h"
#include "domain/insight/demand.h"
#include "domain/insight/insight_reports.h"
#include "domain/insight/population.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct AreaChoice {
  std::string code;  // "merseyside"
  std::string name;  // "Merseyside"
};

class DemandInsight {
 public:
  // `threshold`: counts under it are shown as "fewer than <threshold>" (at least 2).
  DemandInsight(store::Store& store, const Clock& clock,
                int threshold = insight::kDefaultSuppressionThreshold);

  // The areas whose figures the actor may read, in their organisation's order.
  std::vector<AreaChoice> areas_of(const access::Actor& actor) const;
  // The month it is now (London), the latest a period may reach.
  std::chrono::year_month this_month() const;

  // The question the request's query parameters ask (read_demand_query, `extra_allowed` passed
  // on): `forbidden` before they are read when the actor's role never reads insight, so such a
  // role learns nothing of them; `validation_failed` with each parameter at fault.
  Result<DemandQuestion> ask(const access::Actor& actor, const std::vector<std::pair<std::string, std::string>>& params,
                             const std::vector<std::string>& extra_allowed = {}) const;

  // `forbidden` when the actor's role never reads insight; `validation_failed` with each
  // parameter at fault; `not_found` for an area that is not one of the actor's (whether or not
  // it exists: the answer tells nothing of other areas).
  Result<insight::DemandReport> demand(const access::Actor& actor, const DemandQuestion& question);
  // The same from the request's query parameters (read_demand_query), `extra_allowed` passed on.
  Result<insight::DemandReport> demand(const access::Actor& actor,
                                       const std::vector<std::pair<std::string, std::string>>& params,
                                       const std::vector<std::string>& extra_allowed = {});

  // What happened after referral for the same question (domain/insight/support.h): days taken,
  // needs, outcomes, onward referrals and repeat victims, refused as demand is.
  Result<insight::SupportReport> support(const access::Actor& actor,
                                         const std::vector<std::pair<std::string, std::string>>& params,
                                         const std::vector<std::string>& extra_allowed = {});

  // The area a question about `asked` (empty: the actor's first) is answered for: `forbidden`
  // when the actor's role never reads insight, `not_found` for an area that is not one of theirs.
  Result<std::string> area_for(const access::Actor& actor, const std::string& asked) const;

  int threshold() const { return threshold_; }

  // The period's split by funding stream (stream_split.h), exactly as the demand, support and
  // streams pages work it out, for a page that shows figures suppressed with theirs (cost).
  Result<insight::StreamSplit> split_for(const std::string& area, const insight::MonthPeriod& period);

  // Each area's population by local authority (population_files.h), for demand per 1,000
  // residents; an area without has no rates.
  void set_populations(std::map<std::string, insight::Population> populations) {
    populations_ = std::move(populations);
  }

 private:
  // Demand and support from the same split (insight_reports.h), so both pages hide alike.
  Result<insight::InsightReports> reports(const access::Actor& actor, const DemandQuestion& question);
  // The store's counts of the period, with the cost counts added (cost.h).
  Result<insight::DemandCounts> counts_for(const std::string& area, const insight::MonthPeriod& period);
  // The words for `counts`' rows: local authorities, needs, and the services referred on to.
  Result<void> add_labels(insight::FigureLabels& labels, const insight::DemandCounts& counts);

  store::Store& store_;
  const Clock& clock_;
  int threshold_;
  std::map<std::string, insight::Population> populations_;
};

}  // namespace vg::app
