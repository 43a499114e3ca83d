#include "store/referral_groups.h"

#include "store/referral_references.h"

namespace vg::store {

Result<ReferralCreated> idempotency_key_reused() {
  return fail("conflict", "This Idempotency-Key was already used for a different request",
              {{"idempotency_key", "reused",
                "This Idempotency-Key was already used for a different request"}});
}

std::vector<Result<ReferralCreated>> create_each_in_group(const std::vector<NewReferral>& items,
                                                          const RunReferralGroup& run) {
  std::vector<Result<ReferralCreated>> answers(items.size());
  std::vector<const NewReferral*> group;
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (auto checked = check_reference_prefix(items[i].reference_prefix); !checked) {
      answers[i] = std::unexpected(checked.error());
      continue;
    }
    group.push_back(&items[i]);
    positions.push_back(i);
  }
  if (group.empty()) return answers;

  auto run_and_place = [&](const std::vector<const NewReferral*>& members,
                           const std::vector<std::size_t>& at) -> Result<void> {
    std::vector<Result<ReferralCreated>> got(members.size());
    VG_CHECK(run(members, got));
    for (std::size_t j = 0; j < at.size(); ++j) answers[at[j]] = std::move(got[j]);
    return {};
  };
  auto together = run_and_place(group, positions);
  if (together) return answers;
  if (group.size() == 1) {
    answers[positions.front()] = std::unexpected(together.error());
    return answers;
  }
  for (std::size_t j = 0; j < group.size(); ++j) {
    if (auto alone = run_and_place({group[j]}, {positions[j]}); !alone) {
      answers[positions[j]] = std::unexpected(alone.error());
    }
  }
  return answers;
}

Result<ReferralCreated> ReferralRepository::create(const StoredReferral& referral,
                                                   const std::string& reference_prefix,
                                                   const std::optional<IdempotencyRecord>& idempotency,
                                                   const AuditEntry& audit) {
  auto answers = create_each({NewReferral{referral, reference_prefix, idempotency, audit}});
  return std::move(answers.front());
}

}  // namespace vg::store
