// libFuzzer target for the public API's query-parameter parser and the JSON splicer that serves
// stored documents: any bytes in, no crash, no undefined behaviour, and invariants that hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/api/api_query.h"
#include "http/api/json_splice.h"
#include "http/http_message.h"

using namespace vg::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);

  // The same decoding the server applies to a request's query string.
  auto query = parse_form(input);
  for (auto endpoint : {api::Endpoint::kServices, api::Endpoint::kServiceAtLocations}) {
    auto search = api::parse_service_search(query, endpoint);
    if (search) {
      if (search->page < 1 || search->page > api::kMaxPage) std::abort();
      if (search->per_page < 1 || search->per_page > api::kMaxPerPage) std::abort();
      if (search->text.size() > api::kMaxSearchLength) std::abort();
      for (const auto& code : search->local_authorities) {
        if (!api::is_gss_code(code)) std::abort();
      }
      if (!search->postcode.empty() && !api::is_postcode_shape(search->postcode)) std::abort();
    } else if (search.error().fields.empty()) {
      std::abort();  // a 400 must always name the parameter at fault
    }
  }
  for (auto endpoint : {api::Endpoint::kOrganizations, api::Endpoint::kTaxonomies}) {
    auto paging = api::parse_paging(query, endpoint);
    if (!paging && paging.error().fields.empty()) std::abort();
  }
  (void)api::parse_taxonomy_term_list(query);
  for (auto endpoint :
       {api::Endpoint::kRoot, api::Endpoint::kService, api::Endpoint::kOrganization}) {
    auto checked = api::check_record_query(query, endpoint);
    if (!checked) {
      // Every field an error names is a bounded, printable rendering of the parameter's name.
      for (const auto& f : checked.error().fields) {
        if (f.field.empty() || f.field.size() > 67) std::abort();
        for (char c : f.field) {
          const auto byte = static_cast<unsigned char>(c);
          if (byte < 0x21 || byte > 0x7E) std::abort();
        }
      }
    }
  }

  // The splicer on arbitrary text: it either refuses or yields exactly one object.
  std::string out;
  if (api::append_service_list_item(out, input)) {
    if (out.empty() || out.front() != '{' || out.back() != '}') std::abort();
  } else if (!out.empty()) {
    std::abort();
  }
  return 0;
}
