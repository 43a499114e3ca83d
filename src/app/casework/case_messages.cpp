#include "app/casework/case_messages.h"

#include <boost/json.hpp>

#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"
#include "app/intake/referral_json.h"
#include "app/messaging/outbox.h"

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
        if (c.status == casework::CaseStatus::kClosed) {
          return fail("conflict", "The case is closed", {{"channel", "closed", "The case is closed"}});
        }
        if (c.allocated_to.empty()) {
          return fail("conflict", "The case has no named contact yet",
                      {{"channel", "unallocated", "Allocate the case to a caseworker first: the message names them"}});
        }
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

}  // namespace vg::app
