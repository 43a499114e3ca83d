// Result<T>: how every layer reports failure without exceptions.
// An Error carries a stable machine code, a human message and per-field details; it never carries personal data.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace vg {

// One problem with one input field. `field` is a dotted path (or a JSON path for imports).
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

struct Error {
  // Stable codes: validation_failed, not_found, conflict, forbidden, unauthorized, unavailable,
  // too_many_requests, internal.
  std::string code;
  std::string message;
  std::vector<FieldError> fields;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string code, std::string message,
                                   std::vector<FieldError> fields = {}) {
  return std::unexpected(Error{std::move(code), std::move(message), std::move(fields)});
}

inline std::unexpected<Error> not_found(std::string what) {
  return fail("not_found", std::move(what) + " was not found");
}

inline std::unexpected<Error> validation_failed(std::vector<FieldError> fields,
                                                std::string message = "The input is not valid") {
  return fail("validation_failed", std::move(message), std::move(fields));
}

}  // namespace vg

// TRY-style propagation (GNU statement expression, as g++ and clang both support): evaluates a
// Result<T>, returns its error from the enclosing function, otherwise yields the value.
// Variadic so that an expression whose commas stand outside parentheses (template arguments,
// braced lists) is taken whole. Each use names its own variable (__COUNTER__), so the macros nest
// (a VG_CHECK inside a lambda passed to VG_CHECK) without one shadowing the other.
#define VG_RESULT_CONCAT_INNER_(a, b) a##b
#define VG_RESULT_CONCAT_(a, b) VG_RESULT_CONCAT_INNER_(a, b)

#define VG_TRY(...) VG_TRY_NAMED_(VG_RESULT_CONCAT_(vg_try_result_, __COUNTER__), __VA_ARGS__)
#define VG_TRY_NAMED_(result, ...)                                    \
  ({                                                                  \
    auto&& result = (__VA_ARGS__);                                    \
    if (!result) return std::unexpected(std::move(result.error()));   \
    std::move(*result);                                               \
  })

// The same for Result<void>.
#define VG_CHECK(...) VG_CHECK_NAMED_(VG_RESULT_CONCAT_(vg_check_result_, __COUNTER__), __VA_ARGS__)
#define VG_CHECK_NAMED_(result, ...)                                  \
  do {                                                                \
    auto&& result = (__VA_ARGS__);                                    \
    if (!result) return std::unexpected(std::move(result.error()));   \
  } while (0)
