// Test referrals for the assessment rules: a valid adult police referral to vary one field at a
// time, and dates written the way the rules read them. Test support only.
#pragma once

#include <chrono>

#include "domain/assessment/assessment.h"
#include "domain/intake/referral.h"

namespace vg::assessment::fixture {

using namespace std::chrono_literals;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

inline Date date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// Noon UTC on the given day.
inline intake::Instant noon_utc(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{date(y, m, d)} + 12h;
}

// Received at noon UTC on 10 March 2026; the victim is 40.
inline Referral valid_referral() {
  Referral r;
  r.channel = intake::Channel::kPolice;
  r.received_at = noon_utc(2026, 3, 10);
  r.area = "merseyside";
  r.reported_to_police = true;
  r.police_force_code = "E23000004";
  r.crime_reference = "MS-2026-0001";
  r.incident_date = date(2026, 3, 8);
  r.date_reported = date(2026, 3, 9);
  r.offence_category = "burglary_residential";
  r.person.name = "Alex Example";
  r.person.date_of_birth = date(1985, 6, 1);
  return r;
}

inline OffenceCategory category(std::string code, std::string most_serious = {},
                                bool sexual_offence = false) {
  return OffenceCategory{code, code, "Group", std::move(most_serious), sexual_offence};
}

inline AssessmentPolicy test_policy() {
  AssessmentPolicy p;
  p.offence_categories = {category("burglary_residential"), category("rape", "", true),
                          category("attempted_murder", "attempted_murder"),
                          category("terrorism", "terrorism"),
                          category("modern_slavery", "human_trafficking")};
  // Two Merseyside districts and one of Greater Manchester's (data/geo/local-authorities.csv).
  p.local_authorities = {{"E08000011", "merseyside"},
                         {"E08000012", "merseyside"},
                         {"E08000003", "greater-manchester"}};
  return p;
}

inline const Date kToday = date(2026, 3, 10);

}  // namespace vg::assessment::fixture
