#include "http/http_message.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace vg::http {
namespace {

TEST(ParseForm, DecodesPlusAndPercent) {
  auto form = parse_form("q=domestic+abuse&area=E08000012&x=%C3%A9");
  ASSERT_EQ(form.size(), 3u);
  EXPECT_EQ(form[0].second, "domestic abuse");
  EXPECT_EQ(form[2].second, "\xC3\xA9");
}

// Found by afl-fuzz: Boost.URL 1.81's parse_query measured its result with strlen, so the last
// value ran on past the end of a view that did not end at a NUL.
TEST(ParseForm, ReadsOnlyTheTextItIsGiven) {
  const std::string buffer = "page=2&q=burglaryTHE-REST-OF-A-BUFFER";
  const auto form = parse_form(std::string_view(buffer).substr(0, 17));
  ASSERT_EQ(form.size(), 2u);
  EXPECT_EQ(form[0].second, "2");
  EXPECT_EQ(form[1].second, "burglary");
}

}  // namespace
}  // namespace vg::http
