// Reading the ONS postcode lookups (ONSPD, NSPL; Open Government Licence v3.0) as CSV: the header
// says which columns hold the postcode and the local authority district, each row gives one pair.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::app {

struct PostcodeCsvLayout {
  std::size_t postcode_column = 0;  // "pcds" (preferred), "pcd" or "pcd7"/"pcd8"
  std::size_t lad_column = 0;       // "laua", "lad" or "ladNNcd"
  std::size_t columns = 0;
};

struct PostcodeCsvRow {
  std::string postcode_key;  // "L18JQ"
  std::string lad_code;      // "E08000012"
};

// Splits one CSV line (RFC 4180 quoting; no line breaks inside fields, which ONS files never have).
std::vector<std::string> split_csv_line(std::string_view line);

// Field error "header" when the columns cannot be found.
Result<PostcodeCsvLayout> read_postcode_header(std::string_view line);

// A row to load, nothing (a postcode with no local authority in England, Wales, Scotland or
// Northern Ireland, such as the Channel Islands' pseudo codes) or an error naming the column.
Result<std::optional<PostcodeCsvRow>> read_postcode_row(std::string_view line,
                                                        const PostcodeCsvLayout& layout);

}  // namespace vg::app
