// Creating referrals in groups, the same on both stores. The rules of ReferralRepository::create
// are applied here once, over a few set-wise reads and one write per table, so a group of
// sixty-four referrals costs a handful of database round trips instead of a handful each; the
// stores only supply those reads and writes (ReferralGroupTransaction). Group commit itself
// (ReferralRepository::create_each) is in the .cpp beside it.
#pragma once

#include <tuple>
#include <utility>
#include <vector>

#include "store/store.h"

namespace vg::store {

// What a store does for create_group, inside one write transaction. A failure fails the group
// (the caller's transaction must go).
class ReferralGroupTransaction {
 public:
  virtual ~ReferralGroupTransaction() = default;
  using IdempotencyKey = std::pair<std::string, std::string>;  // organisation_id, key
  // The stored records among `keys`, in any order.
  virtual Result<std::vector<IdempotencyRecord>> idempotency_records(
      const std::vector<IdempotencyKey>& keys) = 0;
  virtual Result<std::vector<StoredReferral>> referrals_with_ids(const std::vector<std::string>& ids) = 0;
  // Stored referrals with the same force, crime reference and victim as any of `like` (all of
  // which have all three).
  virtual Result<std::vector<StoredReferral>> referrals_with_crime_references(
      const std::vector<const StoredReferral*>& like) = 0;
  // Takes the next `count` reference numbers for `prefix` and returns the first.
  virtual Result<std::int64_t> take_reference_numbers(const std::string& prefix, std::int64_t count) = 0;
  // Inserts the referrals, then the idempotency records, then the audit entries in order, each
  // chained to the one before.
  virtual Result<void> insert(const std::vector<StoredReferral>& referrals,
                              const std::vector<IdempotencyRecord>& records,
                              const std::vector<AuditEntry>& audit) = 0;
  // Marks each stored referral `first` as a possible duplicate of `second`, unless it is held
  // already (it keeps the first thing it was held for).
  virtual Result<void> hold_as_possible_duplicates(
      const std::vector<std::pair<std::string, std::string>>& holds) = 0;
};

// Rules 1 to 3 of ReferralRepository::create for each of `items` in order, a later item seeing
// the earlier ones (a repeat is a duplicate or a replay of an item before it); answers[i] for
// items[i]. Every prefix must already be checked.
Result<void> create_group(ReferralGroupTransaction& tx, const std::vector<const NewReferral*>& items,
                          std::vector<Result<ReferralCreated>>& answers);

}  // namespace vg::store
