// Text folded for comparing what people type: lower case, runs of white space as one space, none
// at either end ("  Ann  SMITH " → "ann smith"). Pure; ASCII case only, other bytes kept as given.
#pragma once

#include <string>
#include <string_view>

namespace vg::text {

std::string folded(std::string_view text);

}  // namespace vg::text
