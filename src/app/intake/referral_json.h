// Reading a referral from JSON (the police API body, one line of a JSON Lines feed, a
// `route --explain` file): every problem is reported with its JSON path, and unknown fields are
// refused so a misspelt field is never silently ignored. Format: docs/formats/referral.md.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::app {

// Field errors name paths like "$.victim.date_of_birth". Shape only: the rules of what a
// referral must hold are assessment::validate_referral's.
Result<intake::Referral> parse_referral_json(std::string_view json);
// A referral document (an API body, one line of a JSON Lines feed) as a JSON object, not yet
// read as a referral. A member named twice in one object, at any depth, is refused with its
// path ("duplicate" at "$.victim.name"): the parser keeps the last value while the stored text
// keeps both, so the two would tell different stories.
Result<boost::json::object> parse_referral_object(std::string_view json);
Result<intake::Referral> referral_from_json(const boost::json::object& object, std::string_view path);

}  // namespace vg::app
