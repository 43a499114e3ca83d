// Known-answer vectors pin the audit chain's formats: an entry's hash and MAC must stay the same
// bytes for ever, or every stored chain stops verifying. The expected values were computed
// outside this code base (Python's hashlib and hmac over the documented canonical form).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "store/audit_anchor.h"
#include "store/audit_chain.h"
#include "store/store.h"

namespace vg::store {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kKey = "an-invented-audit-key-for-tests-only-0123";

AuditEntry fixed_entry() {
  AuditEntry entry;
  entry.at = accounts::Instant{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 9h};
  entry.actor = "system:test";
  entry.action = "test.step";
  entry.entity_type = "test";
  entry.entity_id = "e1";
  entry.detail = R"({"n":1})";
  return entry;
}

// "hmac-sha256:" + HMAC-SHA-256(key, "vg-audit-2:0:,30:2026-03-02T09:00:00.000000000Z,11:system:test,
// 9:test.step,4:test,2:e1,7:{"n":1},")
TEST(AuditChainFormat, KeyedMacMatchesTheKnownAnswer) {
  EXPECT_EQ(audit_mac(kKey, fixed_entry(), ""),
            "hmac-sha256:e37faa939af0b729e3823e632e933924c219770f6397bdfe0f2a7bcab1243b52");
}

// SHA-256("vg-audit-1:64:aaaa…a,30:2026-03-02T09:00:00.000000000Z,…"): today's unkeyed
// entries must keep verifying after the hand-over.
TEST(AuditChainFormat, UnkeyedHashMatchesTheKnownAnswer) {
  EXPECT_EQ(audit_hash(fixed_entry(), std::string(64, 'a')),
            "f18b37a40d0a0c53053e91e5e9f1de42c9ee9733cf33b5967a5f94a5924c99e8");
}

TEST(AuditChainFormat, SealingWithTheKeyGivesTheSameMacAsTheVerifier) {
  AuditChain chain(AuditAnchor{std::string(kKey), "", {}});
  auto sealed = chain.seal({}, {fixed_entry()}).value();
  ASSERT_EQ(sealed.size(), 1u);  // an empty log needs no hand-over entry
  EXPECT_EQ(sealed[0].hash,
            "hmac-sha256:e37faa939af0b729e3823e632e933924c219770f6397bdfe0f2a7bcab1243b52");
}

TEST(AuditChainFormat, TheHandOverEntryCoversTheLastUnkeyedHash) {
  AuditChain chain(AuditAnchor{std::string(kKey), "", {}});
  const std::string unkeyed(64, 'b');
  auto sealed = chain.seal({7, unkeyed}, {fixed_entry()}).value();
  ASSERT_EQ(sealed.size(), 2u);
  EXPECT_EQ(sealed[0].action, kAuditHandOverAction);
  EXPECT_EQ(sealed[0].prev_hash, unkeyed);
  EXPECT_EQ(sealed[0].detail, R"({"unkeyed_to_seq":7,"unkeyed_head":")" + unkeyed + R"("})");
  EXPECT_EQ(sealed[0].hash, audit_mac(kKey, sealed[0], unkeyed));
  EXPECT_EQ(sealed[1].prev_hash, sealed[0].hash);
}

TEST(AuditChainFormat, WithoutTheKeyAKeyedLogIsNotWritten) {
  AuditChain chain(AuditAnchor{});
  auto sealed = chain.seal({3, "hmac-sha256:" + std::string(64, 'c')}, {fixed_entry()});
  ASSERT_FALSE(sealed.has_value());
  EXPECT_EQ(sealed.error().code, "audit_key_missing");
}

TEST(AuditHeadFile, IsWrittenOnlyForwardAndReadBack) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("vg-audit-head-" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  int logged = 0;
  AuditChain chain(AuditAnchor{"", path.string(),
                               [&](const AuditHead&, std::string_view problem) {
                                 EXPECT_EQ(problem, "");
                                 ++logged;
                               }});
  EXPECT_FALSE(read_audit_head(path.string()).value().has_value());
  chain.publish({5, std::string(64, 'd')});
  chain.publish({4, std::string(64, 'e')});  // a commit that finished later: nothing changes
  auto head = read_audit_head(path.string()).value();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 5);
  EXPECT_EQ(head->mac, std::string(64, 'd'));
  EXPECT_EQ(logged, 1);
  // Another process sharing the file went further: this one never moves it back.
  {
    std::ofstream(path) << format_audit_head({9, std::string(64, 'f')}) << "\n";
  }
  chain.publish({6, std::string(64, '1')});
  EXPECT_EQ(read_audit_head(path.string()).value()->seq, 9);
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + ".lock");
}

TEST(AuditHeadFile, AMalformedHeadIsAnErrorNotAbsent) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("vg-audit-head-bad-" + std::to_string(::getpid()));
  { std::ofstream(path) << "{\"seq\":5}\n"; }
  EXPECT_FALSE(read_audit_head(path.string()).has_value());
  std::filesystem::remove(path);
  EXPECT_EQ(parse_audit_head_argument("12:" + std::string(64, 'a'))->seq, 12);
  EXPECT_FALSE(parse_audit_head_argument("12:xyz").has_value());
}

}  // namespace
}  // namespace vg::store
