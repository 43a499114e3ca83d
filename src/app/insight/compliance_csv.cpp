#include "app/insight/compliance_csv.h"

#include "app/insight/csv_lines.h"
#include "domain/insight/demand.h"

namespace vg::app {

std::string compliance_csv(const insight::ComplianceReport& r) {
  const auto t = r.threshold;
  const auto span = [](const insight::MonthPeriod& p) {
    return insight::month_code(p.first) + "/" + insight::month_code(p.last);
  };
  std::string out;
  csv_line(out, {"area", "period", "previous_period", "entitlement", "entitlement_label", "service_id", "service",
                 "funding_stream", "funding_stream_label", "met", "breached", "evidenced", "percent_met", "previous_met", "previous_breached",
                 "previous_evidenced", "previous_percent_met", "change_percentage_points"});
  for (const auto& e : r.entitlements) {
    // A service's line is all streams'; a stream's, all services'.
    auto line = [&](const insight::ComplianceLine& l, bool all_services) {
      const bool all_streams = l.funding_stream.empty();
      std::vector<std::string> fields{r.area,
                                      span(r.period),
                                      span(r.previous),
                                      e.code,
                                      e.label,
                                      all_services ? std::string("total") : l.service_id,
                                      l.service,
                                      all_streams ? std::string("all_streams") : l.funding_stream,
                                      all_streams ? std::string("All streams") : l.funding_stream_label};
      for (const auto* f : {&l.current, &l.previous}) {
        if (!e.recorded) {
          fields.insert(fields.end(), {"not recorded", "not recorded", "not recorded", ""});
          continue;
        }
        fields.push_back(insight::cell_text(f->met, t));
        fields.push_back(insight::cell_text(f->breached, t));
        fields.push_back(insight::cell_text(f->evidenced, t));
        fields.push_back(decimal_field(f->percent_met));
      }
      fields.push_back(decimal_field(l.change_points));
      csv_line(out, fields);
    };
    for (const auto& l : e.services) line(l, false);
    for (const auto& l : e.streams) line(l, true);
    line(e.all, true);
  }
  return out;
}

}  // namespace vg::app
