#include "domain/insight/funding_stream.h"

namespace vg::insight {

std::string counted_funding_stream(std::string_view routed_stream, bool non_crime_asb) {
  if (routed_stream.empty()) return std::string(kNoFunding);
  if (non_crime_asb && routed_stream == kVictimsGrant) return std::string(kAsbSupport);
  return std::string(routed_stream);
}

std::string funding_stream_label(const std::string& code, const std::map<std::string, std::string>& names) {
  if (auto named = names.find(code); named != names.end()) return named->second;
  if (code == kVictimsGrant) return "Victims' grant (Ministry of Justice)";
  if (code == kAsbSupport) return "Anti-social behaviour support (not the victims' grant)";
  if (code == kNoFunding) return "No funding stream (signposted)";
  return code;
}

}  // namespace vg::insight
