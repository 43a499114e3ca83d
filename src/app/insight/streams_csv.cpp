#include "app/insight/streams_csv.h"

#include "app/insight/csv_lines.h"
#include "app/insight/matrix_csv.h"

namespace vg::app {

std::string streams_csv(const insight::DemandReport& r) {
  const std::string period = insight::month_code(r.period.first) + "/" + insight::month_code(r.period.last);
  std::string out;
  csv_line(out, {"area", "period", "figure", "code", "label", "column", "column_label", "months", "value", "state"});
  matrix_csv_lines(out, r.area, period, period, insight::referrals_table(r.by_stream), r.threshold, "all_streams",
                   "All streams");
  for (const auto* tables : {&r.by_stream.tables, &r.by_stream.support_tables}) {
    for (const auto& table : *tables) {
      matrix_csv_lines(out, r.area, period, period, table, r.threshold, "all_streams", "All streams");
    }
  }
  return out;
}

}  // namespace vg::app
