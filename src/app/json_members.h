// Reading the members of one JSON object in a file people write by hand (an area's directory,
// the self-referral's questions), each problem recorded at its JSON path, "$.services[3].name",
// so one run reports every mistake in the file. Reads only the object it is given.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::app {

class JsonMembers {
 public:
  // `path` is the object's own ("$", "$.services[3]"); problems are added to `errors`.
  JsonMembers(const boost::json::object& o, std::string path, std::vector<FieldError>& errors)
      : o_(o), path_(std::move(path)), errors_(errors) {}

  const std::string& path() const { return path_; }
  std::string at(std::string_view key) const { return path_ + "." + std::string(key); }
  bool has(std::string_view key) const { return o_.contains(key); }
  const boost::json::value* find(std::string_view key) const { return o_.if_contains(key); }
  void problem(std::string_view key, std::string code, std::string message) {
    errors_.push_back({at(key), std::move(code), std::move(message)});
  }
  std::vector<FieldError>& errors() { return errors_; }

  // Each member not in `known` is a problem naming the ones there are: a misspelt member must
  // not be silently ignored.
  void refuse_unknown(std::initializer_list<std::string_view> known);

  // Absent: empty, and "required" when it must be there. Not a string: "type".
  std::string text(std::string_view key, bool required = false);
  // Absent: false. Not true or false: "type".
  bool flag(std::string_view key);
  // Absent: nullopt. Present but not a whole number: nullopt, and a problem `code`, `message`.
  std::optional<std::int64_t> whole_number(std::string_view key, std::string_view code,
                                           std::string_view message);
  // Absent: null. Not a list: null, and a "type" problem `must_be`.
  const boost::json::array* list(std::string_view key, std::string_view must_be);
  // Absent: null. Not an object: null, and a "type" problem.
  const boost::json::object* object(std::string_view key);

 private:
  const boost::json::object& o_;
  std::string path_;
  std::vector<FieldError>& errors_;
};

}  // namespace vg::app
