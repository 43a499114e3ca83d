// Which roles sign in with a second factor: decided from the access table, never a hand list,
// so a role that gains a line revealing a victim's data needs one from that change on.
// Pure rule; no I/O. It never relaxes what the access table itself refuses.
#pragma once

#include "domain/accounts/role.h"

namespace vg::access {

// True when the access table grants `role` any action that reveals personal data.
bool needs_second_factor(accounts::Role role);

}  // namespace vg::access
