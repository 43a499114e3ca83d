// A self-help page's front matter: what an editor writes is read, and every mistake is named by
// its key, all at once, without the page being half-read.
#include "app/content/help_page.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace vg::app::content {
namespace {

constexpr std::string_view kPage =
    "---\n"
    "title: Coping after a burglary\n"
    "summary: What to do first.\n"
    "crime_types: burglary_and_theft, robbery\n"
    "needs: safety, finance\n"
    "---\n"
    "Having your home broken into is upsetting.\n";

std::set<std::string> fields_of(std::string_view file, std::string_view text) {
  auto page = parse_help_page(file, text);
  EXPECT_FALSE(page.has_value());
  std::set<std::string> out;
  if (!page) {
    EXPECT_EQ(page.error().code, "validation_failed");
    for (const auto& f : page.error().fields) {
      EXPECT_FALSE(f.message.empty());
      out.insert(f.field + " " + f.code);
    }
  }
  return out;
}

TEST(HelpPage, ReadsFrontMatterAndBodyAndLinksToItsCrimeTypesSearchByDefault) {
  auto page = parse_help_page("coping-after-a-burglary.md", kPage);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->slug, "coping-after-a-burglary");
  EXPECT_EQ(page->title, "Coping after a burglary");
  EXPECT_EQ(page->summary, "What to do first.");
  EXPECT_EQ(page->crime_types, (std::vector<std::string>{"burglary_and_theft", "robbery"}));
  EXPECT_EQ(page->needs, (std::vector<std::string>{"safety", "finance"}));
  ASSERT_EQ(page->search.size(), 2u);
  EXPECT_EQ(page->search[0], (std::pair<std::string, std::string>{"crime_type", "burglary_and_theft"}));
  EXPECT_EQ(page->markdown, "Having your home broken into is upsetting.\n");
}

TEST(HelpPage, AnExplicitSearchReplacesTheDefault) {
  auto page = parse_help_page("a.md",
                              "---\r\ntitle: T\r\nsummary: S\r\ncrime_types: robbery\r\n"
                              "search: keywords=home security & crime_type=burglary_and_theft\r\n---\r\nBody\r\n");
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->search.size(), 2u);
  EXPECT_EQ(page->search[0], (std::pair<std::string, std::string>{"keywords", "home security"}));
  EXPECT_EQ(page->search[1], (std::pair<std::string, std::string>{"crime_type", "burglary_and_theft"}));
}

TEST(HelpPage, EveryMistakeIsNamedByItsKeyAtOnce) {
  EXPECT_EQ(fields_of("Bad Name.md",
                      "---\nsummary: S\ncrime_types: Burglary\nneeds: happiness\nsearch: page=2\n"
                      "colour: blue\nsummary: again\nno colon here\n---\nBody\n"),
            (std::set<std::string>{"file_name invalid", "title required", "crime_types invalid", "needs unknown",
                                   "search unknown", "colour unknown", "summary repeated", "front_matter invalid"}));
}

TEST(HelpPage, FrontMatterMustOpenAndCloseTheFile) {
  EXPECT_EQ(fields_of("a.md", "title: T\n"), (std::set<std::string>{"body missing_front_matter"}));
  EXPECT_EQ(fields_of("a.md", "---\ntitle: T\nsummary: S\n"), (std::set<std::string>{"body unclosed_front_matter"}));
  EXPECT_EQ(fields_of("a.md", "---\ntitle: T\nsummary: S\n---\n  \n"), (std::set<std::string>{"body required"}));
  EXPECT_EQ(fields_of("a.md", ""), (std::set<std::string>{"body missing_front_matter"}));
}

TEST(HelpPage, TextAPersonReadsHoldsNoControlsAndIsBounded) {
  EXPECT_EQ(fields_of("a.md", "---\ntitle: A\x1b[31m red\nsummary: S\n---\nBody\n"),
            (std::set<std::string>{"title invalid"}));
  EXPECT_EQ(fields_of("a.md", "---\ntitle: " + std::string(121, 'a') + "\nsummary: S\n---\nBody\n"),
            (std::set<std::string>{"title invalid"}));
  EXPECT_EQ(fields_of("a.md", "---\ntitle: T\nsummary: S\n---\nBody \xe2\x80\xae reversed\n"),
            (std::set<std::string>{"body invalid"}));
  EXPECT_EQ(fields_of("a.md", "---\ntitle: T\nsummary: \xff\n---\nBody\n"), (std::set<std::string>{"body invalid"}));
  EXPECT_EQ(fields_of("a.md", "---\ntitle: T\nsummary: S\n---\n" + std::string(70 * 1024, 'a')),
            (std::set<std::string>{"body too_long"}));
}

}  // namespace
}  // namespace vg::app::content
