#include "domain/casework/case_task.h"

#include <array>
#include <utility>

namespace vg::casework {
namespace {

struct KindNames {
  TaskKind kind;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<KindNames, 4> kKinds{{
    {TaskKind::kMaracReferral, "marac_referral", "MARAC referral"},
    {TaskKind::kSafeguardingReferral, "safeguarding_referral", "Safeguarding referral"},
    {TaskKind::kCloseUnableToContact, "close_unable_to_contact", "Close: unable to contact"},
    {TaskKind::kOther, "other", "Task"},
}};

// Spaces and line ends around a reason say nothing: a reason of only those is no reason.
std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Result<void> still_open(const CaseTask& task) {
  if (is_open(task)) return {};
  return fail("conflict", "This task has already been finished",
              {{"task", "finished", "This task has already been done or dismissed"}});
}

}  // namespace

std::string_view to_code(TaskKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.code;
  }
  return "other";
}

std::optional<TaskKind> task_kind_from_code(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code) return k.kind;
  }
  return std::nullopt;
}

std::string_view to_label(TaskKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "Task";
}

bool is_open(const CaseTask& task) { return !task.done_at && !task.dismissed_at; }

bool is_overdue(const CaseTask& task, Date today) {
  return is_open(task) && task.due_date && *task.due_date < today;
}

Result<void> complete_task(CaseTask& task, const std::string& by, Instant at) {
  VG_CHECK(still_open(task));
  task.done_at = at;
  task.done_by = by;
  return {};
}

Result<void> dismiss_task(CaseTask& task, const std::string& by, std::string reason, Instant at) {
  VG_CHECK(still_open(task));
  reason = trimmed(std::move(reason));
  if (task.kind == TaskKind::kSafeguardingReferral && reason.empty()) {
    return validation_failed(
        {{"reason", "required", "Enter why the safeguarding referral is not needed"}},
        "A safeguarding referral cannot be dismissed without a reason");
  }
  if (reason.size() > kMaxDismissalReason) {
    return validation_failed(
        {{"reason", "too_long", "Enter a reason of 1000 characters or fewer"}});
  }
  task.dismissed_at = at;
  task.dismissed_by = by;
  task.dismissal_reason = std::move(reason);
  return {};
}

}  // namespace vg::casework
