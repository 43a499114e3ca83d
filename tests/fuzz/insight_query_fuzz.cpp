// libFuzzer target for insight's query parameters (GET /insight, /insight/demand.csv,
// /api/v1/insight/demand): any bytes in, no crash, no undefined behaviour, and a question that is
// either well-formed or refused with every parameter at fault named printably.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/insight/demand_query.h"
#include "http/http_message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  using namespace std::chrono;
  const auto now = year{2026} / December;
  // The same decoding the server applies to a request's query string.
  auto query = vg::http::parse_form(input);
  auto q = vg::app::read_demand_query(query, now);
  if (q) {
    if (q->area.size() > vg::app::kMaxAreaLength) std::abort();
    for (char c : q->area) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) std::abort();
    }
    if (q->period) {
      if (q->period->months() < 1 || q->period->months() > vg::insight::kMostMonths) std::abort();
      if (q->period->last > now) std::abort();
      const auto before = vg::insight::previous_period(*q->period);
      if (before.months() != q->period->months() || !(before.last < q->period->first)) std::abort();
    }
  } else {
    if (q.error().fields.empty()) std::abort();  // a 400 always names the parameter at fault
    for (const auto& f : q.error().fields) {
      if (f.field.empty() || f.field.size() > 64) std::abort();
      for (char c : f.field) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x21 || byte > 0x7E) std::abort();
      }
    }
  }
  return 0;
}
