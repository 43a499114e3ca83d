// Migration 0034's data step, run by `victim-gateway migrate` after the SQL files: referrals
// stored with their explanation as text get it as facts, with the names read from their own text.
// Never takes a name from today's directory, and never changes what a referral shows.
#pragma once

#include "app/clock.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// The name it is recorded under in data_migrations once done.
inline constexpr const char* kExplanationFactsMigration = "0034_explanation_facts";

struct ExplanationMigrationReport {
  int converted = 0;     // now stored as facts
  int kept_as_text = 0;  // a line that would not read back word for word: kept verbatim ("text")
};

// Idempotent: once recorded done it reads nothing; a row changed meanwhile is left for the next
// run. Each converted row shows exactly the lines it showed before (checked row by row).
Result<ExplanationMigrationReport> migrate_stored_explanations(store::Store& store, const Clock& clock);

}  // namespace vg::app
