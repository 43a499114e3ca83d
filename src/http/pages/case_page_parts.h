// What every casework page shares: the person asking (with their team), the case's MoJ
// sub-navigation, Victims' Code clocks as tags, names of staff, and the one way a form about a
// case is posted (role first, CSRF, the version the person saw, then one use case). Decides no
// access itself: the casework use cases answer what a person may see and do.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/account_service.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/intake/referral.h"
#include "http/app_context.h"
#include "http/http_message.h"
#include "http/pages/page_data.h"

namespace vg::http::case_pages {

struct Person {
  app::CurrentUser user;
  access::Actor actor;  // with their team
};

// The signed-in person, or the response to send instead (sign in; or a server error).
std::expected<Person, Response> person_asking(const Request& request, AppContext& ctx);

// The case's sections as MoJ sub-navigation; `current` is the href of the one shown.
void set_case_navigation(mustache::data& page, const std::string& case_id, std::string_view current);
// The staff-wide navigation of the queue pages.
void set_queue_navigation(mustache::data& page, std::string_view current);

std::string risk_label(int rank);                          // "High"
std::string channel_label(const std::string& channel);     // "Self-referral"
std::string local_authority_name(const std::string& code);  // "Liverpool"
std::string offence_name(AppContext& ctx, const std::string& area, const std::string& code);
// {text, due_date, tag_class}: a clock as a GOV.UK tag, read today in London.
mustache::data clock_data(casework::Date due, AppContext& ctx);
// Display names of staff by user id ("A former member of staff" when gone).
std::map<std::string, std::string> names_of(AppContext& ctx, const std::vector<std::string>& user_ids);

// A case section's read that failed, as the page the person sees: a case they may not read (or
// another team's, outside the page that asks for a reason) does not exist for them.
Response read_refused(AppContext& ctx, const app::CurrentUser& user, const Error& error);
std::optional<std::int64_t> whole_number(const std::string& text);
// Appends {key, value} to a GOV.UK summary list's rows; an empty value adds no row.
void add_row(mustache::data& rows, const std::string& key, const std::string& value);
// The safe-contact profile as summary rows, the same for the gateway and a partner; `when_none`
// says what to do when no profile was recorded (who may be called differs between them).
mustache::data safe_contact_rows(const std::optional<intake::SafeContactProfile>& profile,
                                 const std::string& when_none);
// Who made a timeline event, in words: a person's name, "Victim Gateway" for a background job,
// "A partner's case system" for an organisation's API key (its answers over the API).
std::string event_by(const std::string& actor, const std::map<std::string, std::string>& names);
// A timeline line in words, from an event's kind and detail codes.
std::string event_text(const casework::CaseEvent& event, const std::map<std::string, std::string>& names);

// What a person whose change was refused as stale is told: that the case changed since they
// opened it (field "version"), then one line per change made since `seen_version` (who, what,
// when; the field pages::kChangedSinceField), which the error summary lists under the error.
std::vector<FieldError> stale_change_errors(AppContext& ctx, const access::Actor& actor, const std::string& case_id,
                                            std::int64_t seen_version);

// A GOV.UK date input posted as <name>-day, <name>-month, <name>-year, as YYYY-MM-DD (or text
// that is not a date, so the use case's rule says so); empty when nothing was entered.
std::string posted_date(const app::FormFields& form, const std::string& name);
// The data of partials/date_input for <name>: the answers as posted and the field's first error.
mustache::data date_input(const app::FormFields& form, const std::string& name, const std::string& legend,
                          const std::string& hint, const std::vector<FieldError>& errors);

// A form posted about case {id}: the role is refused before anything is looked up (403), then
// the CSRF token (403), then `change` runs with the form's version. Success: 303 to `done_href`,
// so a refresh posts nothing twice. A refusal the person can act on (validation_failed, or
// conflict when the case changed meanwhile: 422 / 409) is shown by `refused`, with the form as
// posted, and for a conflict the changes made since the version the form carried; not_found and
// forbidden get their pages, anything else a server error.
using CaseChange = std::function<Result<casework::CaseRecord>(
    const access::Actor& actor, const std::string& case_id, std::int64_t version, const app::FormFields& form)>;
using RefusalPage = std::function<Response(const Person& person, const std::vector<FieldError>& errors,
                                           int status, const app::FormFields& form)>;
Response post_case_change(Request& request, AppContext& ctx, access::Action action, const CaseChange& change,
                          const RefusalPage& refused, const std::string& done_href);

}  // namespace vg::http::case_pages
