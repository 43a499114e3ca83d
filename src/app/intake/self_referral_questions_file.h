// The self-referral's questions file (config/self-referral/questions.json, format in
// docs/formats/self-referral-questions.md): read and checked whole, every problem at its JSON
// path, so a question is added or reworded without C++. Never throws on bad input.
#pragma once

#include <string_view>

#include "app/intake/self_referral_journey.h"
#include "domain/result.h"

namespace vg::app::self_referral {

// The journey a questions file describes, or every problem with it (`validation_failed`, each
// field a JSON path such as `$.questions[3].applies_when.field`), including what the referral
// mapping (self_referral_to_referral.h) needs of it.
Result<Journey> parse_questions_file(std::string_view text);

// The questions file built into the binary, as written.
std::string_view shipped_questions_text();
// The journey it describes; errors name the file. `serve` checks it before it listens.
Result<Journey> load_shipped_journey();
// The same, read once. The unit tests prove the shipped file valid, so a failure here is a
// broken build: it throws std::logic_error with the problems.
const Journey& shipped_journey();

}  // namespace vg::app::self_referral
