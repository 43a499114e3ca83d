#include "http/pages/service_page_data.h"

#include <string_view>
#include <vector>

#include "http/pages/page_data.h"

namespace vg::http::pages {
namespace {

constexpr size_t kSummaryLength = 240;

// A sentence or two: the start of the description, cut at a word.
std::string summary_of(const std::string& text) {
  if (text.size() <= kSummaryLength) return text;
  auto cut = text.rfind(' ', kSummaryLength);
  if (cut == std::string::npos || cut < kSummaryLength / 2) cut = kSummaryLength;
  // Never cut a UTF-8 character in half.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\u2026";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

mustache::data string_list(const std::vector<std::string>& items) {
  mustache::data list{mustache::data::type::list};
  for (const auto& item : items) list.push_back(mustache::data(item));
  return list;
}

}  // namespace

void set_text(mustache::data& data, const std::string& key, std::string value) {
  data.set("has_" + key, !value.empty());
  data.set(key, std::move(value));
}

mustache::data service_data(const app::ServiceView& view) {
  mustache::data s;
  s.set("id", view.id);
  s.set("href", "/find-support/services/" + url_encode(view.id));
  s.set("name", view.name);
  s.set("organization_name", view.organization_name);
  s.set("description", view.description);
  s.set("summary", summary_of(view.description));
  set_text(s, "audiences", joined(view.audiences));
  set_text(s, "crime_types", joined(view.crime_types));
  set_text(s, "kinds_of_help", joined(view.kinds_of_help));
  set_text(s, "areas", joined(view.areas));
  set_text(s, "eligibility", view.eligibility);
  set_text(s, "languages", view.languages);
  s.set("self_referral", view.self_referral);
  s.set("illustrative", view.illustrative_contact_details);
  s.set("confidential_location", view.confidential_location);
  mustache::data phones{mustache::data::type::list};
  for (const auto& phone : view.phones) {
    mustache::data p;
    p.set("number", phone);
    set_text(p, "href", tel_href(phone));
    phones.push_back(p);
  }
  s.set("phones", phones);
  s.set("has_phones", !view.phones.empty());
  const auto url = safe_web_url(view.url);
  set_text(s, "website", view.url);
  set_text(s, "website_href", url);
  set_text(s, "email", view.email);
  set_text(s, "email_href", mailto_href(view.email));
  s.set("opening_times", string_list(view.opening_times));
  s.set("has_opening_times", !view.opening_times.empty());
  s.set("has_contact", !view.phones.empty() || !view.url.empty() || !view.email.empty());
  return s;
}

}  // namespace vg::http::pages
