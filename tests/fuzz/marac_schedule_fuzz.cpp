// Fuzz target for an area's MARAC schedule file (config/areas/AREA/marac.json, read by
// app/casework/marac_schedule_file.h when the area packs load). No crash; every refusal names a
// path; an accepted schedule has its dates sorted and gives a next meeting no earlier than its
// referral deadline, itself no earlier than the day asked about.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/casework/marac_schedule_file.h"
#include "app/deadlines/bank_holiday_calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto schedule =
      vg::app::parse_marac_schedule(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!schedule) {
    if (schedule.error().fields.empty()) std::abort();
    for (const auto& f : schedule.error().fields) {
      if (f.field.empty()) std::abort();
    }
    return 0;
  }
  if (!std::is_sorted(schedule->meeting_dates.begin(), schedule->meeting_dates.end())) std::abort();
  using namespace std::chrono;
  const year_month_day today{year{2026}, December, day{7}};
  auto next = vg::casework::next_marac(*schedule, today, vg::app::england_and_wales_bank_holidays());
  if (next && (next->referral_due < today || next->meeting < next->referral_due)) std::abort();
  return 0;
}
