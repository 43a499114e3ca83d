// The chats' safeguarding concerns on the database of a store open_store made (which must outlive
// it): for the chat service. Wiring only, as open_store.h.
#pragma once

#include <memory>

#include "domain/result.h"
#include "store/chat_concern_repository.h"
#include "store/store.h"

namespace vg::store {

Result<std::unique_ptr<ChatConcernRepository>> open_chat_concerns(Store& store);

}  // namespace vg::store
