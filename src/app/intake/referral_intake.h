// Taking one referral in, from a police or partner case system (the API), a staff form or the
// self-referral: checked, assessed and routed with its area pack, then stored with its decision
// exactly once (idempotency keys; the same force, crime reference and victim from one sender is
// one referral), answered only after the record is durable.
#pragma once

#include "app/intake/decision_explanation.h"

#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "app/clock.h"
#include "app/intake/area_packs.h"
#include "app/intake/intake_outcome.h"
#include "app/intake/referral_creation.h"
#include "app/intake/referral_writer.h"
#include "app/intake/sender_scopes.h"
#include "domain/access/access_table.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class ReferralIntake {
 public:
  ReferralIntake(store::Store& store, const Clock& clock, AreaPacks& packs, SenderScopes& scopes);

  // `organisation_id` is the sender's (empty for the public). validation_failed errors name JSON
  // paths; "forbidden" for what the sender may not send; "conflict" when the idempotency key was
  // used with another body.
  Result<IntakeOutcome> submit(std::string_view json_body, const std::string& organisation_id,
                               const std::string& idempotency_key, const std::string& actor);
  // The same without holding the caller's thread while the store commits: the checks, the
  // assessment and the route run here, then the referral joins the next group commit, and
  // `done` is called (exactly once, on the writer's thread for a stored referral) with the
  // outcome. Keep `done` short: hand the outcome to your own thread.
  using IntakeDone = std::function<void(Result<IntakeOutcome>)>;
  void submit_async(std::string_view json_body, const std::string& organisation_id,
                    const std::string& idempotency_key, const std::string& actor, IntakeDone done);
  // A referral a signed-in person enters (the staff form): the same as submit_async, sent as the
  // actor's organisation, once the access table lets the actor enter a referral in the
  // referral's area ("forbidden", naming $.area, otherwise).
  void submit_async(std::string_view json_body, const access::Actor& actor,
                    const std::string& idempotency_key, IntakeDone done);
  // Returns once every referral submitted so far is stored and answered: a server calls it
  // after its loops stop and before it takes them down, so no answer goes to a loop that is gone.
  void wait_for_writes() { writer_.wait_until_idle(); }

  // The assessment and route the referral would get now (with live capacity), stored nowhere:
  // the staff referral form shows it while the advisor is still talking to the victim.
  // validation_failed as submit's, with JSON paths.
  Result<boost::json::object> preview(std::string_view json_body);

 private:
  // Everything submit stores, checked, assessed and routed.
  // `person`: who entered it, when a person did (checked against the access table).
  Result<NewReferral> prepare_create(std::string_view json_body, const std::string& organisation_id,
                                     const std::string& idempotency_key, const std::string& actor,
                                     const access::Actor* person = nullptr);
  void store(Result<NewReferral> prepared, IntakeDone done);

  const Clock& clock_;
  AreaPacks& packs_;
  SenderScopes& scopes_;
  DecisionExplanations explanations_;
  ReferralCreation creation_;
  // Last: it goes first, answering what is still waiting while the rest of the intake exists.
  ReferralWriter writer_;
};

}  // namespace vg::app
