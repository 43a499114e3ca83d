// A task on a case: something a caseworker must do by a date (draft the MARAC referral, make the
// safeguarding referral, close a case nobody could reach), and the rules for finishing one.
// Pure values and rules; a safeguarding task is never dismissed without a reason.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/casework/case_records.h"
#include "domain/result.h"

namespace vg::casework {

enum class TaskKind { kMaracReferral, kSafeguardingReferral, kCloseUnableToContact, kOther };

struct CaseTask {
  std::string id;  // UUID
  std::string case_id;
  TaskKind kind = TaskKind::kOther;
  // Why the task exists, as codes ("dash_high,escalation", "child_victim"): the audit log and
  // the timeline carry this, never the title's words.
  std::string reason_code;
  std::string title;   // system-written words for the list ("Refer to the MARAC of 9 December")
  std::string detail;  // system-written words (the MARAC reasons); never typed about the victim
  std::optional<Date> due_date;
  std::string assigned_to;  // user id
  std::string created_by;   // user id, or "system:<what>"
  Instant created_at{};
  std::optional<Instant> done_at;
  std::string done_by;
  std::optional<Instant> dismissed_at;
  std::string dismissed_by;
  // Typed by a person: kept with the task for the record, never in the audit log, logs or events.
  std::string dismissal_reason;
  std::int64_t version = 1;  // bumped by every change: the second of two edits is refused

  std::string case_reference;  // read with the task for lists (the case's), not stored with it
};

std::string_view to_code(TaskKind kind);  // "marac_referral"
std::optional<TaskKind> task_kind_from_code(std::string_view code);
std::string_view to_label(TaskKind kind);  // "MARAC referral"

// Neither done nor dismissed.
bool is_open(const CaseTask& task);
// Open and due before `today` (London).
bool is_overdue(const CaseTask& task, Date today);

// The longest dismissal reason kept.
inline constexpr std::size_t kMaxDismissalReason = 1000;

// Marks the task done by `by` at `at`. `conflict` (field "task") when it is no longer open.
Result<void> complete_task(CaseTask& task, const std::string& by, Instant at);

// Dismisses the task. `conflict` when it is no longer open; `validation_failed` (field "reason")
// for a safeguarding referral without a reason, because a child's safeguarding is a statutory
// duty and whoever stops it must say why; and for a reason longer than kMaxDismissalReason.
Result<void> dismiss_task(CaseTask& task, const std::string& by, std::string reason, Instant at);

}  // namespace vg::casework
