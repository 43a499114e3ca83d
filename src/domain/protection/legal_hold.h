// A legal hold on a case: while one is in force (a prosecution, a complaint, a subject access
// request in progress) retention never erases the case. Values and codes only; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/accounts/account_records.h"

namespace vg::protection {

enum class HoldReason { kProsecution, kComplaint, kSubjectAccessRequest };
std::string_view to_code(HoldReason reason);  // "prosecution" | "complaint" | "subject_access_request"
std::string_view to_label(HoldReason reason);  // "A prosecution" | ...
std::optional<HoldReason> hold_reason_from_code(std::string_view code);

struct LegalHold {
  std::string id;
  std::string case_id;
  HoldReason reason = HoldReason::kProsecution;
  std::string placed_by;  // a user id
  accounts::Instant placed_at{};
  std::string lifted_by;  // empty while in force
  std::optional<accounts::Instant> lifted_at;
  bool in_force() const { return !lifted_at.has_value(); }
};

}  // namespace vg::protection
