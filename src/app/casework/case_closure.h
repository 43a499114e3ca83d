// Closing a case: a reason from the list, and every need rated again so each need's outcome
// (better able to cope and recover: yes / partly / no) is measured from the two ratings, stored,
// and counted. A closed case takes no more contact attempts (ContactLog refuses them) and is not
// reopened here. The caseworker sees the outcomes on a check-answers page before confirming.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "app/casework/case_support_read.h"
#include "domain/casework/case_closing.h"
#include "domain/casework/support_records.h"

namespace vg::app {

struct CaseClosureView {
  CaseSupportHeader header;
  std::vector<casework::NeedDomain> domains;
  std::optional<casework::NeedRatings> assessed;       // at the needs assessment, if one was done
  std::optional<casework::CaseClosureRecord> closure;  // once closed
  std::optional<casework::NeedRatings> at_close;
};

class CaseClosure {
 public:
  CaseClosure(store::Store& store, const Clock& clock,
              std::vector<casework::NeedDomain> domains = casework::default_need_domains())
      : store_(store), clock_(clock), domains_(std::move(domains)) {}

  const std::vector<casework::NeedDomain>& domains() const { return domains_; }

  // Audited ("case.closure_read").
  Result<CaseClosureView> open(const access::Actor& actor, const std::string& case_id);

  // What closing with `answers` would record (the outcomes for the check-answers page), or why
  // it cannot close (casework::check_closing's errors), writing nothing. Needs kWorkCase.
  Result<casework::Closing> preview(const access::Actor& actor, const std::string& case_id,
                                    const casework::ClosingAnswers& answers);

  // Closes the case: refused as casework::check_closing says (422 reasons; conflict when closed).
  Result<casework::CaseRecord> close(const access::Actor& actor, const std::string& case_id,
                                     std::int64_t expected_version,
                                     const casework::ClosingAnswers& answers);

 private:
  store::Store& store_;
  const Clock& clock_;
  std::vector<casework::NeedDomain> domains_;
};

}  // namespace vg::app
