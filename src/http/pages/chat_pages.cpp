// Live chat without JavaScript (issue 16, first slice). The victim's side is /chat: choose where
// you live, wait for an advisor, write, and refresh to see new messages; the chat is found by the
// vg_chat cookie alone, so no address names it, and its title is the same neutral one
// throughout. When no advisor is on it says so and offers the self-referral and 999. The
// advisor's side is /staff/chats: the area's queue with wait times, taking a chat, writing,
// ending. Every chat response is Cache-Control: no-store, so no copy is left on the device.
#include <chrono>
#include <cstdio>
#include <string>

#include "app/accounts/actor.h"
#include "app/chat/area_helplines.h"
#include "app/intake/self_referral_journey.h"
#include "domain/chat/chat_concern.h"
#include "domain/chat/chat_message.h"
#include "domain/deadlines/working_days.h"
#include "http/pages/break_glass_pages.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/chat_cookie.h"
#include "http/pages/page_data.h"
#include "http/pages/service_page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using pages::FormFields;
using pages::form_value;

constexpr std::string_view kChatTitle = "Talk to someone";
constexpr std::string_view kStaffSection = "Live chat";

// No copy of any chat page, or of where a chat form led, is kept by the browser or a proxy.
Response no_store(Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

// "14:05" in Europe/London.
std::string london_clock(chat::Instant at) {
  const auto midnight = deadlines::london_time(deadlines::london_date(at), std::chrono::minutes(0));
  const auto minutes = std::chrono::floor<std::chrono::minutes>(at - midnight).count();
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(minutes / 60 % 24), static_cast<int>(minutes % 60));
  return out;
}

std::string area_name(const std::string& id) {
  for (const auto& a : app::self_referral::areas()) {
    if (a.id == id) return a.name;
  }
  return id;
}

// Who reads a transcript: the victim, the advisor who took the chat, or someone reading the case.
enum class Reader { kVictim, kTaker, kCase };

// The transcript as the page lists it: each side's own messages are "You".
mustache::data transcript_lines(const app::ChatTranscript& t, Reader reader) {
  const bool for_victim = reader == Reader::kVictim;
  mustache::data lines{mustache::data::type::list};
  for (const auto& line : t.lines) {
    mustache::data item;
    item.set("seq", std::to_string(line.seq));
    item.set("time", london_clock(line.at));
    switch (line.kind) {
      case chat::ChatEventKind::kMessage: {
        const bool victims = line.party == chat::ChatParty::kVictim;
        const bool mine = reader != Reader::kCase && victims == for_victim;
        item.set("is_message", true);
        item.set("mine", mine);
        item.set("who", mine ? std::string("You") : std::string(victims ? "Victim" : "Advisor"));
        item.set("text", line.text);
        break;
      }
      case chat::ChatEventKind::kStarted:
        item.set("event", std::string(for_victim ? "You started the chat" : "The victim started the chat"));
        break;
      case chat::ChatEventKind::kTaken:
        item.set("event", std::string(reader == Reader::kTaker ? "You took the chat" : "An advisor joined the chat"));
        break;
      case chat::ChatEventKind::kEnded:
        item.set("event", std::string("The chat ended"));
        break;
      case chat::ChatEventKind::kReferred:
        // The victim is told the reference and nothing else about the referral.
        item.set("event", for_victim ? "Your advisor referred you for support. Your reference is " +
                                           t.chat.referral_reference
                                     : "Referral " + t.chat.referral_reference + " made from this chat");
        break;
    }
    lines.push_back(item);
  }
  return lines;
}

// The concerns recorded beside a chat, for partials/chat_concerns: staff pages only.
void set_concerns(mustache::data& page, const app::ChatTranscript& t) {
  mustache::data list{mustache::data::type::list};
  for (const auto& c : t.concerns) {
    mustache::data item;
    item.set("kind", std::string(chat::to_label(c.concern.kind)));
    item.set("time", london_clock(c.concern.recorded_at));
    item.set("note_text", c.note);
    item.set("on_case", !c.concern.case_task_id.empty());
    list.push_back(item);
  }
  page.set("has_concerns", !t.concerns.empty());
  page.set("concerns", list);
}

// The kinds of concern, for the form's radios.
mustache::data concern_kinds(const std::string& picked) {
  using chat::ConcernKind;
  mustache::data list{mustache::data::type::list};
  bool first = true;
  for (const auto kind : {ConcernKind::kDangerToLife, ConcernKind::kChildAtRisk, ConcernKind::kAdultAtRisk,
                          ConcernKind::kDomesticAbuseHighRisk, ConcernKind::kOther}) {
    const std::string code(chat::to_code(kind));
    mustache::data item;
    item.set("value", code);
    item.set("text", std::string(chat::to_label(kind)));
    item.set("input_id", first ? std::string("kind") : "kind-" + code);
    item.set("checked", code == picked);
    list.push_back(item);
    first = false;
  }
  return list;
}

// --- the victim's side ------------------------------------------------------------------------

mustache::data area_choices(const std::string& picked) {
  mustache::data list{mustache::data::type::list};
  bool first = true;
  for (const auto& a : app::self_referral::areas()) {
    mustache::data item;
    item.set("value", a.id);
    item.set("text", a.name);
    item.set("input_id", first ? std::string("area") : "area-" + a.id);
    item.set("checked", a.id == picked);
    list.push_back(item);
    first = false;
  }
  return list;
}

Response start_page(AppContext& ctx, int status, const std::string& picked, const std::vector<FieldError>& errors,
                    bool left) {
  auto page = pages::public_page(std::string(kChatTitle));
  if (!errors.empty()) pages::add_field_errors(page, errors);
  page.set("areas", area_choices(picked));
  page.set("left", left);
  return pages::page_response(ctx, status, "chat_start", std::move(page));
}

// The area's helplines from its directory, for the page's "helplines" and "has_helplines".
// Without the directory the page still has everything else.
void set_helplines(mustache::data& page, AppContext& ctx, const std::string& area) {
  mustache::data helplines{mustache::data::type::list};
  for (const auto& view : app::area_helplines(ctx.directory, area).value_or(std::vector<app::ServiceView>{})) {
    helplines.push_back(pages::service_data(view));
  }
  page.set("has_helplines", !helplines.is_empty_list());
  page.set("helplines", helplines);
}

// Out of hours, or no advisor on: 999, the area's helplines from its directory, the
// self-referral, and when the chat is open.
Response unavailable_page(AppContext& ctx, const std::string& area) {
  auto page = pages::public_page(std::string(kChatTitle));
  page.set("area", area_name(area));
  page.set("closed", !ctx.chat.within_hours(area));
  const auto hours_text = ctx.chat.hours_text(area);
  mustache::data hours{mustache::data::type::list};
  for (const auto& line : hours_text) hours.push_back(mustache::data(line));
  page.set("hours", hours);
  page.set("has_hours", !hours_text.empty());
  set_helplines(page, ctx, area);
  return pages::page_response(ctx, 200, "chat_unavailable", std::move(page));
}

Response conversation_page(AppContext& ctx, int status, const app::ChatTranscript& t,
                           const std::vector<FieldError>& errors, const std::string& typed) {
  auto page = pages::public_page(std::string(kChatTitle));
  if (!errors.empty()) pages::add_field_errors(page, errors);
  page.set("lines", transcript_lines(t, Reader::kVictim));
  page.set("waiting", t.chat.state == chat::ChatState::kWaiting);
  page.set("ended", t.chat.state == chat::ChatState::kEnded);
  pages::set_text(page, "reference", t.chat.referral_reference);
  page.set("message", typed);
  page.set("max_length", std::to_string(chat::kMaxMessageCharacters));
  return pages::page_response(ctx, status, "chat_conversation", std::move(page));
}

Response chat_page(Request& request, AppContext& ctx) {
  const std::string token = pages::chat_token(request, ctx.settings);
  if (!token.empty()) {
    auto t = ctx.chat.victim_transcript(token);
    if (!t) return pages::server_error_page(ctx);
    if (*t) return conversation_page(ctx, 200, **t, {}, {});
  }
  Response response = start_page(ctx, 200, {}, {}, request.query_param("left").value_or("") == "1");
  // A cookie for a chat that is gone (ended elsewhere, or from another database) is forgotten.
  if (!token.empty()) pages::clear_chat_cookie(response, ctx.settings);
  return response;
}

Response start_chat(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  const std::string area = form_value(form, "area");
  auto token = ctx.chat.start(area, request.remote_address);
  if (!token) {
    const auto& e = token.error();
    if (e.code == "validation_failed") return start_page(ctx, 400, area, e.fields, false);
    if (e.code == "unavailable") return unavailable_page(ctx, area);
    if (e.code == "rate_limited") {
      return start_page(ctx, 429, area,
                        {{"area", "rate_limited", "Too many chats are open from your connection. End one, or call the Support Line below"}},
                        false);
    }
    return pages::server_error_page(ctx);
  }
  Response response = redirect("/chat");
  pages::set_chat_cookie(response, *token, ctx.settings);
  return response;
}

Response send_message(Request& request, AppContext& ctx) {
  const std::string token = pages::chat_token(request, ctx.settings);
  const FormFields form = parse_form(request.body);
  const std::string typed = form_value(form, "message");
  auto sent = ctx.chat.victim_message(token, typed);
  if (sent) return redirect("/chat#latest");
  if (sent.error().code == "not_found") return redirect("/chat");
  auto t = ctx.chat.victim_transcript(token);
  if (!t) return pages::server_error_page(ctx);
  if (!*t) return redirect("/chat");  // left in another tab: nothing to show
  if (sent.error().code == "validation_failed") return conversation_page(ctx, 400, **t, sent.error().fields, typed);
  if (sent.error().code == "conflict") return conversation_page(ctx, 409, **t, {}, {});
  return pages::server_error_page(ctx);
}

Response leave_chat(Request& request, AppContext& ctx) {
  const std::string token = pages::chat_token(request, ctx.settings);
  if (!token.empty()) {
    auto ended = ctx.chat.victim_end(token, chat::EndReason::kVictimLeft);
    if (!ended && ended.error().code != "not_found") return pages::server_error_page(ctx);
  }
  Response response = redirect("/chat?left=1");
  pages::clear_chat_cookie(response, ctx.settings);
  return response;
}

// --- the advisor's side -----------------------------------------------------------------------

struct Staff {
  app::CurrentUser user;
  access::Actor actor;
};

std::optional<Staff> staff_asking(const Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return std::nullopt;
  return Staff{*user, app::actor_of(*user)};
}

std::string waited_text(std::chrono::minutes waited) {
  if (waited.count() < 1) return "Less than a minute";
  if (waited.count() == 1) return "1 minute";
  return std::to_string(waited.count()) + " minutes";
}

Response queue_page(AppContext& ctx, const Staff& staff, int status, const std::vector<FieldError>& errors) {
  auto queue = ctx.chat.queue(staff.actor);
  if (!queue) {
    if (queue.error().code == "forbidden") return pages::forbidden_page(ctx, staff.user);
    return pages::server_error_page(ctx);
  }
  auto page = pages::staff_page("Chat queue", std::string(kStaffSection), staff.user);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  mustache::data waiting{mustache::data::type::list};
  int number = 1;
  for (const auto& q : queue->waiting) {
    mustache::data row;
    row.set("id", q.id);
    row.set("number", std::to_string(number++));
    row.set("area", area_name(q.area));
    row.set("waited", waited_text(q.waited));
    row.set("csrf_token", staff.user.csrf_token);
    waiting.push_back(row);
  }
  page.set("waiting", waiting);
  page.set("has_waiting", !queue->waiting.empty());
  mustache::data mine{mustache::data::type::list};
  for (const auto& c : queue->mine) {
    mustache::data row;
    row.set("id", c.id);
    row.set("area", area_name(c.area));
    row.set("since", c.taken_at ? london_clock(*c.taken_at) : std::string());
    mine.push_back(row);
  }
  page.set("mine", mine);
  page.set("has_mine", !queue->mine.empty());
  return pages::page_response(ctx, status, "staff_chat_queue", std::move(page));
}

Response show_queue(Request& request, AppContext& ctx) {
  auto staff = staff_asking(request, ctx);
  if (!staff) return redirect("/sign-in");
  return queue_page(ctx, *staff, 200, {});
}

Response refused(AppContext& ctx, const Staff& staff, const Error& error) {
  if (error.code == "not_found") return pages::not_found_page(ctx, staff.user);
  if (error.code == "forbidden") return pages::forbidden_page(ctx, staff.user);
  if (error.code == "conflict") return queue_page(ctx, staff, 409, {{"queue", "conflict", error.message}});
  return pages::server_error_page(ctx);
}

// What the concern form had in it, to show again beside its errors.
struct ConcernTyped {
  std::string kind;
  std::string note;
};

Response conversation(AppContext& ctx, const Staff& staff, const std::string& id, int status,
                      const std::vector<FieldError>& errors, const std::string& typed,
                      const ConcernTyped& concern = {}) {
  auto t = ctx.chat.advisor_transcript(staff.actor, id);
  if (!t) return refused(ctx, staff, t.error());
  auto page = pages::staff_page("Chat", std::string(kStaffSection), staff.user);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  page.set("id", id);
  page.set("area", area_name(t->chat.area));
  page.set("lines", transcript_lines(*t, Reader::kTaker));
  set_helplines(page, ctx, t->chat.area);  // beside the chat, with the risk prompt
  page.set("ended", t->chat.state == chat::ChatState::kEnded);
  pages::set_text(page, "reference", t->chat.referral_reference);
  page.set("message", typed);
  page.set("max_length", std::to_string(chat::kMaxMessageCharacters));
  set_concerns(page, *t);
  page.set("concern_kinds", concern_kinds(concern.kind));
  page.set("note", concern.note);
  page.set("note_max_length", std::to_string(chat::kMaxConcernNoteCharacters));
  return pages::page_response(ctx, status, "staff_chat", std::move(page));
}

Response show_chat(Request& request, AppContext& ctx) {
  auto staff = staff_asking(request, ctx);
  if (!staff) return redirect("/sign-in");
  return conversation(ctx, *staff, request.path_param("id"), 200, {}, {});
}

// A staff form's POST about chat {id}: signed in with a valid CSRF token (otherwise 403), then
// `act(staff, id, form)`.
template <typename Act>
Response staff_post(Request& request, AppContext& ctx, Act act) {
  const FormFields form = parse_form(request.body);
  auto staff = staff_asking(request, ctx);
  if (!staff || !csrf_valid(request, form, staff->user, ctx)) return pages::forbidden_page(ctx);
  return act(*staff, request.path_param("id"), form);
}

Response take_chat(Request& request, AppContext& ctx) {
  return staff_post(request, ctx, [&ctx](const Staff& staff, const std::string& id, const FormFields&) {
    auto taken = ctx.chat.take(staff.actor, id);
    if (!taken) return refused(ctx, staff, taken.error());
    return redirect("/staff/chats/" + id);
  });
}

Response advisor_message(Request& request, AppContext& ctx) {
  return staff_post(request, ctx, [&ctx](const Staff& staff, const std::string& id, const FormFields& form) {
    const std::string typed = form_value(form, "message");
    auto sent = ctx.chat.advisor_message(staff.actor, id, typed);
    if (sent) return redirect("/staff/chats/" + id + "#latest");
    const auto& e = sent.error();
    if (e.code == "validation_failed") return conversation(ctx, staff, id, 400, e.fields, typed);
    if (e.code == "conflict") return conversation(ctx, staff, id, 409, {{"message", "conflict", e.message}}, typed);
    return refused(ctx, staff, e);
  });
}

Response end_chat(Request& request, AppContext& ctx) {
  return staff_post(request, ctx, [&ctx](const Staff& staff, const std::string& id, const FormFields&) {
    auto ended = ctx.chat.advisor_end(staff.actor, id);
    if (!ended && ended.error().code != "conflict") return refused(ctx, staff, ended.error());
    return redirect("/staff/chats");
  });
}

Response record_concern(Request& request, AppContext& ctx) {
  return staff_post(request, ctx, [&ctx](const Staff& staff, const std::string& id, const FormFields& form) {
    const ConcernTyped typed{form_value(form, "kind"), form_value(form, "note")};
    auto recorded = ctx.chat.record_concern(staff.actor, id, typed.kind, typed.note);
    if (recorded) return redirect("/staff/chats/" + id + "#concerns");
    const auto& e = recorded.error();
    if (e.code == "validation_failed") return conversation(ctx, staff, id, 400, e.fields, {}, typed);
    if (e.code == "conflict") return conversation(ctx, staff, id, 409, {{"note", "conflict", e.message}}, {}, typed);
    return refused(ctx, staff, e);
  });
}

// --- a case's chat (the transcript of the chat a referral was made from) ------------------------

Response case_chat(Request& request, AppContext& ctx) {
  auto person = case_pages::person_asking(request, ctx);
  if (!person) return std::move(person.error());
  const std::string id = request.path_param("id");
  auto t = ctx.chat.case_transcript(person->actor, id);
  if (!t) return case_pages::case_read_refused(request, ctx, *person, t.error());
  auto page = pages::staff_page("Chat", "Cases", person->user);
  case_pages::set_case_navigation(page, id, "/cases/" + id);
  page.set("id", id);
  page.set("has_chat", t->has_value());
  if (*t) {
    page.set("reference", (*t)->chat.referral_reference);
    page.set("area", area_name((*t)->chat.area));
    page.set("lines", transcript_lines(**t, Reader::kCase));
    set_concerns(page, **t);
  }
  return pages::page_response(ctx, 200, "case_chat", std::move(page));
}

}  // namespace

void add_chat_pages(Router& router, AppContext& ctx) {
  // Every chat response, pages and redirects alike, on both sides: no-store.
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) -> Handler {
    return [page, &ctx](Request& request) { return no_store(page(request, ctx)); };
  };
  router.add("GET", "/chat", Guard::everyone(), bind(chat_page));
  router.add("POST", "/chat/start", Guard::everyone(), bind(start_chat));
  router.add("POST", "/chat/messages", Guard::everyone(), bind(send_message));
  router.add("POST", "/chat/end", Guard::everyone(), bind(leave_chat));
  const auto takers = Guard::may(access::Action::kTakeChat);
  const auto answerers = Guard::may(access::Action::kAnswerChat);
  router.add("GET", "/staff/chats", takers, bind(show_queue));
  router.add("POST", "/staff/chats/{id}/take", takers, bind(take_chat));
  router.add("GET", "/staff/chats/{id}", answerers, bind(show_chat));
  router.add("POST", "/staff/chats/{id}/messages", answerers, bind(advisor_message));
  router.add("POST", "/staff/chats/{id}/end", answerers, bind(end_chat));
  router.add("POST", "/staff/chats/{id}/concerns", answerers, bind(record_concern));
  router.add("GET", "/cases/{id}/chat", Guard::may(access::Action::kReadReferral), bind(case_chat));
}

}  // namespace vg::http
