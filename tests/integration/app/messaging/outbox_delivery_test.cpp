// The outbox end to end on each backend: messages queued, then sent by the job runner to a real
// SMTP server and a stand-in text-message provider that the test starts on 127.0.0.1 (Debian's
// python3 with python3-aiosmtpd), and letters rendered for printing. Two victim-gateway
// processes running the due jobs at once send each message exactly once.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/jobs/job_runner.h"
#include "app/messaging/letter_sender.h"
#include "app/messaging/outbox.h"
#include "app/messaging/smtp_sender.h"
#include "app/messaging/text_message_sender.h"
#include "store_fixture.h"
#include "support/child_process.h"
#include "support/fixed_clock.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono_literals;
using vg::testing::ChildProcess;

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, which has aiosmtpd

std::string support(const char* file) {
  return std::string(VG_SOURCE_DIR) + "/tests/support/" + file;
}

// A test server from tests/support: started, its port read from "listening PORT".
struct LoopbackServer {
  std::unique_ptr<ChildProcess> process;
  int port = 0;

  void start(const char* script, const std::string& argument) {
    process = std::make_unique<ChildProcess>(std::vector<std::string>{kPython, support(script), argument});
    ASSERT_TRUE(process->started()) << script;
    auto line = process->read_line(20s);
    ASSERT_TRUE(line.has_value()) << script << " did not say it was listening";
    ASSERT_EQ(line->rfind("listening ", 0), 0u) << *line;
    port = std::stoi(line->substr(10));
  }
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class OutboxDeliveryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    folder_ = std::filesystem::temp_directory_path() /
              ("vg-outbox-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_ / "mail");
  }
  void TearDown() override {
    smtp_.process.reset();
    provider_.process.reset();
    std::filesystem::remove_all(folder_);
    StoreTest::TearDown();
  }

  void start_smtp() { smtp_.start("smtp_sink.py", (folder_ / "mail").string()); }
  void start_provider() { provider_.start("text_provider.py", (folder_ / "texts.jsonl").string()); }

  // The runner as `serve` wires it, with the senders this test started.
  void wire() {
    outbox_ = std::make_unique<app::Outbox>(*store_, clock_);
    runner_ = std::make_unique<app::JobRunner>(*store_, clock_);
    if (smtp_.port) {
      email_ = std::make_unique<app::SmtpSender>(
          app::SmtpSettings{"127.0.0.1", smtp_.port, "gateway@victims.example", false, "", "", 10s},
          clock_);
      outbox_->set_sender(app::Channel::kEmail, *email_);
    }
    if (provider_.port) {
      text_ = std::make_unique<app::TextMessageSender>(app::TextProviderSettings{
          "http://127.0.0.1:" + std::to_string(provider_.port) + "/messages", "token-123", 10s});
      outbox_->set_sender(app::Channel::kText, *text_);
    }
    auto letters = app::LetterSender::load(std::string(VG_SOURCE_DIR) + "/web/templates/letters",
                                           clock_);
    ASSERT_TRUE(letters.has_value()) << letters.error().message;
    letters_ = std::move(*letters);
    outbox_->set_sender(app::Channel::kLetter, *letters_);
    outbox_->register_jobs(*runner_);
  }

  static app::OutboundMessage email(const std::string& to, const std::string& subject = "Your named contact") {
    return {"case-1", "email", to, subject, "Hello,\nI am your named contact.\n.\nA line with a dot.",
            "named_contact_introduction", false};
  }

  std::string queue(const app::OutboundMessage& message) {
    auto id = outbox_->queue(message, "user-1");
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return id ? *id : std::string();
  }

  app::JobRunSummary run_due() {
    auto summary = runner_->run_due(100);
    EXPECT_TRUE(summary.has_value()) << summary.error().message;
    return summary ? *summary : app::JobRunSummary{};
  }

  OutboxMessageRecord message(const std::string& id) {
    return store_->outbox().find(id).value().value();
  }

  // Every message the SMTP server received, in order.
  std::vector<boost::json::object> mail() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder_ / "mail")) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<boost::json::object> out;
    for (const auto& file : files) out.push_back(boost::json::parse(read_text(file)).as_object());
    return out;
  }

  std::vector<boost::json::object> texts() {
    std::vector<boost::json::object> out;
    std::istringstream lines(read_text(folder_ / "texts.jsonl"));
    for (std::string line; std::getline(lines, line);) {
      out.push_back(boost::json::parse(line).as_object());
    }
    return out;
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::filesystem::path folder_;
  LoopbackServer smtp_;
  LoopbackServer provider_;
  std::unique_ptr<app::Outbox> outbox_;
  std::unique_ptr<app::JobRunner> runner_;
  std::unique_ptr<app::SmtpSender> email_;
  std::unique_ptr<app::TextMessageSender> text_;
  std::unique_ptr<app::LetterSender> letters_;
};

TEST_F(OutboxDeliveryTest, AnEmailIsDeliveredOnceWithAMessageIdFromItsId) {
  start_smtp();
  wire();
  const auto id = queue(email("victim@example.org", "Your named contact – Merseyside"));
  EXPECT_EQ(message(id).status, "queued");
  auto summary = run_due();
  EXPECT_EQ(summary.done, 1);
  auto received = mail();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["mail_from"].as_string(), "gateway@victims.example");
  ASSERT_EQ(received[0]["rcpt_tos"].as_array().size(), 1u);
  EXPECT_EQ(received[0]["rcpt_tos"].as_array()[0].as_string(), "victim@example.org");
  EXPECT_EQ(received[0]["subject"].as_string(), "Your named contact – Merseyside");
  EXPECT_EQ(received[0]["message_id"].as_string(), "<" + id + "@victims.example>");
  EXPECT_EQ(std::string(received[0]["body"].as_string()),
            "Hello,\nI am your named contact.\n.\nA line with a dot.");  // a lone "." survives
  const auto sent = message(id);
  EXPECT_EQ(sent.status, "sent");
  EXPECT_EQ(sent.sent_at, clock_.now());
  // Audited as the jobs' actor, naming the message and channel only.
  const auto entries = store_->audit().read(0, 100).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].action, "message.sent");
  EXPECT_EQ(entries[1].actor, "system:jobs");
  EXPECT_EQ(entries[1].entity_id, id);
  EXPECT_EQ(entries[1].detail.find("victim@"), std::string::npos);
  // Nothing is sent again, however long the runner keeps going.
  clock_.advance(3600s);
  EXPECT_EQ(run_due().claimed, 0);
  EXPECT_EQ(mail().size(), 1u);
}

TEST_F(OutboxDeliveryTest, AnEmailWhoseServerIsDownIsRetriedThenSent) {
  start_smtp();
  const int port = smtp_.port;
  smtp_.process.reset();  // stopped: nothing listens on its port now
  wire();
  email_ = std::make_unique<app::SmtpSender>(
      app::SmtpSettings{"127.0.0.1", port, "gateway@victims.example", false, "", "", 5s}, clock_);
  outbox_->set_sender(app::Channel::kEmail, *email_);
  const auto id = queue(email("victim@example.org"));
  EXPECT_EQ(run_due().retried, 1);
  EXPECT_EQ(message(id).status, "failed");
  EXPECT_EQ(message(id).last_error.rfind("smtp_curl_", 0), 0u) << message(id).last_error;
  start_smtp();
  email_ = std::make_unique<app::SmtpSender>(
      app::SmtpSettings{"127.0.0.1", smtp_.port, "gateway@victims.example", false, "", "", 5s},
      clock_);
  outbox_->set_sender(app::Channel::kEmail, *email_);
  clock_.advance(30s);
  EXPECT_EQ(run_due().done, 1);
  EXPECT_EQ(message(id).status, "sent");
  EXPECT_EQ(mail().size(), 1u);
}

TEST_F(OutboxDeliveryTest, ATextMessageGoesToTheProviderWithItsIdAsTheIdempotencyKey) {
  start_provider();
  wire();
  const auto id = queue({"case-2", "text", "+447700900123", "", "Your appointment is at 10am.",
                         "appointment_reminder", false});
  EXPECT_EQ(run_due().done, 1);
  auto requests = texts();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["path"].as_string(), "/messages");
  EXPECT_EQ(requests[0]["authorization"].as_string(), "Bearer token-123");
  EXPECT_EQ(requests[0]["content_type"].as_string(), "application/json");
  EXPECT_EQ(requests[0]["idempotency_key"].as_string(), id);
  auto body = requests[0]["body"].as_object();
  EXPECT_EQ(body["to"].as_string(), "+447700900123");
  EXPECT_EQ(body["body"].as_string(), "Your appointment is at 10am.");
  EXPECT_EQ(body["reference"].as_string(), id);
  EXPECT_EQ(message(id).status, "sent");
}

TEST_F(OutboxDeliveryTest, AProviderRefusalIsADeadLetterAtOnce) {
  start_provider();
  wire();
  const auto id = queue({"case-3", "text", "+447700900400", "", "Hello", "reminder", false});
  EXPECT_EQ(run_due().dead, 1);
  EXPECT_EQ(message(id).status, "dead");
  EXPECT_EQ(message(id).last_error, "provider_400");
  auto dead = store_->jobs().list_dead({1, 10}).value();
  ASSERT_EQ(dead.items.size(), 1u);
  EXPECT_EQ(dead.items[0].kind, "outbox.send");
  EXPECT_EQ(dead.items[0].last_error, "provider_400");
  EXPECT_EQ(dead.items[0].payload.find("+44"), std::string::npos);  // ids only in a job
  EXPECT_EQ(texts().size(), 1u);
}

TEST_F(OutboxDeliveryTest, AProviderErrorIsRetriedWithTheSameIdempotencyKey) {
  start_provider();
  wire();
  const auto id = queue({"case-4", "text", "+447700900503", "", "Hello", "reminder", false});
  EXPECT_EQ(run_due().retried, 1);
  EXPECT_EQ(message(id).status, "failed");
  EXPECT_EQ(message(id).last_error, "provider_503");
  EXPECT_EQ(run_due().claimed, 0);  // waits for its backoff
  clock_.advance(30s);
  EXPECT_EQ(run_due().done, 1);
  EXPECT_EQ(message(id).status, "sent");
  auto requests = texts();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0]["idempotency_key"].as_string(), id);
  EXPECT_EQ(requests[1]["idempotency_key"].as_string(), id);
}

TEST_F(OutboxDeliveryTest, ALetterIsRenderedForPrintingInLargePrintWhenAsked) {
  wire();
  const auto id = queue({"case-5", "letter", "Flat 1\n2 Example Street\nLiverpool L1 8AA",
                         "Your named contact", "Dear <Sam>,\n\nI am your named contact.",
                         "named_contact_introduction", true});
  EXPECT_EQ(run_due().done, 1);
  const auto letter = message(id);
  EXPECT_EQ(letter.status, "ready_to_print");
  EXPECT_NE(letter.rendered.find("letter--large-print"), std::string::npos);
  EXPECT_NE(letter.rendered.find("<p>2 Example Street</p>"), std::string::npos);
  EXPECT_NE(letter.rendered.find("Dear &lt;Sam&gt;,"), std::string::npos);  // escaped
  EXPECT_NE(letter.rendered.find("23 November 2026"), std::string::npos);
  EXPECT_EQ(store_->outbox().list_by_status("ready_to_print", {1, 10}).value().total_items, 1);
}

TEST_F(OutboxDeliveryTest, AMessageWithNoRecipientOrAnUnknownChannelIsRefused) {
  wire();
  auto empty = outbox_->queue(email("  "), "user-1");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, "validation_failed");
  EXPECT_EQ(empty.error().fields.at(0).field, "recipient");
  auto pigeon = email("victim@example.org");
  pigeon.channel = "pigeon";
  auto odd = outbox_->queue(pigeon, "user-1");
  ASSERT_FALSE(odd.has_value());
  EXPECT_EQ(odd.error().fields.at(0).field, "channel");
  auto injected = outbox_->queue(email("victim@example.org\r\nBcc: other@example.org"), "user-1");
  EXPECT_FALSE(injected.has_value());
  EXPECT_EQ(store_->jobs().claim(10, clock_.now(), clock_.now() + 60s, "t").value().size(), 0u);
}

TEST_F(OutboxDeliveryTest, AMessageQueuedInAUnitOfWorkLandsOnlyWithIt) {
  wire();
  std::string kept;
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    kept = VG_TRY(app::Outbox::queue_in(unit, email("a@example.org"), clock_.now()));
                    return {};
                  })
                  .has_value());
  std::string dropped;
  auto failed = store_->write([&](UnitOfWork& unit) -> Result<void> {
    dropped = VG_TRY(app::Outbox::queue_in(unit, email("b@example.org"), clock_.now()));
    return fail("conflict", "the case changed meanwhile");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(message(kept).status, "queued");
  EXPECT_FALSE(store_->outbox().find(dropped).value().has_value());
  EXPECT_EQ(store_->jobs().claim(10, clock_.now(), clock_.now() + 60s, "t").value().size(), 1u);
}

// Two victim-gateway processes run the due jobs at the same moment against one database and
// one SMTP server: every message arrives exactly once.
TEST_F(OutboxDeliveryTest, TwoProcessesSendEachMessageExactlyOnce) {
  const char* binary = std::getenv("VG_BINARY");
  if (!binary || !*binary) GTEST_SKIP() << "VG_BINARY is not set";
  use_reachable_database();
  start_smtp();
  wire();
  constexpr int kMessages = 40;
  std::set<std::string> ids;
  for (int i = 0; i < kMessages; ++i) {
    ids.insert(queue(email("victim" + std::to_string(i) + "@example.org")));
  }
  const std::vector<std::string> env = {
      "VG_DATABASE_URL=" + url_, "VG_SMTP_HOST=127.0.0.1",
      "VG_SMTP_PORT=" + std::to_string(smtp_.port), "VG_SMTP_FROM=gateway@victims.example",
      "VG_AUDIT_HEAD=" + (folder_ / "audit-head").string(), "VG_CONFIG="};
  // Small batches, so both processes keep claiming while the other sends.
  std::vector<std::unique_ptr<ChildProcess>> runners;
  for (int p = 0; p < 2; ++p) {
    runners.push_back(std::make_unique<ChildProcess>(
        std::vector<std::string>{binary, "jobs", "run-due", "--max", "3"}, env));
  }
  // Each process runs again until the queue is empty: bounded by the number of messages.
  std::vector<int> rounds(2, 0);
  for (int round = 0; round < kMessages; ++round) {
    bool any = false;
    for (int p = 0; p < 2; ++p) {
      if (!runners[p]) continue;
      const std::string out = runners[p]->read_rest(120s);
      EXPECT_EQ(runners[p]->wait(60s), 0) << out;
      ++rounds[p];
      if (out.rfind("jobs: 0 run", 0) == 0) {
        runners[p].reset();
        continue;
      }
      any = true;
      runners[p] = std::make_unique<ChildProcess>(
          std::vector<std::string>{binary, "jobs", "run-due", "--max", "3"}, env);
    }
    if (!any) break;
  }
  std::multiset<std::string> delivered;
  for (const auto& m : mail()) {
    std::string message_id(m.at("message_id").as_string());
    delivered.insert(message_id.substr(1, message_id.find('@') - 1));
  }
  EXPECT_EQ(delivered.size(), static_cast<size_t>(kMessages));
  for (const auto& id : ids) {
    EXPECT_EQ(delivered.count(id), 1u) << id;
    EXPECT_EQ(message(id).status, "sent") << id;
  }
  EXPECT_GT(rounds[0] + rounds[1], 2);
}

}  // namespace
}  // namespace vg::store::testing
