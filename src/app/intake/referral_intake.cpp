#include "app/intake/referral_intake.h"

#include <boost/json.hpp>

#include <future>

#include "app/audit/audit_entry.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "app/intake/referral_record.h"
#include "app/intake/routed_referral.h"
#include "app/security/random_token.h"

namespace vg::app {

namespace json = boost::json;

ReferralIntake::ReferralIntake(store::Store& store, const Clock& clock, AreaPacks& packs,
                               SenderScopes& scopes)
    : clock_(clock),
      packs_(packs),
      scopes_(scopes),
      explanations_(store),
      creation_(store),
      writer_([this](const std::vector<NewReferral>& items) { return creation_.create_each(items); }) {}

Result<IntakeOutcome> ReferralIntake::submit(std::string_view body, const std::string& organisation_id,
                                            const std::string& idempotency_key,
                                            const std::string& actor) {
  std::promise<Result<IntakeOutcome>> answered;
  auto answer = answered.get_future();
  submit_async(body, organisation_id, idempotency_key, actor,
               [&answered](Result<IntakeOutcome> a) { answered.set_value(std::move(a)); });
  return answer.get();
}

void ReferralIntake::submit_async(std::string_view body, const std::string& organisation_id,
                                  const std::string& idempotency_key, const std::string& actor,
                                  IntakeDone done) {
  store(prepare_create(body, organisation_id, idempotency_key, actor), std::move(done));
}

void ReferralIntake::submit_async(std::string_view body, const access::Actor& actor,
                                  const std::string& idempotency_key, IntakeDone done) {
  store(prepare_create(body, actor.organisation_id, idempotency_key, actor.user_id, &actor),
        std::move(done));
}

void ReferralIntake::store(Result<NewReferral> prepared, IntakeDone done) {
  if (!prepared) return done(std::unexpected(std::move(prepared.error())));
  const bool takes_a_place = prepared->referral.outcome != "signposted";
  // The answer shows the explanation's text, rendered here on the caller's thread: the writer
  // thread, which answers, is what sets the pace of every create.
  auto shown = explanations_.shown(prepared->referral.assessment);
  if (!shown) return done(std::unexpected(std::move(shown.error())));
  writer_.submit(std::move(*prepared), [this, takes_a_place, shown = std::move(*shown),
                                        done = std::move(done)](Result<IntakeOutcome> outcome) mutable {
    if (outcome && outcome->created() && takes_a_place) {
      packs_.count_new_case(outcome->referral.area, outcome->referral.service_id);
    }
    if (outcome && outcome->created()) {
      outcome->referral.assessment = std::move(shown);
    } else if (outcome) {
      // A replay or a duplicate answers with the earlier referral, as it shows now.
      auto earlier = explanations_.shown(outcome->referral.assessment);
      if (!earlier) return done(std::unexpected(std::move(earlier.error())));
      outcome->referral.assessment = std::move(*earlier);
    }
    done(std::move(outcome));
  });
}

Result<NewReferral> ReferralIntake::prepare_create(std::string_view body,
                                                         const std::string& organisation_id,
                                                         const std::string& idempotency_key,
                                                         const std::string& actor,
                                                         const access::Actor* person) {
  auto referral = VG_TRY(parse_referral_json(body));
  // The gateway's own clock says when it was received: the Victims' Code clocks start here.
  referral.received_at = clock_.now();
  auto pack = VG_TRY(packs_.pack_for(referral));
  // Invalid input (422) first, then what this person or sender may not send (403).
  if (person) {
    access::Subject new_referral;  // a referral not yet anyone's: only its area counts
    new_referral.area = referral.area;
    const auto decision = access::decide(*person, access::Action::kEnterReferral, new_referral);
    if (!decision.allowed) {
      return fail("forbidden", "You may not enter this referral",
                  {{"$.area", "not_permitted", std::string(decision.reason)}});
    }
  }
  VG_CHECK(SenderScopes::check(VG_TRY(scopes_.scope_of(organisation_id)), referral));
  auto services = VG_TRY(packs_.live_services(*pack));
  auto routed = VG_TRY(
      assess_and_route(*pack, services, referral, england_and_wales_bank_holidays(),
                       routing::Explain::kFacts));

  NewReferral out;
  out.referral = stored_referral(referral, routed, *pack, organisation_id, std::string(body));
  out.opening = casework::case_opening(routed, pack->policy.offence_categories);
  const auto& stored = out.referral;
  if (!idempotency_key.empty()) {
    intake::IdempotencyRecord rec;
    rec.organisation_id = organisation_id;
    rec.key = idempotency_key;
    rec.request_hash = sha256_hex(body);
    rec.created_at = stored.received_at;
    out.idempotency = std::move(rec);
  }
  out.reference_prefix = reference_prefix(*pack, stored.received_at);
  out.audit = audit_entry(clock_, actor, "referral.create", "referral", stored.id,
                          json::serialize(json::object{{"area", stored.area},
                                                       {"channel", stored.channel},
                                                       {"outcome", stored.outcome}}));
  return out;
}

Result<json::object> ReferralIntake::preview(std::string_view body) {
  auto referral = VG_TRY(parse_referral_json(body));
  referral.received_at = clock_.now();
  auto pack = VG_TRY(packs_.pack_for(referral));
  auto services = VG_TRY(packs_.live_services(*pack));
  auto routed = VG_TRY(assess_and_route(*pack, services, referral, england_and_wales_bank_holidays(), true));
  return routed_referral_json(routed, *pack);
}

}  // namespace vg::app
