#include "app/protection/erasure_replay.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/protection/retention_job.h"

namespace vg::app {

namespace {
constexpr int kBatch = 500;
}  // namespace

Result<std::vector<store::CaseErasure>> erasure_ledger(store::RetentionRepository& retention) {
  std::vector<store::CaseErasure> ledger;
  for (std::string after;;) {
    auto batch = VG_TRY(retention.erasures(after, kBatch));
    ledger.insert(ledger.end(), batch.begin(), batch.end());
    if (static_cast<int>(batch.size()) < kBatch) break;
    after = batch.back().case_id;
  }
  return ledger;
}

Result<int> replay_erasures(const std::vector<store::CaseErasure>& ledger, store::RetentionRepository& restored,
                            const Clock& clock) {
  namespace json = boost::json;
  int made = 0;
  for (const auto& made_before : ledger) {
    if (VG_TRY(restored.erasure(made_before.case_id))) continue;
    // A case the backup never had (created after it) is not there to erase.
    if (!VG_TRY(restored.case_facts(made_before.case_id))) continue;
    store::CaseErasure again = made_before;
    again.replayed = true;
    const auto now = clock.now();
    auto erased = VG_TRY(restored.erase_case(again, [&](const store::ErasedRows& rows) {
      json::object detail{{"rule", again.rule},
                          {"referral_id", again.case_id},
                          {"replayed", true},
                          {"erased", erased_counts(rows)}};
      return audit_entry(now, std::string(kErasureReplayActor), "case.personal_data_erased", "case", again.case_id,
                         json::serialize(detail));
    }));
    if (erased) ++made;
  }
  return made;
}

}  // namespace vg::app
