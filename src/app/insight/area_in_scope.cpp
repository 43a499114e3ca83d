#include "app/insight/area_in_scope.h"

namespace vg::app {
namespace {

bool allowed_in(const access::Actor& actor, access::Action action, const std::string& area) {
  return access::decide(actor, action, {area, {}, "", "", {}}).allowed;
}

}  // namespace

std::vector<std::string> areas_in_scope(const access::Actor& actor, access::Action action) {
  std::vector<std::string> out;
  for (const auto& area : actor.areas) {
    if (allowed_in(actor, action, area)) out.push_back(area);
  }
  return out;
}

Result<std::string> area_in_scope(const access::Actor& actor, access::Action action,
                                  const std::string& asked, std::string_view what) {
  if (!access::role_may(actor.role, action)) return fail("forbidden", "Your role does not allow this");
  std::string area = asked;
  if (area.empty()) {
    const auto mine = areas_in_scope(actor, action);
    if (mine.empty()) return not_found(std::string(what));
    area = mine.front();
  }
  if (!allowed_in(actor, action, area)) return not_found(std::string(what));
  return area;
}

}  // namespace vg::app
