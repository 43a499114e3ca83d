#include "app/intake/feed_import.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "app/intake/referral_record.h"
#include "app/intake/routed_referral.h"

namespace vg::app {

namespace json = boost::json;

Result<PreparedFeedBatch> FeedImport::prepare_feed_batch(const std::vector<FeedRow>& rows,
                                                            const std::string& organisation_id,
                                                            const std::string& actor) {
  PreparedFeedBatch out;
  out.actor = actor;
  const auto scope = VG_TRY(scopes_.scope_of(organisation_id));
  out.outcomes.resize(rows.size());
  std::map<std::string, routing::ServiceStates> batch_services;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.outcomes[i].line = rows[i].line;
    auto referral = referral_from_json(rows[i].referral, "$");
    if (!referral) {
      out.outcomes[i].errors = referral.error().fields;
      continue;
    }
    referral->received_at = clock_.now();
    std::vector<FieldError> errors;
    if (referral->channel != intake::Channel::kPolice) {
      errors.push_back({"$.channel", "not_police", "a bulk feed holds police referrals only"});
    }
    const bool said_channel = !errors.empty();
    auto pack = packs_.pack_for(*referral);
    if (!pack) {
      errors.insert(errors.end(), pack.error().fields.begin(), pack.error().fields.end());
    } else {
      for (auto& e : intake::scope_violations(scope, *referral)) {
        if (!(said_channel && e.field == "$.channel")) errors.push_back(std::move(e));
      }
    }
    if (!errors.empty()) {
      out.outcomes[i].errors = std::move(errors);
      continue;
    }
    // Read once per area and batch: this batch's own cases are counted in after it is stored.
    auto loaded = batch_services.find(referral->area);
    if (loaded == batch_services.end()) {
      auto services = packs_.live_services(**pack);
      if (!services) return std::unexpected(services.error());
      loaded = batch_services.emplace(referral->area, std::move(*services)).first;
    }
    auto routed = assess_and_route(**pack, loaded->second, *referral, england_and_wales_bank_holidays(),
                                   routing::Explain::kFacts);
    if (!routed) {
      out.outcomes[i].errors = routed.error().fields;
      continue;
    }
    auto stored = stored_referral(*referral, *routed, **pack, organisation_id,
                                  json::serialize(rows[i].referral));
    const auto prefix = reference_prefix(**pack, stored.received_at);
    out.groups[prefix].emplace_back(i, OpeningReferral{std::move(stored), casework::case_opening(*routed, (*pack)->policy.offence_categories)});
  }
  return out;
}

Result<std::vector<FeedRowOutcome>> FeedImport::store_feed_batch(PreparedFeedBatch batch) {
  auto out = std::move(batch.outcomes);
  for (auto& [prefix, members] : batch.groups) {
    std::vector<OpeningReferral> referrals;
    referrals.reserve(members.size());
    for (auto& [index, opening] : members) referrals.push_back(std::move(opening));
    auto audit = audit_entry(clock_, batch.actor, "referral.import", "referral", {},
                             json::serialize(json::object{{"rows", referrals.size()}, {"prefix", prefix}}));
    auto created = VG_TRY(creation_.create_batch(std::move(referrals), prefix, audit));
    for (const auto& c : created) {
      if (c.created() && c.referral.outcome != "signposted") {
        packs_.count_new_case(c.referral.area, c.referral.service_id);
      }
    }
    for (std::size_t j = 0; j < members.size() && j < created.size(); ++j) {
      auto& o = out[members[j].first];
      o.kind = created[j].created() ? FeedRowOutcome::Kind::kAccepted : FeedRowOutcome::Kind::kDuplicate;
      o.reference = created[j].referral.reference;
    }
  }
  return out;
}

}  // namespace vg::app
