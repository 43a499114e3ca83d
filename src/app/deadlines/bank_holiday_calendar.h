// The England and Wales bank holiday calendar the product counts working days with: the copy of
// data/calendar/ embedded at build time, or a newer gov.uk file an operator supplies.
#pragma once

#include <string>

#include "domain/deadlines/bank_holidays.h"
#include "domain/result.h"

namespace vg::app {

// The embedded copy of data/calendar/bank-holidays-england-and-wales.json (Open Government
// Licence v3.0), parsed once. Throws std::runtime_error if the build embedded a broken file:
// that is caught by the unit tests, never by a user.
const deadlines::BankHolidayCalendar& england_and_wales_bank_holidays();

// Reads a newer calendar from disk, so an operator need not wait for a release when holidays
// are announced (a coronation, a state funeral). The source is https://www.gov.uk/bank-holidays.json
// (the whole document, or just its "england-and-wales" division), refreshed at deploy time;
// data/calendar/ in the repository is refreshed from the same address. not_found if the file
// cannot be read; validation_failed with JSON paths if it is not a good calendar.
Result<deadlines::BankHolidayCalendar> load_bank_holidays_file(const std::string& path);

}  // namespace vg::app
