#include "domain/assessment/marac.h"

#include <array>

namespace vg::assessment {

bool is_marac_repeat(std::optional<Date> last_marac_referral, int window_months, Date today) {
  if (!last_marac_referral.has_value() || !last_marac_referral->ok() || window_months < 0) {
    return false;
  }
  const Date last = *last_marac_referral;
  // A referral dated after today is a data error (validation rejects it), not a repeat.
  if (today < last) return false;
  Date window_end = last + std::chrono::months{window_months};
  if (!window_end.ok()) {
    window_end = std::chrono::year_month_day_last{window_end.year(),
                                                  std::chrono::month_day_last{window_end.month()}};
  }
  return today <= window_end;
}

std::vector<std::string> marac_reasons(RiskLevel score_level, RiskLevel level,
                                       bool judgement_raised, const intake::RiskHistory& history,
                                       const RiskPolicy& policy, Date today) {
  std::vector<std::string> reasons;
  if (score_level == RiskLevel::kHigh) reasons.emplace_back("dash_high");
  if (judgement_raised && level == RiskLevel::kHigh) reasons.emplace_back("professional_judgement");
  if (history.police_callouts_last_12_months >= policy.escalation_callouts) {
    reasons.emplace_back("escalation");
  }
  if (is_marac_repeat(history.last_marac_referral, policy.repeat_window_months, today)) {
    reasons.emplace_back("repeat");
  }
  return reasons;
}

namespace {

std::string_view level_words(RiskLevel level) {
  switch (level) {
    case RiskLevel::kStandard:
      return "standard";
    case RiskLevel::kMedium:
      return "medium";
    case RiskLevel::kHigh:
      return "high";
  }
  return "";
}

// "1 June 2025".
std::string date_words(Date d) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const unsigned month = static_cast<unsigned>(d.month());
  if (!d.ok() || month < 1 || month > 12) return "an unreadable date";
  return std::to_string(static_cast<unsigned>(d.day())) + " " + std::string(kMonths[month - 1]) +
         " " + std::to_string(static_cast<int>(d.year()));
}

std::string months_words(int months) {
  return std::to_string(months) + (months == 1 ? " month" : " months");
}

}  // namespace

std::string marac_reason_text(std::string_view code, const RiskResult& risk,
                              const intake::RiskHistory& history, const RiskPolicy& policy) {
  if (code == "dash_high" && risk.dash_score) {
    return "DASH score " + std::to_string(*risk.dash_score) + " of 24: high risk (" +
           std::to_string(policy.high_from) + " or more)";
  }
  if (code == "professional_judgement") {
    return "Professional judgement: raised the risk from " +
           std::string(level_words(risk.score_level)) + " to " +
           std::string(level_words(risk.level));
  }
  if (code == "escalation") {
    const int n = history.police_callouts_last_12_months;
    return std::to_string(n) + (n == 1 ? " police call-out" : " police call-outs") +
           " in the last 12 months";
  }
  if (code == "repeat" && history.last_marac_referral) {
    return "Repeat: a MARAC referral on " + date_words(*history.last_marac_referral) + ", within " +
           months_words(policy.repeat_window_months);
  }
  return marac_reason_text(code);
}

std::string marac_reason_text(std::string_view code) {
  if (code == "dash_high") return "DASH score: high risk";
  if (code == "professional_judgement") return "Professional judgement: raised the risk to high";
  if (code == "escalation") {
    return "Police call-outs in the last 12 months reached the MARAC threshold";
  }
  if (code == "repeat") return "Repeat: a MARAC referral within the last 12 months";
  std::string out(code);
  for (auto& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

}  // namespace vg::assessment
