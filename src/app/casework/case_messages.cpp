#include "app/casework/case_messages.h"

#include <boost/json.hpp>

#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "app/messaging/outbox.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

constexpr std::string_view kNotSent = "introduction_not_sent";
constexpr std::string_view kQueued = "message_queued";

Result<std::optional<intake::SafeContactProfile>> profile_of(store::UnitOfWork& unit, const std::string& case_id) {
  auto stored = VG_TRY(unit.referrals().with_ids({case_id}));
  if (stored.empty()) return not_found("The case");
  auto referral = parse_referral_json(stored.front().document);
  if (!referral) return fail("internal", "The case's referral could not be read");
  return referral->safe_contact;
}

// Refuses a message for a case that cannot send one: closed, or no named contact to sign it.
Result<void> may_message(const casework::CaseRecord& c) {
  if (c.status == casework::CaseStatus::kClosed) {
    return fail("conflict", "The case is closed", {{"channel", "closed", "The case is closed"}});
  }
  if (c.allocated_to.empty()) {
    return fail("conflict", "The case has no named contact yet",
                {{"channel", "unallocated", "Allocate the case to a caseworker first: the message names them"}});
  }
  return {};
}

std::string display_name(store::Store& store, const std::string& user_id) {
  auto user = store.accounts().find_user(user_id);
  return user && *user ? (*user)->display_name : std::string();
}

std::string service_name(store::Store& store, const casework::CaseRecord& c) {
  if (!c.holder_organisation_id.empty()) {
    auto org = store.accounts().find_organisation(c.holder_organisation_id);
    if (org && *org && !(*org)->name.empty()) return (*org)->name;
  }
  return "the Victims' Gateway";
}

}  // namespace

std::optional<casework::MessageTemplate> introduction_due(const casework::CaseRecord& c,
                                                          const std::vector<casework::CaseEvent>& events) {
  if (c.allocated_to.empty() || c.status == casework::CaseStatus::kClosed) return std::nullopt;
  std::optional<casework::MessageTemplate> due;
  for (const auto& e : events) {
    if (e.kind == "allocated") due = casework::MessageTemplate::kNamedContactIntroduction;
    if (e.kind == "handed_over") due = casework::MessageTemplate::kNamedContactHandover;
    if (e.kind == kNotSent) due.reset();
    if (e.kind == kQueued && due) {
      boost::system::error_code ec;
      auto v = json::parse(e.detail, ec);
      const auto* t = !ec && v.is_object() ? v.as_object().if_contains("template") : nullptr;
      if (t && t->is_string() && casework::message_template_from_code(t->as_string().c_str()) == due) due.reset();
    }
  }
  return due;
}

Result<MessagesSection> CaseMessages::open(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record) return not_found("The case");
  const auto subject = case_subject(*record);
  VG_CHECK(case_read_right(store_, clock_.now(), actor, *record));
  MessagesSection section;
  const auto events = VG_TRY(store_.cases().events(case_id));
  section.due = introduction_due(*record, events);
  for (const auto& e : events) {
    if (e.kind == kQueued) section.queued.push_back(e);
  }
  std::optional<intake::SafeContactProfile> profile;
  if (auto referral = VG_TRY(store_.referrals().find(case_id))) {
    if (auto parsed = parse_referral_json(referral->document)) profile = parsed->safe_contact;
  }
  for (auto channel : casework::kMessageChannels) {
    section.options.push_back({channel, casework::message_refusal(profile, channel)});
  }
  if (!record->allocated_to.empty()) section.caseworker_name = display_name(store_, record->allocated_to);
  section.may_work = access::decide(actor, access::Action::kWorkCase, subject).allowed;
  section.record = std::move(*record);
  return section;
}

Result<casework::CaseRecord> CaseMessages::send_introduction(const access::Actor& actor, const std::string& case_id,
                                                             std::int64_t expected_version,
                                                             const std::string& channel_code) {
  const bool none = channel_code == "none";
  auto channel = casework::contact_channel_from_code(channel_code);
  if (!none && !channel) {
    return validation_failed({{"channel", "required", "Select how to send the introduction, or that none is sent"}});
  }
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      none ? "case.introduction_not_sent" : "message.queued",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        VG_CHECK(may_message(c));
        const auto due = introduction_due(c, VG_TRY(unit.cases().events(c.id)));
        const auto which = due.value_or(c.handovers > 0 ? casework::MessageTemplate::kNamedContactHandover
                                                        : casework::MessageTemplate::kNamedContactIntroduction);
        CaseChangeMade made;
        if (none) {
          made.audit_detail = json::serialize(json::object{{"template", casework::to_code(which)}});
          made.events.push_back({0, {}, {}, {}, std::string(kNotSent), made.audit_detail});
          return made;
        }
        // The safe-contact profile is checked here, before anything is queued (outbox.h).
        const auto profile = VG_TRY(profile_of(unit, c.id));
        const auto address = VG_TRY(casework::message_address(profile, *channel));
        const auto words = casework::message_words(
            which, address.channel, {service_name(store_, c), display_name(store_, c.allocated_to), c.reference});
        OutboundMessage message;
        message.case_id = c.id;
        message.channel = std::string(casework::to_code(address.channel));
        message.recipient = address.recipient;
        message.subject = words.subject;
        message.body = words.body;
        message.template_code = std::string(casework::to_code(which));
        message.large_print = address.large_print;
        const auto id = VG_TRY(Outbox::queue_in(unit, message, clock_.now()));
        // Ids and codes only: the recipient and the words stay in the outbox row.
        made.audit_detail = json::serialize(json::object{
            {"message_id", id}, {"channel", message.channel}, {"template", message.template_code}});
        made.events.push_back({0, {}, {}, {}, std::string(kQueued), made.audit_detail});
        return made;
      });
}

Result<casework::CaseRecord> CaseMessages::book_reminder(const access::Actor& actor, const std::string& case_id,
                                                         std::int64_t expected_version,
                                                         const ReminderRequest& request) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version, "message.queued",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        VG_CHECK(may_message(c));
        const auto now = clock_.now();
        // Every answer is checked before anything is written, and every problem reported at once.
        std::vector<FieldError> errors;
        auto appointment = casework::appointment_from(request.date, request.time, request.kind);
        std::optional<std::chrono::system_clock::time_point> send_at;
        if (!appointment) {
          errors = appointment.error().fields;
        } else if (auto at = casework::reminder_time(england_and_wales_bank_holidays(), *appointment, now)) {
          send_at = *at;
        } else {
          errors = at.error().fields;
        }
        std::optional<casework::MessageAddress> address;
        const auto channel = casework::contact_channel_from_code(request.channel);
        if (!channel) {
          errors.push_back({"channel", "required", "Select how to send the reminder"});
        } else {
          // The safe-contact profile is checked here, before anything is queued (outbox.h).
          auto safe = casework::message_address(VG_TRY(profile_of(unit, c.id)), *channel);
          if (safe) {
            address = std::move(*safe);
          } else {
            errors.insert(errors.end(), safe.error().fields.begin(), safe.error().fields.end());
          }
        }
        if (!errors.empty()) return validation_failed(std::move(errors), "The reminder cannot be queued");

        const auto which = casework::MessageTemplate::kAppointmentReminder;
        casework::MessageFacts facts{service_name(store_, c), display_name(store_, c.allocated_to), c.reference};
        facts.appointment = *appointment;
        const auto words = casework::message_words(which, address->channel, facts);
        OutboundMessage message;
        message.case_id = c.id;
        message.channel = std::string(casework::to_code(address->channel));
        message.recipient = address->recipient;
        message.subject = words.subject;
        message.body = words.body;
        message.template_code = std::string(casework::to_code(which));
        message.large_print = address->large_print;
        message.send_after = send_at;
        const auto id = VG_TRY(Outbox::queue_in(unit, message, now));
        // Ids, codes and dates only: the recipient and the words stay in the outbox row.
        CaseChangeMade made;
        made.audit_detail = json::serialize(json::object{
            {"message_id", id},
            {"channel", message.channel},
            {"template", message.template_code},
            {"appointment_date", text::iso_date(appointment->date)},
            {"appointment_kind", casework::to_code(appointment->kind)},
            {"send_after", to_rfc3339(*send_at)}});
        made.events.push_back({0, {}, {}, {}, std::string(kQueued), made.audit_detail});
        return made;
      });
}

}  // namespace vg::app
