// Case reads are written to the audit log in batches, in the order they were recorded, and none
// is lost when the writer stops.
#include "app/audit/read_audit_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/open/open_store.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

class ReadAuditWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("vg-read-audit-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    store_ = store::open_store("sqlite:" + path_.string(), 1).value();
    ASSERT_TRUE(store_->migrate().has_value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
  }

  static accounts::AuditEntry read_of(int n) {
    accounts::AuditEntry e;
    e.at = std::chrono::system_clock::time_point{} + std::chrono::minutes(n);
    e.actor = "user-" + std::to_string(n);
    e.action = "case.read";
    e.entity_type = "case";
    e.entity_id = "case-" + std::to_string(n);
    e.detail = "{}";
    return e;
  }

  std::vector<std::string> read_ids() {
    std::vector<std::string> ids;
    const auto entries = store_->audit().read(0, 100).value();
    for (const auto& e : entries) {
      if (e.action == "case.read") ids.push_back(e.entity_id);
    }
    return ids;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ReadAuditWriterTest, ABatchIsWrittenInTheOrderRecorded) {
  ReadAuditWriter writer(*store_, 1h);  // only explicit flushes in this test
  for (int n : {1, 2, 3}) writer.record(read_of(n));
  EXPECT_TRUE(read_ids().empty()) << "recorded, not yet written";
  ASSERT_TRUE(writer.flush());
  EXPECT_EQ(read_ids(), (std::vector<std::string>{"case-1", "case-2", "case-3"}));
}

TEST_F(ReadAuditWriterTest, TheThreadWritesWithinItsPeriod) {
  ReadAuditWriter writer(*store_, 20ms);
  writer.record(read_of(7));
  for (int i = 0; i < 200 && read_ids().empty(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(read_ids(), std::vector<std::string>{"case-7"});
}

TEST_F(ReadAuditWriterTest, StoppingWritesWhatIsWaiting) {
  {
    ReadAuditWriter writer(*store_, 1h);
    writer.record(read_of(4));
    writer.record(read_of(5));
  }
  EXPECT_EQ(read_ids(), (std::vector<std::string>{"case-4", "case-5"}));
}

}  // namespace
}  // namespace vg::app
