#include "app/intake/referral_form.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "app/directory/local_authorities.h"

namespace vg::app::referral_form {
namespace {

namespace json = boost::json;

const std::vector<std::string> kTexts = {
    "offence_category", "local_authority", "crime_reference", "account",
    "victim.phone", "victim.email", "victim.address", "victim.postcode", "victim.language",
    "safe_contact.safe_phone", "safe_contact.safe_email", "safe_contact.safe_address",
    "safe_contact.safe_times", "safe_contact.code_word",
    "risk_history.professional_judgement", "risk_history.judgement_reason"};
const std::vector<std::string> kFlags = {
    "flags.domestic_abuse", "flags.hate_crime", "flags.sexual_offence",
    "flags.child_sexual_exploitation", "flags.modern_slavery", "flags.stalking_or_harassment",
    "flags.business_crime", "flags.non_crime_asb",
    "victim.interpreter_needed", "victim.bereaved_relative", "victim.persistently_targeted",
    "victim.intimidated", "victim.children_in_household", "victim.child_in_household_at_risk",
    "safe_contact.voicemail_allowed", "safe_contact.may_say_who_we_are"};
const std::vector<std::string> kLists = {"flags.hate_strands", "victim.disabilities",
                                         "safe_contact.safe_channels",
                                         "safe_contact.accessibility_needs", "needs"};
const std::vector<std::string> kNumbers = {"victim.age",
                                           "risk_history.police_callouts_last_12_months"};
const std::vector<std::string> kDates = {"incident_date", "date_reported", "victim.date_of_birth",
                                         "risk_history.last_marac_referral"};
// Inputs only a person has: left out for a business, which the checks would otherwise ignore.
const std::vector<std::string> kPersonOnly = {
    "victim.date_of_birth", "victim.age", "victim.address", "victim.postcode",
    "victim.interpreter_needed", "victim.disabilities", "victim.bereaved_relative",
    "victim.persistently_targeted", "victim.intimidated", "victim.children_in_household",
    "victim.child_in_household_at_risk", "victim.language"};

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string value(const FormFields& form, std::string_view name) { return trim(form_value(form, name)); }

std::vector<std::string> values(const FormFields& form, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : form) {
    if (k == name && !trim(v).empty() && std::find(out.begin(), out.end(), trim(v)) == out.end()) {
      out.push_back(trim(v));
    }
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Sets a.b.c in `root`, creating the objects on the way.
void put(json::object& root, std::string_view path, json::value v) {
  json::object* at = &root;
  while (true) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) {
      (*at)[path] = std::move(v);
      return;
    }
    auto& child = (*at)[path.substr(0, dot)];
    if (!child.is_object()) child = json::object{};
    at = &child.as_object();
    path.remove_prefix(dot + 1);
  }
}

std::optional<int> number(std::string_view text) {
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// What each date input is called in messages.
std::string date_label(std::string_view path) {
  if (path == "incident_date") return "The date it happened";
  if (path == "date_reported") return "The date it was reported";
  if (path == "victim.date_of_birth") return "Date of birth";
  return "The date of the last MARAC referral";
}

}  // namespace

const std::vector<std::string>& date_inputs() { return kDates; }

Converted to_referral_json(const FormFields& form, const Entry& entry) {
  Converted out;
  json::object r;
  r["channel"] = entry.channel;
  r["received_at"] = entry.received_at;
  const bool business = value(form, "victim.type") == "business";
  auto person_only = [&](const std::string& path) { return business && contains(kPersonOnly, path); };

  for (const auto& path : kTexts) {
    if (auto v = value(form, path); !v.empty() && !person_only(path)) put(r, path, json::string(v));
  }
  for (const auto& path : kFlags) {
    if (value(form, path) == "true" && !person_only(path)) put(r, path, true);
  }
  for (const auto& path : kLists) {
    auto list = values(form, path);
    if (list.empty() || person_only(path)) continue;
    json::array a;
    for (auto& v : list) a.emplace_back(v);
    put(r, path, std::move(a));
  }
  for (const auto& path : kNumbers) {
    const auto v = value(form, path);
    if (v.empty() || person_only(path)) continue;
    if (auto n = number(v); n && *n >= 0) {
      put(r, path, *n);
    } else {
      out.errors.push_back({path, "not_a_number", "Enter a whole number, like 3"});
    }
  }
  for (const auto& path : kDates) {
    if (person_only(path)) continue;
    const auto d = value(form, path + "-day"), m = value(form, path + "-month"), y = value(form, path + "-year");
    if (d.empty() && m.empty() && y.empty()) continue;
    auto day = number(d), month = number(m), year = number(y);
    const std::chrono::year_month_day date{std::chrono::year(year.value_or(0)),
                                           std::chrono::month(static_cast<unsigned>(month.value_or(0))),
                                           std::chrono::day(static_cast<unsigned>(day.value_or(0)))};
    if (!day || !month || !year || y.size() != 4 || !date.ok()) {
      out.errors.push_back({path + "-day", "invalid", date_label(path) + " must be a real date"});
      continue;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *year, *month, *day);
    put(r, path, json::string(buf));
  }

  // Where it happened names the area, and the force that would hold a report of it.
  const std::string la = value(form, "local_authority");
  for (const auto& item : local_authorities()) {
    if (item.code != la) continue;
    r["area"] = area_id(item.police_force_area);
    if (value(form, "reported_to_police") == "yes") r["police_force_code"] = item.force_code;
  }
  r["reported_to_police"] = value(form, "reported_to_police") == "yes";

  if (!r["victim"].is_object()) r["victim"] = json::object{};
  json::object& victim = r["victim"].as_object();
  victim["type"] = business ? "business" : "person";
  if (business) {
    victim["name"] = value(form, "business.name");
    victim["contact_name"] = value(form, "victim.name");
    if (auto v = value(form, "victim.phone"); !v.empty()) victim["contact_phone"] = v;
    if (auto v = value(form, "victim.email"); !v.empty()) victim["contact_email"] = v;
    victim.erase("phone");
    victim.erase("email");
    if (!r.contains("flags")) r["flags"] = json::object{};
    r["flags"].as_object()["business_crime"] = true;
  } else {
    victim["name"] = value(form, "victim.name");
  }

  const std::string consent = value(form, "consent");
  if (consent == "given") {
    r["consent"] = json::object{{"basis", "explicit_consent"},
                                {"captured_by", entry.captured_by},
                                {"captured_at", entry.received_at},
                                {"method", entry.channel == "chat" ? "chat" : entry.channel == "partner" ? "partner_form" : "phone"},
                                {"scope", "referral_to_support"}};
  } else if (consent == "refused") {
    r["opted_out"] = true;
  } else if (consent != "not_asked") {
    out.errors.push_back({"consent", "required", "Select whether the victim agreed to be referred for support"});
  }
  if (la.empty()) {
    out.errors.push_back({"local_authority", "required", "Select where it happened"});
  } else if (!r.contains("area")) {
    out.errors.push_back({"local_authority", "unknown", "Select a place from the list"});
  }
  out.json = json::serialize(r);
  return out;
}

std::string input_for(std::string_view error_path, const FormFields& form) {
  std::string path(error_path);
  if (path.starts_with("$.")) path = path.substr(2);
  if (path == "$" || path.empty()) return {};
  const bool business = value(form, "victim.type") == "business";
  if (business) {
    if (path == "victim.name") return "business.name";
    if (path == "victim.contact_name") return "victim.name";
    if (path == "victim.contact_phone") return "victim.phone";
    if (path == "victim.contact_email") return "victim.email";
  }
  if (path == "area" || path == "police_force_code") return "local_authority";
  // "safe_contact.safe_channels[1]" → the list's input.
  if (auto bracket = path.find('['); bracket != std::string::npos) path = path.substr(0, bracket);
  if (contains(kDates, path)) return path + "-day";
  return path;
}

}  // namespace vg::app::referral_form
