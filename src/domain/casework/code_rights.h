// Two Victims' Code rights recorded on a case: to make a complaint (right 12), recorded with its
// subject, outcome and dates; and to be told about restorative justice (right 7), recorded as
// when it was offered and what the victim answered. Codes and dates only, never free text. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/result.h"

namespace vg::casework {

// Stable codes with the words staff see, in the order forms list them.
using CodeLabels = std::vector<std::pair<std::string_view, std::string_view>>;

const CodeLabels& complaint_subjects();  // communication | delay | staff_conduct | ...
const CodeLabels& complaint_outcomes();  // open | upheld | partly_upheld | not_upheld | withdrawn
const CodeLabels& rj_answers();          // interested | not_interested | undecided
// The label of `code` in `list`, or the code itself when it is not there.
std::string_view label_of(const CodeLabels& list, std::string_view code);

struct ComplaintAnswers {
  std::string received_on;  // YYYY-MM-DD
  std::string subject;
  std::string outcome;
  std::string closed_on;  // YYYY-MM-DD; required once the outcome is not "open"
};

struct Complaint {
  Date received_on{};
  std::string subject;
  std::string outcome;
  std::optional<Date> closed_on;
};

// Refused with every reason (fields "received_on", "subject", "outcome", "closed_on"): dates
// missing, impossible or after `today`; unknown codes; an open complaint with a closing date, a
// decided one without one, or one closed before it was received.
Result<Complaint> check_complaint(const ComplaintAnswers& answers, Date today);

struct RestorativeJusticeAnswers {
  std::string offered_on;
  std::string answer;
  std::string answered_on;  // required unless the answer is "undecided"
};

struct RestorativeJustice {
  Date offered_on{};
  std::string answer;
  std::optional<Date> answered_on;
};

// Refused with every reason (fields "offered_on", "answer", "answered_on"), the same way.
Result<RestorativeJustice> check_restorative_justice(const RestorativeJusticeAnswers& answers,
                                                     Date today);

}  // namespace vg::casework
