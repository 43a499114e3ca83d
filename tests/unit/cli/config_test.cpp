#include "cli/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace vg::cli {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* name : {"VG_DATABASE_URL", "VG_THREADS", "VG_LISTEN", "VG_ADDRESS_KEY",
                             "VG_TRUSTED_PROXIES", "VG_METRICS_ALLOW", "VG_EXIT_URL", "VG_CLOCK_START",
                             "VG_PUBLIC_BASE_URL", "VG_SECURE_COOKIES",
                             "VG_DB_STATEMENT_TIMEOUT_SECONDS", "VG_NOTES_PREVIOUS_KEYS", "VG_CHAT_IDLE_SECONDS",
                             "VG_CHAT_OPEN_PER_ADDRESS", "VG_CHAT_MESSAGES_PER_MINUTE"}) {
      unsetenv(name);
    }
    if (!path_.empty()) std::filesystem::remove(path_);
  }
  std::string write(const std::string& text) {
    path_ = (std::filesystem::temp_directory_path() /
             ("vg-config-test-" + std::to_string(::getpid()) + ".toml"))
                .string();
    std::ofstream(path_) << text;
    return path_;
  }
  std::string path_;
};

TEST_F(ConfigTest, DefaultsServeSqliteOnLoopback) {
  auto config = load_config("");
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->database_url, "sqlite:var/vg.db");
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
}

TEST_F(ConfigTest, FileValuesApplyAndEnvironmentOverridesThem) {
  auto path = write("database_url = \"sqlite:/tmp/x.db\"\nthreads = 3\nlisten = \"127.0.0.1:9000\"\n");
  setenv("VG_DATABASE_URL", "postgresql://vg@127.0.0.1/vg", 1);
  auto config = load_config(path);
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->database_url, "postgresql://vg@127.0.0.1/vg");
  EXPECT_EQ(config->threads, 3);
  EXPECT_EQ(config->listen, "127.0.0.1:9000");
}

TEST_F(ConfigTest, BadNumberInEnvironmentNamesTheVariable) {
  setenv("VG_THREADS", "four", 1);
  auto config = load_config("");
  ASSERT_FALSE(config.has_value());
  ASSERT_EQ(config.error().fields.size(), 1u);
  EXPECT_EQ(config.error().fields[0].field, "VG_THREADS");
}

TEST_F(ConfigTest, MalformedTomlIsAValidationErrorNotACrash) {
  auto path = write("database_url = \n[[[");
  auto config = load_config(path);
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().code, "validation_failed");
}

TEST_F(ConfigTest, NegativeNumberInFileIsRejected) {
  auto path = write("threads = -2\n");
  auto config = load_config(path);
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().fields[0].field, "threads");
}

TEST_F(ConfigTest, AnAddressKeyComesFromTheEnvironmentAndMustBeLongEnough) {
  EXPECT_EQ(load_config("").value().address_key, "");  // none: a random key per process
  setenv("VG_ADDRESS_KEY", "an-invented-secret-of-forty-characters!!", 1);
  EXPECT_EQ(load_config("").value().address_key, "an-invented-secret-of-forty-characters!!");
  setenv("VG_ADDRESS_KEY", "short", 1);
  auto config = load_config("");
  ASSERT_FALSE(config.has_value());
  ASSERT_EQ(config.error().fields.size(), 1u);
  EXPECT_EQ(config.error().fields[0].field, "address_key");
  EXPECT_EQ(config.error().fields[0].code, "too_short");
}

TEST_F(ConfigTest, TheAuditKeyAndHeadComeFromFileOrEnvironment) {
  unsetenv("VG_AUDIT_KEY");
  unsetenv("VG_AUDIT_HEAD");
  auto path = write("audit_key = \"an-invented-audit-key-in-a-file-0123456\"\n"
                    "audit_head = \"/var/lib/vg/audit-head\"\n");
  auto config = load_config(path).value();
  EXPECT_EQ(config.audit_key, "an-invented-audit-key-in-a-file-0123456");
  EXPECT_EQ(config.audit_head, "/var/lib/vg/audit-head");
  setenv("VG_AUDIT_KEY", "short", 1);
  auto refused = load_config(path);
  unsetenv("VG_AUDIT_KEY");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields[0].field, "audit_key");
  EXPECT_EQ(refused.error().fields[0].code, "too_short");
}

TEST_F(ConfigTest, ExitThisPageGoesToAWeatherPageUnlessConfiguredElsewhere) {
  EXPECT_EQ(load_config("").value().exit_url, "https://www.bbc.co.uk/weather");
  auto path = write("exit_url = \"https://www.example.org/news\"\n");
  EXPECT_EQ(load_config(path).value().exit_url, "https://www.example.org/news");
  setenv("VG_EXIT_URL", "http://127.0.0.1:9/weather", 1);
  EXPECT_EQ(load_config(path).value().exit_url, "http://127.0.0.1:9/weather");
}

TEST_F(ConfigTest, AnExitAddressThatIsNotAnAbsoluteWebAddressIsRefused) {
  // A relative address would keep the person on this site; a space or line break could split
  // the Location header.
  for (const char* bad : {"/weather", "www.bbc.co.uk", "javascript:alert(1)", "https://",
                          "https:///weather", "https://a b", "https://a\r\nSet-Cookie: x=1"}) {
    setenv("VG_EXIT_URL", bad, 1);
    auto config = load_config("");
    ASSERT_FALSE(config.has_value()) << bad;
    EXPECT_EQ(config.error().fields[0].field, "exit_url") << bad;
  }
}

TEST_F(ConfigTest, TheServersClockRunsInRealTimeUnlessATestSetsWhereItStarts) {
  EXPECT_EQ(load_config("").value().clock_start, "");
  setenv("VG_CLOCK_START", "2026-12-07T10:05:00Z", 1);
  EXPECT_EQ(load_config("").value().clock_start, "2026-12-07T10:05:00Z");
  setenv("VG_CLOCK_START", "next monday", 1);
  auto refused = load_config("");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields[0].field, "clock_start");
}

TEST_F(ConfigTest, AnUnknownKeyInTheFileStopsTheStartNamingTheKey) {
  // A misspelt key would otherwise leave its setting at the default without a word.
  auto path = write("listen = \"127.0.0.1:9000\"\nsecure_cookie = true\n[server]\nthreads = 2\n");
  auto config = load_config(path);
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().code, "validation_failed");
  ASSERT_EQ(config.error().fields.size(), 2u);
  EXPECT_EQ(config.error().fields[0].field, "secure_cookie");
  EXPECT_EQ(config.error().fields[0].code, "unknown_key");
  EXPECT_NE(config.error().fields[0].message.find("secure_cookie"), std::string::npos);
  EXPECT_EQ(config.error().fields[1].field, "server");
}

TEST_F(ConfigTest, EveryKeyOfTheExampleFileIsKnown) {
  auto config = load_config(std::string(VG_SOURCE_DIR) + "/config/example.toml");
  ASSERT_TRUE(config.has_value());
}

TEST_F(ConfigTest, AddressListsComeFromTheFileOrTheEnvironment) {
  auto defaults = load_config("").value();
  EXPECT_TRUE(defaults.trusted_proxies.empty());
  EXPECT_EQ(defaults.metrics_allow, (std::vector<std::string>{"127.0.0.1/32", "::1/128"}));
  auto path = write("trusted_proxies = [\"10.0.0.0/8\", \"192.168.1.1\"]\nmetrics_allow = []\n");
  auto config = load_config(path).value();
  EXPECT_EQ(config.trusted_proxies, (std::vector<std::string>{"10.0.0.0/8", "192.168.1.1"}));
  EXPECT_TRUE(config.metrics_allow.empty());
  setenv("VG_TRUSTED_PROXIES", "172.16.0.0/12, ::1", 1);
  EXPECT_EQ(load_config(path).value().trusted_proxies,
            (std::vector<std::string>{"172.16.0.0/12", "::1"}));
}

TEST_F(ConfigTest, ABadAddressRangeIsNamedWithItsIndex) {
  setenv("VG_TRUSTED_PROXIES", "10.0.0.0/8,proxy.internal", 1);
  auto config = load_config("");
  ASSERT_FALSE(config.has_value());
  ASSERT_EQ(config.error().fields.size(), 1u);
  EXPECT_EQ(config.error().fields[0].field, "trusted_proxies[1]");
  auto path = write("metrics_allow = \"127.0.0.1\"\n");  // not a list
  unsetenv("VG_TRUSTED_PROXIES");
  auto listless = load_config(path);
  ASSERT_FALSE(listless.has_value());
  EXPECT_EQ(listless.error().fields[0].field, "metrics_allow");
}

TEST_F(ConfigTest, CookiesAreSecureWheneverThePublicAddressIsHttps) {
  EXPECT_EQ(load_config("").value().secure_cookies, false);  // the demo's http://127.0.0.1
  setenv("VG_PUBLIC_BASE_URL", "https://gateway.example", 1);
  EXPECT_EQ(load_config("").value().secure_cookies, true);
  setenv("VG_SECURE_COOKIES", "false", 1);  // said outright, it wins either way
  EXPECT_EQ(load_config("").value().secure_cookies, false);
  unsetenv("VG_PUBLIC_BASE_URL");
  EXPECT_EQ(load_config(write("secure_cookies = true\n")).value().secure_cookies, false);
  unsetenv("VG_SECURE_COOKIES");
  EXPECT_EQ(load_config(write("secure_cookies = true\n")).value().secure_cookies, true);
}

TEST_F(ConfigTest, TheStatementTimeLimitIsBounded) {
  EXPECT_EQ(load_config("").value().db_statement_timeout_seconds, 20);
  setenv("VG_DB_STATEMENT_TIMEOUT_SECONDS", "0", 1);
  EXPECT_EQ(load_config("").value().db_statement_timeout_seconds, 0);
  setenv("VG_DB_STATEMENT_TIMEOUT_SECONDS", "-1", 1);
  auto negative = load_config("");
  ASSERT_FALSE(negative.has_value());
  EXPECT_EQ(negative.error().fields[0].field, "VG_DB_STATEMENT_TIMEOUT_SECONDS");
  setenv("VG_DB_STATEMENT_TIMEOUT_SECONDS", "3601", 1);
  auto too_long = load_config("");
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().fields[0].field, "db_statement_timeout_seconds");
}

TEST_F(ConfigTest, PreviousNotesKeysAreReadAsAListAndEachMustBeAKey) {
  const std::string a(64, 'a');
  const std::string b(64, 'b');
  EXPECT_TRUE(load_config("").value().notes_previous_keys.empty());
  EXPECT_EQ(parse_config("notes_previous_keys = [\"" + a + "\"]\n", "vg.toml").value().notes_previous_keys,
            std::vector<std::string>{a});
  setenv("VG_NOTES_PREVIOUS_KEYS", (a + "," + b).c_str(), 1);
  EXPECT_EQ(load_config("").value().notes_previous_keys, (std::vector<std::string>{a, b}));
  setenv("VG_NOTES_PREVIOUS_KEYS", (a + ",short").c_str(), 1);
  auto refused = load_config("");
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "notes_previous_keys[1]");
  EXPECT_EQ(refused.error().fields[0].message.find("short"), std::string::npos);
}

TEST_F(ConfigTest, LiveChatBoundsDefaultToTodaysAndComeFromFileOrEnvironment) {
  const auto defaults = load_config("").value();
  EXPECT_EQ(defaults.chat_max_message_bytes, 16384);
  EXPECT_EQ(defaults.chat_message_burst, 5);
  EXPECT_EQ(defaults.chat_messages_per_minute, 60);
  EXPECT_EQ(defaults.chat_idle_seconds, 60);
  EXPECT_EQ(defaults.chat_open_per_address, 3);
  const auto file = parse_config("chat_max_message_bytes = 32768\nchat_message_burst = 2\n"
                                 "chat_messages_per_minute = 30\nchat_idle_seconds = 120\nchat_open_per_address = 1\n",
                                 "vg.toml")
                        .value();
  EXPECT_EQ(file.chat_max_message_bytes, 32768);
  EXPECT_EQ(file.chat_message_burst, 2);
  EXPECT_EQ(file.chat_messages_per_minute, 30);
  EXPECT_EQ(file.chat_idle_seconds, 120);
  EXPECT_EQ(file.chat_open_per_address, 1);
  setenv("VG_CHAT_IDLE_SECONDS", "300", 1);
  setenv("VG_CHAT_OPEN_PER_ADDRESS", "10", 1);
  const auto env = load_config("").value();
  EXPECT_EQ(env.chat_idle_seconds, 300);
  EXPECT_EQ(env.chat_open_per_address, 10);
}

TEST_F(ConfigTest, LiveChatBoundsOutOfRangeOrNotNumbersAreRefusedByName) {
  for (const auto& [text, field] : {std::pair{"chat_max_message_bytes = 1000", "chat_max_message_bytes"},
                                    std::pair{"chat_max_message_bytes = 2000000", "chat_max_message_bytes"},
                                    std::pair{"chat_message_burst = 0", "chat_message_burst"},
                                    std::pair{"chat_messages_per_minute = 601", "chat_messages_per_minute"},
                                    std::pair{"chat_idle_seconds = 5", "chat_idle_seconds"},
                                    std::pair{"chat_open_per_address = 0", "chat_open_per_address"},
                                    std::pair{"chat_open_per_address = -3", "chat_open_per_address"},
                                    std::pair{"chat_idle_seconds = \"soon\"", "chat_idle_seconds"}}) {
    auto refused = parse_config(std::string(text) + "\n", "vg.toml");
    ASSERT_FALSE(refused.has_value()) << text;
    ASSERT_FALSE(refused.error().fields.empty()) << text;
    EXPECT_EQ(refused.error().fields[0].field, field) << text;
  }
  setenv("VG_CHAT_MESSAGES_PER_MINUTE", "many", 1);
  auto bad_env = load_config("");
  ASSERT_FALSE(bad_env.has_value());
  EXPECT_EQ(bad_env.error().fields[0].field, "VG_CHAT_MESSAGES_PER_MINUTE");
}

// Found by tests/fuzz/config_file_fuzz.cpp (corpus/config_file/number_beyond_int.toml): a
// number past the setting's type wrapped round, so 2147483648 threads became a negative count.
TEST_F(ConfigTest, ANumberTooLargeForItsSettingIsRefusedNotWrapped) {
  auto refused = parse_config("threads = 2147483648\n", "vg.toml");
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "threads");
  EXPECT_EQ(refused.error().fields[0].code, "out_of_range");
  EXPECT_EQ(parse_config("threads = 2147483647\n", "vg.toml").value().threads, 2147483647);
}

TEST_F(ConfigTest, TextInMemoryReadsAsTheSameFileWould) {
  const std::string text = "listen = \"127.0.0.1:9000\"\nthreads = 3\n";
  auto from_file = load_config(write(text)).value();
  auto from_text = parse_config(text, "vg.toml").value();
  EXPECT_EQ(from_text.listen, from_file.listen);
  EXPECT_EQ(from_text.threads, 3);
  auto broken = parse_config("listen = \"unterminated\n", "vg.toml");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().fields[0].field, "vg.toml");
  EXPECT_EQ(broken.error().fields[0].code, "invalid_toml");
}

}  // namespace
}  // namespace vg::cli
