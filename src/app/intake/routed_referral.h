// A referral taken all the way through (domain/intake/routed_referral) with an area pack: the pack
// a referral names, and the result as JSON (the `route --explain` output and the assessment of a
// stored referral). No store: callers decide what to keep.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/intake/area_pack.h"
#include "domain/assessment/assessment.h"
#include "domain/deadlines/bank_holidays.h"
#include "domain/intake/referral.h"
#include "domain/intake/routed_referral.h"
#include "domain/routing/decide.h"

namespace vg::app {

using intake::RoutedReferral;

// intake::assess_and_route with the pack's rules and assessment policy. Stored referrals take
// Explain::kFacts (no text is built); `true` means Explain::kText.
inline Result<RoutedReferral> assess_and_route(const AreaPack& pack, const routing::ServiceStates& services,
                                               intake::Referral referral,
                                               const deadlines::BankHolidayCalendar& calendar,
                                               routing::Explain explain) {
  return intake::assess_and_route(pack.rules, services, pack.policy, std::move(referral), calendar, explain);
}
inline Result<RoutedReferral> assess_and_route(const AreaPack& pack, const routing::ServiceStates& services,
                                               intake::Referral referral,
                                               const deadlines::BankHolidayCalendar& calendar,
                                               bool explain) {
  return intake::assess_and_route(pack.rules, services, pack.policy, std::move(referral), calendar, explain);
}

// The pack of the area a referral names, from `find` (the caller's store of packs). When the
// area is missing, or `find` does not know it (validation_failed), validation_failed with the
// area's error and every other field error the referral has, as JSON paths: a sender learns
// all that is wrong at once. Any other failure of `find` is passed on as it is.
using FindAreaPack = std::function<Result<std::shared_ptr<const AreaPack>>(const std::string& area)>;
Result<std::shared_ptr<const AreaPack>> pack_for(const intake::Referral& referral,
                                                 const FindAreaPack& find);

// Never includes the victim's personal details or account: only what was decided and why.
// `storage`: where its memory comes from (a monotonic arena makes building it cheap).
boost::json::object routed_referral_json(const RoutedReferral& routed, const AreaPack& pack,
                                         boost::json::storage_ptr storage = {});

// The consent state's stable code ("awaiting_consent", ...), as the JSON above gives it.
std::string_view consent_state_code(assessment::ConsentState state);

}  // namespace vg::app
