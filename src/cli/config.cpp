#include "cli/config.h"

#include <charconv>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>
#include <tuple>
#include <toml++/toml.h>

#include "app/security/notes_cipher.h"
#include "domain/text/rfc3339.h"
#include "domain/text/web_address.h"
#include "http/client_address.h"

namespace vg::cli {
namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

template <typename Int>
void override_int(const char* name, Int& target, std::vector<FieldError>& errors) {
  if (const char* v = env(name)) {
    Int parsed{};
    std::string_view s(v);
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (ec != std::errc() || ptr != s.data() + s.size() || parsed < 0) {
      errors.push_back({name, "not_a_number", std::string(name) + " must be a whole number"});
    } else {
      target = parsed;
    }
  }
}

void override_string(const char* name, std::string& target) {
  if (const char* v = env(name)) target = v;
}

// "a, b,c" → {"a", "b", "c"}; an environment variable holds a list this way.
void override_list(const char* name, std::vector<std::string>& target) {
  const char* v = env(name);
  if (!v) return;
  target.clear();
  std::string_view rest(v);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) target.emplace_back(item);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
}

void check_ranges(const std::vector<std::string>& texts, const char* key,
                  std::vector<FieldError>& errors) {
  if (auto parsed = http::parse_address_ranges(texts, key); !parsed) {
    for (auto& f : parsed.error().fields) errors.push_back(std::move(f));
  }
}

// The defaults, then `file` (when there is one; `path` names it in errors), then VG_* variables.
Result<Config> configure(const toml::table* file, const std::string& path) {
  Config config;
#ifdef VG_SOURCE_DIR
  config.web_root = std::string(VG_SOURCE_DIR) + "/web";
  config.config_dir = std::string(VG_SOURCE_DIR) + "/config";
  config.content_dir = std::string(VG_SOURCE_DIR) + "/content";
#endif
  std::vector<FieldError> errors;
  if (file) {
    const toml::table& table = *file;
    // The keys this version knows are exactly those read below: each reader records its key,
    // so a new setting is added in one place (its line here) and anything else is refused.
    std::set<std::string, std::less<>> known;
    auto str = [&](const char* key, std::string& target) {
      known.insert(key);
      if (auto v = table[key].value<std::string>()) target = *v;
    };
    auto flag = [&](const char* key, bool& target) {
      known.insert(key);
      if (auto v = table[key].value<bool>()) target = *v;
    };
    auto list = [&](const char* key, std::vector<std::string>& target) {
      known.insert(key);
      if (auto node = table[key]; node) {
        const auto* array = node.as_array();
        std::vector<std::string> items;
        bool strings = array != nullptr;
        if (array) {
          for (const auto& item : *array) {
            if (auto text = item.value<std::string>()) {
              items.push_back(*text);
            } else {
              strings = false;
            }
          }
        }
        if (!strings) {
          errors.push_back({key, "not_a_list", std::string(key) + " must be a list of strings"});
        } else {
          target = std::move(items);
        }
      }
    };
    auto num = [&](const char* key, auto& target) {
      known.insert(key);
      if (auto node = table[key]; node) {
        // Refused past the setting's own type too: 2147483648 would wrap to a negative count.
        using Int = std::remove_reference_t<decltype(target)>;
        auto v = node.value<int64_t>();
        if (!v || *v < 0) {
          errors.push_back({key, "not_a_number", std::string(key) + " must be a whole number"});
        } else if (static_cast<std::uint64_t>(*v) >
                   static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
          errors.push_back({key, "out_of_range", std::string(key) + " is too large"});
        } else {
          target = static_cast<Int>(*v);
        }
      }
    };
    str("database_url", config.database_url);
    str("listen", config.listen);
    str("web_root", config.web_root);
    str("config_dir", config.config_dir);
    str("public_base_url", config.public_base_url);
    str("exit_url", config.exit_url);
    str("clock_start", config.clock_start);
    str("log_level", config.log_level);
    str("address_key", config.address_key);
    str("audit_key", config.audit_key);
    str("notes_key", config.notes_key);
    str("audit_head", config.audit_head);
    num("threads", config.threads);
    num("db_pool_size", config.db_pool_size);
    num("db_statement_timeout_seconds", config.db_statement_timeout_seconds);
    num("max_body_bytes", config.max_body_bytes);
    num("request_timeout_seconds", config.request_timeout_seconds);
    num("session_idle_minutes", config.session_idle_minutes);
    num("api_cache_seconds", config.api_cache_seconds);
    num("session_absolute_hours", config.session_absolute_hours);
    num("break_glass_hours", config.break_glass_hours);
    num("insight_suppression_threshold", config.insight_suppression_threshold);
    num("lockout_threshold", config.lockout_threshold);
    num("lockout_minutes", config.lockout_minutes);
    num("self_referral_drafts_per_hour", config.self_referral_drafts_per_hour);
    num("self_referrals_per_hour", config.self_referrals_per_hour);
    known.insert("secure_cookies");
    if (auto v = table["secure_cookies"].value<bool>()) config.secure_cookies = *v;
    num("jobs_poll_seconds", config.jobs_poll_seconds);
    str("smtp_host", config.smtp_host);
    num("smtp_port", config.smtp_port);
    str("smtp_from", config.smtp_from);
    flag("smtp_starttls", config.smtp_starttls);
    str("smtp_username", config.smtp_username);
    str("smtp_password", config.smtp_password);
    str("text_provider_url", config.text_provider_url);
    num("retention_no_service_weeks", config.retention_no_service_weeks);
    num("retention_unable_to_contact_months", config.retention_unable_to_contact_months);
    num("retention_supported_years", config.retention_supported_years);
    num("retention_marac_history_months", config.retention_marac_history_months);
    str("text_provider_token", config.text_provider_token);
    num("chat_transcript_days", config.chat_transcript_days);
    num("chat_max_message_bytes", config.chat_max_message_bytes);
    num("chat_message_burst", config.chat_message_burst);
    num("chat_messages_per_minute", config.chat_messages_per_minute);
    num("chat_idle_seconds", config.chat_idle_seconds);
    num("chat_open_per_address", config.chat_open_per_address);
    str("content_dir", config.content_dir);
    list("trusted_proxies", config.trusted_proxies);
    list("metrics_allow", config.metrics_allow);
    list("notes_previous_keys", config.notes_previous_keys);
    // A misspelt key would leave its setting at the default without a word: refuse to start.
    // Keep this loop after every reader above.
    for (const auto& [key, value] : table) {
      if (!known.contains(key.str())) {
        errors.push_back({std::string(key.str()), "unknown_key",
                          "unknown key \"" + std::string(key.str()) + "\" in " + path +
                              " (misspelt, or from another version?)"});
      }
    }
  }
  override_string("VG_DATABASE_URL", config.database_url);
  override_string("VG_LISTEN", config.listen);
  override_string("VG_WEB_ROOT", config.web_root);
  override_string("VG_CONFIG_DIR", config.config_dir);
  override_string("VG_PUBLIC_BASE_URL", config.public_base_url);
  override_string("VG_EXIT_URL", config.exit_url);
  override_string("VG_CLOCK_START", config.clock_start);
  override_string("VG_LOG_LEVEL", config.log_level);
  override_string("VG_ADDRESS_KEY", config.address_key);
  override_string("VG_AUDIT_KEY", config.audit_key);
  override_string("VG_NOTES_KEY", config.notes_key);
  override_string("VG_AUDIT_HEAD", config.audit_head);
  override_int("VG_THREADS", config.threads, errors);
  override_int("VG_DB_POOL_SIZE", config.db_pool_size, errors);
  override_int("VG_DB_STATEMENT_TIMEOUT_SECONDS", config.db_statement_timeout_seconds, errors);
  override_int("VG_MAX_BODY_BYTES", config.max_body_bytes, errors);
  override_int("VG_REQUEST_TIMEOUT_SECONDS", config.request_timeout_seconds, errors);
  override_int("VG_SESSION_IDLE_MINUTES", config.session_idle_minutes, errors);
  override_int("VG_API_CACHE_SECONDS", config.api_cache_seconds, errors);
  override_int("VG_SESSION_ABSOLUTE_HOURS", config.session_absolute_hours, errors);
  override_int("VG_BREAK_GLASS_HOURS", config.break_glass_hours, errors);
  override_int("VG_INSIGHT_SUPPRESSION_THRESHOLD", config.insight_suppression_threshold, errors);
  override_int("VG_LOCKOUT_THRESHOLD", config.lockout_threshold, errors);
  override_int("VG_LOCKOUT_MINUTES", config.lockout_minutes, errors);
  override_int("VG_SELF_REFERRAL_DRAFTS_PER_HOUR", config.self_referral_drafts_per_hour, errors);
  override_int("VG_SELF_REFERRALS_PER_HOUR", config.self_referrals_per_hour, errors);
  override_int("VG_JOBS_POLL_SECONDS", config.jobs_poll_seconds, errors);
  override_string("VG_SMTP_HOST", config.smtp_host);
  override_int("VG_SMTP_PORT", config.smtp_port, errors);
  override_string("VG_SMTP_FROM", config.smtp_from);
  override_string("VG_SMTP_USERNAME", config.smtp_username);
  override_string("VG_SMTP_PASSWORD", config.smtp_password);
  override_string("VG_TEXT_PROVIDER_URL", config.text_provider_url);
  override_string("VG_TEXT_PROVIDER_TOKEN", config.text_provider_token);
  override_int("VG_CHAT_TRANSCRIPT_DAYS", config.chat_transcript_days, errors);
  override_int("VG_CHAT_MAX_MESSAGE_BYTES", config.chat_max_message_bytes, errors);
  override_int("VG_CHAT_MESSAGE_BURST", config.chat_message_burst, errors);
  override_int("VG_CHAT_MESSAGES_PER_MINUTE", config.chat_messages_per_minute, errors);
  override_int("VG_CHAT_IDLE_SECONDS", config.chat_idle_seconds, errors);
  override_int("VG_CHAT_OPEN_PER_ADDRESS", config.chat_open_per_address, errors);
  override_string("VG_CONTENT_DIR", config.content_dir);
  override_int("VG_RETENTION_NO_SERVICE_WEEKS", config.retention_no_service_weeks, errors);
  override_int("VG_RETENTION_UNABLE_TO_CONTACT_MONTHS", config.retention_unable_to_contact_months, errors);
  override_int("VG_RETENTION_SUPPORTED_YEARS", config.retention_supported_years, errors);
  override_int("VG_RETENTION_MARAC_HISTORY_MONTHS", config.retention_marac_history_months, errors);
  override_list("VG_TRUSTED_PROXIES", config.trusted_proxies);
  override_list("VG_METRICS_ALLOW", config.metrics_allow);
  override_list("VG_NOTES_PREVIOUS_KEYS", config.notes_previous_keys);
  check_ranges(config.trusted_proxies, "trusted_proxies", errors);
  check_ranges(config.metrics_allow, "metrics_allow", errors);
  if (const char* v = env("VG_SECURE_COOKIES")) config.secure_cookies = std::string_view(v) == "1" || std::string_view(v) == "true";
  if (!config.secure_cookies) config.secure_cookies = config.public_base_url.starts_with("https://");
  if (const char* v = env("VG_SMTP_STARTTLS")) config.smtp_starttls = std::string_view(v) == "1" || std::string_view(v) == "true";
  if (config.insight_suppression_threshold < 2 || config.insight_suppression_threshold > 100) {
    errors.push_back({"insight_suppression_threshold", "out_of_range", "insight_suppression_threshold must be 2 to 100"});
  }
  if (config.break_glass_hours < 1 || config.break_glass_hours > 24) {
    errors.push_back({"break_glass_hours", "out_of_range", "break_glass_hours must be 1 to 24"});
  }
  if (config.db_statement_timeout_seconds < 0 || config.db_statement_timeout_seconds > 3600) {
    errors.push_back({"db_statement_timeout_seconds", "out_of_range",
                      "db_statement_timeout_seconds must be 0 (no limit) to 3600"});
  }
  if (config.chat_transcript_days < 1 || config.chat_transcript_days > 365) {
    errors.push_back({"chat_transcript_days", "out_of_range", "chat_transcript_days must be 1 to 365"});
  }
  // A chat message of 2,000 characters (domain/chat/chat_message.h) in its JSON frame fits in the
  // least message size.
  for (auto [key, value, least, most] : {std::tuple{"chat_max_message_bytes", config.chat_max_message_bytes, 10240, 1 << 20},
                                         std::tuple{"chat_message_burst", config.chat_message_burst, 1, 100},
                                         std::tuple{"chat_messages_per_minute", config.chat_messages_per_minute, 1, 600},
                                         std::tuple{"chat_idle_seconds", config.chat_idle_seconds, 10, 3600},
                                         std::tuple{"chat_open_per_address", config.chat_open_per_address, 1, 100}}) {
    if (value < least || value > most) {
      errors.push_back({key, "out_of_range",
                        std::string(key) + " must be " + std::to_string(least) + " to " + std::to_string(most)});
    }
  }
  for (auto [key, value, most] : {std::tuple{"retention_no_service_weeks", config.retention_no_service_weeks, 520},
                                  std::tuple{"retention_unable_to_contact_months", config.retention_unable_to_contact_months, 120},
                                  std::tuple{"retention_supported_years", config.retention_supported_years, 100},
                                  std::tuple{"retention_marac_history_months", config.retention_marac_history_months, 120}}) {
    if (value < 1 || value > most) {
      errors.push_back({key, "out_of_range", std::string(key) + " must be 1 to " + std::to_string(most)});
    }
  }
  if (config.smtp_port < 1 || config.smtp_port > 65535) {
    errors.push_back({"smtp_port", "out_of_range", "smtp_port must be a port number, 1 to 65535"});
  }
  if (!config.smtp_host.empty() && config.smtp_from.find('@') == std::string::npos) {
    errors.push_back({"smtp_from", "not_an_address", "smtp_from must be an email address"});
  }
  if (!config.text_provider_url.empty() && !is_web_address(config.text_provider_url)) {
    errors.push_back({"text_provider_url", "not_a_web_address",
                      "text_provider_url must be a web address starting https:// or http://"});
  }
  if (!is_web_address(config.exit_url)) {
    errors.push_back({"exit_url", "not_a_web_address",
                      "exit_url must be a web address starting https:// or http://, like "
                      "https://www.bbc.co.uk/weather"});
  }
  if (!config.clock_start.empty() && !from_rfc3339(config.clock_start)) {
    errors.push_back({"clock_start", "not_an_instant",
                      "clock_start must be an instant in UTC, like 2026-12-07T10:05:00Z"});
  }
  if (!config.address_key.empty() && config.address_key.size() < 32) {
    errors.push_back({"address_key", "too_short",
                      "address_key must be at least 32 characters (a random secret)"});
  }
  if (!config.audit_key.empty() && config.audit_key.size() < 32) {
    errors.push_back({"audit_key", "too_short",
                      "audit_key must be at least 32 characters (a random secret)"});
  }
  for (std::size_t i = 0; i < config.notes_previous_keys.size(); ++i) {
    if (!app::decode_notes_key(config.notes_previous_keys[i])) {
      errors.push_back({"notes_previous_keys[" + std::to_string(i) + "]", "not_a_key",
                        "Each of notes_previous_keys must be 32 bytes as 64 hex characters or base64"});
    }
  }
  if (!config.notes_key.empty() && !app::decode_notes_key(config.notes_key)) {
    errors.push_back({"notes_key", "not_a_key",
                      "notes_key must be 32 random bytes as 64 hex characters or base64 (openssl rand -hex 32)"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The configuration is not valid");
  return config;
}

Result<Config> unreadable(const std::string& path, const toml::parse_error& e) {
  return fail("validation_failed", "The configuration file could not be read",
              {{path, "invalid_toml", std::string(e.description())}});
}

}  // namespace

Result<Config> load_config(const std::string& path) {
  if (path.empty()) return configure(nullptr, path);
  try {
    const auto table = toml::parse_file(path);
    return configure(&table, path);
  } catch (const toml::parse_error& e) {
    return unreadable(path, e);
  }
}

Result<Config> parse_config(std::string_view text, const std::string& path) {
  try {
    const auto table = toml::parse(text, path);
    return configure(&table, path);
  } catch (const toml::parse_error& e) {
    return unreadable(path, e);
  }
}

}  // namespace vg::cli
