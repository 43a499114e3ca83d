// The victim's chat cookie (http/cookies.h, kChatCookie): the random token that is the chat's
// only key. Path=/ so that Exit this page (/refer/exit, on every public page) receives it and
// ends the chat; no Max-Age, so it dies with the browser. Never logged.
#pragma once

#include <string>

#include "http/app_context.h"
#include "http/http_message.h"

namespace vg::http::pages {

std::string chat_token(const Request& request, const SiteSettings& settings);
void set_chat_cookie(Response& response, const std::string& token, const SiteSettings& settings);
void clear_chat_cookie(Response& response, const SiteSettings& settings);

// For Exit this page: forgets the cookie and ends the chat just after, on the chat service's own
// worker, so the way out never waits on the database.
void end_chat_on_exit(const Request& request, Response& response, AppContext& ctx);

}  // namespace vg::http::pages
