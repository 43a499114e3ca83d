#include "app/intake/referral_record.h"

#include <boost/json.hpp>


#include "app/security/random_token.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/folded_text.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string channel_code(intake::Channel c) {
  switch (c) {
    case intake::Channel::kPolice: return "police";
    case intake::Channel::kSelf: return "self";
    case intake::Channel::kPartner: return "partner";
    case intake::Channel::kPhone: return "phone";
    case intake::Channel::kChat: return "chat";
  }
  return "";
}

}  // namespace

intake::StoredReferral stored_referral(const intake::Referral& referral, const RoutedReferral& routed,
                                       const AreaPack& pack, const std::string& organisation_id,
                                       std::string document) {
  intake::StoredReferral stored;
  stored.id = time_ordered_uuid(referral.received_at);
  stored.area = pack.rules.area;
  stored.channel = channel_code(referral.channel);
  stored.received_at = referral.received_at;
  stored.source_organisation_id = organisation_id;
  if (referral.reported_to_police) {
    stored.police_force_code = referral.police_force_code;
    stored.crime_reference = text::folded(referral.crime_reference);
    stored.victim_key = victim_key(referral);
  }
  stored.consent_state = consent_state_code(routed.assessment.consent.state);
  stored.outcome = routing::outcome_code(routed.decision.outcome);
  stored.service_id = routed.decision.service_id;
  stored.rule_set_version = routed.decision.rule_set_version;
  stored.document = std::move(document);
  // Built in one arena on the stack (the decision runs to a few kilobytes): no allocation per
  // member, and all of it freed at once.
  unsigned char arena[16384];
  json::monotonic_resource memory(arena, sizeof arena);
  stored.assessment = json::serialize(routed_referral_json(routed, pack, &memory));
  return stored;
}

std::string reference_prefix(const AreaPack& pack, intake::Instant received_at) {
  return pack.rules.reference_prefix + "-" +
         std::to_string(static_cast<int>(deadlines::london_date(received_at).year())) + "-";
}

std::string victim_key(const intake::Referral& r) {
  std::string who;
  if (r.victim_type == intake::VictimType::kBusiness) {
    who = "business|" + text::folded(r.business.name);
  } else {
    who = "person|" + text::folded(r.person.name) + "|";
    if (r.person.date_of_birth) {
      const auto& d = *r.person.date_of_birth;
      who += std::to_string(static_cast<int>(d.year())) + "-" +
             std::to_string(static_cast<unsigned>(d.month())) + "-" +
             std::to_string(static_cast<unsigned>(d.day()));
    }
  }
  return sha256_hex(who);
}

}  // namespace vg::app
