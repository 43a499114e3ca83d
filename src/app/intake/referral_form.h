// The staff referral form (gateway advisors on the phone, partner caseworkers): its inputs are
// named by the referral JSON paths they fill ("victim.name", "flags.domestic_abuse",
// "safe_contact.safe_phone"), so the form becomes the same referral JSON every other channel
// sends (docs/formats/referral.md) and the checks' errors ("$.victim.name") point straight back
// at the input that needs changing. No I/O, no clock.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/form_fields.h"
#include "domain/result.h"

namespace vg::app::referral_form {

using app::FormFields;

// Who is entering the referral, and when.
struct Entry {
  std::string channel;       // "phone" | "chat" | "partner"
  std::string captured_by;   // the user's id: who recorded the victim's consent
  std::string received_at;   // RFC 3339
};

struct Converted {
  std::string json;                 // the referral JSON, when `errors` is empty
  std::vector<FieldError> errors;   // by input id: dates and numbers that cannot be read
};

// Dates come as three inputs (<path>-day, -month, -year), numbers as text, checkboxes as
// "true", lists as repeated inputs. A business's own name is "business.name"; the person
// the gateway talks to is then "victim.name".
Converted to_referral_json(const FormFields& form, const Entry& entry);

// The form input an error from the referral checks is about ("$.victim.contact_name" → the
// input "victim.name" for a business), or empty when no single input is to blame.
std::string input_for(std::string_view error_path, const FormFields& form);

// The inputs that take dates, for the page to render as GOV.UK date inputs.
const std::vector<std::string>& date_inputs();

}  // namespace vg::app::referral_form
