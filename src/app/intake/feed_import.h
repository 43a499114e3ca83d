// A police bulk feed, batch by batch: every row checked and routed as the API would (prepare),
// then the valid ones stored in one transaction per area and year (duplicates, including earlier
// runs of the same file, are recognised and not stored again). Feed rows must be police
// referrals with a crime reference, so that running a file again can never add anything. Both
// steps are thread-safe, so one batch can be stored while the next is prepared; capacities are
// read when a batch is prepared, so they lag by the batch being stored.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/clock.h"
#include "app/intake/area_packs.h"
#include "app/intake/referral_creation.h"
#include "app/intake/sender_scopes.h"
#include "domain/intake/referral_records.h"
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

// A batch checked, assessed and routed, not yet stored.
struct PreparedFeedBatch {
  std::vector<FeedRowOutcome> outcomes;  // one per row; rejected rows already have their errors
  // The valid rows by reference prefix (area and year), each with its index in `outcomes`.
  std::map<std::string, std::vector<std::pair<std::size_t, OpeningReferral>>> groups;
  std::string actor;
};

class FeedImport {
 public:
  FeedImport(store::Store& store, const Clock& clock, AreaPacks& packs, SenderScopes& scopes)
      : clock_(clock), packs_(packs), scopes_(scopes), creation_(store) {}

  Result<PreparedFeedBatch> prepare_feed_batch(const std::vector<FeedRow>& rows,
                                               const std::string& organisation_id,
                                               const std::string& actor);
  Result<std::vector<FeedRowOutcome>> store_feed_batch(PreparedFeedBatch batch);

 private:
  const Clock& clock_;
  AreaPacks& packs_;
  SenderScopes& scopes_;
  ReferralCreation creation_;
};

}  // namespace vg::app
