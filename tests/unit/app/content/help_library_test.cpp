// The self-help pages shipped in content/: every file holds, every crime type it names is one the
// directory's taxonomy has (so its search finds services), and a page is added by adding a file
// to the directory: a bad file is reported with its file and line and skipped, the rest serve.
#include "app/content/help_library.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace vg::app::content {
namespace {

std::set<std::string> taxonomy_codes() {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/config/taxonomy/victim-support.json");
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> codes;
  const auto taxonomy = boost::json::parse(text.str());  // kept: the loop reads into it
  for (const auto& term : taxonomy.at("taxonomy_terms").as_array()) {
    codes.insert(std::string(term.at("code").as_string()));
  }
  return codes;
}

TEST(HelpLibrary, TheShippedPagesHoldAndNameOnlyKnownCrimeTypes) {
  auto loaded = HelpLibrary::from_directory(std::string(VG_SOURCE_DIR) + "/content");
  ASSERT_TRUE(loaded) << loaded.error().message;
  for (const auto& p : loaded->problems) ADD_FAILURE() << p.field << ": " << p.message;
  const HelpLibrary* library = &loaded->library;
  const auto codes = taxonomy_codes();
  ASSERT_FALSE(codes.empty());
  EXPECT_GE(library->pages().size(), 5u);
  for (const auto& page : library->pages()) {
    for (const auto& code : page.crime_types) EXPECT_TRUE(codes.contains(code)) << page.slug << ": " << code;
    for (const auto& [name, value] : page.search) {
      if (name == "crime_type") {
        EXPECT_TRUE(codes.contains(value)) << page.slug << ": " << value;
      }
    }
  }
  for (const auto* slug : {"what-happens-after-you-report-a-crime", "your-rights-under-the-victims-code",
                           "staying-safe-online", "coping-after-a-burglary"}) {
    EXPECT_NE(library->find(slug), nullptr) << slug;
  }
}

TEST(HelpLibrary, APageIsAddedByAddingAFileAndListedByTitle) {
  auto library = HelpLibrary::from_files({
      {"zebra.md", "---\ntitle: Zebra crossings\nsummary: S\ncrime_types: road_traffic_crime\n---\nBody\n"},
      {"anyone.md", "---\ntitle: Anyone\nsummary: S\n---\nBody\n"},
      {"apples.md", "---\ntitle: Apples\nsummary: S\ncrime_types: robbery\n---\nBody\n"},
  });
  ASSERT_TRUE(library) << library.error().message;
  ASSERT_EQ(library->pages().size(), 3u);
  EXPECT_EQ(library->pages()[0].slug, "anyone");
  EXPECT_EQ(library->pages()[2].slug, "zebra");
  ASSERT_NE(library->find("zebra"), nullptr);
  EXPECT_EQ(library->find("nothing"), nullptr);
  const auto for_roads = library->for_crime_type("road_traffic_crime");
  ASSERT_EQ(for_roads.size(), 2u);
  EXPECT_EQ(for_roads[0]->slug, "zebra");
  EXPECT_EQ(for_roads[1]->slug, "anyone") << "pages for anyone come after the crime's own";
}

TEST(HelpLibrary, EveryFilesProblemsAreNamedByFileAndTitlesAreUnique) {
  auto library = HelpLibrary::from_files({
      {"one.md", "---\ntitle: Same\nsummary: S\n---\nBody\n"},
      {"two.md", "---\ntitle: Same\nsummary: S\n---\nBody\n"},
      {"three.md", "---\nsummary: S\n---\nBody\n"},
  });
  ASSERT_FALSE(library);
  std::set<std::string> fields;
  for (const auto& f : library.error().fields) fields.insert(f.field + " " + f.code);
  EXPECT_EQ(fields, (std::set<std::string>{"two.md:2 title repeated", "three.md:1 title required"}));
}

class HelpDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vg-help-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::filesystem::path dir_;
};

TEST_F(HelpDirectory, ABadFileIsReportedWithItsLineAndSkippedWhileTheRestServe) {
  write("good.md", "---\ntitle: Good\nsummary: S\n---\nBody\n");
  write("bad.md", "---\ntitle: Bad\nsummary: S\ncrime_types: NOT A CODE\n---\nBody\n");
  write("notes.txt", "not a page");
  auto loaded = HelpLibrary::from_directory(dir_);
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->library.pages().size(), 1u);
  EXPECT_EQ(loaded->library.pages()[0].slug, "good");
  ASSERT_EQ(loaded->problems.size(), 1u);
  EXPECT_EQ(loaded->problems[0].field, "bad.md:4 crime_types");
  EXPECT_EQ(loaded->problems[0].code, "invalid");
}

TEST_F(HelpDirectory, TheLaterFileOfTwoWithOneTitleIsTheOneSkipped) {
  write("a.md", "---\nsummary: S\ntitle: Same\n---\nBody\n");
  write("b.md", "---\ntitle: Same\nsummary: S\n---\nBody\n");
  auto loaded = HelpLibrary::from_directory(dir_);
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->library.pages().size(), 1u);
  EXPECT_EQ(loaded->library.pages()[0].slug, "a");
  ASSERT_EQ(loaded->problems.size(), 1u);
  EXPECT_EQ(loaded->problems[0].field, "b.md:2 title");
}

TEST_F(HelpDirectory, ADirectoryThatCannotBeReadIsNotFound) {
  auto loaded = HelpLibrary::from_directory(dir_ / "missing");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, "not_found");
}

}  // namespace
}  // namespace vg::app::content
