// Live chat's fan-out on PostgreSQL (store/chat_notifier.h): every process LISTENs on one channel
// over a connection of its own and publishes with pg_notify, the payload being the signal's short
// line (a chat id and numbers, never words). When the listening connection drops (a database
// restart), it reconnects and asks every open socket to catch up from the store.
#pragma once

#include <memory>
#include <string>

#include "store/chat_notifier.h"

namespace vg::store::postgres {

// `url`: the database's (as open_store's). Connects lazily, on listen() and the first publish.
std::unique_ptr<ChatNotifier> postgres_chat_notifier(std::string url);

}  // namespace vg::store::postgres
