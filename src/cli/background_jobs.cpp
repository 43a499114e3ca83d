#include "cli/background_jobs.h"

#include <boost/json.hpp>

#include "store/open/open_store.h"

namespace vg::cli {

protection::RetentionPeriods retention_periods(const Config& config) {
  protection::RetentionPeriods periods;
  periods.no_service_weeks = config.retention_no_service_weeks;
  periods.unable_to_contact_months = config.retention_unable_to_contact_months;
  periods.supported_years = config.retention_supported_years;
  periods.marac_history_months = config.retention_marac_history_months;
  return periods;
}

Result<std::unique_ptr<BackgroundJobs>> make_background_jobs(
    const Config& config, store::Store& store, const Clock& clock,
    std::function<void(const std::string& json)> log,
    std::function<void(const app::JobEvent&)> on_job) {
  auto jobs = std::make_unique<BackgroundJobs>();
  jobs->runner = std::make_unique<app::JobRunner>(store, clock);
  jobs->outbox = std::make_unique<app::Outbox>(store, clock);
  if (!config.smtp_host.empty()) {
    app::SmtpSettings smtp;
    smtp.host = config.smtp_host;
    smtp.port = config.smtp_port;
    smtp.from = config.smtp_from;
    smtp.starttls = config.smtp_starttls;
    smtp.username = config.smtp_username;
    smtp.password = config.smtp_password;
    jobs->email = std::make_unique<app::SmtpSender>(std::move(smtp), clock);
    jobs->outbox->set_sender(app::Channel::kEmail, *jobs->email);
  }
  if (!config.text_provider_url.empty()) {
    jobs->text = std::make_unique<app::TextMessageSender>(
        app::TextProviderSettings{config.text_provider_url, config.text_provider_token, {}});
    jobs->outbox->set_sender(app::Channel::kText, *jobs->text);
  }
  const std::string web_root =
      config.web_root.empty() ? std::string(VG_SOURCE_DIR) + "/web" : config.web_root;
  jobs->letters = VG_TRY(app::LetterSender::load(web_root + "/templates/letters", clock));
  jobs->outbox->set_sender(app::Channel::kLetter, *jobs->letters);
  jobs->outbox->register_jobs(*jobs->runner);
  jobs->breaches = std::make_unique<app::DeadlineBreaches>(store, clock);
  jobs->breaches->register_jobs(*jobs->runner);
  VG_CHECK(jobs->breaches->schedule());
  jobs->transcripts = std::make_unique<app::TranscriptRetention>(
      store, clock, std::chrono::days(config.chat_transcript_days));
  jobs->transcripts->register_jobs(*jobs->runner);
  VG_CHECK(jobs->transcripts->schedule());
  jobs->insight = std::make_unique<app::InsightRefresh>(store, clock);
  jobs->insight->register_jobs(*jobs->runner);
  VG_CHECK(jobs->insight->schedule());
  jobs->retention_store = VG_TRY(store::open_retention(store));
  jobs->retention = std::make_unique<app::RetentionJob>(store, *jobs->retention_store, clock,
                                                        retention_periods(config));
  jobs->retention->register_jobs(*jobs->runner);
  VG_CHECK(jobs->retention->schedule());
  if (log || on_job) {
    jobs->runner->on_event([log, on_job](const app::JobEvent& e) {
      if (on_job) on_job(e);
      if (!log) return;
      boost::json::object line;
      line["msg"] = "job";
      line["kind"] = e.job_kind;
      line["job_id"] = e.job_id;
      line["outcome"] = app::to_code(e.kind);
      line["attempts"] = e.attempts;
      if (!e.error.empty()) line["error"] = e.error;
      log(boost::json::serialize(line));
    });
  }
  if (log) {
    jobs->outbox->on_event([log](const app::MessageEvent& e) {
      boost::json::object line;
      line["msg"] = "message";
      line["message_id"] = e.message_id;
      line["channel"] = e.channel;
      line["status"] = e.status;
      if (!e.error.empty()) line["error"] = e.error;
      log(boost::json::serialize(line));
    });
  }
  return jobs;
}

}  // namespace vg::cli
