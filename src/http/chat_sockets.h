// Live chat over WebSocket (issue 16): /chat/live for the victim (found by their chat cookie, as
// the /chat page is) and /staff/chats/{id}/live for the advisor who took chat {id} (the chat
// service and its access table decide, as for the page). A connection asks for the events after
// the last number its client saw (?after=N) and is given them, then live ones; it sends messages,
// typing and what it has displayed. Same origin only; any chat it may not open is answered as
// one that does not exist. Bounded: message size, a rate per connection, idle time, sockets per
// chat, and a slow reader's queue.
#pragma once

#include <string>

#include "app/chat/chat_hub.h"
#include "http/app_context.h"
#include "http/live_socket.h"

namespace vg::http {

// The server's UpgradeHandler for the chat sockets. `ctx` and `hub` must outlive the server;
// `public_origin` is the configured one (http/cross_site.h origin_of(public_base_url)).
UpgradeHandler chat_socket_upgrades(AppContext& ctx, app::ChatHub& hub, std::string public_origin);

}  // namespace vg::http
