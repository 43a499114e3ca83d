// Each area's chat opening hours as its configuration keeps them: <config_dir>/areas/<area>/
// chat-hours.txt (domain/chat/opening_hours.h says what a file holds). Read once at start.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "domain/chat/opening_hours.h"
#include "domain/result.h"

namespace vg::app {

// The hours of every area the gateways cover that has a file (an area without one: whenever an
// advisor is on). `validation_failed` naming each bad file and line
// ("areas/merseyside/chat-hours.txt line 3"), so a mistake stops the start, not a victim's chat.
Result<std::map<std::string, chat::OpeningHours, std::less<>>> load_chat_hours(const std::filesystem::path& config_dir);

}  // namespace vg::app
