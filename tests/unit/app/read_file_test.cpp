// Reading a whole file: its bytes as they are, or not_found naming the path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/read_file.h"

namespace vg::app {
namespace {

TEST(ReadFile, BytesAsTheyAre) {
  const auto path = std::filesystem::temp_directory_path() / "vg_read_file_test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "line one\r\nline two\n";
  }
  EXPECT_EQ(read_file(path).value(), "line one\r\nline two\n");
  std::filesystem::remove(path);
}

TEST(ReadFile, AMissingFileIsNotFoundNamingThePath) {
  auto r = read_file("/nonexistent/vg/file.json");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "not_found");
  EXPECT_EQ(r.error().message, "cannot read /nonexistent/vg/file.json");
}

}  // namespace
}  // namespace vg::app
