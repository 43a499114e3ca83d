// The police bulk feed as CSV (with a header row): each row becomes the same JSON object the API
// takes, so one reader (referral_json) checks both. Columns: docs/formats/referral-feed.md.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::app {

class ReferralCsvLayout {
 public:
  // Field error "header" naming every unknown or repeated column.
  static Result<ReferralCsvLayout> from_header(std::string_view header_line);

  // One data row as a referral JSON object; a field error names the column ("victim_age").
  Result<boost::json::object> row(std::string_view line) const;

  // The column a referral JSON path came from ("$.victim.name" → "victim_name"), for rejects.
  std::string column_for(std::string_view json_path) const;

  const std::vector<std::string>& columns() const { return columns_; }

 private:
  std::vector<std::string> columns_;
};

}  // namespace vg::app
