// Each area's own file of one kind, config/areas/<area>/<name> (chat-hours.txt, costs.txt, …),
// read at start for every area the gateways cover. A missing file is no entry; every problem in
// every file is gathered, named by file and line, so one start reports them all.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "app/intake/self_referral_journey.h"
#include "app/read_file.h"
#include "domain/result.h"

namespace vg::app {

// `parse(text)` gives the file's value or a Result error with field-level problems; `Map` maps
// an area id to that value. `summary`: the error's message when any file fails.
template <typename Map, typename Parse>
Result<Map> load_area_files(const std::filesystem::path& config_dir, std::string_view file_name, Parse parse,
                            std::string_view summary) {
  Map out;
  std::vector<FieldError> errors;
  for (const auto& area : self_referral::areas()) {
    const std::string name = "areas/" + area.id + "/" + std::string(file_name);
    std::error_code ec;
    if (!std::filesystem::exists(config_dir / name, ec)) continue;
    auto text = read_file(config_dir / name);
    if (!text) {
      errors.push_back({name, "unreadable", text.error().message});
      continue;
    }
    auto value = parse(*text);
    if (!value) {
      for (const auto& f : value.error().fields) errors.push_back({name + " " + f.field, f.code, f.message});
      continue;
    }
    out.emplace(area.id, std::move(*value));
  }
  if (!errors.empty()) return validation_failed(std::move(errors), std::string(summary));
  return out;
}

}  // namespace vg::app
