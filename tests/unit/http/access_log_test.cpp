#include "http/access_log.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace vg::http {
namespace {

TEST(AccessLog, OneJsonObjectWithTheAgreedFields) {
  auto text = access_log_fields(
      AccessLogEntry{"abc123", "GET", "/api/v1/services/{id}", 200, 1.23456, 512});
  auto o = boost::json::parse(text).as_object();
  EXPECT_EQ(o.at("msg").as_string(), "request");
  EXPECT_EQ(o.at("request_id").as_string(), "abc123");
  EXPECT_EQ(o.at("method").as_string(), "GET");
  EXPECT_EQ(o.at("route").as_string(), "/api/v1/services/{id}");
  EXPECT_EQ(o.at("status").as_int64(), 200);
  EXPECT_DOUBLE_EQ(o.at("duration_ms").as_double(), 1.235);
  EXPECT_EQ(o.at("bytes").to_number<std::uint64_t>(), 512u);
  EXPECT_EQ(o.size(), 7u);
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

TEST(AccessLog, EscapesWhateverItIsGiven) {
  auto text = access_log_fields(AccessLogEntry{"id", "GE\"T", "/x\n", 404, 0, 0});
  auto o = boost::json::parse(text).as_object();
  EXPECT_EQ(o.at("method").as_string(), "GE\"T");
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace vg::http
