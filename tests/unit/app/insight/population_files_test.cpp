#include "app/insight/population_files.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vg::app {
namespace {

TEST(PopulationFiles, TheDemoAreaHasIllustrativeFiguresMarkedSo) {
  const auto all = load_populations(std::string(VG_SOURCE_DIR) + "/config");
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_TRUE(all->contains("merseyside"));
  const auto& merseyside = all->at("merseyside");
  EXPECT_EQ(merseyside.residents.size(), 5u);  // Knowsley, Liverpool, St. Helens, Sefton, Wirral
  EXPECT_NE(merseyside.source.find("not ONS estimates"), std::string::npos);
}

TEST(PopulationFiles, ABadLineIsNamedByFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / ("vg-population-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "areas" / "merseyside");
  std::ofstream(dir / "areas" / "merseyside" / "population.txt") << "source Invented\nE08000012 lots\n";
  const auto all = load_populations(dir);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(all.has_value());
  ASSERT_EQ(all.error().fields.size(), 1u);
  EXPECT_EQ(all.error().fields[0].field, "areas/merseyside/population.txt line 2");
}

}  // namespace
}  // namespace vg::app
