#include "app/insight/csv_lines.h"

#include <cstdio>

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

}  // namespace

void csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += field(fields[i]);
  }
  out += "\r\n";
}

std::string decimal_field(const std::optional<double>& value, int places) {
  if (!value) return "";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", places, *value);
  return buffer;
}

}  // namespace vg::app
