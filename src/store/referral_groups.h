// Group commit for ReferralRepository::create_each, the same on both stores: the whole group in
// one transaction (one commit, one WAL flush, for every referral in it); if a statement fails
// there (an unknown organisation's foreign key, say), that transaction is undone and each item
// runs again in its own, so one bad item costs the others nothing but time.
#pragma once

#include <functional>
#include <vector>

#include "store/store.h"

namespace vg::store {

// Runs `items` in one write transaction, setting answers[i] for items[i]: a referral created or
// found, or a refusal decided by reading alone (an idempotency key reused). Fails as a whole,
// leaving nothing behind, when any statement fails.
using RunReferralGroup = std::function<Result<void>(const std::vector<const NewReferral*>& items,
                                                    std::vector<Result<ReferralCreated>>& answers)>;

// Rule 1's refusal, the same from both stores: the key came before with a different request.
Result<ReferralCreated> idempotency_key_reused();

std::vector<Result<ReferralCreated>> create_each_in_group(const std::vector<NewReferral>& items,
                                                          const RunReferralGroup& run);

}  // namespace vg::store
