#include "app/intake/referral_reader.h"

namespace vg::app {

ReferralReader::ReferralReader(store::Store& store) : store_(store), explanations_(store) {}

access::Subject ReferralReader::subject_of(const intake::StoredReferral& referral) {
  // Until casework gives each referral a case held by its area's gateway team, a referral
  // belongs to the organisation that sent it alone.
  access::Subject subject;
  subject.area = referral.area;
  if (!referral.source_organisation_id.empty()) subject.organisations.push_back(referral.source_organisation_id);
  return subject;
}

Result<intake::StoredReferral> ReferralReader::find_by_reference(const access::Actor& actor,
                                                                 const std::string& reference) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading referrals");
  }
  auto found = VG_TRY(store_.referrals().find_by_reference(reference));
  if (!found) return not_found("The referral");
  const auto subject = subject_of(*found);
  if (!access::decide(actor, access::Action::kReadReferral, subject).allowed) {
    return not_found("The referral");
  }
  // Shown as it was decided: a decision stored as facts gets its explanation's text.
  found->assessment = VG_TRY(explanations_.shown(found->assessment));
  return std::move(*found);
}

}  // namespace vg::app
