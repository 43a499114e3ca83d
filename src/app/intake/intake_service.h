// Taking referrals in: checks, assesses and routes each one with its area pack, then stores it
// with its decision, exactly once (idempotency keys; the same force, crime reference and victim
// is one referral), and answers only after the record is durable. Also the API keys that police
// case systems authenticate with.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "app/clock.h"
#include "app/intake/area_pack.h"
#include "app/intake/intake_outcome.h"
#include "app/intake/referral_creation.h"
#include "app/intake/referral_writer.h"
#include "domain/intake/referral_records.h"
#include "domain/intake/sender_scope.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// One row of a bulk feed, already read into the referral JSON shape, with its line number.
struct FeedRow {
  std::int64_t line = 0;
  boost::json::object referral;
};

struct FeedRowOutcome {
  enum class Kind { kAccepted, kDuplicate, kRejected };
  std::int64_t line = 0;
  Kind kind = Kind::kRejected;
  std::string reference;
  std::vector<FieldError> errors;  // JSON paths, for rejected rows
};

// A bulk feed's batch checked, assessed and routed, not yet stored (prepare_feed_batch), so that a
// feed can store one batch while it prepares the next.
struct PreparedFeedBatch {
  std::vector<FeedRowOutcome> outcomes;  // one per row; rejected rows already have their errors
  // The valid rows by reference prefix (area and year), each with its index in `outcomes`.
  std::map<std::string, std::vector<std::pair<std::size_t, intake::StoredReferral>>> groups;
  std::string actor;
};

struct NewApiKey {
  intake::ApiKey key;
  std::string secret;  // shown once; only its hash is stored
};

class IntakeService {
 public:
  IntakeService(store::Store& store, const Clock& clock, std::string config_dir);

  // A referral from a police (or partner) case system. `organisation_id` is the API key's.
  // validation_failed errors name JSON paths; "conflict" when the idempotency key was used with
  // another body.
  Result<IntakeOutcome> submit(std::string_view json_body, const std::string& organisation_id,
                              const std::string& idempotency_key, const std::string& actor);
  // The same without holding the caller's thread while the store commits: the checks, the
  // assessment and the route run here, then the referral joins the next group commit, and
  // `done` is called (exactly once, on the writer's thread for a stored referral) with the
  // answer. Keep `done` short: hand the answer to your own thread.
  using IntakeDone = std::function<void(Result<IntakeOutcome>)>;
  void submit_async(std::string_view json_body, const std::string& organisation_id,
                    const std::string& idempotency_key, const std::string& actor, IntakeDone done);
  // Returns once every referral submitted so far is stored and answered: a server calls it
  // after its loops stop and before it takes them down, so no answer goes to a loop that is gone.
  void wait_for_writes() { writer_.wait_until_idle(); }

  // The assessment and route the referral would get now (with live capacity), stored nowhere:
  // the staff referral form shows it while the advisor is still talking to the victim.
  // validation_failed as submit's, with JSON paths.
  Result<boost::json::object> preview(std::string_view json_body);

  // A batch of a police bulk feed, in two steps: every row is checked and routed as the API
  // would (prepare), then the valid ones are stored in one transaction per area and year
  // (duplicates, including earlier runs of the same file, are recognised and not stored again).
  // Feed rows must be police referrals with a crime reference, so that running a file again can
  // never add anything. Both steps are thread-safe, so one batch can be stored while the next is
  // prepared; capacities are read when a batch is prepared, so they lag by the batch being stored.
  Result<PreparedFeedBatch> prepare_feed_batch(const std::vector<FeedRow>& rows,
                                               const std::string& organisation_id,
                                               const std::string& actor);
  Result<std::vector<FeedRowOutcome>> store_feed_batch(PreparedFeedBatch batch);

  Result<NewApiKey> create_api_key(const std::string& organisation_id, const std::string& label,
                                   const std::string& actor);
  Result<void> revoke_api_key(const std::string& id, const std::string& actor);
  // The key a presented secret belongs to, if it exists and is not revoked ("unauthorized").
  // A key found valid is trusted for a second before it is looked up again: a key revoked
  // elsewhere stops working within that second (at once through this service's revoke_api_key).
  Result<intake::ApiKey> authenticate(std::string_view secret);

  // The area pack with the routing rules in force: the version loaded into the store last
  // (loading the area's file first if the store has none). Re-checked every few seconds, so a
  // version loaded by `rules load` reaches running servers without a restart.
  // "validation_failed" for an unknown area.
  Result<std::shared_ptr<const AreaPack>> area_pack(const std::string& area);

  // Loads each area's routing rules file (or only `area`'s) into the store as a new version,
  // after checking it as a whole pack. A version already loaded with the same rules changes
  // nothing; changed rules under a version already loaded are refused ("conflict").
  struct LoadedRules {
    std::string area;
    std::string version;
    bool added = false;
  };
  Result<std::vector<LoadedRules>> load_rule_sets(const std::string& actor, const std::string& area = {});

 private:
  // What `organisation_id` may send (the public's scope when it is empty), from the store at most
  // once a second per organisation, so a change reaches every process within that second.
  // "forbidden" for an organisation that does not exist.
  Result<intake::SenderScope> sender_scope(const std::string& organisation_id);
  // Everything submit stores, checked, assessed and routed.
  Result<NewReferral> prepare_create(std::string_view json_body,
                                            const std::string& organisation_id,
                                            const std::string& idempotency_key,
                                            const std::string& actor);
  // The pack's services with the cases each holds now, re-counted at most once a second: a
  // capacity is a planning limit, so a second's lag behind other processes does not matter; this
  // process's own new referrals are counted in at once. (Counting per referral would make each
  // create cost a scan of the area's referrals.)
  Result<routing::ServiceStates> live_services(const AreaPack& pack);
  // A referral this process just stored: its service holds one more case from now on.
  void count_new_case(const std::string& area, const std::string& service_id);

  store::Store& store_;
  const Clock& clock_;
  std::string config_dir_;
  Result<LoadedRules> load_rules_file(const std::string& area, const std::string& actor);

  struct CachedPack {
    std::shared_ptr<const AreaPack> pack;
    std::chrono::system_clock::time_point checked_at;
  };
  std::mutex packs_mutex_;
  std::map<std::string, CachedPack> packs_;
  struct Load {
    routing::ServiceStates services;
    std::chrono::system_clock::time_point counted_at;
  };
  std::mutex load_mutex_;
  std::map<std::string, Load> loads_;
  struct TrustedKey {
    intake::ApiKey key;
    std::chrono::system_clock::time_point checked_at;
  };
  std::mutex keys_mutex_;
  std::map<std::string, TrustedKey> trusted_keys_;  // by secret hash
  struct KnownScope {
    intake::SenderScope scope;
    std::chrono::system_clock::time_point checked_at;
  };
  std::mutex scopes_mutex_;
  std::map<std::string, KnownScope> scopes_;  // by organisation id
  ReferralCreation creation_;
  // Last: it goes first, answering what is still waiting while the rest of the service exists.
  ReferralWriter writer_;
};

// The victim part of the duplicate key: a hash of who the victim is, never the details.
std::string victim_key(const intake::Referral& referral);

}  // namespace vg::app
