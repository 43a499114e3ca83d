// The chat notifier's payload: a chat id and numbers only, read back exactly, anything else
// refused (it arrives from the database, but is read as any outside input is).
#include "store/chat_notifier.h"

#include <gtest/gtest.h>

namespace vg::store {
namespace {

TEST(ChatSignalText, EachKindReadsBackAsWritten) {
  for (const ChatSignal& s : {ChatSignal{ChatSignal::Kind::kEvent, "3f1c-aa", 12, chat::ChatParty::kVictim},
                              ChatSignal{ChatSignal::Kind::kTyping, "3f1c-aa", 0, chat::ChatParty::kAdvisor},
                              ChatSignal{ChatSignal::Kind::kRead, "3f1c-aa", 9, chat::ChatParty::kVictim}}) {
    const auto back = read_signal(signal_text(s));
    ASSERT_TRUE(back) << signal_text(s);
    EXPECT_EQ(back->kind, s.kind);
    EXPECT_EQ(back->chat_id, s.chat_id);
    EXPECT_EQ(back->seq, s.seq);
    if (s.kind != ChatSignal::Kind::kEvent) {
      EXPECT_EQ(back->party, s.party);
    }
  }
  EXPECT_EQ(signal_text({ChatSignal::Kind::kEvent, "ab-12", 4, {}}), "e ab-12 4");
}

TEST(ChatSignalText, AnythingElseIsRefused) {
  for (const char* bad : {"", "e", "e ab", "e ab -1", "e ab 1x", "e AB 1", "e ab 1 2", "x ab 1", "t ab someone",
                          "r ab victim", "r ab victim 1 2", "e ab  1", "e ab 99999999999999999999"}) {
    EXPECT_FALSE(read_signal(bad)) << bad;
  }
}

}  // namespace
}  // namespace vg::store
