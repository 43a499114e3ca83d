#include "domain/casework/needs.h"

#include <array>
#include <utility>

namespace vg::casework {
namespace {

constexpr std::array<std::pair<NeedRating, std::string_view>, 4> kRatingCodes{{
    {NeedRating::kNone, "none"},
    {NeedRating::kLow, "low"},
    {NeedRating::kMedium, "medium"},
    {NeedRating::kHigh, "high"},
}};

constexpr std::array<std::pair<NeedOutcome, std::string_view>, 4> kOutcomeCodes{{
    {NeedOutcome::kYes, "yes"},
    {NeedOutcome::kPartly, "partly"},
    {NeedOutcome::kNo, "no"},
    {NeedOutcome::kNoNeed, "no_need"},
}};

}  // namespace

const std::vector<NeedDomain>& default_need_domains() {
  static const std::vector<NeedDomain> kDomains{
      {"physical_health", "Health and well-being: physical"},
      {"mental_health", "Health and well-being: mental"},
      {"safety", "Safety and security"},
      {"justice_process", "Being informed and involved in the justice process"},
      {"social_interaction", "Social interaction"},
      {"accommodation", "Shelter and accommodation"},
      {"finance", "Finance and benefits"},
      {"drugs_alcohol", "Drugs and alcohol"},
      {"education_employment", "Education, skills and employment"},
      {"children_family", "Children and family"},
  };
  return kDomains;
}

std::string_view to_code(NeedRating rating) {
  for (const auto& [r, code] : kRatingCodes) {
    if (r == rating) return code;
  }
  return "none";
}

std::string_view to_label(NeedRating rating) {
  switch (rating) {
    case NeedRating::kNone:
      return "Not at all";
    case NeedRating::kLow:
      return "A little";
    case NeedRating::kMedium:
      return "Quite a lot";
    case NeedRating::kHigh:
      return "A lot";
  }
  return "Not at all";
}

std::optional<NeedRating> need_rating_from_code(std::string_view code) {
  for (const auto& [r, c] : kRatingCodes) {
    if (c == code) return r;
  }
  return std::nullopt;
}

std::string_view to_code(NeedOutcome outcome) {
  for (const auto& [o, code] : kOutcomeCodes) {
    if (o == outcome) return code;
  }
  return "no";
}

std::string_view to_label(NeedOutcome outcome) {
  switch (outcome) {
    case NeedOutcome::kYes:
      return "Yes";
    case NeedOutcome::kPartly:
      return "Partly";
    case NeedOutcome::kNo:
      return "No";
    case NeedOutcome::kNoNeed:
      return "Not a need";
  }
  return "No";
}

std::optional<NeedOutcome> need_outcome_from_code(std::string_view code) {
  for (const auto& [o, c] : kOutcomeCodes) {
    if (c == code) return o;
  }
  return std::nullopt;
}

NeedOutcome need_outcome(NeedRating at_assessment, NeedRating at_close) {
  if (at_assessment == NeedRating::kNone && at_close == NeedRating::kNone)
    return NeedOutcome::kNoNeed;
  // Gone: it no longer affects them. Less: partly. The same, more, or new since: no.
  if (at_close == NeedRating::kNone) return NeedOutcome::kYes;
  if (static_cast<int>(at_close) < static_cast<int>(at_assessment)) return NeedOutcome::kPartly;
  return NeedOutcome::kNo;
}

std::map<std::string, NeedOutcome> need_outcomes(const NeedRatings& at_assessment,
                                                 const NeedRatings& at_close) {
  std::map<std::string, NeedOutcome> out;
  for (const auto& [code, before] : at_assessment) {
    auto after = at_close.find(code);
    if (after == at_close.end()) continue;
    out[code] = need_outcome(before, after->second);
  }
  return out;
}

std::string rating_field(std::string_view domain_code) {
  return "need_" + std::string(domain_code);
}
std::string note_field(std::string_view domain_code) { return "note_" + std::string(domain_code); }

Result<NeedRatings> read_ratings(const std::vector<NeedDomain>& domains,
                                 const std::map<std::string, std::string>& answers,
                                 std::string_view stage) {
  NeedRatings ratings;
  std::vector<FieldError> errors;
  for (const auto& d : domains) {
    auto it = answers.find(d.code);
    auto rating = it == answers.end() ? std::nullopt : need_rating_from_code(it->second);
    if (!rating) {
      errors.push_back(
          {rating_field(d.code), "required",
           "Select how much this need affects them " + std::string(stage) + ": " + d.label});
      continue;
    }
    ratings[d.code] = *rating;
  }
  for (const auto& [code, value] : answers) {
    bool known = false;
    for (const auto& d : domains) known = known || d.code == code;
    if (!known) errors.push_back({rating_field(code), "unknown", "This need is not on the list"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return ratings;
}

}  // namespace vg::casework
