// After a restore: every erasure the ledger of the database being replaced records (by the
// schedule or on request) is made again in the restored copy, so an older backup never brings an
// erased person back. A hold the copy still shows does not stop it: the erasure happened. Each
// one made again is audited (`case.personal_data_erased`, "replayed": true), never its data.
#pragma once

#include <string_view>
#include <vector>

#include "app/clock.h"
#include "domain/result.h"
#include "store/retention_repository.h"

namespace vg::app {

inline constexpr std::string_view kErasureReplayActor = "system:restore";

// The whole ledger of a database, in case id order.
Result<std::vector<store::CaseErasure>> erasure_ledger(store::RetentionRepository& retention);

// Makes each erasure of `ledger` that `restored` holds the case of but not the erasure; returns
// how many.
Result<int> replay_erasures(const std::vector<store::CaseErasure>& ledger, store::RetentionRepository& restored,
                            const Clock& clock);

}  // namespace vg::app
