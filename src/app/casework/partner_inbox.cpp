#include "app/casework/partner_inbox.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/onward_referral_access.h"
#include "app/insight/case_facts.h"
#include "app/intake/referral_json.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string_view event_kind(casework::OnwardChange change) {
  switch (change) {
    case casework::OnwardChange::kAccept: return "onward_referral_accepted";
    case casework::OnwardChange::kDecline: return "onward_referral_declined";
    case casework::OnwardChange::kComplete: return "onward_referral_completed";
    case casework::OnwardChange::kWithdraw: return "onward_referral_withdrawn";
  }
  return "onward_referral_accepted";
}

std::vector<FieldError> check(const PartnerAnswer& a) {
  if (a.change == casework::OnwardChange::kDecline && casework::decline_reason_label(a.reason).empty()) {
    return {{"reason", "required", "Select why you are declining"}};
  }
  if (a.change == casework::OnwardChange::kComplete && casework::completion_outcome_label(a.outcome).empty()) {
    return {{"outcome", "required", "Select how support ended"}};
  }
  if (a.change == casework::OnwardChange::kWithdraw) return {{"change", "not_yours", "Only the gateway withdraws"}};
  return {};
}

// The actor's organisation's directory organisation: whose inbox it reads. Empty: none.
Result<std::string> directory_organisation_of(store::Store& store, const access::Actor& actor) {
  auto org = VG_TRY(store.accounts().find_organisation(actor.organisation_id));
  return org ? org->directory_organization_id : std::string();
}

std::string service_name(store::Store& store, const std::string& id) {
  auto service = store.directory().find_service(id);
  return service && *service ? (*service)->name : std::string("A service no longer listed");
}

}  // namespace

Result<PartnerInboxPage> PartnerInbox::list(const access::Actor& actor, int page) {
  if (!access::role_may(actor.role, access::Action::kAnswerOnwardReferral)) {
    return fail("forbidden", "Your role has no inbox of referrals");
  }
  PartnerInboxPage out;
  const auto directory_org = VG_TRY(directory_organisation_of(store_, actor));
  if (directory_org.empty()) return out;
  out.linked = true;
  // The same rule as opening one (onward_referral_subject): open referrals, consent in force.
  casework::OnwardInboxQuery query{directory_org, casework::partner_visible_state_codes(),
                                   casework::sharing_consent_states(), std::max(1, page), 25};
  auto found = VG_TRY(store_.onward_referrals().inbox(query));
  // Only the areas the organisation serves: nothing crosses areas.
  for (auto& item : found.items) {
    if (std::find(actor.areas.begin(), actor.areas.end(), item.referral.area) == actor.areas.end()) continue;
    out.service_names.push_back(service_name(store_, item.referral.service_id));
    out.items.push_back(std::move(item));
  }
  out.total_items = found.total_items;
  out.breached = VG_TRY(store_.onward_referrals().count_breached(directory_org, deadlines::london_date(clock_.now())));
  return out;
}

Result<PartnerReferralView> PartnerInbox::open(const access::Actor& actor, const std::string& id) {
  if (!access::role_may(actor.role, access::Action::kAnswerOnwardReferral)) {
    return fail("forbidden", "Your role has no inbox of referrals");
  }
  auto r = VG_TRY(store_.onward_referrals().find(id));
  if (!r) return not_found("The referral");
  auto c = VG_TRY(store_.cases().find(r->case_id));
  if (!c) return not_found("The referral");
  const auto holders = VG_TRY(onward_referral_holders(store_, r->directory_organization_id));
  const auto decision =
      access::decide(actor, access::Action::kAnswerOnwardReferral, onward_referral_subject(*c, *r, holders));
  if (!decision.allowed) return not_found("The referral");
  auto stored = VG_TRY(store_.referrals().find(c->id));
  if (!stored) return not_found("The referral");
  auto referral = parse_referral_json(stored->document);
  if (!referral) return fail("internal", "The case's referral could not be read");
  const auto scope = casework::consent_scope_in_force(VG_TRY(store_.cases().events(c->id)), referral->consent);
  PartnerReferralView view{*r, c->reference, c->area, service_name(store_, r->service_id),
                           casework::shared_view(*referral, r->shared_fields, scope)};
  // Who at which partner looked at what was shared, and by which right; ids only.
  VG_CHECK(store_.audit().append(audit_entry(
      clock_, actor.user_id, "onward_referral.read", "onward_referral", r->id,
      json::serialize(json::object{{"via", access::to_code(*decision.via)}, {"case_id", c->id}}))));
  return view;
}

Result<std::int64_t> PartnerInbox::current_version(const access::Actor& actor, const std::string& id) {
  if (!access::role_may(actor.role, access::Action::kAnswerOnwardReferral)) {
    return fail("forbidden", "Your role has no inbox of referrals");
  }
  auto r = VG_TRY(store_.onward_referrals().find(id));
  if (!r) return not_found("The referral");
  auto c = VG_TRY(store_.cases().find(r->case_id));
  if (!c) return not_found("The referral");
  const auto holders = VG_TRY(onward_referral_holders(store_, r->directory_organization_id));
  if (!access::decide(actor, access::Action::kAnswerOnwardReferral, onward_referral_subject(*c, *r, holders))
           .allowed) {
    return not_found("The referral");
  }
  return r->version;
}

Result<casework::OnwardReferral> PartnerInbox::answer(const access::Actor& actor, const std::string& id,
                                                      std::int64_t expected_version, const PartnerAnswer& a) {
  if (!access::role_may(actor.role, access::Action::kAnswerOnwardReferral)) {
    return fail("forbidden", "Your role has no inbox of referrals");
  }
  if (auto errors = check(a); !errors.empty()) return validation_failed(std::move(errors));
  auto before = VG_TRY(store_.onward_referrals().find(id));
  if (!before) return not_found("The referral");
  // Which organisations hold it, and the service's name, read before the write: neither is
  // changed by answering it.
  const auto holders = VG_TRY(onward_referral_holders(store_, before->directory_organization_id));
  const auto name = service_name(store_, before->service_id);
  casework::OnwardReferral stored;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto r = VG_TRY(unit.onward_referrals().find(id));
    if (!r) return not_found("The referral");
    auto c = VG_TRY(unit.cases().find(r->case_id));
    // Consent is read in this transaction: an answer never lands after consent was withdrawn.
    if (!c || !access::decide(actor, access::Action::kAnswerOnwardReferral, onward_referral_subject(*c, *r, holders))
                   .allowed) {
      return not_found("The referral");
    }
    if (r->version != expected_version) {
      return fail("conflict", "Someone else changed this referral since you opened it",
                  {{"version", "stale", "Someone else changed this referral since you opened it"}});
    }
    const auto now = clock_.now();
    r->state = VG_TRY(casework::onward_state_after(r->state, a.change, casework::OnwardParty::kPartner));
    json::object detail{{"onward_referral_id", r->id}, {"service_id", r->service_id}};
    if (a.change == casework::OnwardChange::kDecline) {
      r->reason = a.reason;
      detail["reason"] = a.reason;
    }
    if (a.change == casework::OnwardChange::kComplete) {
      r->outcome = a.outcome;
      r->completed_at = now;
      detail["outcome"] = a.outcome;
    } else {
      r->answered_at = now;
    }
    VG_CHECK(unit.onward_referrals().update(*r, expected_version));
    r->version = expected_version + 1;
    const std::string audit_detail = json::serialize(detail);
    detail["service_name"] = name;
    VG_CHECK(unit.cases().append_events(
        {casework::CaseEvent{0, c->id, now, actor.user_id, std::string(event_kind(a.change)), json::serialize(detail)}}));
    VG_CHECK(refresh_case_facts(unit, *c));  // the service path and support, for insight
    VG_CHECK(unit.append_audit({audit_entry(now, actor.user_id,
                                            "onward_referral." + std::string(casework::to_code(a.change)),
                                            "onward_referral", r->id, audit_detail)}));
    stored = std::move(*r);
    return {};
  }));
  return stored;
}

}  // namespace vg::app
