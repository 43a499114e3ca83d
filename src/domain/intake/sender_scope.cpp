#include "domain/intake/sender_scope.h"

#include <algorithm>

namespace vg::intake {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::vector<Channel> channels_for(const std::string& kind) {
  if (kind.empty()) return {Channel::kSelf};
  if (kind == "police") return {Channel::kPolice};
  if (kind == "partner") return {Channel::kPartner};
  // The gateway's own staff take referrals by phone and chat, and enter those a partner agency
  // or a victim sends them; a police referral comes only from the force that owns it.
  if (kind == "gateway") return {Channel::kPhone, Channel::kChat, Channel::kPartner, Channel::kSelf};
  return {};  // commissioners send nothing
}

std::vector<FieldError> scope_violations(const SenderScope& scope, const Referral& referral) {
  std::vector<FieldError> out;
  const auto channels = channels_for(scope.kind);
  if (channels.empty()) {
    out.push_back({"$", "not_permitted", "this organisation does not send referrals"});
    return out;
  }
  if (std::find(channels.begin(), channels.end(), referral.channel) == channels.end()) {
    out.push_back({"$.channel", "not_permitted",
                   scope.kind.empty() ? "a referral from the public is a self-referral"
                                      : "is not a channel this organisation sends referrals on"});
  }
  // Only the force that owns a crime reference vouches for it: a police organisation names only
  // its own force. Others may cite any force's crime reference; their referral never displaces
  // the force's own (see the duplicate rules in the store).
  if (scope.kind == "police" && !referral.police_force_code.empty() &&
      !contains(scope.police_force_codes, referral.police_force_code)) {
    out.push_back({"$.police_force_code", "not_permitted",
                   "is not a police force code this organisation sends referrals for"});
  }
  if (!scope.kind.empty() && !referral.area.empty() && !contains(scope.areas, referral.area)) {
    out.push_back({"$.area", "not_permitted", "is not an area this organisation serves"});
  }
  return out;
}

}  // namespace vg::intake
