// The words of the DASH (24) and S-DASH (11) checklists, in the order their answers are kept
// (intake::DashAnswers, intake::SdashAnswers), as the assessor reads them out. Plain data: it
// scores nothing (dash.h does) and holds nothing about any victim.
#pragma once

#include <array>
#include <string_view>

namespace vg::assessment {

// SafeLives DASH (2009) risk identification checklist. "(name of abuser)" is read out as the
// person's name, as the checklist's own guidance says.
inline constexpr std::size_t kDashQuestionCount = 24;
const std::array<std::string_view, kDashQuestionCount>& dash_questions();

// The stalking screening questions (S-DASH, 2009), about "the stalker".
inline constexpr std::size_t kSdashQuestionCount = 11;
const std::array<std::string_view, kSdashQuestionCount>& sdash_questions();

}  // namespace vg::assessment
