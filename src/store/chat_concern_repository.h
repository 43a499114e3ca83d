// Safeguarding concerns recorded beside a live chat (migration 0044, domain/chat/chat_concern.h),
// and carrying one onto the chat's case as a task. Opened beside a store
// (store/open/open_chat_concerns.h) on the same database; no SQL leaks past here. Never opens a
// note: it has no key.
#pragma once

#include <string>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/casework/case_task.h"
#include "domain/chat/chat_concern.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::store {

class ChatConcernRepository {
 public:
  virtual ~ChatConcernRepository() = default;
  // Stores `concern` with `audit`, in one transaction.
  virtual Result<void> record(const chat::ChatConcern& concern, const AuditEntry& audit) = 0;
  // The chat's concerns, oldest first.
  virtual Result<std::vector<chat::ChatConcern>> of_chat(const std::string& chat_id) = 0;
  // Concern `concern_id` becomes `task` on the task's case, with `event` (the case's
  // "task_created") and `audit`, in one transaction: false, writing nothing, when the concern is
  // on a case already, does not exist, or the case does not (yet) exist.
  virtual Result<bool> carry(const std::string& concern_id, const casework::CaseTask& task,
                             const casework::CaseEvent& event, const AuditEntry& audit) = 0;
};

}  // namespace vg::store
