// A safeguarding concern as the advisor's form sends it: a known kind and a short note, read as a
// chat message is; every problem reported at once on its own field.
#include "domain/chat/chat_concern.h"

#include <gtest/gtest.h>

namespace vg::chat {
namespace {

std::vector<std::pair<std::string, std::string>> refused(std::string_view kind, std::string_view note) {
  auto read = read_concern(kind, note);
  EXPECT_FALSE(read);
  std::vector<std::pair<std::string, std::string>> out;
  if (read) return out;
  EXPECT_EQ(read.error().code, "validation_failed");
  for (const auto& f : read.error().fields) {
    EXPECT_FALSE(f.message.empty());
    out.emplace_back(f.field, f.code);
  }
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST(ChatConcern, ReadsEachKindAndTheNoteTrimmed) {
  for (const auto kind : {ConcernKind::kChildAtRisk, ConcernKind::kAdultAtRisk, ConcernKind::kDangerToLife,
                          ConcernKind::kDomesticAbuseHighRisk, ConcernKind::kOther}) {
    const auto read = read_concern(to_code(kind), "  Said their child is alone at home\r\n");
    ASSERT_TRUE(read) << to_code(kind);
    EXPECT_EQ(read->kind, kind);
    EXPECT_EQ(read->note, "Said their child is alone at home");
    EXPECT_EQ(concern_kind_from_code(to_code(kind)), kind);
    EXPECT_FALSE(to_label(kind).empty());
    EXPECT_FALSE(task_title(kind).empty());
  }
  EXPECT_EQ(to_code(ConcernKind::kDangerToLife), "danger_to_life");
  EXPECT_EQ(to_code(ConcernKind::kDomesticAbuseHighRisk), "domestic_abuse_high_risk");
}

TEST(ChatConcern, RefusesAMissingOrUnknownKindAndAnEmptyNoteTogether) {
  EXPECT_EQ(refused("", ""), (Fields{{"kind", "required"}, {"note", "required"}}));
  EXPECT_EQ(refused("CHILD_AT_RISK", "words"), (Fields{{"kind", "required"}}));
  EXPECT_EQ(refused("child_at_risk", " \r\n "), (Fields{{"note", "required"}}));
}

TEST(ChatConcern, RefusesALongNoteOrHiddenCharacters) {
  EXPECT_TRUE(read_concern("other", std::string(kMaxConcernNoteCharacters, 'a')));
  EXPECT_EQ(refused("other", std::string(kMaxConcernNoteCharacters + 1, 'a')), (Fields{{"note", "too_long"}}));
  EXPECT_EQ(refused("other", std::string(100000, 'a')), (Fields{{"note", "too_long"}}));
  EXPECT_EQ(refused("other", "bell\x07"), (Fields{{"note", "invalid"}}));
  EXPECT_EQ(refused("other", "\xff"), (Fields{{"note", "invalid"}}));
}

}  // namespace
}  // namespace vg::chat
