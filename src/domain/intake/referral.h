// A referral as it arrives from any channel (police API or feed, self-referral, partner, phone,
// chat): who the victim is, what happened, where, and what the victim has agreed to. Pure values.
// Personal and special-category data live here (names, contact details, the free-text account):
// nothing in this struct may ever be logged.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace vg::intake {

using Instant = std::chrono::system_clock::time_point;
using Date = std::chrono::year_month_day;

enum class Channel { kPolice, kSelf, kPartner, kPhone, kChat };
enum class VictimType { kPerson, kBusiness };
enum class HateStrand { kRace, kReligion, kSexualOrientation, kDisability, kTransgender };
enum class Answer { kNotKnown, kYes, kNo };

// What kind of crime or harm it was, beyond its Home Office category.
struct OffenceFlags {
  bool domestic_abuse = false;
  bool hate_crime = false;
  std::vector<HateStrand> hate_strands;
  bool sexual_offence = false;
  bool child_sexual_exploitation = false;
  bool modern_slavery = false;  // modern slavery or human trafficking
  bool stalking_or_harassment = false;
  bool business_crime = false;
  bool non_crime_asb = false;  // anti-social behaviour that is not a crime
};

struct PersonVictim {
  std::string name;
  std::optional<Date> date_of_birth;
  std::optional<int> age;  // when the date of birth is not given
  std::string phone;
  std::string email;
  std::string address;
  std::string postcode;
  std::string language = "en";  // ISO 639-1 code, or the language's name as the victim gave it
  bool interpreter_needed = false;
  // Codes: "physical_disability", "mental_disorder", "learning_disability" (significant
  // impairment of intelligence and social functioning), "sensory_impairment", "other".
  std::vector<std::string> disabilities;
  bool bereaved_relative = false;      // close relative of a person who died as a result of crime
  bool persistently_targeted = false;
  bool intimidated = false;            // fear or distress about testifying
  bool children_in_household = false;
  bool child_in_household_at_risk = false;
};

struct BusinessVictim {
  std::string name;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
};

enum class ContactChannel { kCall, kText, kEmail, kLetter, kVisit };

// How the victim may be contacted without putting them at risk. The system refuses any contact
// the profile does not allow.
struct SafeContactProfile {
  std::vector<ContactChannel> safe_channels;
  std::string safe_phone;    // needed when call or text is safe
  std::string safe_email;    // needed when email is safe
  std::string safe_address;  // needed when letter or visit is safe
  std::string safe_times;    // free text, e.g. "weekdays 10am to 2pm"
  bool voicemail_allowed = false;
  bool may_say_who_we_are = false;
  std::string code_word;
  std::string language = "en";
  bool interpreter_needed = false;
  std::vector<std::string> accessibility_needs;  // e.g. "bsl", "large_print", "easy_read"
};

enum class ConsentBasis { kExplicitConsent, kNoObjection };

// Who recorded the victim's agreement, when, how and to what.
struct ConsentRecord {
  ConsentBasis basis = ConsentBasis::kExplicitConsent;
  std::string captured_by;  // user id, or "police:<force>" for a police form
  Instant captured_at{};
  std::string method;  // "phone", "web_form", "in_person", "police_form", "letter"
  std::string scope = "referral_to_support";
  std::optional<Instant> withdrawn_at;
};

// DASH: 24 questions answered yes / no / not known, in the checklist's order.
struct DashAnswers {
  std::array<Answer, 24> answers{};
  std::string assessed_by;
  Instant assessed_at{};
};

// S-DASH: the 11 stalking screening questions.
struct SdashAnswers {
  std::array<Answer, 11> answers{};
};

enum class RiskLevel { kStandard, kMedium, kHigh };

struct RiskHistory {
  int police_callouts_last_12_months = 0;
  std::optional<Date> last_marac_referral;
  std::optional<RiskLevel> professional_judgement;  // may raise the level, never lower it
  std::string judgement_reason;                     // required with a judgement
};

struct Referral {
  Channel channel = Channel::kPolice;
  Instant received_at{};
  std::string area;  // area pack id, e.g. "merseyside"

  bool reported_to_police = false;
  std::string police_force_code;  // ONS police force area code, e.g. "E23000004"
  std::string crime_reference;
  std::optional<Date> incident_date;
  std::optional<Date> incident_end_date;  // for a course of conduct
  std::optional<Date> date_reported;      // to the police

  std::string offence_category;  // code from config/offence-categories.json
  OffenceFlags flags;
  std::string local_authority;  // GSS code where it happened
  std::string postcode;         // where it happened, when given

  VictimType victim_type = VictimType::kPerson;
  PersonVictim person;
  BusinessVictim business;

  std::string account;  // the victim's own words: special-category data, never logged
  std::vector<std::string> needs;  // needs-domain codes known at referral

  bool opted_out = false;  // the victim said no to being referred
  std::optional<ConsentRecord> consent;
  std::optional<SafeContactProfile> safe_contact;
  std::optional<DashAnswers> dash;
  std::optional<SdashAnswers> sdash;
  RiskHistory risk_history;
};

}  // namespace vg::intake
