#include "app/directory/postcode_csv.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

TEST(PostcodeCsv, FindsTheColumnsOfOnspdAndNspl) {
  auto onspd = read_postcode_header("pcd,pcd2,pcds,dointr,oslaua,laua").value();
  EXPECT_EQ(onspd.postcode_column, 2u);  // pcds, the one-space form, preferred
  EXPECT_EQ(onspd.lad_column, 5u);
  auto nspl = read_postcode_header("\xEF\xBB\xBFpcd7,pcd8,lad25cd").value();
  EXPECT_EQ(nspl.postcode_column, 0u);
  EXPECT_EQ(nspl.lad_column, 2u);
  auto missing = read_postcode_header("postcode,district");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().fields.size(), 2u);
}

TEST(PostcodeCsv, RowsGiveKeysSkipsAndErrors) {
  auto layout = read_postcode_header("pcds,laua").value();
  auto row = read_postcode_row("\"L1 8JQ\",\"E08000012\"", layout).value();
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->postcode_key, "L18JQ");
  EXPECT_EQ(row->lad_code, "E08000012");
  EXPECT_FALSE(read_postcode_row("GY1 1AA,L99999999", layout).value().has_value());
  EXPECT_EQ(read_postcode_row("nonsense,E08000012", layout).error().fields.at(0).field, "postcode");
  EXPECT_EQ(read_postcode_row("L1 8JQ,Liverpool", layout).error().fields.at(0).field, "lad");
  EXPECT_EQ(read_postcode_row("L1 8JQ", layout).error().fields.at(0).field, "columns");
}

TEST(PostcodeCsv, QuotedFieldsMayHoldCommasAndQuotes) {
  auto cells = split_csv_line("a,\"b,c\",\"say \"\"hi\"\"\",\r");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[1], "b,c");
  EXPECT_EQ(cells[2], "say \"hi\"");
  EXPECT_EQ(cells[3], "");
}

}  // namespace
}  // namespace vg::app
