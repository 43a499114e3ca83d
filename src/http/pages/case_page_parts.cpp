#include "http/pages/case_page_parts.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "app/casework/case_read_right.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/directory/local_authorities.h"
#include "domain/casework/case_clock.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
#include "domain/casework/case_closing.h"
#include "domain/casework/case_merge.h"
#include "domain/casework/contact_attempt.h"
#include "domain/casework/onward_referral.h"
#include "domain/casework/victim_message.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http::case_pages {

namespace json = boost::json;

void set_case_navigation(mustache::data& page, const std::string& case_id, std::string_view current) {
  const std::string base = "/cases/" + case_id;
  pages::set_sub_navigation(page,
                            {{"Summary", base},
                             {"Risk", base + "/risk"},
                             {"Needs", base + "/needs"},
                             {"Plan", base + "/plan"},
                             {"Tasks", base + "/tasks"},
                             {"Onward referrals", base + "/onward-referrals"},
                             {"Messages", base + "/messages"},
                             {"Notes", base + "/notes"},
                             {"Rights", base + "/rights"},
                             {"Close", base + "/close"},
                             {"Duplicates", base + "/duplicates"}},
                            current);
}

void set_queue_navigation(mustache::data& page, std::string_view current) {
  pages::set_sub_navigation(page, {{"Case queue", "/cases"}, {"My cases", "/cases?mine=yes"}, {"My tasks", "/tasks"},
                                   {"Your account", "/staff"}},
                            current);
}

std::string risk_label(int rank) {
  static const char* const kRiskLabels[] = {"Standard", "Medium", "High"};
  return kRiskLabels[std::clamp(rank, 0, 2)];
}

std::string channel_label(const std::string& channel) {
  if (channel == "police") return "Police";
  if (channel == "self") return "Self-referral";
  if (channel == "partner") return "Partner agency";
  if (channel == "phone") return "Phone";
  if (channel == "chat") return "Live chat";
  return channel;
}

std::string local_authority_name(const std::string& code) {
  const auto* la = app::find_local_authority(code);
  return la ? la->name : code;
}

std::string offence_name(AppContext& ctx, const std::string& area, const std::string& code) {
  auto pack = ctx.area_packs.area_pack(area);
  if (!pack) return code;
  for (const auto& c : (*pack)->policy.offence_categories) {
    if (c.code == code) return c.name;
  }
  return code;
}

mustache::data clock_data(casework::Date due, AppContext& ctx) {
  const auto reading = casework::read_clock(due, deadlines::london_date(ctx.clock.now()),
                                            app::england_and_wales_bank_holidays());
  mustache::data d;
  d.set("text", reading.text);
  d.set("due_date", pages::long_date(text::iso_date(due)));
  d.set("tag_class", reading.state == casework::ClockState::kOverdue    ? "govuk-tag--red"
                     : reading.state == casework::ClockState::kDueToday ? "govuk-tag--orange"
                                                                         : "govuk-tag--grey");
  return d;
}

Response read_refused(AppContext& ctx, const app::CurrentUser& user, const Error& error) {
  if (error.code == "not_found" || error.code == app::kReasonRequired) return pages::not_found_page(ctx, user);
  if (error.code == "forbidden") return pages::forbidden_page(ctx, user);
  return pages::server_error_page(ctx);
}

std::map<std::string, std::string> names_of(AppContext& ctx, const std::vector<std::string>& user_ids) {
  std::map<std::string, std::string> names;
  for (const auto& id : user_ids) {
    if (id.empty() || names.contains(id)) continue;
    auto user = ctx.casework.store.accounts().find_user(id);
    names[id] = user && *user ? (*user)->display_name : "A former member of staff";
  }
  return names;
}

void add_row(mustache::data& rows, const std::string& key, const std::string& value) {
  if (value.empty()) return;
  mustache::data row;
  row.set("key", key);
  row.set("value", value);
  rows.push_back(row);
}

mustache::data safe_contact_rows(const std::optional<intake::SafeContactProfile>& profile,
                                 const std::string& when_none) {
  mustache::data safe{mustache::data::type::list};
  if (!profile) {
    add_row(safe, "Safe-contact profile", when_none);
    return safe;
  }
  const auto& p = *profile;
  std::string channels;
  for (auto c : p.safe_channels) {
    if (!channels.empty()) channels += ", ";
    channels += casework::to_label(c);
  }
  add_row(safe, "Safe ways to contact", channels.empty() ? std::string("None") : channels);
  add_row(safe, "Safe phone", p.safe_phone);
  add_row(safe, "Safe email", p.safe_email);
  add_row(safe, "Safe address", p.safe_address);
  add_row(safe, "Safe times", p.safe_times);
  add_row(safe, "Voicemail", p.voicemail_allowed ? "May be left" : "Must not be left");
  add_row(safe, "Say who is calling", p.may_say_who_we_are ? "Yes" : "No: do not say who you are");
  add_row(safe, "Code word", p.code_word);
  return safe;
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::expected<Person, Response> person_asking(const Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return std::unexpected(redirect("/sign-in"));
  auto actor = ctx.casework.actor(*user);
  if (!actor) return std::unexpected(pages::server_error_page(ctx));
  return Person{std::move(*user), std::move(*actor)};
}

std::string event_by(const std::string& actor, const std::map<std::string, std::string>& names) {
  if (actor.starts_with("system:")) return "Victim Gateway";
  if (actor.starts_with("api-key:")) return "A partner's case system";
  auto it = names.find(actor);
  return it == names.end() ? std::string("A former member of staff") : it->second;
}

std::string event_text(const casework::CaseEvent& e, const std::map<std::string, std::string>& names) {
  boost::system::error_code ec;
  auto v = json::parse(e.detail, ec);
  auto field = [&](const char* name) -> std::string {
    if (ec || !v.is_object()) return {};
    const auto* f = v.as_object().if_contains(name);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  auto name = [&](const std::string& id) {
    auto it = names.find(id);
    return it == names.end() ? std::string("someone") : it->second;
  };
  if (e.kind == "allocated") return "Allocated to " + name(field("to"));
  if (e.kind == "handed_over") return "Handed over from " + name(field("from")) + " to " + name(field("to"));
  if (e.kind == "contact_attempt") {
    auto channel = casework::contact_channel_from_code(field("channel"));
    auto outcome = casework::contact_outcome_from_code(field("outcome"));
    return std::string(channel ? casework::to_label(*channel) : "Contact") + ": " +
           std::string(outcome ? casework::to_label(*outcome) : "recorded");
  }
  if (e.kind == "message_queued" || e.kind == "introduction_not_sent") {
    auto t = casework::message_template_from_code(field("template"));
    const std::string what(t ? casework::to_label(*t) : "Message");
    if (e.kind == "introduction_not_sent") return what + ": not sent";
    auto channel = casework::contact_channel_from_code(field("channel"));
    // A reminder says which appointment: "Appointment reminder queued for Tuesday 29 December 2026".
    const std::string appointment = field("appointment_date");
    if (!appointment.empty()) return what + " queued for " + pages::long_date(appointment) + " (" +
                                     std::string(channel ? casework::to_label(*channel) : "message") + ")";
    return what + " queued (" + std::string(channel ? casework::to_label(*channel) : "message") + ")";
  }
  if (e.kind == "deadline_breached") {
    const std::string code = field("deadline");
    return std::string("Victims' Code deadline missed: ") +
           (code == "first_contact" ? "first contact attempt" : code == "needs_assessment" ? "needs assessment" : code);
  }
  if (e.kind == "direct_referral_waiting") {
    return "To be referred to " + field("service_name") + " once consent is recorded";
  }
  if (e.kind == "onward_referral_breached") return field("service_name") + " did not answer the referral in time";
  if (e.kind == "unable_to_contact") return "Unable to contact: close the case or try again";
  if (e.kind == "risk_assessed") {
    auto number = [&](const char* key) -> std::string {
      if (ec || !v.is_object()) return {};
      const auto* f = v.as_object().if_contains(key);
      return f && f->is_int64() ? std::to_string(f->as_int64()) : std::string();
    };
    auto level = casework::risk_level_from_code(field("level"));
    std::string text = "Risk assessed: " + (level ? risk_label(casework::risk_rank(*level)) : std::string("recorded"));
    std::string scores;
    if (!number("dash_score").empty()) scores = "DASH " + number("dash_score") + " of 24";
    if (!number("sdash_score").empty()) scores += (scores.empty() ? "" : ", ") + ("S-DASH " + number("sdash_score") + " of 11");
    if (!scores.empty()) text += " (" + scores + ")";
    const auto* raised = !ec && v.is_object() ? v.as_object().if_contains("judgement_raised") : nullptr;
    if (raised && raised->is_bool() && raised->as_bool()) text += ", raised on professional judgement";
    return text;
  }
  if (e.kind == "task_created" || e.kind == "task_done" || e.kind == "task_dismissed") {
    auto kind = casework::task_kind_from_code(field("kind"));
    const std::string what(kind ? casework::to_label(*kind) : "Task");
    if (e.kind == "task_done") return "Task done: " + what;
    if (e.kind == "task_dismissed") return "Task dismissed: " + what;
    const std::string due = field("due_date");
    return "Task added: " + what + (due.empty() ? std::string() : ", due " + pages::long_date(due));
  }
  if (e.kind == "consent_given") return "Consent given (" + field("method") + ")";
  if (e.kind == "consent_refused") return "Consent refused (" + field("method") + ")";
  if (e.kind == "consent_withdrawn") return "Consent withdrawn (" + field("method") + ")";
  if (e.kind == "onward_referral_sent") {
    return "Referred to " + field("service_name") + ": answer due by " + pages::long_date(field("respond_by"));
  }
  if (e.kind == "onward_referral_accepted") return field("service_name") + " accepted the referral";
  if (e.kind == "onward_referral_declined") {
    return field("service_name") + " declined the referral: " +
           std::string(casework::decline_reason_label(field("reason")));
  }
  if (e.kind == "onward_referral_completed") {
    return field("service_name") + " completed support: " +
           std::string(casework::completion_outcome_label(field("outcome")));
  }
  if (e.kind == "onward_referral_withdrawn") return "Referral to " + field("service_name") + " withdrawn";
  // A case's support: counts and codes only, never what was written.
  if (e.kind == "needs_assessed") return "Needs assessed";
  if (e.kind == "plan_action_added") return "Support plan action added for " + name(field("owner"));
  if (e.kind == "plan_action_done") return "Support plan action done";
  if (e.kind == "note_added") return "Note added";
  if (e.kind == "complaint_received") return "Complaint received";
  if (e.kind == "complaint_updated") return "Complaint updated";
  if (e.kind == "restorative_justice") return "Restorative justice offered";
  if (e.kind == "case_closed") {
    auto reason = casework::close_reason_from_code(field("reason"));
    return "Case closed: " + std::string(reason ? casework::to_label(*reason) : "closed");
  }
  // Possible duplicates decided: the other case is never named here, since a reader of this
  // case may not be allowed to know of it (the Duplicates tab names the ones they may read).
  if (e.kind == "case_merged_in") return "Another case of the same person was merged into this one";
  if (e.kind == "merged_into") return "Merged into another case of the same person";
  if (e.kind == "merge_undone") return "Merge undone";
  if (e.kind == "not_same_person") {
    auto reason = casework::not_same_reason_from_code(field("reason"));
    return "Not the same person as a possible duplicate" +
           (reason ? ": " + std::string(casework::to_label(*reason)) : std::string());
  }
  return e.kind;
}


namespace {

// "14:05" in Europe/London: the time of day beside a date, as people read it on the timeline.
std::string london_time(casework::Instant at) {
  using namespace std::chrono;
  const auto date = deadlines::london_date(at);
  const auto start = deadlines::end_of_london_day(year_month_day(sys_days(date) - days(1))) + seconds(1);
  const auto minutes_in = duration_cast<minutes>(at - start).count();
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes_in / 60 % 24), static_cast<int>(minutes_in % 60));
  return text;
}

}  // namespace

std::vector<FieldError> stale_change_errors(AppContext& ctx, const access::Actor& actor, const std::string& case_id,
                                            std::int64_t seen_version) {
  std::vector<FieldError> errors{
      {"version", "stale",
       "Someone else changed this case since you opened it. Check what changed, then submit again: what you "
       "entered is kept"}};
  auto changes = ctx.casework.files.changes_since(actor, case_id, seen_version);
  if (!changes) return errors;
  std::vector<std::string> ids;
  for (const auto& e : *changes) {
    ids.push_back(e.actor);
    boost::system::error_code ec;
    auto v = json::parse(e.detail, ec);
    if (ec || !v.is_object()) continue;
    for (const char* k : {"from", "to", "owner"}) {
      if (const auto* f = v.as_object().if_contains(k); f && f->is_string()) ids.emplace_back(f->as_string());
    }
  }
  const auto names = names_of(ctx, ids);
  for (const auto& e : *changes) {
    errors.push_back({std::string(pages::kChangedSinceField), "changed",
                      event_text(e, names) + " – by " + event_by(e.actor, names) + ", " +
                          pages::long_date(text::iso_date(deadlines::london_date(e.at))) + " at " + london_time(e.at)});
  }
  return errors;
}

Response post_case_change(Request& request, AppContext& ctx, access::Action action, const CaseChange& change,
                          const RefusalPage& refused, const std::string& done_href) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  const auto& [user, actor] = *person;
  // A role that may never do this is told so before anything about the case is looked up.
  if (!access::role_may(actor.role, action)) return pages::forbidden_page(ctx, user);
  const app::FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  const auto version = whole_number(pages::form_value(form, "version"));
  Result<casework::CaseRecord> done = fail("validation_failed", "The form is out of date",
                                          {{"version", "required", "Reload the case and try again"}});
  if (version) done = change(actor, request.path_param("id"), *version, form);
  if (done) return redirect(done_href);
  const auto& error = done.error();
  if (error.code == "not_found") return pages::not_found_page(ctx, user);
  if (error.code == "forbidden") return pages::forbidden_page(ctx, user);
  if (error.code != "validation_failed" && error.code != "conflict") return pages::server_error_page(ctx);
  auto errors = error.fields;
  if (errors.empty()) errors.push_back({"version", error.code, error.message});
  // A stale copy (not a rule's own conflict, such as a closed case): say what changed since.
  const bool stale = error.code == "conflict" && !error.fields.empty() && error.fields.front().field == "version";
  if (stale && version) errors = stale_change_errors(ctx, actor, request.path_param("id"), *version);
  // The form as they filled it goes back with the refusal: nothing they entered is lost.
  return refused(*person, errors, error.code == "conflict" ? 409 : 422, form);
}

std::string posted_date(const app::FormFields& form, const std::string& name) {
  const std::string d = pages::form_value(form, name + "-day");
  const std::string m = pages::form_value(form, name + "-month");
  const std::string y = pages::form_value(form, name + "-year");
  if (d.empty() && m.empty() && y.empty()) return {};
  auto digits = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(d) || !digits(m) || !digits(y) || d.size() > 2 || m.size() > 2 || y.size() != 4)
    return "not a date";
  auto pad = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  return y + "-" + pad(m) + "-" + pad(d);
}

mustache::data date_input(const app::FormFields& form, const std::string& name, const std::string& legend,
                          const std::string& hint, const std::vector<FieldError>& errors) {
  std::string error;
  for (const auto& e : errors) {
    if (e.field == name) {
      error = e.message;
      break;
    }
  }
  mustache::data d;
  d.set("name", name);
  d.set("legend", legend);
  d.set("hint", hint);
  d.set("day", pages::form_value(form, name + "-day"));
  d.set("month", pages::form_value(form, name + "-month"));
  d.set("year", pages::form_value(form, name + "-year"));
  d.set("error", error);
  d.set("has_error", !error.empty());
  return d;
}

}  // namespace vg::http::case_pages
