// Which funding stream a referral counts against, for every figure split by stream, the cost
// estimates and the grant return. The grant pays for support to victims of crime only: a
// referral for anti-social behaviour that is not a crime never counts against it. Pure rules.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vg::insight {

inline constexpr std::string_view kVictimsGrant = "victims_grant";  // the Ministry of Justice grant
inline constexpr std::string_view kAsbSupport = "asb_support";      // the area's own money for ASB
inline constexpr std::string_view kNoFunding = "none";              // signposted: no service paid

// The stream a referral counts against: routing's stream (routing::funding_code), except that a
// referral for non-crime anti-social behaviour is moved off the victims' grant to ASB support,
// whatever routing said; no stream is "none".
std::string counted_funding_stream(std::string_view routed_stream, bool non_crime_asb);

// `codes` in the order streams are shown: the victims' grant, ASB support, none, then any other.
std::vector<std::string> in_funding_order(const std::set<std::string>& codes);

// Words for a stream: the area's own name for it (`names`, from its costs file) or the fixed one.
std::string funding_stream_label(const std::string& code, const std::map<std::string, std::string>& names = {});

}  // namespace vg::insight
