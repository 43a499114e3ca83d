#include "domain/insight/funding_stream.h"

namespace vg::insight {

std::string counted_funding_stream(std::string_view routed_stream, bool non_crime_asb) {
  if (routed_stream.empty()) return std::string(kNoFunding);
  if (non_crime_asb && routed_stream == kVictimsGrant) return std::string(kAsbSupport);
  return std::string(routed_stream);
}

std::vector<std::string> in_funding_order(const std::set<std::string>& codes) {
  std::vector<std::string> out;
  for (auto known : {kVictimsGrant, kAsbSupport, kNoFunding}) {
    if (codes.contains(std::string(known))) out.emplace_back(known);
  }
  for (const auto& code : codes) {
    if (code != kVictimsGrant && code != kAsbSupport && code != kNoFunding) out.push_back(code);
  }
  return out;
}

std::string funding_stream_label(const std::string& code, const std::map<std::string, std::string>& names) {
  if (auto named = names.find(code); named != names.end()) return named->second;
  if (code == kVictimsGrant) return "Victims' grant (Ministry of Justice)";
  if (code == kAsbSupport) return "Anti-social behaviour support (not the victims' grant)";
  if (code == kNoFunding) return "No funding stream (signposted)";
  return code;
}

}  // namespace vg::insight
