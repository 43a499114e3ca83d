#include "app/intake/referral_json.h"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <unordered_set>

#include "domain/text/utf8.h"
#include "domain/text/iso_date.h"
#include "domain/text/rfc3339.h"

namespace vg::app {
namespace {

namespace json = boost::json;
using intake::Answer;
using intake::Date;
using intake::Instant;

std::optional<Date> parse_date(std::string_view s) { return text::parse_iso_date(s); }

// RFC 3339 with Z or an offset; seconds fraction allowed.
std::optional<Instant> parse_instant(std::string_view s) {
  if (s.size() < 20) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || !instant_year_in_range(static_cast<int>(date->year())) ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  int hh = 0, mm = 0, ss = 0;
  if (std::from_chars(s.data() + 11, s.data() + 13, hh).ec != std::errc{} ||
      std::from_chars(s.data() + 14, s.data() + 16, mm).ec != std::errc{} ||
      std::from_chars(s.data() + 17, s.data() + 19, ss).ec != std::errc{} || hh > 23 || mm > 59 ||
      ss > 60) {
    return std::nullopt;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  int offset_minutes = 0;
  std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (std::from_chars(zone.data() + 1, zone.data() + 3, oh).ec != std::errc{} ||
        std::from_chars(zone.data() + 4, zone.data() + 6, om).ec != std::errc{}) {
      return std::nullopt;
    }
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  return std::chrono::sys_days{*date} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss} - std::chrono::minutes{offset_minutes};
}

// Finds members named twice in one object, with their paths. A second pass over a document that
// parsed: Boost.JSON keeps only the last of two equal keys, so the value it builds cannot tell.
class DuplicateKeys {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<FieldError> errors;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    frames_.emplace_back().object = true;
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) { return end_container(); }
  bool on_array_begin(boost::system::error_code&) {
    frames_.emplace_back().object = false;
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) { return end_container(); }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    auto& frame = frames_.back();
    if (!frame.keys.insert(key_).second && errors.size() < kMaxErrors) {
      std::string field = path();
      field.append(".").append(key_);  // appended: g++ 12 at -O3 warns (-Wrestrict) on a + chain
      errors.push_back({std::move(field), "duplicate",
                        "is given more than once in the same object: give each member once"});
    }
    frame.key = std::move(key_);
    key_.clear();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, boost::system::error_code&) { return value(); }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, boost::system::error_code&) { return value(); }
  bool on_uint64(std::uint64_t, json::string_view, boost::system::error_code&) { return value(); }
  bool on_double(double, json::string_view, boost::system::error_code&) { return value(); }
  bool on_bool(bool, boost::system::error_code&) { return value(); }
  bool on_null(boost::system::error_code&) { return value(); }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  // Enough to show a sender the problem; a document made of repeated keys gets no more.
  static constexpr std::size_t kMaxErrors = 20;

  struct Frame {
    bool object = true;
    std::string key;                      // the member being read, in an object
    std::size_t index = 0;                // the item being read, in an array
    std::unordered_set<std::string> keys;  // a set: a hostile object may have many members
  };

  // The path of the containers around the current value, as referral_from_json names them.
  std::string path() const {
    std::string out = "$";
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      if (frames_[i].object) {
        out.append(".").append(frames_[i].key);
      } else {
        out.append("[").append(std::to_string(frames_[i].index)).append("]");
      }
    }
    return out;
  }
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool end_container() {
    frames_.pop_back();
    return value();
  }

  std::vector<Frame> frames_;
  std::string key_;
};

class Reader {
 public:
  // `known`: the members this object may have. A list searched in order, not a set: a few
  // dozen short names compare faster than building a set of strings for every object read.
  Reader(const json::object& o, std::string path, std::vector<FieldError>& errors,
         std::initializer_list<std::string_view> known)
      : o_(o), path_(std::move(path)), errors_(errors) {
    for (const auto& m : o) {
      if (std::find(known.begin(), known.end(), std::string_view(m.key())) == known.end()) {
        add(m.key(), "unknown", "is not a referral field");
      }
    }
  }

  std::string at(std::string_view key) const { return path_ + "." + std::string(key); }
  void add(std::string_view key, std::string code, std::string message) {
    errors_.push_back({at(key), std::move(code), std::move(message)});
  }
  const json::value* get(std::string_view key) const {
    const auto* v = o_.if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  std::string text(std::string_view key, std::size_t max = 1000) {
    const auto* v = get(key);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      add(key, "type", "must be text");
      return {};
    }
    // Characters, not bytes: a name in Welsh or Urdu gets the same room as one in English.
    if (text::code_points(v->as_string()) > max) {
      add(key, "too_long", "must be " + std::to_string(max) + " characters or fewer");
      return {};
    }
    return std::string(v->as_string());
  }

  bool flag(std::string_view key) {
    const auto* v = get(key);
    if (v == nullptr) return false;
    if (!v->is_bool()) {
      add(key, "type", "must be true or false");
      return false;
    }
    return v->as_bool();
  }

  std::optional<int> integer(std::string_view key) {
    const auto* v = get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_int64()) {
      add(key, "type", "must be a whole number");
      return std::nullopt;
    }
    if (v->as_int64() < -1000000 || v->as_int64() > 1000000) {
      add(key, "out_of_range", "is out of range");
      return std::nullopt;
    }
    return static_cast<int>(v->as_int64());
  }

  std::optional<Date> date(std::string_view key) {
    return parsed(key, 10, parse_date, "must be a date like 2026-01-31");
  }

  std::optional<Instant> instant(std::string_view key) {
    return parsed(key, 40, parse_instant, "must be a date and time like 2026-01-31T09:30:00Z");
  }

  std::vector<std::string> texts(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = get(key);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      add(key, "type", "must be a list of text");
      return out;
    }
    for (const auto& item : v->as_array()) {
      if (!item.is_string() || item.as_string().size() > 100) {
        add(key, "type", "must be a list of short text codes");
        return {};
      }
      out.emplace_back(item.as_string());
    }
    return out;
  }

  const json::object* object(std::string_view key) {
    const auto* v = get(key);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
      add(key, "type", "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }

  template <typename Enum, std::size_t N>
  std::optional<Enum> choice(std::string_view key, const std::pair<std::string_view, Enum> (&options)[N]) {
    auto t = text(key, 100);
    if (t.empty()) return std::nullopt;
    for (const auto& [name, value] : options) {
      if (name == t) return value;
    }
    std::string list;
    for (const auto& [name, value] : options) list += (list.empty() ? "" : ", ") + std::string(name);
    add(key, "enum", "must be one of: " + list);
    return std::nullopt;
  }

  // A list of codes, each read as one of `options`; each code that is none of them is an
  // "enum" problem with `message`.
  template <typename Enum, std::size_t N>
  std::vector<Enum> choices(std::string_view key, const std::pair<std::string_view, Enum> (&options)[N],
                            std::string_view message) {
    std::vector<Enum> out;
    for (const auto& code : texts(key)) {
      bool found = false;
      for (const auto& [name, value] : options) {
        if (name == code) {
          out.push_back(value);
          found = true;
        }
      }
      if (!found) add(key, "enum", std::string(message));
    }
    return out;
  }

  template <std::size_t N>
  void answers(std::string_view key, std::array<Answer, N>& out) {
    const auto* v = get(key);
    if (v == nullptr) {
      add(key, "required", "is required: " + std::to_string(N) + " answers");
      return;
    }
    if (!v->is_array() || v->as_array().size() != N) {
      add(key, "type", "must be a list of " + std::to_string(N) + " answers: yes, no or not_known");
      return;
    }
    std::size_t i = 0;
    for (const auto& a : v->as_array()) {
      const std::string_view s = a.is_string() ? std::string_view(a.as_string()) : "";
      if (s == "yes") {
        out[i] = Answer::kYes;
      } else if (s == "no") {
        out[i] = Answer::kNo;
      } else if (s == "not_known") {
        out[i] = Answer::kNotKnown;
      } else {
        errors_.push_back({at(key) + "[" + std::to_string(i) + "]", "enum", "must be yes, no or not_known"});
      }
      ++i;
    }
  }

  const std::string& path() const { return path_; }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  // A text member of at most `max` characters read by `parse` (empty: absent); one `parse`
  // cannot read is a "format" problem with `message`.
  template <typename T>
  std::optional<T> parsed(std::string_view key, std::size_t max,
                          std::optional<T> (*parse)(std::string_view), std::string_view message) {
    auto t = text(key, max);
    if (t.empty()) return std::nullopt;
    auto value = parse(t);
    if (!value) add(key, "format", std::string(message));
    return value;
  }

  const json::object& o_;
  std::string path_;
  std::vector<FieldError>& errors_;
};

constexpr std::pair<std::string_view, intake::Channel> kChannels[] = {
    {"police", intake::Channel::kPolice}, {"self", intake::Channel::kSelf},
    {"partner", intake::Channel::kPartner}, {"phone", intake::Channel::kPhone},
    {"chat", intake::Channel::kChat}};
constexpr std::pair<std::string_view, intake::HateStrand> kStrands[] = {
    {"race", intake::HateStrand::kRace}, {"religion", intake::HateStrand::kReligion},
    {"sexual_orientation", intake::HateStrand::kSexualOrientation},
    {"disability", intake::HateStrand::kDisability},
    {"transgender", intake::HateStrand::kTransgender}};
constexpr std::pair<std::string_view, intake::VictimType> kVictimTypes[] = {
    {"person", intake::VictimType::kPerson}, {"business", intake::VictimType::kBusiness}};
constexpr std::pair<std::string_view, intake::ContactChannel> kContactChannels[] = {
    {"call", intake::ContactChannel::kCall}, {"text", intake::ContactChannel::kText},
    {"email", intake::ContactChannel::kEmail}, {"letter", intake::ContactChannel::kLetter},
    {"visit", intake::ContactChannel::kVisit}};
constexpr std::pair<std::string_view, intake::ConsentBasis> kBases[] = {
    {"explicit_consent", intake::ConsentBasis::kExplicitConsent},
    {"no_objection", intake::ConsentBasis::kNoObjection}};
constexpr std::pair<std::string_view, intake::RiskLevel> kLevels[] = {
    {"standard", intake::RiskLevel::kStandard}, {"medium", intake::RiskLevel::kMedium},
    {"high", intake::RiskLevel::kHigh}};

void read_flags(Reader& r, intake::OffenceFlags& f) {
  f.domestic_abuse = r.flag("domestic_abuse");
  f.hate_crime = r.flag("hate_crime");
  f.sexual_offence = r.flag("sexual_offence");
  f.child_sexual_exploitation = r.flag("child_sexual_exploitation");
  f.modern_slavery = r.flag("modern_slavery");
  f.stalking_or_harassment = r.flag("stalking_or_harassment");
  f.business_crime = r.flag("business_crime");
  f.non_crime_asb = r.flag("non_crime_asb");
  f.hate_strands = r.choices("hate_strands", kStrands,
                             "must list race, religion, sexual_orientation, disability or transgender");
}

void read_victim(Reader& r, intake::Referral& out) {
  out.victim_type = r.choice("type", kVictimTypes).value_or(intake::VictimType::kPerson);
  if (out.victim_type == intake::VictimType::kBusiness) {
    out.business.name = r.text("name", 200);
    out.business.contact_name = r.text("contact_name", 200);
    out.business.contact_phone = r.text("contact_phone", 40);
    out.business.contact_email = r.text("contact_email", 254);
    return;
  }
  auto& p = out.person;
  p.name = r.text("name", 200);
  p.date_of_birth = r.date("date_of_birth");
  p.age = r.integer("age");
  p.phone = r.text("phone", 40);
  p.email = r.text("email", 254);
  p.address = r.text("address", 500);
  p.postcode = r.text("postcode", 10);
  if (auto lang = r.text("language", 40); !lang.empty()) p.language = lang;
  p.interpreter_needed = r.flag("interpreter_needed");
  p.disabilities = r.texts("disabilities");
  p.bereaved_relative = r.flag("bereaved_relative");
  p.persistently_targeted = r.flag("persistently_targeted");
  p.intimidated = r.flag("intimidated");
  p.children_in_household = r.flag("children_in_household");
  p.child_in_household_at_risk = r.flag("child_in_household_at_risk");
}

}  // namespace

Result<intake::Referral> referral_from_json(const json::object& o, std::string_view path) {
  std::vector<FieldError> errors;
  intake::Referral out;
  Reader r(o, std::string(path), errors,
           {"channel", "received_at", "area", "reported_to_police", "police_force_code",
            "crime_reference", "incident_date", "incident_end_date", "date_reported",
            "offence_category", "flags", "local_authority", "postcode", "victim", "account",
            "needs", "opted_out", "consent", "safe_contact", "dash", "sdash", "risk_history"});
  out.channel = r.choice("channel", kChannels).value_or(intake::Channel::kPolice);
  if (r.get("channel") == nullptr) r.add("channel", "required", "is required");
  if (auto at = r.instant("received_at")) out.received_at = *at;
  out.area = r.text("area", 60);
  out.reported_to_police = r.flag("reported_to_police");
  out.police_force_code = r.text("police_force_code", 20);
  out.crime_reference = r.text("crime_reference", 60);
  out.incident_date = r.date("incident_date");
  out.incident_end_date = r.date("incident_end_date");
  out.date_reported = r.date("date_reported");
  out.offence_category = r.text("offence_category", 100);
  out.local_authority = r.text("local_authority", 9);
  out.postcode = r.text("postcode", 10);
  out.account = r.text("account", 20000);
  out.needs = r.texts("needs");
  out.opted_out = r.flag("opted_out");

  if (const auto* flags = r.object("flags")) {
    Reader fr(*flags, r.at("flags"), errors,
              {"domestic_abuse", "hate_crime", "hate_strands", "sexual_offence",
               "child_sexual_exploitation", "modern_slavery", "stalking_or_harassment",
               "business_crime", "non_crime_asb"});
    read_flags(fr, out.flags);
  }
  if (const auto* victim = r.object("victim")) {
    Reader vr(*victim, r.at("victim"), errors,
              {"type", "name", "date_of_birth", "age", "phone", "email", "address", "postcode",
               "language", "interpreter_needed", "disabilities", "bereaved_relative",
               "persistently_targeted", "intimidated", "children_in_household",
               "child_in_household_at_risk", "contact_name", "contact_phone", "contact_email"});
    read_victim(vr, out);
  } else if (r.get("victim") == nullptr) {
    r.add("victim", "required", "is required");
  }
  if (const auto* consent = r.object("consent")) {
    Reader cr(*consent, r.at("consent"), errors,
              {"basis", "captured_by", "captured_at", "method", "scope", "withdrawn_at"});
    intake::ConsentRecord c;
    c.basis = cr.choice("basis", kBases).value_or(intake::ConsentBasis::kExplicitConsent);
    c.captured_by = cr.text("captured_by", 200);
    if (auto at = cr.instant("captured_at")) c.captured_at = *at;
    c.method = cr.text("method", 40);
    if (auto scope = cr.text("scope", 100); !scope.empty()) c.scope = scope;
    c.withdrawn_at = cr.instant("withdrawn_at");
    out.consent = c;
  }
  if (const auto* safe = r.object("safe_contact")) {
    Reader sr(*safe, r.at("safe_contact"), errors,
              {"safe_channels", "safe_phone", "safe_email", "safe_address", "safe_times",
               "voicemail_allowed", "may_say_who_we_are", "code_word", "language",
               "interpreter_needed", "accessibility_needs"});
    intake::SafeContactProfile s;
    s.safe_channels = sr.choices("safe_channels", kContactChannels,
                                 "must list call, text, email, letter or visit");
    s.safe_phone = sr.text("safe_phone", 40);
    s.safe_email = sr.text("safe_email", 254);
    s.safe_address = sr.text("safe_address", 500);
    s.safe_times = sr.text("safe_times", 200);
    s.voicemail_allowed = sr.flag("voicemail_allowed");
    s.may_say_who_we_are = sr.flag("may_say_who_we_are");
    s.code_word = sr.text("code_word", 100);
    if (auto lang = sr.text("language", 40); !lang.empty()) s.language = lang;
    s.interpreter_needed = sr.flag("interpreter_needed");
    s.accessibility_needs = sr.texts("accessibility_needs");
    out.safe_contact = s;
  }
  if (const auto* dash = r.object("dash")) {
    Reader dr(*dash, r.at("dash"), errors, {"answers", "assessed_by", "assessed_at"});
    intake::DashAnswers d;
    dr.answers("answers", d.answers);
    d.assessed_by = dr.text("assessed_by", 200);
    if (auto at = dr.instant("assessed_at")) d.assessed_at = *at;
    out.dash = d;
  }
  if (const auto* sdash = r.object("sdash")) {
    Reader sr(*sdash, r.at("sdash"), errors, {"answers"});
    intake::SdashAnswers s;
    sr.answers("answers", s.answers);
    out.sdash = s;
  }
  if (const auto* history = r.object("risk_history")) {
    Reader hr(*history, r.at("risk_history"), errors,
              {"police_callouts_last_12_months", "last_marac_referral", "professional_judgement",
               "judgement_reason"});
    out.risk_history.police_callouts_last_12_months =
        hr.integer("police_callouts_last_12_months").value_or(0);
    out.risk_history.last_marac_referral = hr.date("last_marac_referral");
    out.risk_history.professional_judgement = hr.choice("professional_judgement", kLevels);
    out.risk_history.judgement_reason = hr.text("judgement_reason", 2000);
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The referral is not valid");
  return out;
}

namespace {

// The document as a JSON object in `storage`, or why it is not a referral document. Members
// named twice go to `duplicates`: the caller decides whether to read on for more errors.
Result<json::value> parse_document(std::string_view text, json::storage_ptr storage,
                                   std::vector<FieldError>& duplicates) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 16;
  auto root = json::parse(text, ec, std::move(storage), options);
  if (ec) return validation_failed({{"$", "json", "is not valid JSON: " + ec.message()}}, "Not JSON");
  if (!root.is_object()) return validation_failed({{"$", "type", "must be an object"}}, "Not a referral");
  json::basic_parser<DuplicateKeys> keys(options);
  keys.write_some(false, text.data(), text.size(), ec);
  duplicates = std::move(keys.handler().errors);
  return root;
}

}  // namespace

Result<intake::Referral> parse_referral_json(std::string_view text) {
  // The document lives only while it is read into the referral: one arena on the stack (a
  // referral is a few kilobytes; a bigger one carries on in memory the arena asks for) instead
  // of an allocation per member.
  unsigned char arena[8192];
  json::monotonic_resource memory(arena, sizeof arena);
  std::vector<FieldError> errors;
  auto root = VG_TRY(parse_document(text, &memory, errors));
  auto referral = referral_from_json(root.as_object(), "$");
  if (errors.empty()) return referral;
  // Every error at once: the members named twice, and whatever else the document gets wrong.
  if (!referral) {
    for (auto& e : referral.error().fields) errors.push_back(std::move(e));
  }
  return validation_failed(std::move(errors), "The referral is not valid");
}

Result<json::object> parse_referral_object(std::string_view text) {
  std::vector<FieldError> duplicates;
  auto root = VG_TRY(parse_document(text, {}, duplicates));
  if (!duplicates.empty()) return validation_failed(std::move(duplicates), "The referral is not valid");
  return std::move(root.as_object());
}

}  // namespace vg::app
