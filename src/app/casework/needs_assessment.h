// The needs assessment: each needs domain rated with the victim, with a note on each, sealed at
// rest. Completing it stops the case's needs-assessment clock. A long form, so a caseworker's
// unfinished answers are kept as a sealed server-side draft until they complete it. Never logs
// or audits a note; the audit and timeline carry counts of ratings only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "app/casework/case_support_read.h"
#include "app/security/notes_cipher.h"
#include "domain/casework/needs.h"

namespace vg::app {

// What the form posts: domain code -> rating code, and domain code -> note (either may be partial
// in a draft).
struct NeedsAnswers {
  std::map<std::string, std::string> ratings;
  std::map<std::string, std::string> notes;
};

struct NeedsView {
  CaseSupportHeader header;
  std::vector<casework::NeedDomain> domains;
  // The completed assessment (the latest), with its notes opened, if there is one.
  std::optional<NeedsAnswers> assessed;
  std::optional<casework::Instant> assessed_at;
  std::string assessed_by;
  // The person's own unfinished answers, if they saved some: the form shows these first.
  std::optional<NeedsAnswers> draft;
  // Ratings at close and the outcome per need, once the case closed.
  std::optional<casework::NeedRatings> at_close;
  std::map<std::string, casework::NeedOutcome> outcomes;
};

class NeedsAssessment {
 public:
  NeedsAssessment(store::Store& store, const Clock& clock, const NotesCipher& cipher,
                  std::vector<casework::NeedDomain> domains = casework::default_need_domains())
      : store_(store), clock_(clock), cipher_(cipher), domains_(std::move(domains)) {}

  const std::vector<casework::NeedDomain>& domains() const { return domains_; }

  // Audited ("case.needs_read").
  Result<NeedsView> open(const access::Actor& actor, const std::string& case_id);

  // `validation_failed` naming each domain not rated (rating_field) or note too long (note_field);
  // `conflict` for a closed case. Stops the needs-assessment clock, replaces any earlier
  // assessment, and discards the person's draft.
  Result<casework::CaseRecord> complete(const access::Actor& actor, const std::string& case_id,
                                        std::int64_t expected_version, const NeedsAnswers& answers);

  // Keeps whatever was answered so far, sealed, for this person and case (replacing their last
  // draft). The case itself does not change (its version stays: nobody else's form goes stale),
  // but only someone who may work the case may keep a draft of it. `validation_failed` for a note
  // too long or a rating that is not one of the scale's codes.
  Result<void> save_draft(const access::Actor& actor, const std::string& case_id,
                          const NeedsAnswers& answers);

 private:
  store::Store& store_;
  const Clock& clock_;
  const NotesCipher& cipher_;
  std::vector<casework::NeedDomain> domains_;
};

// The drafts' form name, as stored.
inline constexpr const char* kNeedsForm = "needs";

}  // namespace vg::app
