// When an area's advisors answer chats, as its configuration says (config/areas/<area>/
// chat-hours.txt), in London time: outside these hours no chat starts, and the page lists 999,
// the area's helplines and the self-referral instead. Pure: the caller gives the London time.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace vg::chat {

struct OpeningHours {
  // Per weekday (index: std::chrono::weekday::c_encoding(), 0 = Sunday), the spans open as
  // [from, until) in minutes after midnight, in the order written.
  std::array<std::vector<std::pair<int, int>>, 7> spans;
};

// One line a span: "monday 09:00-20:00", "mon-fri 09:00-17:00", "saturday 10:00-13:00"; blank
// lines and "#" comments ignored; a day may have several spans, and a day not named is closed.
// `validation_failed`, one field error per bad line ("line 3": an unknown day, a time not
// HH:MM, an end not after its start), every one at once. Nothing personal is ever in it.
Result<OpeningHours> read_opening_hours(std::string_view text);

// Open on `day` at `since_midnight` (London time)?
bool open_at(const OpeningHours& hours, std::chrono::weekday day, std::chrono::minutes since_midnight);

// The hours in words, a line per day open: "Monday: 9:00 to 20:00".
std::vector<std::string> describe(const OpeningHours& hours);

}  // namespace vg::chat
