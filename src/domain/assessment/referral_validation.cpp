#include "domain/assessment/referral_validation.h"

#include "domain/deadlines/working_days.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "domain/assessment/consent.h"
#include "domain/assessment/offence_categories.h"
#include "domain/assessment/safe_contact.h"
#include "domain/directory/postcode.h"
#include "domain/text/control_characters.h"

namespace vg::assessment {
namespace {

using intake::Channel;
using intake::VictimType;

constexpr std::array<std::string_view, 5> kDisabilities = {
    "physical_disability", "mental_disorder", "learning_disability", "sensory_impairment", "other"};

constexpr int kMaxAge = 130;

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

class Checker {
 public:
  explicit Checker(std::optional<Date> receipt) : receipt_(receipt) {}

  void add(std::string field, std::string code, std::string message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }

  void require(std::string_view value, std::string field, std::string message) {
    if (is_blank(value)) add(std::move(field), "required", std::move(message));
  }

  // A real date, not after the day the referral was received. `what` starts a sentence.
  // Returns whether the date may be compared with others.
  bool date_not_after_receipt(const std::optional<Date>& date, std::string field,
                              std::string_view what) {
    if (!date.has_value()) return false;
    if (!date->ok()) {
      add(std::move(field), "invalid", std::string(what) + " must be a real date");
      return false;
    }
    if (receipt_.has_value() && *date > *receipt_) {
      add(std::move(field), "in_future",
          std::string(what) +
              " must be on or before the date the referral was received");
    }
    return true;
  }

  void append(std::vector<FieldError> more) {
    for (auto& e : more) errors_.push_back(std::move(e));
  }

  std::vector<FieldError> take() { return std::move(errors_); }

 private:
  std::optional<Date> receipt_;
  std::vector<FieldError> errors_;
};

void check_police_details(const Referral& r, Checker& check) {
  if (r.channel == Channel::kPolice) {
    if (!r.reported_to_police) {
      check.add("reported_to_police", "inconsistent",
                "A referral from the police must say the crime was reported to the police");
    }
    check.require(r.police_force_code, "police_force_code",
                  "Enter the police force code, because the referral is from the police");
  }
  // The police always have their crime reference. A victim who reported the crime often does
  // not have it to hand, and must never be turned away for that: support services ask later.
  if (r.channel == Channel::kPolice) {
    check.require(r.crime_reference, "crime_reference",
                  "Enter the crime reference, because the referral is from the police");
  }
}

void check_dates(const Referral& r, Checker& check) {
  const bool start =
      check.date_not_after_receipt(r.incident_date, "incident_date", "The incident date");
  const bool end = check.date_not_after_receipt(r.incident_end_date, "incident_end_date",
                                                "The incident end date");
  if (start && end && *r.incident_end_date < *r.incident_date) {
    check.add("incident_end_date", "before_start",
              "The incident end date must be the same as or after the incident date");
  }
  check.date_not_after_receipt(r.date_reported, "date_reported",
                               "The date the crime was reported to the police");
}

void check_person(const intake::PersonVictim& p, Checker& check) {
  // Every route that creates a referral knows who the victim is; the anonymous route gives
  // information only and never creates one.
  check.require(p.name, "person.name", "Enter the victim's name");
  if (p.age.has_value() && (*p.age < 0 || *p.age > kMaxAge)) {
    check.add("person.age", "out_of_range", "The victim's age must be between 0 and 130");
  }
  check.date_not_after_receipt(p.date_of_birth, "person.date_of_birth",
                               "The victim's date of birth");
  // An address no one can write to is a victim no one can reach.
  if (!p.email.empty() && !looks_like_email_address(p.email)) {
    check.add("person.email", "invalid",
              "Enter the victim's email address in the correct format, like name@example.com");
  }
  for (std::size_t i = 0; i < p.disabilities.size(); ++i) {
    // A misspelt code would silently lose the victim's enhanced rights as a vulnerable victim.
    if (!is_disability_code(p.disabilities[i])) {
      check.add("person.disabilities[" + std::to_string(i) + "]", "unknown",
                "The disability must be one of physical_disability, mental_disorder, "
                "learning_disability, sensory_impairment or other");
    }
  }
}

void check_business(const intake::BusinessVictim& b, Checker& check) {
  check.require(b.name, "business.name", "Enter the name of the business");
  check.require(b.contact_name, "business.contact_name",
                "Enter the name of the contact at the business");
  if (!b.contact_email.empty() && !looks_like_email_address(b.contact_email)) {
    check.add("business.contact_email", "invalid",
              "Enter the contact's email address in the correct format, like name@example.com");
  }
}

// Where it happened: a district the product knows and, when the area's policy is known, in the
// referral's area (a code from another area would route the victim to the wrong gateway).
void check_local_authority(const Referral& r, const std::vector<LocalAuthorityArea>& known,
                           bool in_area, Checker& check) {
  if (r.local_authority.empty()) return;
  const auto it = std::find_if(known.begin(), known.end(), [&](const LocalAuthorityArea& la) {
    return la.code == r.local_authority;
  });
  if (it == known.end()) {
    check.add("local_authority", "unknown",
              "The local authority must be the GSS code of a local authority district this "
              "gateway serves, like E08000012");
  } else if (in_area && !is_blank(r.area) && it->area != r.area) {
    check.add("local_authority", "not_in_area",
              "The local authority must be in the referral's area (" + it->code + " is in " +
                  it->area + ")");
  }
}

// The shape the directory API asks of a searcher's postcode: any case and spacing, but a full UK
// postcode (no "L1 1AAAA"), so a postcode stored here can always be looked up.
void check_postcode(std::string_view postcode, std::string field, std::string_view what,
                    Checker& check) {
  if (postcode.empty() || directory::normalise_postcode(postcode).has_value()) return;
  check.add(std::move(field), "malformed",
            "Enter " + std::string(what) + " as a full UK postcode, like L1 8JQ");
}

// Every text the referral holds: a NUL or a direction override hides what the text says from the
// person who reads it back (and a NUL cuts it short in many tools).
void check_characters(const Referral& r, Checker& check) {
  // `field` is made only for a text that fails: a bulk import checks every text of every row.
  auto text = [&](std::string_view value, std::string_view prefix, std::string_view member) {
    if (auto c = text::find_control_character(value)) {
      check.add(std::string(prefix) + std::string(member), "control_character",
                "must not contain control characters or hidden changes of text direction "
                "(found " + text::code_point_label(*c) + ")");
    }
  };
  // One object's texts, each (value, member name) named under the object's `prefix`.
  using Texts = std::initializer_list<std::pair<std::string_view, std::string_view>>;
  auto texts = [&](std::string_view prefix, Texts members) {
    for (const auto& [value, member] : members) text(value, prefix, member);
  };
  auto list = [&](const std::vector<std::string>& values, std::string_view field) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string index("[");  // appended: g++ 12 at -O3 warns (-Wrestrict) on a + chain
      index.append(std::to_string(i)).push_back(']');
      text(values[i], field, index);
    }
  };
  texts("", {{r.area, "area"}, {r.police_force_code, "police_force_code"},
             {r.crime_reference, "crime_reference"}, {r.offence_category, "offence_category"},
             {r.local_authority, "local_authority"}, {r.postcode, "postcode"},
             {r.account, "account"}});
  list(r.needs, "needs");
  const auto& p = r.person;
  texts("person.", {{p.name, "name"}, {p.phone, "phone"}, {p.email, "email"},
                    {p.address, "address"}, {p.postcode, "postcode"}, {p.language, "language"}});
  list(p.disabilities, "person.disabilities");
  const auto& b = r.business;
  texts("business.", {{b.name, "name"}, {b.contact_name, "contact_name"},
                      {b.contact_phone, "contact_phone"}, {b.contact_email, "contact_email"}});
  if (const auto& c = r.consent) {
    texts("consent.", {{c->captured_by, "captured_by"}, {c->method, "method"}, {c->scope, "scope"}});
  }
  if (const auto& s = r.safe_contact) {
    texts("safe_contact.", {{s->safe_phone, "safe_phone"}, {s->safe_email, "safe_email"},
                            {s->safe_address, "safe_address"}, {s->safe_times, "safe_times"},
                            {s->code_word, "code_word"}, {s->language, "language"}});
    list(s->accessibility_needs, "safe_contact.accessibility_needs");
  }
  if (r.dash) text(r.dash->assessed_by, "dash.", "assessed_by");
  text(r.risk_history.judgement_reason, "risk_history.", "judgement_reason");
}

void check_risk_history(const intake::RiskHistory& h, Checker& check) {
  if (h.professional_judgement.has_value()) {
    check.require(h.judgement_reason, "risk_history.judgement_reason",
                  "Enter the reason for the professional judgement of risk");
  }
  if (h.police_callouts_last_12_months < 0) {
    check.add("risk_history.police_callouts_last_12_months", "out_of_range",
              "The number of police call-outs in the last 12 months must be 0 or more");
  }
  check.date_not_after_receipt(h.last_marac_referral, "risk_history.last_marac_referral",
                               "The date of the last MARAC referral");
}

}  // namespace

Date receipt_date(intake::Instant at) { return deadlines::london_date(at); }

bool is_disability_code(std::string_view code) {
  return std::find(kDisabilities.begin(), kDisabilities.end(), code) != kDisabilities.end();
}

namespace {

// `policy`: the area's, or null when the referral's area has none here.
std::vector<FieldError> validate(const Referral& r, const AssessmentPolicy* policy,
                                 const std::vector<LocalAuthorityArea>& local_authorities) {
  const bool received = r.received_at != intake::Instant{};
  Checker check(received ? std::optional<Date>(receipt_date(r.received_at)) : std::nullopt);

  check.require(r.area, "area", "Enter the area the referral is for");
  if (!received) check.add("received_at", "required", "Enter when the referral was received");
  check_police_details(r, check);
  check_dates(r, check);

  if (policy != nullptr && !r.offence_category.empty() &&
      find_offence_category(policy->offence_categories, r.offence_category) == nullptr) {
    check.add("offence_category", "unknown",
              "The offence category must be one of the Home Office categories the area uses");
  }
  check_local_authority(r, local_authorities, policy != nullptr, check);
  check_postcode(r.postcode, "postcode", "the postcode where it happened", check);
  if (r.victim_type == VictimType::kPerson) {
    check_postcode(r.person.postcode, "person.postcode", "the victim's postcode", check);
  }
  check_characters(r, check);
  if (!r.flags.hate_strands.empty() && !r.flags.hate_crime) {
    check.add("flags.hate_strands", "inconsistent",
              "Hate crime strands can only be given when the crime is marked as a hate crime");
  }

  if (r.victim_type == VictimType::kPerson) {
    check_person(r.person, check);
  } else {
    check_business(r.business, check);
  }

  if (r.safe_contact.has_value()) check.append(validate_safe_contact(*r.safe_contact));
  check_risk_history(r.risk_history, check);
  if (r.consent.has_value()) check.append(validate_consent_record(*r.consent));
  return check.take();
}

}  // namespace

std::vector<FieldError> validate_referral(const Referral& r, const AssessmentPolicy& policy) {
  return validate(r, &policy, policy.local_authorities);
}

std::vector<FieldError> validate_referral_outside_area(
    const Referral& r, const std::vector<LocalAuthorityArea>& local_authorities) {
  return validate(r, nullptr, local_authorities);
}

}  // namespace vg::assessment
