// The staff referral form: gateway advisors taking a referral by phone or chat, and partner
// caseworkers referring from their agency. One page of GOV.UK fields (form_components) beside
// the live assessment: eligibility, enhanced rights, consent, risk, deadlines and the route with
// its explanation. Without JavaScript "Update assessment" re-shows the page with it; with
// JavaScript the panel is refreshed as the advisor types (POST /staff/referrals/assess returns
// the panel alone). Sending stores the referral through ReferralIntake, once per form (the form's
// id is the idempotency key), and shows its reference.
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "app/intake/referral_form.h"
#include "app/security/random_token.h"
#include "app/accounts/actor.h"
#include "domain/access/access_table.h"
#include "domain/accounts/role.h"
#include "domain/assessment/marac.h"
#include "domain/deadlines/working_days.h"
#include "http/pages/form_components.h"
#include "http/pages/page_data.h"
#include "http/pages/service_page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

namespace json = boost::json;
using pages::FormFields;
using pages::FormState;
using pages::Item;

constexpr std::string_view kSection = "Referrals";

// Labels of the inputs, for error messages that name only the problem ("is required").
const std::map<std::string, std::string, std::less<>>& labels() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"channel", "How the referral came in"},
      {"victim.type", "Who the crime was against"},
      {"business.name", "Name of the business or organisation"},
      {"victim.name", "Name"},
      {"victim.date_of_birth-day", "Date of birth"},
      {"victim.age", "Age"},
      {"victim.phone", "Phone number"},
      {"victim.email", "Email address"},
      {"victim.language", "Language"},
      {"offence_category", "Offence category"},
      {"incident_date-day", "Date it happened"},
      {"local_authority", "Where it happened"},
      {"reported_to_police", "Reported to the police"},
      {"crime_reference", "Crime reference"},
      {"date_reported-day", "Date reported"},
      {"risk_history.police_callouts_last_12_months", "Police call-outs in the last 12 months"},
      {"risk_history.last_marac_referral-day", "Date of the last MARAC referral"},
      {"risk_history.professional_judgement", "Professional judgement of risk"},
      {"risk_history.judgement_reason", "Reason for the judgement"},
      {"safe_contact.safe_channels", "Safe ways to contact them"},
      {"safe_contact.safe_phone", "Safe phone number"},
      {"safe_contact.safe_email", "Safe email address"},
      {"safe_contact.safe_address", "Safe postal address"},
      {"safe_contact.code_word", "Code word"},
      {"consent", "Consent"},
      {"account", "What happened, in their words"},
  };
  return m;
}

std::string message_for(const std::string& input, const std::string& message) {
  if (message.empty() || !std::islower(static_cast<unsigned char>(message[0]))) return message;
  auto it = labels().find(input);
  return (it != labels().end() ? it->second : std::string("This answer")) + " " + message;
}

std::vector<pages::OptionGroup> offence_groups(AppContext& ctx) {
  std::vector<pages::OptionGroup> groups;
  // Every area shares config/offence-categories.json; any pack holds the list.
  auto pack = ctx.area_packs.area_pack("merseyside");
  if (!pack) return groups;
  for (const auto& c : (*pack)->policy.offence_categories) {
    if (groups.empty() || groups.back().label != c.group) groups.push_back({c.group, {}});
    groups.back().options.emplace_back(c.code, c.name);
  }
  return groups;
}

mustache::data section(const std::string& heading, const std::vector<mustache::data>& fields) {
  mustache::data s;
  s.set("heading", heading);
  s.set("fields", pages::field_list(fields));
  return s;
}

mustache::data form_sections(const FormState& st, const app::CurrentUser& user, AppContext& ctx) {
  using pages::checkboxes_field;
  using pages::date_field;
  using pages::flag_field;
  using pages::radios_field;
  using pages::select_field;
  using pages::text_field;
  using pages::textarea_field;
  mustache::data list{mustache::data::type::list};
  // A chat's referral (chat_id) came in by chat: no choice to make.
  if (!accounts::enters_partner_referrals(user.user.role) && st.value("chat_id").empty()) {
    list.push_back(section("How the referral came in",
                           {radios_field(st, "channel", "How did the referral reach you?",
                                         {{"phone", "Phone call", {}}, {"chat", "Live chat", {}}})}));
  }
  list.push_back(section(
      "The victim",
      {radios_field(st, "victim.type", "Who was the crime against?",
                    {{"person", "A person", {}},
                     {"business", "A business or organisation",
                      {text_field(st, "business.name", "Name of the business or organisation")}}}),
       text_field(st, "victim.name", "Name", "For a business, the person to talk to"),
       date_field(st, "victim.date_of_birth", "Date of birth", "For example, 27 3 2007"),
       text_field(st, "victim.age", "Age (if the date of birth is not known)", {}, "govuk-input--width-3", "text", "numeric"),
       text_field(st, "victim.phone", "Phone number", {}, "govuk-input--width-20", "tel"),
       text_field(st, "victim.email", "Email address", {}, "govuk-!-width-two-thirds", "email"),
       text_field(st, "victim.language", "Language, if not English", {}, "govuk-input--width-20"),
       flag_field(st, "victim.interpreter_needed", "Needs an interpreter")}));
  list.push_back(section(
      "What happened",
      {select_field(st, "offence_category", "Offence category", offence_groups(ctx), "Not known yet"),
       date_field(st, "incident_date", "Date it happened", "If it went on for a while, when it started"),
       select_field(st, "local_authority", "Where it happened", pages::local_authority_groups(), "Choose a place",
                    "If it happened online, where the victim lives"),
       radios_field(st, "reported_to_police", "Has it been reported to the police?",
                    {{"yes", "Yes",
                      {text_field(st, "crime_reference", "Crime reference (if known)", {}, "govuk-input--width-20"),
                       date_field(st, "date_reported", "Date reported")}},
                     {"no", "No", {}}})}));
  // One box per flag: each is a field of the referral of its own.
  list.push_back(section(
      "Kind of crime or harm",
      {flag_field(st, "flags.domestic_abuse", "Domestic abuse"),
       flag_field(st, "flags.hate_crime", "Hate crime",
                  {checkboxes_field(st, "flags.hate_strands", "Targeted because of",
                                    {{"race", "Race", {}}, {"religion", "Religion", {}},
                                     {"sexual_orientation", "Sexual orientation", {}},
                                     {"disability", "Disability", {}},
                                     {"transgender", "Transgender identity", {}}})}),
       flag_field(st, "flags.sexual_offence", "Sexual offence"),
       flag_field(st, "flags.child_sexual_exploitation", "Child sexual exploitation"),
       flag_field(st, "flags.modern_slavery", "Modern slavery or trafficking"),
       flag_field(st, "flags.stalking_or_harassment", "Stalking or harassment"),
       flag_field(st, "flags.business_crime", "Business crime"),
       flag_field(st, "flags.non_crime_asb", "Anti-social behaviour that is not a crime")}));
  list.push_back(section(
      "Vulnerability and risk",
      {checkboxes_field(st, "victim.disabilities", "Disabilities",
                        {{"physical_disability", "Physical disability", {}},
                         {"mental_disorder", "Mental disorder", {}},
                         {"learning_disability", "Learning disability", {}},
                         {"sensory_impairment", "Sensory impairment", {}},
                         {"other", "Other", {}}}),
       flag_field(st, "victim.bereaved_relative", "Close relative of someone who died because of a crime"),
       flag_field(st, "victim.persistently_targeted", "Persistently targeted"),
       flag_field(st, "victim.intimidated", "Intimidated: in fear or distress about giving evidence"),
       flag_field(st, "victim.children_in_household", "Children live in the household"),
       flag_field(st, "victim.child_in_household_at_risk", "A child in the household is at risk"),
       text_field(st, "risk_history.police_callouts_last_12_months", "Police call-outs in the last 12 months", {},
                  "govuk-input--width-3", "text", "numeric"),
       date_field(st, "risk_history.last_marac_referral", "Date of the last MARAC referral", "Leave blank if none"),
       select_field(st, "risk_history.professional_judgement", "Professional judgement of risk",
                    {{"Raise the level to", {{"medium", "Medium"}, {"high", "High"}}}}, "No judgement",
                    "Judgement can raise the level, never lower it"),
       textarea_field(st, "risk_history.judgement_reason", "Reason for the judgement")}));
  list.push_back(section(
      "Contacting them safely",
      {checkboxes_field(st, "safe_contact.safe_channels", "Safe ways to contact them",
                        {{"call", "Phone call", {}}, {"text", "Text message", {}}, {"email", "Email", {}},
                         {"letter", "Letter", {}}, {"visit", "Home visit", {}}}),
       text_field(st, "safe_contact.safe_phone", "Safe phone number", {}, "govuk-input--width-20", "tel"),
       text_field(st, "safe_contact.safe_email", "Safe email address", {}, "govuk-!-width-two-thirds", "email"),
       textarea_field(st, "safe_contact.safe_address", "Safe postal address"),
       text_field(st, "safe_contact.safe_times", "Safe times", "For example, weekdays 10am to 2pm"),
       flag_field(st, "safe_contact.voicemail_allowed", "Voicemail is safe"),
       flag_field(st, "safe_contact.may_say_who_we_are", "We may say who we are if someone else answers"),
       text_field(st, "safe_contact.code_word", "Code word", "Asked before talking about the case", "govuk-input--width-20"),
       checkboxes_field(st, "safe_contact.accessibility_needs", "Accessibility needs",
                        {{"bsl", "British Sign Language", {}}, {"large_print", "Large print", {}},
                         {"easy_read", "Easy read", {}}})}));
  list.push_back(section(
      "Consent",
      {radios_field(st, "consent", "Has the victim agreed to be referred for support?",
                    {{"given", "Yes, they agreed", {}},
                     {"refused", "No, they do not want to be referred", {}},
                     {"not_asked", "Not asked yet", {}}},
                    "Sexual offences, domestic abuse and bereaved relatives need their explicit agreement "
                    "before anything is shared with a support service")}));
  list.push_back(section("In their words", {textarea_field(st, "account", "What happened, in their words",
                                                           "Only what they want to share. Never appears in any log")}));
  return list;
}

std::string humanise(std::string_view code) {
  std::string out;
  for (char c : code) out.push_back(c == '_' ? ' ' : c == ':' ? ':' : c);
  if (auto colon = out.find(':'); colon != std::string::npos) out.insert(colon + 1, " ");
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string text_of(const json::value* v) {
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_bool()) return v->as_bool() ? "yes" : "no";
  return {};
}

// How long a deadline leaves, in the panel's words: "today" when it is due today, otherwise
// the working days it was given from receipt ("1 working day", "2 working days"; a same-day
// deadline seen on a later day is "the day it was received").
std::string deadline_days(std::string_view working_days, std::string_view due_date, std::string_view today) {
  if (!due_date.empty() && due_date == today) return "today";
  if (working_days == "0") return "the day it was received";
  return std::string(working_days) + (working_days == "1" ? " working day" : " working days");
}

// Today's date in London, as the report's due dates are written ("2026-11-23").
std::string london_today(AppContext& ctx) {
  const auto d = deadlines::london_date(ctx.clock.now());
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

// Why a MARAC referral is needed, one reason a line, each in words with its facts: the report's
// own words, or (for a report kept before they were) words for each reason's code.
mustache::data marac_reasons_view(const json::object& risk) {
  mustache::data out{mustache::data::type::list};
  const auto* explained = risk.if_contains("marac_explanation");
  if (explained != nullptr && explained->is_array() && !explained->as_array().empty()) {
    for (const auto& r : explained->as_array()) {
      if (r.is_object()) out.push_back(mustache::data(text_of(r.as_object().if_contains("text"))));
    }
    return out;
  }
  for (const auto& r : risk.at("marac_reasons").as_array()) {
    out.push_back(mustache::data(assessment::marac_reason_text(text_of(&r))));
  }
  return out;
}

// The assessment panel's data from a routed referral report (routed_referral_json); `today` is
// London's date ("2026-11-23"), for saying a deadline is due today.
mustache::data assessment_view(const json::object& report, std::string_view today) {
  mustache::data a;
  a.set("has_assessment", true);
  a.set("not_started", false);
  a.set("unavailable", false);
  a.set("has_missing", false);
  const std::string outcome = text_of(report.at("decision").as_object().if_contains("outcome"));
  const auto* service = report.at("decision").as_object().if_contains("service");
  std::string service_name = service && service->is_object() ? text_of(service->as_object().if_contains("name")) : "";
  a.set("outcome_routed", outcome == "routed");
  a.set("outcome_queued", outcome == "queued");
  a.set("outcome_signposted", outcome == "signposted");
  a.set("service_name", service_name.empty() ? std::string("no service") : service_name);
  a.set("eligible", text_of(report.if_contains("eligibility")) == "eligible");
  a.set("funding_stream", humanise(text_of(report.if_contains("funding_stream"))));
  mustache::data reasons{mustache::data::type::list};
  for (const auto& r : report.at("enhanced_reasons").as_array()) reasons.push_back(mustache::data(humanise(text_of(&r))));
  a.set("enhanced", report.at("enhanced_rights").as_bool());
  a.set("enhanced_reasons", reasons);
  const auto& consent = report.at("consent").as_object();
  a.set("consent_state", humanise(text_of(consent.if_contains("state"))));
  a.set("may_share", consent.at("may_share_with_partners").as_bool());
  const auto& risk = report.at("risk").as_object();
  a.set("risk_level", humanise(text_of(risk.if_contains("level"))));
  a.set("risk_high", text_of(risk.if_contains("level")) == "high");
  a.set("marac_required", risk.at("marac_required").as_bool());
  a.set("marac_reasons", marac_reasons_view(risk));
  mustache::data safeguarding{mustache::data::type::list};
  for (const auto& s : report.at("safeguarding").as_array()) {
    safeguarding.push_back(mustache::data(text_of(s.as_object().if_contains("reason"))));
  }
  a.set("safeguarding", safeguarding);
  a.set("has_safeguarding", !report.at("safeguarding").as_array().empty());
  mustache::data deadlines{mustache::data::type::list};
  for (const auto& d : report.at("deadlines").as_array()) {
    mustache::data row;
    row.set("what", humanise(text_of(d.as_object().if_contains("code"))));
    row.set("due", pages::long_date(text_of(d.as_object().if_contains("due_date"))));
    row.set("days", deadline_days(text_of(d.as_object().if_contains("working_days")),
                                  text_of(d.as_object().if_contains("due_date")), today));
    deadlines.push_back(row);
  }
  a.set("deadlines", deadlines);
  mustache::data matched{mustache::data::type::list};
  mustache::data passed{mustache::data::type::list};
  int passed_count = 0;
  if (const auto* explanation = report.if_contains("explanation"); explanation && explanation->is_array()) {
    for (const auto& line : explanation->as_array()) {
      const auto& o = line.as_object();
      const std::string text = text_of(o.if_contains("text"));
      if (o.at("matched").as_bool()) {
        matched.push_back(mustache::data(text));
      } else {
        passed.push_back(mustache::data(text));
        ++passed_count;
      }
    }
  }
  a.set("matched_rules", matched);
  a.set("passed_rules", passed);
  a.set("passed_count", std::to_string(passed_count));
  return a;
}

// Who entered the form and when they started it. The start time (set when the form was first
// shown) keeps the referral JSON the same on a resend, so the form's idempotency key replays the
// first answer instead of refusing a "different" body; the gateway's clock still stamps receipt.
app::referral_form::Entry entry_for(AppContext& ctx, const FormFields& form, const app::CurrentUser& user) {
  // Only a start time this server could have written (the last 12 hours) is kept: anything
  // else is replaced by now, so a tampered field can neither fail the form nor backdate consent.
  const auto now = ctx.clock.now();
  std::string started = pages::form_value(form, "started_at");
  const auto at = from_rfc3339(started);
  if (!at || *at > now || *at < now - std::chrono::hours(12)) started = to_rfc3339(now);
  const bool partner = accounts::enters_partner_referrals(user.user.role);
  return {partner ? std::string("partner") : (pages::form_value(form, "channel") == "chat" ? "chat" : "phone"),
          user.user.id, started};
}

// The form checked as a whole: its own problems (unreadable dates and numbers, choices not
// made) and the referral's, all at once, each against its input; or the assessment when there
// are none.
struct CheckedForm {
  std::string json;
  std::vector<FieldError> errors;
  std::optional<json::object> assessment;
  bool unavailable = false;  // the store or the area pack could not be read
};

CheckedForm check_form(AppContext& ctx, const FormFields& form, const app::referral_form::Entry& entry) {
  CheckedForm out;
  auto converted = app::referral_form::to_referral_json(form, entry);
  out.json = converted.json;
  for (auto& e : converted.errors) out.errors.push_back({e.field, e.code, message_for(e.field, e.message)});
  auto preview = ctx.intake.preview(converted.json);
  if (preview) {
    if (out.errors.empty()) out.assessment = std::move(*preview);
    return out;
  }
  if (preview.error().code != "validation_failed") {
    out.unavailable = out.errors.empty();
    return out;
  }
  for (const auto& e : preview.error().fields) {
    std::string input = app::referral_form::input_for(e.field, form);
    // Said once per input: the form's own message is the more precise one.
    if (std::any_of(out.errors.begin(), out.errors.end(), [&](const FieldError& f) { return f.field == input; })) continue;
    if (input.empty()) input = "main-content";
    out.errors.push_back({input, e.code, message_for(input, e.message)});
  }
  return out;
}

// What the assessment panel shows for this form: the assessment, or what it still needs.
mustache::data panel_for(AppContext& ctx, const FormFields& form, const app::CurrentUser& user) {
  const app::referral_form::Entry entry = entry_for(ctx, form, user);
  mustache::data panel;
  auto checked = check_form(ctx, form, entry);
  if (checked.assessment) return assessment_view(*checked.assessment, london_today(ctx));
  if (checked.unavailable) {
    panel.set("has_assessment", false);
    panel.set("unavailable", true);
    return panel;
  }
  const auto& missing = checked.errors;
  panel.set("has_assessment", false);
  panel.set("unavailable", false);
  mustache::data list{mustache::data::type::list};
  for (const auto& e : missing) list.push_back(mustache::data(e.message));
  panel.set("missing", list);
  panel.set("has_missing", !missing.empty());
  return panel;
}

Response form_page(AppContext& ctx, int status, const app::CurrentUser& user, const FormFields& form,
                   const std::vector<FieldError>& errors, bool show_assessment) {
  auto page = pages::staff_page("Enter a referral", std::string(kSection), user);
  FormState state;
  state.values = form;
  std::map<std::string, std::string> anchors;
  for (const auto& e : errors) {
    if (!state.errors.count(e.field)) state.errors[e.field] = e.message;
    anchors[e.field] = e.field;
  }
  page.set("sections", form_sections(state, user, ctx));
  page.set("form_id", pages::form_value(form, "form_id").empty() ? app::random_hex(16) : pages::form_value(form, "form_id"));
  page.set("csrf_token", user.csrf_token);
  page.set("started_at", entry_for(ctx, form, user).received_at);
  page.set("partner", accounts::enters_partner_referrals(user.user.role));
  pages::set_text(page, "chat_id", pages::form_value(form, "chat_id"));
  if (show_assessment) {
    page.set("panel", panel_for(ctx, form, user));
  } else {
    mustache::data empty;
    empty.set("has_assessment", false);
    empty.set("unavailable", false);
    empty.set("missing", mustache::data{mustache::data::type::list});
    empty.set("has_missing", false);
    empty.set("not_started", true);
    page.set("panel", empty);
  }
  if (!errors.empty()) pages::add_field_errors(page, errors, anchors);
  return pages::page_response(ctx, status, "staff_referral_form", std::move(page));
}

Response new_referral(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!access::role_may(user->user.role, access::Action::kEnterReferral)) return pages::forbidden_page(ctx, user);
  // From a chat the advisor took (/staff/chats/{id}): the form sends it through the chat, once.
  if (const auto chat_id = request.query_param("chat").value_or(""); !chat_id.empty()) {
    auto c = ctx.chat.advisor_chat(app::actor_of(*user), chat_id);
    if (!c) return c.error().code == "forbidden" ? pages::forbidden_page(ctx, user) : pages::not_found_page(ctx, user);
    if (!c->referral_reference.empty()) return redirect("/staff/referrals/" + c->referral_reference);
    return form_page(ctx, 200, *user, {{"victim.type", "person"}, {"channel", "chat"}, {"chat_id", c->id}}, {}, false);
  }
  return form_page(ctx, 200, *user, {{"victim.type", "person"}, {"channel", "phone"}}, {}, false);
}

// The page after the intake's answer: the sent referral, or the form again with what was wrong.
Response after_sending(AppContext& ctx, const app::CurrentUser& user, const FormFields& form,
                       const Result<app::IntakeOutcome>& sent) {
  if (!sent) {
    if (sent.error().code == "validation_failed") {
      std::vector<FieldError> errors;
      for (const auto& e : sent.error().fields) {
        std::string input = app::referral_form::input_for(e.field, form);
        if (input.empty()) input = "main-content";
        errors.push_back({input, e.code, message_for(input, e.message)});
      }
      return form_page(ctx, 400, user, form, errors, true);
    }
    if (sent.error().code == "forbidden" && !sent.error().fields.empty()) {
      // What this user's organisation may not send (another area, say): said on the form.
      std::vector<FieldError> errors;
      for (const auto& e : sent.error().fields) {
        std::string input = app::referral_form::input_for(e.field, form);
        if (input.empty()) input = "main-content";
        const std::string what = e.field == "$.area"                ? " for this area"
                                 : e.field == "$.channel"           ? " on this channel"
                                 : e.field == "$.police_force_code" ? " for this police force"
                                                                    : "";
        errors.push_back({input, e.code, "Your organisation does not send referrals" + what});
      }
      return form_page(ctx, 403, user, form, errors, true);
    }
    if (sent.error().code == "conflict") {
      return form_page(ctx, 400, user, form,
                       {{"main-content", "already_sent",
                         "This referral was already sent, and the form has changed since. Enter a new "
                         "referral to send another"}},
                       true);
    }
    return pages::server_error_page(ctx);
  }
  return redirect("/staff/referrals/" + sent->referral.reference);
}

// Asynchronous: the referral waits for the writer's next commit without holding this
// connection's thread, which meanwhile serves other requests (the public pages among them).
void post_referral(Request& request, AppContext& ctx, Reply reply) {
  auto user = current_user(request, ctx);
  if (!user) return reply(redirect("/sign-in"));
  if (!access::role_may(user->user.role, access::Action::kEnterReferral)) return reply(pages::forbidden_page(ctx, user));
  FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, user, ctx)) return reply(pages::forbidden_page(ctx, user));
  if (pages::form_value(form, "action") != "send") {
    return reply(form_page(ctx, 200, *user, form, {}, true));
  }

  const app::referral_form::Entry entry = entry_for(ctx, form, *user);
  auto checked = check_form(ctx, form, entry);
  if (!checked.errors.empty()) return reply(form_page(ctx, 400, *user, form, checked.errors, true));
  if (const std::string chat_id = pages::form_value(form, "chat_id"); !chat_id.empty()) {
    // Through the chat: it records the victim's consent given there and names its referral.
    auto referred = ctx.chat.refer(app::actor_of(*user), chat_id, checked.json);
    if (referred) return reply(redirect("/staff/referrals/" + referred->reference));
    if (referred.error().code == "not_found") return reply(pages::not_found_page(ctx, user));
    return reply(after_sending(ctx, *user, form, std::unexpected(referred.error())));
  }
  const std::string form_id = pages::form_value(form, "form_id");
  ctx.intake.submit_async(
      checked.json, app::actor_of(*user),
      form_id.empty() ? std::string() : "form:" + form_id.substr(0, 64),
      [&ctx, reply, user = *user, form = std::move(form)](Result<app::IntakeOutcome> sent) mutable {
        reply.later([&ctx, user = std::move(user), form = std::move(form), sent = std::move(sent)] {
          return after_sending(ctx, user, form, sent);
        });
      });
}

Response assess_fragment(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user || !access::role_may(user->user.role, access::Action::kEnterReferral)) {
    return Response{403, "text/plain; charset=utf-8", {}, "Forbidden"};
  }
  const FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, user, ctx)) return Response{403, "text/plain; charset=utf-8", {}, "Forbidden"};
  mustache::data data;
  data.set("panel", panel_for(ctx, form, *user));
  Response r;
  r.status = 200;
  r.content_type = "text/html; charset=utf-8";
  r.body = ctx.pages.render_fragment("partials/assessment_panel", std::move(data));
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response sent_referral(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  // Who may see it is the use case's decision (the access table); one the user may not see is
  // not found, exactly as one that does not exist.
  auto found = ctx.referrals.find_by_reference(app::actor_of(*user), request.path_params["reference"]);
  if (!found) {
    if (found.error().code == "forbidden") return pages::forbidden_page(ctx, user);
    if (found.error().code == "not_found") return pages::not_found_page(ctx, user);
    return pages::server_error_page(ctx);
  }
  boost::system::error_code ec;
  auto report = json::parse(found->assessment, ec);
  if (ec || !report.is_object()) return pages::server_error_page(ctx);
  auto page = pages::staff_page("Referral " + found->reference, std::string(kSection), *user);
  page.set("reference", found->reference);
  page.set("panel", assessment_view(report.as_object(), london_today(ctx)));
  return pages::page_response(ctx, 200, "staff_referral_sent", std::move(page));
}

}  // namespace

void add_staff_referral_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/staff/referrals/new", Guard::may(access::Action::kEnterReferral), bind(new_referral));
  router.add_async("POST", "/staff/referrals/new", Guard::may(access::Action::kEnterReferral),
                   [&ctx](Request& request, Reply reply) { post_referral(request, ctx, reply); });
  router.add("POST", "/staff/referrals/assess", Guard::may(access::Action::kEnterReferral), bind(assess_fragment));
  router.add("GET", "/staff/referrals/{reference}", Guard::may(access::Action::kReadReferral), bind(sent_referral));
}

}  // namespace vg::http
