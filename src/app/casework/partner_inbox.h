// A partner's inbox: the onward referrals sent to its organisation's services, and nothing else.
// Each is seen only through the shared view (what the victim agreed to share, always with the
// safe-contact profile) and only while the case's consent is in force; the partner accepts,
// declines with a reason or completes with an outcome, and the caseworker sees each answer in
// the case's timeline. Never shows or logs the victim's details beyond that view.
#pragma once

#include <string>
#include <vector>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/casework/onward_referral.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct PartnerInboxPage {
  std::vector<casework::OnwardInboxItem> items;  // newest first
  std::vector<std::string> service_names;        // one per item
  std::int64_t total_items = 0;
  std::int64_t breached = 0;  // still waiting for an answer after their respond-by date
  bool linked = false;        // the organisation runs services in the directory
};

struct PartnerReferralView {
  casework::OnwardReferral referral;
  std::string reference;  // the case's, to quote to the gateway
  std::string area;
  std::string service_name;
  casework::SharedView shared;
};

struct PartnerAnswer {
  casework::OnwardChange change = casework::OnwardChange::kAccept;
  std::string reason;   // decline reason code (declining)
  std::string outcome;  // outcome code (completing)
};

class PartnerInbox {
 public:
  PartnerInbox(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // `forbidden` for a role with no inbox.
  Result<PartnerInboxPage> list(const access::Actor& actor, int page);
  // `not_found` when it is not shared with the actor's organisation with consent in force (or
  // does not exist: never telling which). Audited ("onward_referral.read").
  Result<PartnerReferralView> open(const access::Actor& actor, const std::string& id);
  // `validation_failed` ("reason", "outcome") for a missing or unknown code; `conflict` with
  // field "version" when the referral changed since the partner read it, field "change" when its
  // state does not allow the answer; `not_found` as open. Answers the referral as stored.
  // The referral's version as it is stored now, for an API client's stale If-Match (412 names the
  // current ETag). Shares nothing, so it is not audited; `not_found` as open.
  Result<std::int64_t> current_version(const access::Actor& actor, const std::string& id);
  Result<casework::OnwardReferral> answer(const access::Actor& actor, const std::string& id,
                                          std::int64_t expected_version, const PartnerAnswer& answer);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
