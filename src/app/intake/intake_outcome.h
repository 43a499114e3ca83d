// What the intake made of one referral sent to it. The edge chooses how to say it (the API's
// status code and JSON, a page's confirmation); nothing here is HTTP.
#pragma once

#include "domain/intake/referral_records.h"

namespace vg::app {

struct IntakeOutcome {
  enum class Kind {
    kCreated,    // stored now
    kReplayed,   // the same Idempotency-Key and body again: the referral it created before
    kDuplicate,  // the same sender's earlier referral of the same crime and victim
  };
  Kind kind = Kind::kCreated;
  intake::StoredReferral referral;  // as stored, reference assigned: the new one or the earlier one

  bool created() const { return kind == Kind::kCreated; }
};

}  // namespace vg::app
