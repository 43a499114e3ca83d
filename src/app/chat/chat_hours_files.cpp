#include "app/chat/chat_hours_files.h"

#include "app/area_files.h"

namespace vg::app {

Result<std::map<std::string, chat::OpeningHours, std::less<>>> load_chat_hours(const std::filesystem::path& config_dir) {
  return load_area_files<std::map<std::string, chat::OpeningHours, std::less<>>>(
      config_dir, "chat-hours.txt", [](const std::string& text) { return chat::read_opening_hours(text); },
      "The chat opening hours are not valid");
}

}  // namespace vg::app
