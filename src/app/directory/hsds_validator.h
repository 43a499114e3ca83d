// Checks a JSON value against an Open Referral HSDS 3.0 schema (data/hsds/schema, embedded in the
// binary), reporting every problem with its JSON path. Covers the parts of JSON Schema those
// files use: type, required, enum, format (uuid, uri, email, date, date-time), properties,
// items and $ref to a sibling schema file.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::app::hsds {

// `schema` is a file name without ".json" ("service", "organization", ...). `path` is where the
// value sits in the document being read ("$.contents[0]"). Problems are appended to `errors`
// with the path as the field, so a person can find each one in their file.
void validate(const boost::json::value& value, std::string_view schema, const std::string& path,
              std::vector<FieldError>& errors);

bool is_uuid(std::string_view text);

}  // namespace vg::app::hsds
