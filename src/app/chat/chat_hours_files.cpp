#include "app/chat/chat_hours_files.h"

#include <system_error>

#include "app/intake/self_referral_journey.h"
#include "app/read_file.h"

namespace vg::app {

Result<std::map<std::string, chat::OpeningHours, std::less<>>> load_chat_hours(const std::filesystem::path& config_dir) {
  std::map<std::string, chat::OpeningHours, std::less<>> out;
  std::vector<FieldError> errors;
  for (const auto& area : self_referral::areas()) {
    const std::string name = "areas/" + area.id + "/chat-hours.txt";
    std::error_code ec;
    if (!std::filesystem::exists(config_dir / name, ec)) continue;
    auto text = read_file(config_dir / name);
    if (!text) {
      errors.push_back({name, "unreadable", text.error().message});
      continue;
    }
    auto hours = chat::read_opening_hours(*text);
    if (!hours) {
      for (const auto& f : hours.error().fields) errors.push_back({name + " " + f.field, f.code, f.message});
      continue;
    }
    out.emplace(area.id, std::move(*hours));
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The chat opening hours are not valid");
  return out;
}

}  // namespace vg::app
