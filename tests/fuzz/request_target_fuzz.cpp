// Fuzz target for the request target as the server reads it (http/http_message.h: read_target,
// then parse_form for the query every page and API route reads its parameters from), and the
// pages' page-number reader. The input is a raw target, tried as it is and after "/?" so the
// query reader sees every input. No crash; every parameter name and value is valid UTF-8 (what
// a page stores must read back); query_param answers the first of a name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/text/utf8.h"
#include "http/http_message.h"
#include "http/pages/case_page_parts.h"

namespace {

void check(std::string_view target) {
  vg::http::Request request;
  if (!vg::http::read_target(target, request)) {
    if (!request.query.empty()) std::abort();
    return;
  }
  for (const auto& [name, value] : request.query) {
    if (!vg::text::is_valid_utf8(name) || !vg::text::is_valid_utf8(value)) std::abort();
    auto first = request.query_param(name);
    if (!first) std::abort();
    (void)vg::http::case_pages::whole_number(value);
  }
  if (!request.query.empty()) {
    const auto& [name, value] = request.query.front();
    if (request.query_param(name) != value) std::abort();
    if (request.query_params(name).empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  check(raw);
  check("/?" + std::string(raw));
  return 0;
}
