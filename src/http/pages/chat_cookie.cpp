#include "http/pages/chat_cookie.h"

#include "http/cookies.h"

namespace vg::http::pages {

std::string chat_token(const Request& request, const SiteSettings& settings) {
  return read_cookie(request, kChatCookie, settings).value_or("");
}

void set_chat_cookie(Response& response, const std::string& token, const SiteSettings& settings) {
  set_cookie(response, kChatCookie, token, settings);
}

void clear_chat_cookie(Response& response, const SiteSettings& settings) {
  clear_cookie(response, kChatCookie, settings);
}

void end_chat_on_exit(const Request& request, Response& response, AppContext& ctx) {
  if (const std::string token = chat_token(request, ctx.settings); !token.empty()) {
    clear_chat_cookie(response, ctx.settings);
    ctx.chat.end_soon(token);
  }
}

}  // namespace vg::http::pages
