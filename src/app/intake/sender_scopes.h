// What each organisation may send: its kind, areas and force codes (domain/intake/sender_scope),
// read from the store at most once a second per organisation, so a change reaches every process
// within that second.
#pragma once

#include <chrono>
#include <string>

#include "app/cache/trusted_for.h"
#include "app/clock.h"
#include "domain/intake/referral.h"
#include "domain/intake/sender_scope.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class SenderScopes {
 public:
  SenderScopes(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The public's scope when `organisation_id` is empty. "forbidden" for an organisation that
  // does not exist.
  Result<intake::SenderScope> scope_of(const std::string& organisation_id);
  // Refuses, naming each field ("forbidden"), what `scope` may not send (the areas it serves, its
  // channel and, for a force, its own force codes).
  static Result<void> check(const intake::SenderScope& scope, const intake::Referral& referral);

 private:
  store::Store& store_;
  const Clock& clock_;
  TrustedFor<intake::SenderScope> scopes_{std::chrono::seconds(1), 1024};  // by organisation id
};

}  // namespace vg::app
