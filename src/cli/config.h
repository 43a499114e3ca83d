// Runtime configuration: defaults, then a TOML file, then VG_* environment variables.
// Never holds secrets in clear beyond the process; never logged in full.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::cli {

struct Config {
  std::string database_url = "sqlite:var/vg.db";  // VG_DATABASE_URL
  std::string listen = "127.0.0.1:8080";          // VG_LISTEN
  int threads = 0;                                // VG_THREADS; 0 = one per core, four on PostgreSQL
  int db_pool_size = 8;                           // VG_DB_POOL_SIZE
  // VG_DB_STATEMENT_TIMEOUT_SECONDS: how long `serve` waits for PostgreSQL to answer one
  // statement before answering 503 (a frozen or unreachable server); 0 = no limit. Under the
  // request timeout, so the client hears 503 rather than nothing.
  int db_statement_timeout_seconds = 20;
  std::string web_root;                           // VG_WEB_ROOT; default: <source>/web
  std::string config_dir;                         // VG_CONFIG_DIR: area packs; default: <source>/config
  std::string public_base_url = "http://127.0.0.1:8080";  // VG_PUBLIC_BASE_URL
  // VG_EXIT_URL: where "Exit this page" sends people, a busy and harmless site that says nothing
  // about why they left (GOV.UK's advice: a weather or news page).
  std::string exit_url = "https://www.bbc.co.uk/weather";
  // VG_CLOCK_START (RFC 3339, tests only): `serve`'s clock starts at this instant and runs on
  // from there. Empty: the real time.
  std::string clock_start;
  std::size_t max_body_bytes = 1 << 20;           // VG_MAX_BODY_BYTES
  int request_timeout_seconds = 30;               // VG_REQUEST_TIMEOUT_SECONDS
  int session_idle_minutes = 30;                  // VG_SESSION_IDLE_MINUTES
  // VG_API_CACHE_SECONDS: how long the API keeps an answer to a directory read, per process
  // (another process's write shows after at most this). 0 = no cache: every read is answered
  // afresh, as the uncached benchmark measures.
  int api_cache_seconds = 10;
  int session_absolute_hours = 12;                // VG_SESSION_ABSOLUTE_HOURS
  // How long a reason recorded to read another team's case lets the person read it (or until
  // they sign out): VG_BREAK_GLASS_HOURS.
  int break_glass_hours = 8;
  // Insight shows any count under this as "fewer than N" (domain/insight/suppression.h).
  int insight_suppression_threshold = 5;
  // Sign-in never locks an account: past this many failures from one address at one account,
  // each further attempt waits, doubling from 30 s up to lockout_minutes.
  int lockout_threshold = 5;                      // VG_LOCKOUT_THRESHOLD
  int lockout_minutes = 15;                       // VG_LOCKOUT_MINUTES
  int self_referral_drafts_per_hour = 30;         // VG_SELF_REFERRAL_DRAFTS_PER_HOUR, per address
  int self_referrals_per_hour = 10;               // VG_SELF_REFERRALS_PER_HOUR, per address
  // VG_ADDRESS_KEY: a secret (32+ characters) the rate limits hash callers' addresses with.
  // Empty: a random key in each process's memory (limits then count per process).
  std::string address_key;
  // VG_AUDIT_KEY: a secret (32+ characters) the audit log's entries are MACed with. `serve`
  // refuses to start without it; other commands may append only to a log not yet keyed.
  std::string audit_key;
  // VG_NOTES_KEY: the key case notes and other free text about victims are sealed with at rest
  // (32 random bytes as 64 hex characters or base64). `serve` refuses to start without it.
  std::string notes_key;
  // VG_NOTES_PREVIOUS_KEYS (comma-separated): keys texts were sealed with before notes_key, still
  // able to open them (never to seal) until `victim-gateway rotate-keys` has re-sealed them all.
  std::vector<std::string> notes_previous_keys;
  // VG_AUDIT_HEAD: the file the audit chain's head is kept in. Default: <file>.audit-head
  // beside a SQLite database; PostgreSQL needs one set for `serve`.
  std::string audit_head;
  // VG_SECURE_COOKIES: Secure, __Host- cookies (http/cookies.h). Unset: on exactly when
  // public_base_url is https, as every deployment behind TLS is; the demo on plain http is not.
  std::optional<bool> secure_cookies;
  // VG_TRUSTED_PROXIES (comma-separated): networks of the load balancers or proxies in front.
  // Only from these peers is X-Forwarded-For believed (see http/client_address.h).
  std::vector<std::string> trusted_proxies;
  // VG_METRICS_ALLOW (comma-separated): the caller addresses /metrics answers; others get 403.
  std::vector<std::string> metrics_allow = {"127.0.0.1/32", "::1/128"};
  std::string log_level = "info";                 // VG_LOG_LEVEL
  // Background jobs (the outbox, later deadline flags): `serve` runs the due ones every this
  // many seconds, VG_JOBS_POLL_SECONDS; 0 = this process runs none (`jobs run-due` still does).
  int jobs_poll_seconds = 1;
  // Email to victims over SMTP. Empty smtp_host: emails wait in the outbox (and in time go to the
  // dead-letter list) until it is set. VG_SMTP_HOST, VG_SMTP_PORT, VG_SMTP_FROM,
  // VG_SMTP_STARTTLS (1/true: require STARTTLS), VG_SMTP_USERNAME, VG_SMTP_PASSWORD.
  std::string smtp_host;
  int smtp_port = 25;
  std::string smtp_from = "victims-gateway@localhost";
  bool smtp_starttls = false;
  std::string smtp_username;
  std::string smtp_password;
  // Text messages through an HTTP provider: VG_TEXT_PROVIDER_URL (empty: not configured) and
  // VG_TEXT_PROVIDER_TOKEN (sent as a bearer token).
  std::string text_provider_url;
  std::string text_provider_token;
  // VG_CHAT_TRANSCRIPT_DAYS: how long a finished chat's words are kept when it became no
  // referral (no consent); a job then deletes them, keeping only de-identified facts.
  int chat_transcript_days = 30;
  // Live chat's bounds (docs/operations.md, "Hostile input"): VG_CHAT_MAX_MESSAGE_BYTES, the
  // largest WebSocket message (a larger one closes the connection); VG_CHAT_MESSAGE_BURST and
  // VG_CHAT_MESSAGES_PER_MINUTE, the messages one connection may send at once and then each
  // minute; VG_CHAT_IDLE_SECONDS, no frame for this long closes a connection; and
  // VG_CHAT_OPEN_PER_ADDRESS, the chats not ended from one caller address.
  int chat_max_message_bytes = 16 * 1024;
  int chat_message_burst = 5;
  int chat_messages_per_minute = 60;
  int chat_idle_seconds = 60;
  int chat_open_per_address = 3;
  // VG_CONTENT_DIR: the self-help pages (*.md) editors change without a new build. Default:
  // <source>/content.
  std::string content_dir;
  // Retention (docs/data-protection.md): personal data of a closed case goes this long after a
  // referral that led to no service (VG_RETENTION_NO_SERVICE_WEEKS), a close because the victim
  // could not be contacted (VG_RETENTION_UNABLE_TO_CONTACT_MONTHS), or the last contact with a
  // supported victim (VG_RETENTION_SUPPORTED_YEARS); the MARAC history the repeat rule reads stays
  // this long after the last MARAC referral (VG_RETENTION_MARAC_HISTORY_MONTHS).
  int retention_no_service_weeks = 6;
  int retention_unable_to_contact_months = 6;
  int retention_supported_years = 6;
  int retention_marac_history_months = 12;
};

// Reads `path` (empty = no file) then applies VG_* overrides. Field errors name the key.
Result<Config> load_config(const std::string& path);
// The same for a file's text already in memory (`path` only names it in errors), read by the
// same code as load_config's file; for the fuzz target (tests/fuzz/config_file_fuzz.cpp).
Result<Config> parse_config(std::string_view text, const std::string& path);

}  // namespace vg::cli
