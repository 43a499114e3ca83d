// Self-referrals from the public site. Answers are kept between the journey's pages as a draft
// in the store, sealed (libsodium secretbox) with a key derived from the random token in the
// person's cookie: the database holds an opaque blob under a hash of the token, so neither a
// copy of the database nor anyone without the cookie can read a half-finished referral. Drafts
// expire. Submitting claims the draft atomically (a double click sends one referral), stores the
// referral through ReferralIntake like every other channel, and keeps only the reference.
// Starting drafts and sending referrals are limited per caller address (counted in the store,
// so every server process with the same address key shares the limit; addresses are kept only
// as keyed hashes, for two hours).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/clock.h"
#include "app/intake/referral_intake.h"
#include "app/intake/self_referral_journey.h"
#include "app/work_pool.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct SelfReferralLimits {
  int drafts_per_hour = 30;     // per caller address
  int referrals_per_hour = 10;  // per caller address: a refuge or library may send several
  std::chrono::minutes draft_lifetime{120};  // since the last answer
  // The secret callers' addresses are hashed with before they are counted, so the counts in the
  // database cannot be matched to addresses (an unkeyed hash of an IPv4 address is undone by
  // trying all four billion). Empty: a random key made at start, held only in this process's
  // memory; several processes sharing one database then each count separately.
  std::string address_key;
};

struct SubmittedSelfReferral {
  std::string reference;    // "MY-2026-000123"
  std::string contact_by;   // YYYY-MM-DD: the first-contact deadline
  bool held_for_consent = false;  // the victim asked to talk before anything is shared
  // What the confirmation page tells the victim about the contact to come, and nothing more:
  // the safe ways they chose ("call", "text", "email", "letter"), whether they gave safe times,
  // and the area pack whose helpline they are given. No contact details, nothing of the crime.
  std::vector<std::string> contact_methods;
  bool contact_times_given = false;
  std::string area;
};

class SelfReferralService {
 public:
  SelfReferralService(store::Store& store, const Clock& clock, ReferralIntake& intake,
                      SelfReferralLimits limits = {});

  // A new, empty draft: the token for the person's cookie. "rate_limited" when the address
  // started too many drafts this hour.
  Result<std::string> start(std::string_view address);
  // The draft's answers, or nullopt when there is no such draft (never made, expired, or sent).
  Result<std::optional<self_referral::Answers>> load(std::string_view token);
  Result<void> save(std::string_view token, const self_referral::Answers& answers);
  Result<void> discard(std::string_view token);
  // The same, done soon on the service's own worker, so the caller (the answer to "Exit this
  // page") never waits on the database. A draft that cannot be deleted then (the queue is full,
  // the database is down) still expires with the rest.
  void discard_soon(std::string_view token);

  // Sends the referral. "not_found" when the draft has gone, "rate_limited" when the address
  // sent too many this hour (the draft is kept), "validation_failed" when the answers do not
  // make a valid referral (the draft is kept; fields are the referral's JSON paths).
  Result<SubmittedSelfReferral> submit(std::string_view token, std::string_view address);
  // The same without waiting for the referral's commit. `ready` is called once, perhaps on the
  // referral writer's thread, with the send's last step: call that step on a thread of your own
  // (it reads the decision and saves the draft) for the same answer as submit's.
  using FinishSend = std::function<Result<SubmittedSelfReferral>()>;
  void submit_async(std::string_view token, std::string_view address,
                    std::function<void(FinishSend)> ready);
  // What was sent with this draft's token, for the confirmation page.
  Result<std::optional<SubmittedSelfReferral>> submitted(std::string_view token);
  // True while another request is sending this draft (the reference is moments away).
  Result<bool> being_sent(std::string_view token);

 private:
  struct Draft {
    std::string sealed;  // as stored: what a claim compares against
    self_referral::Answers answers;
  };
  Result<std::optional<Draft>> read(std::string_view token);

  Result<void> count_hit(std::string_view what, std::string_view address, int limit);
  // Claims the draft for sending and builds the referral's JSON: the steps before the intake.
  struct Claimed {
    self_referral::Answers answers;
    std::string body;
  };
  Result<Claimed> claim(std::string_view token, std::string_view address);
  Result<SubmittedSelfReferral> finish(const std::string& token,
                                       const self_referral::Answers& answers,
                                       const Result<IntakeOutcome>& sent);

  store::Store& store_;
  const Clock& clock_;
  ReferralIntake& intake_;
  SelfReferralLimits limits_;
  std::string address_key_;  // 32 bytes, from limits_.address_key or random
  // Last, so it is joined (finishing what it accepted) before the members its jobs use go.
  std::unique_ptr<WorkPool> cleanup_;
};

}  // namespace vg::app
