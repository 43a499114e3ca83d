// For the intake's unit tests: a freshly migrated in-memory SQLite store (a real store: these
// tests run the intake against it), and an invented police organisation to send referrals as.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/clock.h"
#include "app/intake/api_keys.h"
#include "app/intake/area_packs.h"
#include "app/intake/feed_import.h"
#include "app/intake/referral_intake.h"
#include "app/intake/sender_scopes.h"
#include "store/open/open_store.h"
#include "store/store.h"

namespace vg::app::testing {

// Fails the calling test (ASSERT) when the store cannot be opened or migrated.
inline void open_migrated_store(std::unique_ptr<store::Store>& out) {
  auto opened = store::open_store("sqlite::memory:", 2);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  out = std::move(*opened);
  ASSERT_TRUE(out->migrate().has_value());
}

inline void add_police_organisation(store::Store& store, const std::string& id) {
  accounts::AuditEntry audit;
  audit.actor = "test";
  audit.action = "organisation.upsert";
  ASSERT_TRUE(
      store.accounts().upsert_organisation({id, "Invented Constabulary", "police", {"merseyside"}, {"E23000004"}}, audit).has_value());
}

// The intake's use cases over one store, wired as `serve` wires them (one per process).
struct Intake {
  Intake(store::Store& store, const Clock& clock, const std::string& config_dir)
      : packs(store, clock, config_dir),
        scopes(store, clock),
        referrals(store, clock, packs, scopes),
        feeds(store, clock, packs, scopes),
        keys(store, clock) {}
  AreaPacks packs;
  SenderScopes scopes;
  ReferralIntake referrals;
  FeedImport feeds;
  ApiKeys keys;
};

}  // namespace vg::app::testing
