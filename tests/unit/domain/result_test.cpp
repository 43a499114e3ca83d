// VG_TRY / VG_CHECK take a whole expression, even one whose commas stand outside parentheses
// (template arguments, braced lists), and propagate the error or yield the value.
#include "domain/result.h"

#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

namespace vg {
namespace {

template <typename A, typename B>
Result<std::pair<A, B>> pair_of(A a, B b) {
  return std::pair<A, B>{a, b};
}

template <typename A, typename B>
Result<void> check_pair(bool ok) {
  if (!ok) return fail("conflict", "pair refused");
  return {};
}

Result<int> sum(std::initializer_list<int> values) {
  int total = 0;
  for (int v : values) {
    if (v < 0) return fail("validation_failed", "negative");
    total += v;
  }
  return total;
}

Result<void> all_positive(std::initializer_list<int> values) {
  for (int v : values)
    if (v <= 0) return fail("validation_failed", "not positive");
  return {};
}

Result<int> try_template_arguments() {
  auto p = VG_TRY(pair_of<int, long>(2, 3L));
  return p.first + static_cast<int>(p.second);
}

Result<int> try_braced_list(bool with_negative) {
  if (with_negative) return VG_TRY(sum({1, -2, 3})) + 100;
  return VG_TRY(sum({1, 2, 3}));
}

Result<std::string> check_template_arguments(bool ok) {
  VG_CHECK(check_pair<int, std::string>(ok));
  return std::string("checked");
}

Result<std::string> check_braced_list(std::initializer_list<int> values) {
  VG_CHECK(all_positive({*values.begin(), 1, 2}));
  return std::string("checked");
}

// A VG_CHECK inside a lambda handed to VG_CHECK (the store's read/write callbacks), and a VG_TRY
// inside VG_TRY: each use has its own variable, so neither shadows the other.
Result<void> run(const std::function<Result<void>()>& work) { return work(); }

Result<int> nested(bool inner_ok) {
  int seen = 0;
  VG_CHECK(run([&]() -> Result<void> {
    VG_CHECK(check_pair<int, int>(inner_ok));
    seen = VG_TRY(sum({VG_TRY(sum({1, 2})), 4}));
    return {};
  }));
  return seen;
}

TEST(ResultMacros, NestInsideLambdas) {
  EXPECT_EQ(nested(true).value(), 7);
  auto r = nested(false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "conflict");
}

TEST(ResultMacros, TryTakesTemplateArgumentsWithCommas) {
  auto r = try_template_arguments();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 5);
}

TEST(ResultMacros, TryTakesBracedListAndYieldsValue) {
  auto r = try_braced_list(false);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 6);
}

TEST(ResultMacros, TryWithBracedListPropagatesError) {
  auto r = try_braced_list(true);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "validation_failed");
}

TEST(ResultMacros, CheckTakesTemplateArgumentsWithCommas) {
  EXPECT_EQ(check_template_arguments(true).value(), "checked");
  auto r = check_template_arguments(false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "conflict");
}

TEST(ResultMacros, CheckTakesBracedList) {
  EXPECT_EQ(check_braced_list({5}).value(), "checked");
  auto r = check_braced_list({0});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "not positive");
}

}  // namespace
}  // namespace vg
