// The API keys police and partner case systems send referrals with: made (the secret shown
// once, only its hash kept), revoked, and checked on every request.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "app/cache/trusted_for.h"
#include "app/clock.h"
#include "domain/intake/referral_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class RefusalTally;

struct NewApiKey {
  intake::ApiKey key;
  std::string secret;  // shown once; only its hash is stored
};

class ApiKeys {
 public:
  ApiKeys(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<NewApiKey> create_api_key(const std::string& organisation_id, const std::string& label,
                                   const std::string& actor);
  Result<void> revoke_api_key(const std::string& id, const std::string& actor);
  // The key a presented secret belongs to, if it exists and is not revoked ("unauthorized").
  // A key found valid is trusted for a second before it is looked up again: a key revoked
  // elsewhere stops working within that second (at once through this object's revoke_api_key).
  // A refused secret (none, the wrong shape, unknown or revoked) from `address` is counted and
  // audited in aggregate as api_key.refused when set_refusals gave a tally (refusal_tally.h).
  Result<intake::ApiKey> authenticate(std::string_view secret, const std::string& address = {});
  void set_refusals(RefusalTally* refusals) { refusals_ = refusals; }

 private:
  Result<intake::ApiKey> refuse(const std::string& address, std::string_view reason,
                                const intake::ApiKey* revoked = nullptr);

  store::Store& store_;
  const Clock& clock_;
  RefusalTally* refusals_ = nullptr;
  // A busy case system costs one lookup a second, not one per referral; a key revoked by another
  // process stops working within that second (at once in the process that revoked it).
  TrustedFor<intake::ApiKey> trusted_keys_{std::chrono::seconds(1), 1024};  // by secret hash
};

}  // namespace vg::app
