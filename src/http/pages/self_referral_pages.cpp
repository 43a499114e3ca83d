// The public self-referral journey (/refer/...) and the anonymous advice route (/refer/advice).
// One question per page, "Is it safe for us to contact you?" first, check your answers, then a
// confirmation with the reference. Every page works without JavaScript and carries Exit this
// page (the public layout). Answers live in a sealed draft named by the vg_refer cookie
// (SameSite=Lax, so another site cannot post answers into someone's draft); the advice route is
// a POST form (so what happened stays out of addresses and history) and stores nothing. A honeypot field and per-address limits stand in for a CAPTCHA.
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "app/intake/self_referral_service.h"
#include "domain/deadlines/working_days.h"
#include "http/cookies.h"
#include "http/pages/chat_cookie.h"
#include "http/pages/form_components.h"
#include "http/pages/page_data.h"
#include "http/routes.h"

namespace vg::http {
namespace {

namespace json = boost::json;
namespace sr = app::self_referral;
using pages::FormFields;

constexpr std::string_view kSection = "Ask for support";

// The draft itself expires in the store; the cookie dies with the browser.
void set_draft_cookie(Response& response, const std::string& token, const SiteSettings& settings) {
  set_cookie(response, kDraftCookie, token, settings);
}

void clear_draft_cookie(Response& response, const SiteSettings& settings) {
  clear_cookie(response, kDraftCookie, settings);
}

// "Safe ways to contact you" → "safe ways to contact you": a label used inside a sentence.
std::string lowercase_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string draft_token(const Request& request, const SiteSettings& settings) {
  return read_cookie(request, kDraftCookie, settings).value_or("");
}

bool honeypot_filled(const FormFields& form) { return !pages::form_value(form, "website").empty(); }

Response stop_page(AppContext& ctx, int status, std::string title,
                   std::vector<std::string> paragraphs, bool start_again) {
  auto page = pages::public_page(title, std::string(kSection));
  page.set("heading", title);
  mustache::data list{mustache::data::type::list};
  for (auto& p : paragraphs) list.push_back(mustache::data(p));
  page.set("paragraphs", list);
  page.set("start_again", start_again);
  return pages::page_response(ctx, status, "refer_stop", std::move(page));
}

Response rate_limited_page(AppContext& ctx) {
  auto response = stop_page(ctx, 429, "Too many requests from your connection",
                            {"We have had a lot of requests from your internet connection in the last "
                             "hour, so we cannot take another one now. Your answers have been kept: "
                             "try again in an hour.",
                             "If you need help now, call the Support Line below."},
                            false);
  response.set_header("Retry-After", "3600");
  return response;
}

Response not_sent_page(AppContext& ctx) {
  return stop_page(ctx, 400, "Your request could not be sent",
                   {"Something about the form looked automated, so we did not send it.",
                    "If you are a person, call the Support Line below and we will take your "
                    "details over the phone."},
                   true);
}

// No draft (expired, deleted, or never started): the start page says the answers are gone.
Response expired() { return redirect("/refer?expired=1"); }

// "Exit this page", from every public page (the endpoint is under /refer so the draft cookie,
// Path=/refer, comes with it). The person leaves at once: the answer forgets the cookie and
// sends them away without waiting on the database; the draft is deleted just after, on the
// self-referral service's own worker, so going back, or opening the form again, finds nothing.
// A live chat (vg_chat, Path=/) is ended the same way. Without JavaScript this is the plain link's target; with it, the button replaces this page in
// the history on its way. The destination is the configured exit_url (a weather page).
Response exit_page(Request& request, AppContext& ctx) {
  Response response = redirect(ctx.settings.exit_url);
  response.set_header("Cache-Control", "no-store");
  if (const std::string token = draft_token(request, ctx.settings); !token.empty()) {
    clear_draft_cookie(response, ctx.settings);
    ctx.self_referrals.discard_soon(token);
  }
  pages::end_chat_on_exit(request, response, ctx);  // a live chat ends with the page too
  return response;
}

Response start_page(Request& request, AppContext& ctx) {
  auto page = pages::public_page("Ask for support after a crime");
  page.set("expired", request.query_param("expired").value_or("") == "1");
  return pages::page_response(ctx, 200, "refer_start", std::move(page));
}

Response start(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  if (honeypot_filled(form)) return not_sent_page(ctx);
  auto token = ctx.self_referrals.start(request.remote_address);
  if (!token) {
    if (token.error().code == "rate_limited") return rate_limited_page(ctx);
    return pages::server_error_page(ctx);
  }
  Response response = redirect("/refer/" + sr::questions().front().slug);
  set_draft_cookie(response, *token, ctx.settings);
  return response;
}

// The option ids GOV.UK uses: the first item takes the field's own id, so the error summary
// can link to it; later items are field-2, field-3...
std::string option_id(const std::string& field, std::size_t index) {
  return index == 0 ? field : field + "-" + std::to_string(index + 1);
}

std::string error_for(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return {};
}

// The question page's data. `form` holds what was just submitted when re-showing with errors;
// otherwise the stored answers fill the page.
mustache::data question_page(const sr::Question& q, const sr::Answers& answers,
                             const FormFields* form, const std::vector<FieldError>& errors,
                             bool change) {
  // The question is the heading, not the title: some questions ("Why do you think you were
  // targeted?") would tell whoever reads the browser's history or tabs what happened.
  auto page = pages::public_page(std::string(kSection));
  page.set("slug", q.slug);
  page.set("field", q.field);
  page.set("heading", q.heading);
  if (!q.hint.empty()) page.set("hint", q.hint);
  page.set("change", change);
  // GOV.UK question pages have a Back link: to the question before (by what applies), not the
  // browser's history, which after a POST would offer to resend the form.
  const std::string previous = sr::previous_page(q.slug, answers);
  page.set("back_href", change ? std::string("/refer/check")
                               : previous.empty() ? std::string("/refer") : "/refer/" + previous);
  const std::string error = error_for(errors, q.field) + error_for(errors, q.field + "-day") +
                            error_for(errors, q.field + "-month") + error_for(errors, q.field + "-year");
  if (!error.empty()) page.set("error", error);
  std::string describedby;
  if (!q.hint.empty()) describedby = q.field + "-hint";
  if (!error.empty()) describedby += (describedby.empty() ? "" : " ") + q.field + "-error";
  if (!describedby.empty() && q.kind != sr::Kind::kTextarea) page.set("describedby", describedby);

  const bool fieldset = q.kind == sr::Kind::kRadios || q.kind == sr::Kind::kCheckboxes || q.kind == sr::Kind::kDate;
  page.set("is_fieldset", fieldset);
  page.set("is_radios", q.kind == sr::Kind::kRadios);
  page.set("is_checkboxes", q.kind == sr::Kind::kCheckboxes);
  page.set("is_date", q.kind == sr::Kind::kDate);
  page.set("is_text", q.kind == sr::Kind::kText);
  page.set("is_textarea", q.kind == sr::Kind::kTextarea);
  page.set("is_select", q.kind == sr::Kind::kSelect);
  page.set("max_length", std::to_string(q.max_length));
  // A text input's own; a date's parts take theirs below.
  if (!q.autocomplete.empty() && q.kind == sr::Kind::kText) page.set("autocomplete", q.autocomplete);

  auto value_of = [&](const std::string& field) -> std::string {
    if (form) return pages::form_value(*form, field);
    return sr::answer_text(answers, field);
  };
  auto picked = [&](const std::string& value) -> bool {
    if (form) {
      auto values = pages::form_values(*form, q.field);
      return std::find(values.begin(), values.end(), value) != values.end();
    }
    if (q.kind == sr::Kind::kCheckboxes) {
      auto list = sr::answer_list(answers, q.field);
      return std::find(list.begin(), list.end(), value) != list.end();
    }
    return sr::answer_text(answers, q.field) == value;
  };

  if (q.kind == sr::Kind::kRadios || q.kind == sr::Kind::kCheckboxes) {
    mustache::data options{mustache::data::type::list};
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      const auto& c = q.choices[i];
      mustache::data o;
      o.set("id", option_id(q.field, i));
      o.set("name", q.field);
      o.set("value", c.value);
      o.set("text", c.text);
      if (!c.hint.empty()) o.set("item_hint", c.hint);
      o.set("checked", picked(c.value));
      o.set("exclusive", c.exclusive);
      if (!c.reveals.empty()) {
        mustache::data reveal;
        reveal.set("id", c.reveals);
        reveal.set("label", c.reveal_label);
        reveal.set("value", value_of(c.reveals));
        reveal.set("type", c.reveal_type == "textarea" ? std::string("text") : c.reveal_type);
        reveal.set("is_textarea", c.reveal_type == "textarea");
        if (!c.reveal_autocomplete.empty()) reveal.set("autocomplete", c.reveal_autocomplete);
        if (auto e = error_for(errors, c.reveals); !e.empty()) reveal.set("error", e);
        o.set("reveal", reveal);
      }
      options.push_back(o);
    }
    page.set("options", options);
  } else if (q.kind == sr::Kind::kSelect) {
    const std::string current = value_of(q.field);
    page.set("groups", pages::option_groups(pages::local_authority_groups(), current));
    // After the districts, the question's own choice ("Somewhere else"), if it has one.
    if (!q.choices.empty() && sr::area_of(q.choices.back().value).empty()) {
      mustache::data trailing;
      trailing.set("value", q.choices.back().value);
      trailing.set("text", q.choices.back().text);
      trailing.set("selected", current == q.choices.back().value);
      page.set("trailing", trailing);
    }
  } else if (q.kind == sr::Kind::kDate) {
    std::string day, month, year;
    if (form) {
      day = pages::form_value(*form, q.field + "-day");
      month = pages::form_value(*form, q.field + "-month");
      year = pages::form_value(*form, q.field + "-year");
    } else if (auto iso = sr::answer_text(answers, q.field); iso.size() == 10) {
      year = iso.substr(0, 4);
      month = std::to_string(std::stoi(iso.substr(5, 2)));
      day = std::to_string(std::stoi(iso.substr(8, 2)));
    }
    mustache::data parts{mustache::data::type::list};
    auto part = [&](const char* suffix, const char* label, const char* width, const std::string& value) {
      mustache::data p;
      const std::string id = q.field + "-" + suffix;
      p.set("id", id);
      p.set("label", std::string(label));
      p.set("width", std::string(width));
      p.set("value", value);
      p.set("invalid", !error.empty());
      // "bday" for a date of birth: bday-day, bday-month, bday-year.
      if (!q.autocomplete.empty()) p.set("autocomplete", q.autocomplete + "-" + suffix);
      parts.push_back(p);
    };
    part("day", "Day", "2", day);
    part("month", "Month", "2", month);
    part("year", "Year", "4", year);
    page.set("date_parts", parts);
  } else {
    page.set("value", value_of(q.field));
  }

  if (!errors.empty()) {
    std::vector<FieldError> summary = errors;
    std::map<std::string, std::string> anchors;
    for (const auto& e : errors) anchors[e.field] = e.field == q.field && q.kind == sr::Kind::kDate ? q.field + "-day" : e.field;
    pages::add_field_errors(page, summary, anchors);
  }
  return page;
}

// The draft, or the page to go to instead: none (expired), or already sent.
struct LoadedDraft {
  std::optional<sr::Answers> answers;
  std::optional<Response> instead;
};

LoadedDraft load_draft(const Request& request, AppContext& ctx) {
  auto loaded = ctx.self_referrals.load(draft_token(request, ctx.settings));
  if (!loaded) return {std::nullopt, pages::server_error_page(ctx)};
  if (!*loaded) return {std::nullopt, expired()};
  if ((*loaded)->contains("submitted") || (*loaded)->contains("sending")) {
    return {std::nullopt, redirect("/refer/confirmation")};
  }
  return {std::move(*loaded), std::nullopt};
}

Response question(Request& request, AppContext& ctx) {
  const auto* q = sr::find_question(request.path_params["slug"]);
  if (q == nullptr) return pages::not_found_page(ctx);
  auto draft = load_draft(request, ctx);
  if (draft.instead) return std::move(*draft.instead);
  if (!sr::applies(*q, *draft.answers)) return redirect("/refer/" + sr::first_unanswered(*draft.answers));
  const bool change = request.query_param("change").value_or("") == "1";
  return pages::page_response(ctx, 200, "refer_question",
                              question_page(*q, *draft.answers, nullptr, {}, change));
}

Response answer(Request& request, AppContext& ctx) {
  const auto* q = sr::find_question(request.path_params["slug"]);
  if (q == nullptr) return pages::not_found_page(ctx);
  auto draft = load_draft(request, ctx);
  if (draft.instead) return std::move(*draft.instead);
  const FormFields form = parse_form(request.body);
  const bool change = pages::form_value(form, "change") == "1";
  auto& answers = *draft.answers;
  auto errors = sr::record_answer(*q, form, answers, deadlines::london_date(ctx.clock.now()));
  if (!errors.empty()) {
    return pages::page_response(ctx, 400, "refer_question",
                                question_page(*q, answers, &form, errors, change));
  }
  const std::string next = change && sr::first_unanswered(answers) == "check"
                               ? std::string("check")
                               : sr::next_page(q->slug, answers);
  if (next == "not-safe" || next == "outside-area") {
    // Nothing more will be asked: the answers given so far are deleted at once.
    if (!ctx.self_referrals.discard(draft_token(request, ctx.settings))) return pages::server_error_page(ctx);
    Response response = redirect("/refer/" + next);
    clear_draft_cookie(response, ctx.settings);
    return response;
  }
  if (!ctx.self_referrals.save(draft_token(request, ctx.settings), answers)) return pages::server_error_page(ctx);
  return redirect("/refer/" + next);
}

mustache::data check_page(const sr::Answers& answers, const std::vector<FieldError>& errors) {
  auto page = pages::public_page("Check your answers before sending your request", std::string(kSection));
  // The sections and their rows are the questions file's (check_your_answers).
  mustache::data list{mustache::data::type::list};
  for (const auto& s : sr::check_sections()) {
    mustache::data rows{mustache::data::type::list};
    for (const auto& slug : s.slugs) {
      const auto* q = sr::find_question(slug);
      if (q == nullptr || !sr::applies(*q, answers)) continue;
      mustache::data row;
      row.set("key", q->summary);
      row.set("slug", q->slug);
      row.set("change_text", lowercase_first(q->summary));
      mustache::data lines{mustache::data::type::list};
      for (auto& line : sr::answer_lines(*q, answers)) lines.push_back(mustache::data(line));
      row.set("lines", lines);
      rows.push_back(row);
    }
    mustache::data section;
    section.set("title", s.title);
    section.set("rows", rows);
    list.push_back(section);
  }
  page.set("sections", list);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  return page;
}

Response check(Request& request, AppContext& ctx) {
  auto draft = load_draft(request, ctx);
  if (draft.instead) return std::move(*draft.instead);
  if (auto next = sr::first_unanswered(*draft.answers); next != "check") return redirect("/refer/" + next);
  return pages::page_response(ctx, 200, "refer_check", check_page(*draft.answers, {}));
}

// The page after a send: the confirmation, or why not.
Response after_sending(AppContext& ctx, const sr::Answers& answers,
                       const Result<app::SubmittedSelfReferral>& sent) {
  if (!sent) {
    const auto& code = sent.error().code;
    if (code == "rate_limited") return rate_limited_page(ctx);
    if (code == "conflict") return redirect("/refer/confirmation");
    if (code == "not_found") return expired();
    if (code == "validation_failed") {
      if (auto next = sr::first_unanswered(answers); next != "check") return redirect("/refer/" + next);
      // Every page passed, but the referral as a whole did not: say so on the check page.
      std::vector<FieldError> errors;
      for (const auto& f : sent.error().fields) errors.push_back({"main-content", f.code, f.message});
      if (errors.empty()) errors.push_back({"main-content", "invalid", sent.error().message});
      return pages::page_response(ctx, 400, "refer_check", check_page(answers, errors));
    }
    return pages::server_error_page(ctx);
  }
  return redirect("/refer/confirmation");
}

// Asynchronous: the referral waits for the writer's next commit without holding this
// connection's thread; the draft is saved and the page made back on it.
void send(Request& request, AppContext& ctx, Reply reply) {
  auto draft = load_draft(request, ctx);
  if (draft.instead) return reply(std::move(*draft.instead));
  const FormFields form = parse_form(request.body);
  if (honeypot_filled(form)) return reply(not_sent_page(ctx));
  ctx.self_referrals.submit_async(
      draft_token(request, ctx.settings), request.remote_address,
      [&ctx, reply, answers = std::move(*draft.answers)](app::SelfReferralService::FinishSend finish) mutable {
        reply.later([&ctx, answers = std::move(answers), finish = std::move(finish)] {
          return after_sending(ctx, answers, finish());
        });
      });
}

// The safe ways the victim chose ("phone call", "email"), in the contact question's own words
// and order, so the confirmation says exactly what they picked.
mustache::data safe_ways(const std::vector<std::string>& methods) {
  mustache::data ways{mustache::data::type::list};
  const auto* q = sr::find_question("contact");
  for (const auto& c : q ? q->choices : std::vector<sr::Choice>{}) {
    if (std::find(methods.begin(), methods.end(), c.value) == methods.end()) continue;
    ways.push_back(mustache::data(lowercase_first(c.text)));
  }
  return ways;
}

// The area's own support line: its gateway's general service (the routing rules' fallback,
// which takes any crime), so the name says nothing about what happened. Absent when the area
// or its service cannot be read: the national line and 999 are on the page regardless.
std::optional<mustache::data> area_helpline(AppContext& ctx, const std::string& area) {
  if (area.empty()) return std::nullopt;
  auto pack = ctx.area_packs.area_pack(area);
  if (!pack) return std::nullopt;
  auto service = ctx.directory.view_service((*pack)->rules.fallback_service);
  if (!service || service->phones.empty() || service->status != "active") return std::nullopt;
  const std::string tel = pages::tel_href(service->phones.front());
  if (tel.empty()) return std::nullopt;
  mustache::data line;
  for (const auto& a : sr::areas()) {
    if (a.id == area) line.set("area_name", a.name);
  }
  line.set("name", service->name);
  line.set("phone", service->phones.front());
  line.set("tel_href", tel);
  std::string hours;
  for (const auto& h : service->opening_times) hours += (hours.empty() ? "" : "; ") + h;
  if (!hours.empty()) line.set("hours", hours);
  line.set("illustrative", service->illustrative_contact_details);
  return line;
}

Response confirmation(Request& request, AppContext& ctx) {
  // A second click on "Send request" lands here while the first is still storing the referral:
  // wait for it (a few milliseconds as a rule; bounded) rather than say the answers are gone.
  for (int i = 0; i < 40; ++i) {
    auto sending = ctx.self_referrals.being_sent(draft_token(request, ctx.settings));
    if (!sending) return pages::server_error_page(ctx);
    if (!*sending) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto sent = ctx.self_referrals.submitted(draft_token(request, ctx.settings));
  if (!sent) return pages::server_error_page(ctx);
  if (!*sent) return expired();
  auto page = pages::public_page("Request sent", std::string(kSection));
  page.set("reference", (*sent)->reference);
  if (!(*sent)->contact_by.empty()) page.set("contact_by", pages::long_date((*sent)->contact_by));
  page.set("held_for_consent", (*sent)->held_for_consent);
  const auto& methods = (*sent)->contact_methods;
  page.set("has_contact_ways", !methods.empty());
  page.set("contact_ways", safe_ways(methods));
  const bool calls = std::ranges::any_of(methods, [](const auto& m) { return m == "call" || m == "text"; });
  page.set("contact_times_given", (*sent)->contact_times_given && calls);
  if (auto helpline = area_helpline(ctx, (*sent)->area)) page.set("helpline", *helpline);
  return pages::page_response(ctx, 200, "refer_confirmation", std::move(page));
}

Response not_safe(Request&, AppContext& ctx) {
  return stop_page(ctx, 200, "We will not contact you",
                   {"We have deleted your answers. Nothing about you has been stored.",
                    "You can still get advice and find services without giving your details, and "
                    "you can ask us to contact you when it is safe."},
                   true);
}

Response outside_area(Request&, AppContext& ctx) {
  return stop_page(ctx, 200, "We cannot take your request",
                   {"This service is for people affected by crime in Greater Manchester, Merseyside "
                    "and Staffordshire. We have deleted your answers.",
                    "Victim Support can help you wherever you live in England and Wales."},
                   true);
}

// The advice route's form. GET only ever shows it empty: a query string would put the kind of
// crime into the address and the browser's history, so answers come by POST (advice_answer).
Response advice(AppContext& ctx, const FormFields& form, bool asked) {
  const std::string what = pages::form_value(form, "what");
  const std::string where = pages::form_value(form, "where");
  const auto* kind = sr::find_crime_kind(what);
  std::vector<FieldError> errors;
  if (asked && kind == nullptr) errors.push_back({"what", "required", "Select what happened"});
  if (!where.empty() && sr::area_of(where).empty()) errors.push_back({"where", "unknown", "Select a place from the list"});

  // The same title with or without an answer: it must never name what happened.
  auto page = pages::public_page("Get advice", std::string(kSection));
  mustache::data kinds{mustache::data::type::list};
  for (std::size_t i = 0; i < sr::crime_kinds().size(); ++i) {
    const auto& k = sr::crime_kinds()[i];
    mustache::data o;
    o.set("id", option_id("what", i));
    o.set("value", k.value);
    o.set("text", k.text);
    o.set("checked", k.value == what);
    kinds.push_back(o);
  }
  page.set("kinds", kinds);
  page.set("groups", pages::option_groups(pages::local_authority_groups(), where));
  std::string place;
  for (const auto& group : pages::local_authority_groups()) {
    for (const auto& [code, name] : group.options) {
      if (code == where) place = name;
    }
  }

  if (!errors.empty()) {
    pages::add_field_errors(page, errors, {{"what", "what"}, {"where", "where"}});
    return pages::page_response(ctx, 400, "refer_advice", std::move(page));
  }
  if (kind != nullptr) {
    page.set("has_result", true);
    page.set("kind_text", kind->text);
    page.set("advice", kind->advice);
    if (!place.empty()) page.set("place", place);
    app::ServiceSearch search;
    if (!kind->crime_type.empty()) search.crime_types.push_back(kind->crime_type);
    if (!where.empty()) search.local_authorities.push_back(where);
    search.per_page = 5;
    auto result = ctx.directory.search_services(search);
    if (!result) return pages::server_error_page(ctx);
    const auto* found = &result->page;
    mustache::data services{mustache::data::type::list};
    for (const app::ServiceRecord& s : found->items) {
      mustache::data item;
      item.set("id", s.id);
      item.set("name", s.name);
      item.set("description", s.description);
      services.push_back(item);
    }
    page.set("services", services);
    if (found->total_items > static_cast<std::int64_t>(found->items.size())) {
      std::string href = "/find-support?";
      if (!kind->crime_type.empty()) href += "crime_type=" + pages::url_encode(kind->crime_type) + "&";
      if (!where.empty()) href += "local_authority=" + pages::url_encode(where);
      page.set("more_href", href);
      page.set("total", std::to_string(found->total_items));
    }
  }
  return pages::page_response(ctx, 200, "refer_advice", std::move(page));
}

Response advice_form(Request&, AppContext& ctx) { return advice(ctx, {}, false); }

Response advice_answer(Request& request, AppContext& ctx) {
  return advice(ctx, parse_form(request.body), true);
}

}  // namespace

void add_self_referral_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/refer", Guard::everyone(), bind(start_page));
  router.add("POST", "/refer/start", Guard::everyone(), bind(start));
  router.add("GET", "/refer/advice", Guard::everyone(), bind(advice_form));
  router.add("POST", "/refer/advice", Guard::everyone(), bind(advice_answer));
  router.add("GET", "/refer/check", Guard::everyone(), bind(check));
  router.add_async("POST", "/refer/check", Guard::everyone(),
                   [&ctx](Request& request, Reply reply) { send(request, ctx, reply); });
  router.add("GET", "/refer/confirmation", Guard::everyone(), bind(confirmation));
  router.add("GET", "/refer/not-safe", Guard::everyone(), bind(not_safe));
  router.add("GET", "/refer/outside-area", Guard::everyone(), bind(outside_area));
  router.add("GET", "/refer/exit", Guard::everyone(), bind(exit_page));
  router.add("GET", "/refer/{slug}", Guard::everyone(), bind(question));
  router.add("POST", "/refer/{slug}", Guard::everyone(), bind(answer));
}

}  // namespace vg::http
