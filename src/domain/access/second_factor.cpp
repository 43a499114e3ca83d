#include "domain/access/second_factor.h"

#include <algorithm>

#include "domain/access/access_table.h"

namespace vg::access {

bool needs_second_factor(accounts::Role role) {
  const auto actions = all_actions();
  return std::any_of(actions.begin(), actions.end(), [&](Action action) {
    return reveals_personal_data(action) && role_may(role, action);
  });
}

}  // namespace vg::access
