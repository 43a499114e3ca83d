#include "app/insight/demand_csv.h"

#include <cstdio>
#include <vector>

namespace vg::app {
namespace {

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if ((s[i] < '0' || s[i] > '9') && s[i] != '.') return false;
  }
  return true;
}

std::string field(const std::string& text) {
  std::string value = text;
  if (!value.empty() && !is_number(value) && std::string("=+-@\t\r").find(value[0]) != std::string::npos) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string percent_text(const std::optional<double>& p) {
  if (!p) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", *p);
  return buffer;
}

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string demand_csv(const insight::DemandReport& r) {
  const auto t = r.threshold;
  const std::string period = insight::month_code(r.period.first) + "/" + insight::month_code(r.period.last);
  const std::string previous = insight::month_code(r.previous.first) + "/" + insight::month_code(r.previous.last);
  std::string out;
  line(out, {"area", "period", "previous_period", "figure", "code", "label", "current", "previous", "change",
             "current_percent", "previous_percent"});
  auto row = [&](const std::string& figure, const insight::FigureRow& f) {
    line(out, {r.area, period, previous, figure, f.code, f.label, insight::cell_text(f.current, t),
               insight::cell_text(f.previous, t), insight::cell_text(f.change, t), "", ""});
  };
  row("referrals", r.referrals);
  for (const auto& table : r.tables) {
    for (const auto& f : table.rows) row(table.code, f);
    if (table.total) row(table.code, *table.total);
  }
  for (const auto& rate : r.rates) {
    line(out, {r.area, period, previous, "rates", rate.code, rate.label, insight::cell_text(rate.current, t),
               insight::cell_text(rate.previous, t), "", percent_text(rate.current_percent),
               percent_text(rate.previous_percent)});
  }
  return out;
}

}  // namespace vg::app
