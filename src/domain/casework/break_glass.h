// Break glass: a person reading a case that another team of their organisation holds, for one of
// a few fixed reasons they record first, for a short time. The reasons and when a grant is in
// force. Pure rules; no I/O, no clock (the caller says when "now" is).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/casework/case_records.h"
#include "domain/casework/support_records.h"

namespace vg::casework {

// Why someone reads outside their team: codes only, so the audit log never holds free text.
enum class BreakGlassReason {
  kSafeguardingConcern,
  kVictimContactedUs,
  kCoveringForColleague,
  kDutyCover,
  kOther,
};

inline constexpr std::array kBreakGlassReasons{
    BreakGlassReason::kSafeguardingConcern, BreakGlassReason::kVictimContactedUs,
    BreakGlassReason::kCoveringForColleague, BreakGlassReason::kDutyCover, BreakGlassReason::kOther};

std::string_view to_code(BreakGlassReason reason);  // "safeguarding_concern"
std::optional<BreakGlassReason> break_glass_reason_from_code(std::string_view code);
std::string_view break_glass_reason_label(BreakGlassReason reason);  // "A safeguarding concern"

// One person's recorded reason to read one case: in force from `granted_at` until `expires_at`,
// or until `ended_at` (they signed out), whichever comes first.
struct BreakGlassGrant {
  std::string id;  // UUID
  std::string user_id;
  std::string case_id;
  BreakGlassReason reason = BreakGlassReason::kOther;
  SealedText note;  // optional words of the person's own; sealed, never audited or logged
  Instant granted_at{};
  Instant expires_at{};
  std::optional<Instant> ended_at;
};

bool in_force(const BreakGlassGrant& grant, Instant now);

}  // namespace vg::casework
