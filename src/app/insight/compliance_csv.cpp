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
                 "met", "breached", "evidenced", "percent_met", "previous_met", "previous_breached",
                 "previous_evidenced", "previous_percent_met", "change_percentage_points"});
  for (const auto& e : r.entitlements) {
    auto line = [&](const insight::ComplianceLine& l, bool total) {
      std::vector<std::string> fields{r.area, span(r.period), span(r.previous), e.code, e.label,
                                      total ? std::string("total") : l.service_id, l.service};
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
    line(e.all, true);
  }
  return out;
}

}  // namespace vg::app
