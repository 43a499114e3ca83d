// A safeguarding concern an advisor records beside a chat (issue 16): what kind, and a short note
// in their own words, sealed as the chat's messages are. When the chat becomes a case the concern
// is carried onto it as a safeguarding task, so it is not lost with the transcript. Values and the
// one parser of the form's input; no I/O, no clock, never the note's words outside a sealed body.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/casework/support_records.h"
#include "domain/chat/chat_records.h"
#include "domain/result.h"

namespace vg::chat {

// The kinds DOMAIN.md's safeguarding duties name. Danger to life: 999 comes first, the record after.
enum class ConcernKind { kChildAtRisk, kAdultAtRisk, kDangerToLife, kDomesticAbuseHighRisk, kOther };

struct ChatConcern {
  std::string id;  // UUID
  std::string chat_id;
  ConcernKind kind = ConcernKind::kOther;
  casework::SealedText note;  // the advisor's words, sealed; empty once erased with the transcript
  std::string recorded_by;    // the advisor's user id
  Instant recorded_at{};
  std::string case_task_id;   // the safeguarding task it became on the chat's case; empty before
};

std::string_view to_code(ConcernKind kind);   // "child_at_risk" | "adult_at_risk" | "danger_to_life" | ...
std::optional<ConcernKind> concern_kind_from_code(std::string_view code);
std::string_view to_label(ConcernKind kind);  // "Child at risk"
// The task's title on the case: what must be done, system-written.
std::string_view task_title(ConcernKind kind);

inline constexpr std::size_t kMaxConcernNoteCharacters = 1000;

struct ConcernInput {
  ConcernKind kind = ConcernKind::kOther;
  std::string note;  // trimmed, line endings "\n"
};

// The form's fields as typed. `validation_failed` with field "kind" (none or not one of the
// codes: "required") and "note" (empty "required", too long "too_long", not text "invalid"),
// every error at once.
Result<ConcernInput> read_concern(std::string_view kind_code, std::string_view note);

}  // namespace vg::chat
