// Migration 0038's data step, run by `victim-gateway migrate` after the SQL files: every referral
// stored before insight's facts existed gets its facts row, read from its stored assessment, its
// document (for the crime's flags and the kind of victim only) and its case. Writes codes, bands
// and dates only; never copies a name, a contact detail or the victim's words.
#pragma once

#include <vector>

#include "app/clock.h"
#include "domain/assessment/assessment.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// The name it is recorded under in data_migrations once done.
inline constexpr const char* kReferralFactsMigration = "0038_referral_facts";

struct FactsMigrationReport {
  int written = 0;
  // Rows whose document or assessment did not read: written with what the referral's own columns
  // and its case tell (the flags and bands they lack count as not set and "unknown").
  int partly_read = 0;
};

// Migration 0046's data step: every facts row with no routing inputs whose referral is still held
// gets them, derived from its document and stored assessment by routing::routing_inputs, as the
// intake derives them. Idempotent like the one below; a row whose referral does not read is left
// without (and counted), as is one whose referral retention has erased.
inline constexpr const char* kRoutingInputsMigration = "0046_routing_inputs";

struct RoutingInputsMigrationReport {
  int written = 0;
  int unreadable = 0;
};

Result<RoutingInputsMigrationReport> migrate_routing_inputs(store::Store& store, const Clock& clock);

// Idempotent: once recorded done it reads nothing; a referral given its facts meanwhile (by the
// intake, racing it) keeps them. `categories`: the offence categories, for each offence's group.
Result<FactsMigrationReport> migrate_referral_facts(store::Store& store, const Clock& clock,
                                                    const std::vector<assessment::OffenceCategory>& categories);

}  // namespace vg::app
