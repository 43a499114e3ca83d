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

// How fast one connection may send (configuration: chat_message_burst, chat_messages_per_minute).
struct ChatSocketRates {
  int message_burst = 5;          // messages a person may send at once
  int messages_per_minute = 60;   // then this many a minute
};

// The server's UpgradeHandler for the chat sockets. `ctx` and `hub` must outlive the server;
// `public_origin` is the configured one (http/cross_site.h origin_of(public_base_url)). Each
// handshake is counted in ctx.metrics (vg_chat_socket_handshakes_total by side and outcome) and
// the sockets open in vg_chat_sockets_open.
UpgradeHandler chat_socket_upgrades(AppContext& ctx, app::ChatHub& hub, std::string public_origin,
                                    ChatSocketRates rates = {});

}  // namespace vg::http
