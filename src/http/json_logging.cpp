#include "http/json_logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>
#include <memory>

namespace vg::http {
namespace {

// %* in the pattern: the log message as a JSON string literal (quotes included).
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const auto quoted =
        boost::json::serialize(boost::json::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(quoted.data(), quoted.data() + quoted.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

constexpr const char* kTimeAndLevel = R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",)";

// The access logger: the payload is already a JSON object; its opening brace is dropped so its
// fields follow ts and level.
std::shared_ptr<spdlog::logger>& fields_logger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

}  // namespace

std::string rfc3339_millis(std::chrono::system_clock::time_point at) {
  const auto secs = std::chrono::time_point_cast<std::chrono::seconds>(at);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at - secs).count();
  const std::time_t t = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];  // ample for any int the fields could hold
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

void configure_json_logging(std::string_view level) {
  // Formatters belong to sinks, so each logger gets its own sink; stdout_sink_mt instances share
  // one console mutex, so lines from the two never interleave.
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  auto fields_sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  const auto lvl = spdlog::level::from_str(std::string(level));

  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonMessageFlag>('*').set_pattern(std::string(kTimeAndLevel) +
                                                        R"("msg":%*})");
  auto main_logger = std::make_shared<spdlog::logger>("vg", sink);
  main_logger->set_formatter(std::move(formatter));
  main_logger->set_level(lvl);
  main_logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(main_logger);

  auto fields = std::make_shared<spdlog::logger>("vg_fields", fields_sink);
  fields->set_formatter(std::make_unique<spdlog::pattern_formatter>(
      std::string(kTimeAndLevel) + "%v", spdlog::pattern_time_type::utc));
  fields->set_level(lvl);
  fields->flush_on(spdlog::level::trace);
  fields_logger() = fields;
}

void log_json_fields(std::string_view serialized_object) {
  auto& logger = fields_logger();
  if (!logger) {
    // Not configured (unit tests): fall back to the default logger, still one line.
    spdlog::info("{}", serialized_object);
    return;
  }
  if (!logger->should_log(spdlog::level::info)) return;
  // Drop the object's leading '{': the pattern already opened the object.
  auto body = serialized_object.size() > 2 ? serialized_object.substr(1) : std::string_view("}");
  logger->info("{}", body);
}

bool json_fields_enabled() {
  auto& logger = fields_logger();
  return logger ? logger->should_log(spdlog::level::info)
                : spdlog::default_logger_raw()->should_log(spdlog::level::info);
}

void print_listening(const Clock& clock, std::string_view url) {
  boost::json::object line;
  line["ts"] = rfc3339_millis(clock.now());
  line["level"] = "info";
  line["msg"] = "listening";
  line["url"] = url;
  const auto text = boost::json::serialize(line) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace vg::http
