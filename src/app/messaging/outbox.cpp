#include "app/messaging/outbox.h"

#include <boost/json.hpp>

#include <utility>

#include "app/security/random_token.h"
#include "domain/casework/victim_message.h"

namespace vg::app {
namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

Result<void> check(const OutboundMessage& m) {
  std::vector<FieldError> errors;
  if (!channel_of(m.channel)) {
    errors.push_back({"channel", "unknown", "The channel must be email, text or letter"});
  }
  if (m.recipient.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.push_back({"recipient", "required", "A message needs a recipient"});
  } else if (m.channel != "letter" && has_line_break(m.recipient)) {
    // A line break in an address or number could add headers to an email.
    errors.push_back({"recipient", "invalid", "The recipient must be on one line"});
  }
  if (has_line_break(m.subject)) {
    errors.push_back({"subject", "invalid", "The subject must be on one line"});
  }
  if (m.body.empty()) errors.push_back({"body", "required", "A message needs words"});
  if (m.case_id.empty()) errors.push_back({"case_id", "required", "A message belongs to a case"});
  if (!errors.empty()) return validation_failed(std::move(errors), "The message cannot be queued");
  return {};
}

std::string payload_of(const std::string& message_id) {
  boost::json::object payload;
  payload["message_id"] = message_id;
  return boost::json::serialize(payload);
}

std::string message_id_of(const std::string& payload) {
  boost::system::error_code ec;
  auto value = boost::json::parse(payload, ec);
  if (ec || !value.is_object()) return {};
  const auto* id = value.as_object().if_contains("message_id");
  return id && id->is_string() ? std::string(id->as_string()) : std::string();
}

}  // namespace

Outbox::Outbox(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<std::string> Outbox::queue_in(store::UnitOfWork& unit, const OutboundMessage& message,
                                     accounts::Instant now) {
  VG_CHECK(check(message));
  store::OutboxMessageRecord record;
  record.id = random_uuid();
  record.case_id = message.case_id;
  record.channel = message.channel;
  record.recipient = message.recipient;
  record.subject = message.subject;
  record.body = message.body;
  record.template_code = message.template_code;
  record.large_print = message.large_print;
  record.status = "queued";
  record.created_at = now;
  record.updated_at = now;
  VG_CHECK(unit.outbox().insert(record));
  store::JobRequest job;
  job.id = random_uuid();
  job.kind = std::string(kSendJob);
  job.payload = payload_of(record.id);  // the id only: the words stay in outbox_messages
  // A reminder waits for its time; the runner claims nothing before run_after.
  job.run_after = message.send_after && *message.send_after > now ? *message.send_after : now;
  job.max_attempts = kMaxAttempts;
  job.dedupe_key = "outbox-send:" + record.id;
  job.created_at = now;
  VG_CHECK(unit.jobs().enqueue(job));
  return record.id;
}

Result<std::string> Outbox::queue(const OutboundMessage& message, const std::string& actor) {
  std::string id;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    const auto now = clock_.now();
    id = VG_TRY(queue_in(unit, message, now));
    boost::json::object detail;
    detail["channel"] = message.channel;
    detail["template"] = message.template_code;
    accounts::AuditEntry entry;
    entry.at = now;
    entry.actor = actor;
    entry.action = "message.queued";
    entry.entity_type = "outbox_message";
    entry.entity_id = id;
    entry.detail = boost::json::serialize(detail);
    return unit.append_audit({entry});
  }));
  return id;
}

Result<std::string> Outbox::still_wanted(const store::OutboxMessageRecord& message) const {
  const auto t = casework::message_template_from_code(message.template_code);
  if (!t) return std::string();
  const auto c = VG_TRY(store_.cases().find(message.case_id));
  if (!c || casework::still_to_send(*t, c->status, c->consent_state)) return std::string();
  return std::string(c->status == casework::CaseStatus::kClosed ? "case_closed" : "consent_withdrawn");
}

void Outbox::set_sender(Channel channel, MessageSender& sender) { senders_[channel] = &sender; }

void Outbox::register_jobs(JobRunner& runner) {
  runner.handle(std::string(kSendJob), [this](const store::ClaimedJob& job) { return send(job); });
}

void Outbox::report(const std::string& id, std::string_view channel, std::string_view status,
                    std::string_view error) const {
  if (observer_) observer_({id, channel, status, error});
}

JobOutcome Outbox::send(const store::ClaimedJob& job) {
  const std::string id = message_id_of(job.payload);
  if (id.empty()) return JobOutcome::dead("bad_payload");
  auto found = store_.outbox().find(id);
  if (!found) return JobOutcome::retry("store_" + found.error().code);
  if (!*found) return JobOutcome::dead("message_missing");
  const auto message = std::move(**found);
  // Already delivered (a job queued twice by hand): done, and never sent again.
  if (message.status == "sent" || message.status == "ready_to_print" || message.status == "dead" ||
      message.status == "cancelled") {
    return JobOutcome::done();
  }
  // The one check at send time (a reminder waits days): is the message still wanted by its case?
  if (auto cancelled = still_wanted(message); !cancelled) {
    return JobOutcome::retry("store_" + cancelled.error().code);
  } else if (!cancelled->empty()) {
    const std::string reason = *cancelled;
    const auto at = clock_.now();
    report(id, message.channel, "cancelled", reason);
    return JobOutcome::done([id, reason, at, channel = message.channel, tmpl = message.template_code](
                                store::UnitOfWork& unit, store::JobStatus) -> Result<void> {
      VG_CHECK(unit.outbox().change_status({id, "cancelled", reason, std::nullopt, at}));
      boost::json::object detail;
      detail["channel"] = channel;
      detail["template"] = tmpl;
      detail["reason"] = reason;
      accounts::AuditEntry entry;
      entry.at = at;
      entry.actor = std::string(JobRunner::kActor);
      entry.action = "message.cancelled";
      entry.entity_type = "outbox_message";
      entry.entity_id = id;
      entry.detail = boost::json::serialize(detail);
      return unit.append_audit({entry});
    });
  }
  const auto channel = channel_of(message.channel);
  auto sender = channel ? senders_.find(*channel) : senders_.end();
  if (sender == senders_.end()) {
    const std::string error = message.channel + "_not_configured";
    report(id, message.channel, "failed", error);
    return JobOutcome::retry(error, [this, id, error](store::UnitOfWork& unit,
                                                     store::JobStatus went) -> Result<void> {
      return unit.outbox().change_status(
          {id, went == store::JobStatus::kDead ? "dead" : "failed", error, std::nullopt,
           clock_.now()});
    });
  }
  const SendResult result = sender->second->send(message);
  const auto at = clock_.now();
  if (result.kind == SendResult::Kind::kSent) {
    const std::string status = *channel == Channel::kLetter ? "ready_to_print" : "sent";
    std::optional<std::string> rendered;
    if (!result.rendered.empty()) rendered = result.rendered;
    report(id, message.channel, status, {});
    return JobOutcome::done([id, status, rendered, at, channel = message.channel,
                             tmpl = message.template_code](store::UnitOfWork& unit,
                                                           store::JobStatus) -> Result<void> {
      VG_CHECK(unit.outbox().change_status({id, status, "", rendered, at}));
      boost::json::object detail;
      detail["channel"] = channel;
      detail["template"] = tmpl;
      accounts::AuditEntry entry;
      entry.at = at;
      entry.actor = std::string(JobRunner::kActor);
      entry.action = status == "sent" ? "message.sent" : "message.ready_to_print";
      entry.entity_type = "outbox_message";
      entry.entity_id = id;
      entry.detail = boost::json::serialize(detail);
      return unit.append_audit({entry});
    });
  }
  const std::string error = result.error.empty() ? "send_failed" : result.error;
  auto record = [id, error, at](store::UnitOfWork& unit, store::JobStatus went) -> Result<void> {
    return unit.outbox().change_status(
        {id, went == store::JobStatus::kDead ? "dead" : "failed", error, std::nullopt, at});
  };
  const bool permanent = result.kind == SendResult::Kind::kPermanent;
  report(id, message.channel, permanent ? "dead" : "failed", error);
  return permanent ? JobOutcome::dead(error, record) : JobOutcome::retry(error, record);
}

}  // namespace vg::app
