// Needs and outcomes: the needs domains a caseworker rates with the victim (the default list from
// DOMAIN.md), the rating scale, and the rule that turns a need's rating at assessment and again at
// close into its outcome, so "better able to cope and recover" is measured, never claimed.
// Pure rules and values; no I/O, no clock, never any of the victim's words.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::casework {

// One needs domain: a stable code (stored, counted) and the words staff see.
struct NeedDomain {
  std::string code;
  std::string label;
};

// The default list (DOMAIN.md), in the order the form asks. An area may configure its own list;
// every rule below takes the list in force rather than assuming this one.
const std::vector<NeedDomain>& default_need_domains();

// How much a need affects the victim now, as they say it. Four steps on purpose: few enough for
// a phone conversation, and a need can fall to "none" (gone), which the outcome rule needs.
enum class NeedRating { kNone = 0, kLow = 1, kMedium = 2, kHigh = 3 };

std::string_view to_code(NeedRating rating);   // "none" | "low" | "medium" | "high"
std::string_view to_label(NeedRating rating);  // "Not at all" | "A little" | ...
std::optional<NeedRating> need_rating_from_code(std::string_view code);

// Domain code -> rating; every domain of the list in force is rated.
using NeedRatings = std::map<std::string, NeedRating>;

// Better able to cope and recover, per need: yes (the need no longer affects them), partly (it
// affects them less), no (as much or more, or a need that appeared since), or no_need (not a
// need at assessment nor at close: not counted either way).
enum class NeedOutcome { kYes, kPartly, kNo, kNoNeed };

std::string_view to_code(NeedOutcome outcome);   // "yes" | "partly" | "no" | "no_need"
std::string_view to_label(NeedOutcome outcome);  // "Yes" | "Partly" | "No" | "Not a need"
std::optional<NeedOutcome> need_outcome_from_code(std::string_view code);

NeedOutcome need_outcome(NeedRating at_assessment, NeedRating at_close);

// The outcome of every domain rated at both times (a domain missing from either is left out).
std::map<std::string, NeedOutcome> need_outcomes(const NeedRatings& at_assessment,
                                                 const NeedRatings& at_close);

// The form field a domain's rating is posted in ("need_<code>") and its note ("note_<code>").
std::string rating_field(std::string_view domain_code);
std::string note_field(std::string_view domain_code);

// Ratings read from answers keyed by domain code (each a rating code): every domain of
// `domains` must have one, and codes outside the list are refused. Field errors name
// rating_field(code), with `stage` ("now" or "at close") in the message.
Result<NeedRatings> read_ratings(const std::vector<NeedDomain>& domains,
                                 const std::map<std::string, std::string>& answers,
                                 std::string_view stage = "now");

// The longest note on one need, in characters of UTF-8 bytes (a paragraph, not a file).
inline constexpr std::size_t kMaxNoteBytes = 4000;

}  // namespace vg::casework
