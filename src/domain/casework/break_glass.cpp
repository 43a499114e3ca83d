#include "domain/casework/break_glass.h"

#include <utility>

namespace vg::casework {
namespace {

struct ReasonText {
  BreakGlassReason reason;
  std::string_view code;
  std::string_view label;
};

constexpr std::array kReasonTexts{
    ReasonText{BreakGlassReason::kSafeguardingConcern, "safeguarding_concern", "A safeguarding concern"},
    ReasonText{BreakGlassReason::kVictimContactedUs, "victim_contacted_us", "The victim contacted us"},
    ReasonText{BreakGlassReason::kCoveringForColleague, "covering_for_colleague", "Covering for a colleague"},
    ReasonText{BreakGlassReason::kDutyCover, "duty_cover", "Duty cover"},
    ReasonText{BreakGlassReason::kOther, "other", "Another reason"},
};

}  // namespace

std::string_view to_code(BreakGlassReason reason) {
  for (const auto& t : kReasonTexts) {
    if (t.reason == reason) return t.code;
  }
  std::unreachable();
}

std::optional<BreakGlassReason> break_glass_reason_from_code(std::string_view code) {
  for (const auto& t : kReasonTexts) {
    if (t.code == code) return t.reason;
  }
  return std::nullopt;
}

std::string_view break_glass_reason_label(BreakGlassReason reason) {
  for (const auto& t : kReasonTexts) {
    if (t.reason == reason) return t.label;
  }
  std::unreachable();
}

bool in_force(const BreakGlassGrant& grant, Instant now) {
  if (grant.ended_at && *grant.ended_at <= now) return false;
  return grant.granted_at <= now && now < grant.expires_at;
}

}  // namespace vg::casework
