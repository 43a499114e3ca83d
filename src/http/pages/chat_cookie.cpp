#include "http/pages/chat_cookie.h"

namespace vg::http::pages {

std::string chat_token(const Request& request) { return request.cookie(kChatCookie).value_or(""); }

void set_chat_cookie(Response& response, const std::string& token, const SiteSettings& settings) {
  // SameSite=Strict: a link from another site never arrives with the chat, and no other site can
  // post into it.
  response.headers.emplace_back("Set-Cookie", std::string(kChatCookie) + "=" + token +
                                                  "; Path=/; HttpOnly; SameSite=Strict" +
                                                  (settings.secure_cookies ? "; Secure" : ""));
}

void clear_chat_cookie(Response& response, const SiteSettings& settings) {
  response.headers.emplace_back("Set-Cookie", std::string(kChatCookie) +
                                                  "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                                  (settings.secure_cookies ? "; Secure" : ""));
}

void end_chat_on_exit(const Request& request, Response& response, AppContext& ctx) {
  if (const std::string token = chat_token(request); !token.empty()) {
    clear_chat_cookie(response, ctx.settings);
    ctx.chat.end_soon(token);
  }
}

}  // namespace vg::http::pages
