// Refusals that come in floods (a wrong API key sent again and again, sign-ins refused while an
// address waits out its throttle) are counted per bucket and written to the audit log in
// aggregate: each of the first few, then one entry at each step of a 1-2-5 series carrying the
// count so far. A flood of a million refusals leaves about thirty entries, so it can neither
// drown the log nor pass unseen.
#pragma once

#include <cstdint>

#include "domain/accounts/account_records.h"

namespace vg::accounts {

// Each of the first kRefusalsEachAudited refusals in a bucket is audited on its own.
inline constexpr std::int64_t kRefusalsEachAudited = 5;

// Whether the `count`-th refusal counted in a bucket (1 = the first since the bucket was last
// quiet) is audited: 1 to 5, then 10, 20, 50, 100, 200, 500, 1,000, ...
bool audits_refusal(std::int64_t count);

// `entry` with the count added to its detail as "refusals" (the detail stays one JSON object).
AuditEntry with_refusal_count(AuditEntry entry, std::int64_t count);

}  // namespace vg::accounts
