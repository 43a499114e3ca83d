// The background jobs a process runs, wired from the configuration: the job runner with the
// outbox's send job and the senders configured (SMTP, text provider, printable letters), and the
// recurring deadline-breach, retention and insight refresh jobs. `serve` and `jobs run-due` build the same, so a job runs the
// same way wherever it is picked up.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/clock.h"
#include "app/casework/deadline_breaches.h"
#include "app/chat/transcript_retention.h"
#include "app/insight/insight_refresh.h"
#include "app/jobs/job_runner.h"
#include "app/messaging/letter_sender.h"
#include "app/messaging/outbox.h"
#include "app/messaging/smtp_sender.h"
#include "app/messaging/text_message_sender.h"
#include "app/protection/retention_job.h"
#include "cli/config.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::cli {

struct BackgroundJobs {
  std::unique_ptr<app::SmtpSender> email;        // null: smtp_host not set
  std::unique_ptr<app::TextMessageSender> text;  // null: text_provider_url not set
  std::unique_ptr<app::LetterSender> letters;
  std::unique_ptr<app::Outbox> outbox;
  std::unique_ptr<app::DeadlineBreaches> breaches;
  std::unique_ptr<app::TranscriptRetention> transcripts;
  std::unique_ptr<app::InsightRefresh> insight;
  std::unique_ptr<store::RetentionRepository> retention_store;
  std::unique_ptr<app::RetentionJob> retention;
  std::unique_ptr<app::JobRunner> runner;  // last: it goes first, before the jobs it calls
};

// The retention schedule the configuration sets.
protection::RetentionPeriods retention_periods(const Config& config);

// Fails (naming the file) when the letter template under the web root cannot be read, or when
// the deadline-breach job's run for now cannot be queued (each process queues it; one lands).
// `log`, when set, hears one JSON object per job and per message sent (ids, kinds, channels,
// statuses and error codes: never a recipient or a message's words).
// `on_job`, when set, hears every job's outcome too (for metrics).
Result<std::unique_ptr<BackgroundJobs>> make_background_jobs(
    const Config& config, store::Store& store, const Clock& clock,
    std::function<void(const std::string& json)> log = {},
    std::function<void(const app::JobEvent&)> on_job = {});

}  // namespace vg::cli
