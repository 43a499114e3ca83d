#include "domain/text/json_object.h"

#include <boost/json/parse.hpp>

#include <string>

namespace vg::text {

Result<boost::json::object> parse_json_object(std::string_view text, std::string_view not_json,
                                              std::string_view not_object) {
  boost::system::error_code ec;
  auto root = boost::json::parse(text, ec);
  if (ec) {
    return validation_failed({{"$", "json", "is not valid JSON: " + ec.message()}},
                             std::string(not_json));
  }
  if (!root.is_object()) {
    return validation_failed({{"$", "type", "must be an object"}}, std::string(not_object));
  }
  return std::move(root.as_object());
}

}  // namespace vg::text
