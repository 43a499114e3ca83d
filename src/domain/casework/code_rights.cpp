#include "domain/casework/code_rights.h"

#include <algorithm>
#include <chrono>

#include "domain/text/iso_date.h"

namespace vg::casework {
namespace {

bool listed(const CodeLabels& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.first == code; });
}

// A date that must be given, be real and not be after `today`; errors under `field`.
std::optional<Date> past_date(const std::string& text, Date today, const std::string& field,
                              std::string_view what, std::vector<FieldError>& errors) {
  if (text.empty()) {
    errors.push_back({field, "required", "Enter the date " + std::string(what)});
    return std::nullopt;
  }
  auto date = text::parse_iso_date(text);
  if (!date) {
    errors.push_back({field, "not_a_date", "Enter a real date " + std::string(what)});
    return std::nullopt;
  }
  if (std::chrono::sys_days(*date) > std::chrono::sys_days(today)) {
    errors.push_back(
        {field, "in_future", "The date " + std::string(what) + " must be today or in the past"});
    return std::nullopt;
  }
  return date;
}

bool before(Date a, Date b) { return std::chrono::sys_days(a) < std::chrono::sys_days(b); }

}  // namespace

const CodeLabels& complaint_subjects() {
  static const CodeLabels kList{
      {"communication", "How we kept them informed"},
      {"delay", "Delay in contact or support"},
      {"staff_conduct", "How a member of staff behaved"},
      {"support_quality", "The support they received"},
      {"data_protection", "How their information was handled"},
      {"other", "Something else"},
  };
  return kList;
}

const CodeLabels& complaint_outcomes() {
  static const CodeLabels kList{
      {"open", "Not decided yet"},  {"upheld", "Upheld"},       {"partly_upheld", "Partly upheld"},
      {"not_upheld", "Not upheld"}, {"withdrawn", "Withdrawn"},
  };
  return kList;
}

const CodeLabels& rj_answers() {
  static const CodeLabels kList{
      {"interested", "They want to take part"},
      {"not_interested", "They do not want to take part"},
      {"undecided", "They have not decided yet"},
  };
  return kList;
}

std::string_view label_of(const CodeLabels& list, std::string_view code) {
  for (const auto& [c, label] : list) {
    if (c == code) return label;
  }
  return code;
}

Result<Complaint> check_complaint(const ComplaintAnswers& a, Date today) {
  std::vector<FieldError> errors;
  Complaint c;
  auto received =
      past_date(a.received_on, today, "received_on", "the complaint was received", errors);
  if (!listed(complaint_subjects(), a.subject)) {
    errors.push_back({"subject", "required", "Select what the complaint is about"});
  }
  if (!listed(complaint_outcomes(), a.outcome)) {
    errors.push_back({"outcome", "required", "Select the outcome of the complaint"});
  } else if (a.outcome == "open") {
    if (!a.closed_on.empty()) {
      errors.push_back({"closed_on", "not_closed",
                        "Leave the closing date empty until the complaint is decided"});
    }
  } else {
    auto closed = past_date(a.closed_on, today, "closed_on", "the complaint was closed", errors);
    if (closed && received && before(*closed, *received)) {
      errors.push_back(
          {"closed_on", "before_received", "The complaint cannot close before it was received"});
    }
    c.closed_on = closed;
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  c.received_on = *received;
  c.subject = a.subject;
  c.outcome = a.outcome;
  return c;
}

Result<RestorativeJustice> check_restorative_justice(const RestorativeJusticeAnswers& a,
                                                     Date today) {
  std::vector<FieldError> errors;
  RestorativeJustice rj;
  auto offered =
      past_date(a.offered_on, today, "offered_on", "restorative justice was offered", errors);
  if (!listed(rj_answers(), a.answer)) {
    errors.push_back({"answer", "required", "Select what they answered"});
  } else if (a.answer == "undecided") {
    if (!a.answered_on.empty()) {
      errors.push_back({"answered_on", "not_answered",
                        "Leave the date of their answer empty until they decide"});
    }
  } else {
    auto answered = past_date(a.answered_on, today, "answered_on", "they answered", errors);
    if (answered && offered && before(*answered, *offered)) {
      errors.push_back(
          {"answered_on", "before_offered", "They cannot answer before it was offered"});
    }
    rj.answered_on = answered;
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  rj.offered_on = *offered;
  rj.answer = a.answer;
  return rj;
}

}  // namespace vg::casework
