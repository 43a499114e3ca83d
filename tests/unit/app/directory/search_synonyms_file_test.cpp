// Reading every area's synonyms.txt into one list: areas without the file add nothing, and a file
// with a mistake stops start-up with its path and line named.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/directory/search_synonyms_file.h"

namespace vg::app {
namespace {

namespace fs = std::filesystem;

using Phrase = directory::SearchSynonyms::Phrase;

class SearchSynonymsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("vg-synonyms-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "areas");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& area, const std::string& text) {
    fs::create_directories(dir_ / "areas" / area);
    const auto path = dir_ / "areas" / area / "synonyms.txt";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  fs::path dir_;
};

std::vector<Phrase> alternatives(const directory::SearchSynonyms& s, std::vector<std::string> words) {
  return s.match(words, 0).alternatives;
}

TEST_F(SearchSynonymsFileTest, TheShippedAreasLoad) {
  const auto loaded = load_search_synonyms(VG_SOURCE_DIR "/config");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const auto rape = (*loaded)->match({"rape"}, 0);
  EXPECT_EQ(rape.length, 1u);
  EXPECT_NE(std::find(rape.alternatives.begin(), rape.alternatives.end(),
                      Phrase{"sexual", "violence"}),
            rape.alternatives.end());
}

TEST_F(SearchSynonymsFileTest, NoAreasFolderMeansNoSynonyms) {
  fs::remove_all(dir_ / "areas");
  const auto loaded = load_search_synonyms(dir_.string());
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE((*loaded)->empty());
}

TEST_F(SearchSynonymsFileTest, AnAreaWithoutTheFileAddsNothing) {
  fs::create_directories(dir_ / "areas" / "quietshire");
  std::ofstream(dir_ / "areas" / "synonyms.txt") << "stray => ignored\n";  // not in an area
  const auto loaded = load_search_synonyms(dir_.string());
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE((*loaded)->empty());
}

TEST_F(SearchSynonymsFileTest, EveryAreasRulesAreMerged) {
  write("north", "# a comment\nDV, domestic abuse\n");
  write("south", "dv => domestic violence\nscam => fraud\n");
  const auto loaded = load_search_synonyms(dir_.string());
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(alternatives(**loaded, {"dv"}),
            (std::vector<Phrase>{{"domestic", "abuse"}, {"domestic", "violence"}}));
  EXPECT_EQ(alternatives(**loaded, {"Scam"}), (std::vector<Phrase>{{"fraud"}}));
}

TEST_F(SearchSynonymsFileTest, AMistakeNamesTheFileAndLine) {
  write("a-area", "dv, domestic abuse\n");
  const auto bad = write("b-area", "# fine\nlonely\n");
  write("c-area", ", oops\n");  // not reached: the first bad file stops the load
  const auto loaded = load_search_synonyms(dir_.string());
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, "validation_failed");
  EXPECT_EQ(loaded.error().message, "The synonyms file is not valid (" + bad + ")");
  ASSERT_EQ(loaded.error().fields.size(), 1u);
  EXPECT_EQ(loaded.error().fields[0].field, bad + ": line 2");
  EXPECT_EQ(loaded.error().fields[0].code, "one_entry");
}

TEST_F(SearchSynonymsFileTest, AFileOverOneMegabyteIsRefused) {
  const auto big = write("big", "a, b\n" + std::string((1 << 20), '#'));
  const auto loaded = load_search_synonyms(dir_.string());
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, "validation_failed");
  EXPECT_EQ(loaded.error().message, "A synonyms file is too large");
  ASSERT_EQ(loaded.error().fields.size(), 1u);
  EXPECT_EQ(loaded.error().fields[0].field, big);
  EXPECT_EQ(loaded.error().fields[0].code, "too_large");
  EXPECT_EQ(loaded.error().fields[0].message, "is larger than 1 MB");
}

TEST_F(SearchSynonymsFileTest, ExactlyOneMegabyteIsAccepted) {
  std::string text = "a, b\n";
  text += std::string((1 << 20) - text.size(), '#');
  write("edge", text);
  const auto loaded = load_search_synonyms(dir_.string());
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(alternatives(**loaded, {"a"}), (std::vector<Phrase>{{"b"}}));
}

}  // namespace
}  // namespace vg::app
