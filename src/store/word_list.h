// A short list of codes (an organisation's areas, its force codes) kept in one text column as
// words separated by single spaces: the codes never contain spaces, and a list stays readable
// in the database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vg::store {

std::string join_words(const std::vector<std::string>& words);
// Empty words (doubled or edge spaces) are dropped.
std::vector<std::string> split_words(std::string_view text);

}  // namespace vg::store
