// The stored form of a referral that passed every check: its record with the decision, the
// reference prefix it is numbered under, and the key that recognises its victim again. Shared by
// every channel's intake (the API, the staff and self-referral forms, bulk feeds).
#pragma once

#include <string>

#include "app/intake/area_pack.h"
#include "app/intake/routed_referral.h"
#include "domain/intake/referral.h"
#include "domain/intake/referral_records.h"

namespace vg::app {

// `document`: the referral as it was sent, kept as it came.
intake::StoredReferral stored_referral(const intake::Referral& referral, const RoutedReferral& routed,
                                       const AreaPack& pack, const std::string& organisation_id,
                                       std::string document);

// "MY-2026-": the area's prefix and the year (Europe/London) the referral was received.
std::string reference_prefix(const AreaPack& pack, intake::Instant received_at);

// The victim part of the duplicate key: a hash of who the victim is, never the details.
std::string victim_key(const intake::Referral& referral);

}  // namespace vg::app
