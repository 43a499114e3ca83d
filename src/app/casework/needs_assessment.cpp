#include "app/casework/needs_assessment.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "domain/casework/case_clock.h"

namespace vg::app {
namespace {

namespace json = boost::json;

json::object object_of(const std::map<std::string, std::string>& m) {
  json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

std::map<std::string, std::string> map_of(const json::value* v) {
  std::map<std::string, std::string> out;
  if (!v || !v->is_object()) return out;
  for (const auto& [k, value] : v->as_object()) {
    if (value.is_string()) out[std::string(k)] = std::string(value.as_string());
  }
  return out;
}

// Notes over the limit, and (for a draft) ratings that are not codes of the scale.
std::vector<FieldError> check_notes(const NeedsAnswers& a,
                                    const std::vector<casework::NeedDomain>& domains) {
  std::vector<FieldError> errors;
  for (const auto& d : domains) {
    auto it = a.notes.find(d.code);
    if (it != a.notes.end() && it->second.size() > casework::kMaxNoteBytes) {
      errors.push_back({casework::note_field(d.code), "too_long",
                        "Enter a note of 4,000 characters or fewer: " + d.label});
    }
  }
  return errors;
}

// Only the domains of the list, and no empty notes: what is sealed is what the form can show.
std::map<std::string, std::string> kept_notes(const NeedsAnswers& a,
                                              const std::vector<casework::NeedDomain>& domains) {
  std::map<std::string, std::string> out;
  for (const auto& d : domains) {
    auto it = a.notes.find(d.code);
    if (it != a.notes.end() && !it->second.empty()) out[d.code] = it->second;
  }
  return out;
}

Result<std::map<std::string, std::string>> open_notes(const NotesCipher& cipher,
                                                      const casework::SealedText& sealed) {
  auto plain = VG_TRY(cipher.open(sealed));
  boost::system::error_code ec;
  auto v = json::parse(plain, ec);
  if (ec) return fail("internal", "Sealed needs notes are not JSON");
  return map_of(&v);
}

std::string ratings_detail(const casework::NeedRatings& ratings) {
  int affected = 0;
  int high = 0;
  for (const auto& [code, r] : ratings) {
    if (r != casework::NeedRating::kNone) ++affected;
    if (r == casework::NeedRating::kHigh) ++high;
  }
  return json::serialize(json::object{{"rated", static_cast<std::int64_t>(ratings.size())},
                                      {"affected", affected},
                                      {"high", high}});
}

}  // namespace

Result<NeedsView> NeedsAssessment::open(const access::Actor& actor, const std::string& case_id) {
  NeedsView view;
  view.domains = domains_;
  view.header = VG_TRY(read_case_support(
      store_, clock_, actor, case_id, "case.needs_read",
      [&](const casework::CaseRecord&, store::UnitOfWork& unit) -> Result<void> {
        std::optional<casework::NeedRatings> assessed;
        for (const auto& a : VG_TRY(unit.support().assessments(case_id))) {
          if (a.stage == "assessment") {
            NeedsAnswers answers;
            for (const auto& [code, r] : a.ratings)
              answers.ratings[code] = std::string(casework::to_code(r));
            answers.notes = VG_TRY(open_notes(cipher_, a.notes));
            view.assessed = std::move(answers);
            view.assessed_at = a.assessed_at;
            view.assessed_by = a.assessed_by;
            assessed = a.ratings;
          } else if (a.stage == "close") {
            view.at_close = a.ratings;
          }
        }
        if (assessed && view.at_close)
          view.outcomes = casework::need_outcomes(*assessed, *view.at_close);
        if (auto draft = VG_TRY(unit.support().find_draft(case_id, actor.user_id, kNeedsForm))) {
          auto plain = VG_TRY(cipher_.open(draft->content));
          boost::system::error_code ec;
          auto v = json::parse(plain, ec);
          if (!ec && v.is_object()) {
            view.draft = NeedsAnswers{map_of(v.as_object().if_contains("ratings")),
                                      map_of(v.as_object().if_contains("notes"))};
          }
        }
        return {};
      }));
  return view;
}

Result<casework::CaseRecord> NeedsAssessment::complete(const access::Actor& actor,
                                                       const std::string& case_id,
                                                       std::int64_t expected_version,
                                                       const NeedsAnswers& answers) {
  auto ratings = casework::read_ratings(domains_, answers.ratings);
  std::vector<FieldError> errors = ratings ? std::vector<FieldError>{} : ratings.error().fields;
  for (auto& e : check_notes(answers, domains_)) errors.push_back(std::move(e));
  if (!errors.empty())
    return validation_failed(std::move(errors), "The needs assessment is not complete");
  // Sealed before the transaction: encryption needs no lock.
  const auto notes = cipher_.seal(json::serialize(object_of(kept_notes(answers, domains_))));
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      "case.needs_assessed",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        if (c.status == casework::CaseStatus::kClosed) {
          return fail("conflict", "The case is closed",
                      {{"version", "closed", "The case is closed"}});
        }
        const auto now = clock_.now();
        VG_CHECK(unit.support().save_assessment(
            {c.id, "assessment", *ratings, notes, actor.user_id, now}));
        VG_CHECK(unit.support().delete_draft(c.id, actor.user_id, kNeedsForm));
        // The service level times completing the assessment (DOMAIN.md: within 5 working days).
        VG_CHECK(unit.cases().meet_deadline(c.id, "needs_assessment", now));
        c.next_due = casework::next_due(VG_TRY(unit.cases().deadlines(c.id)));
        CaseChangeMade made;
        made.audit_detail = ratings_detail(*ratings);
        made.events.push_back({0, {}, {}, {}, "needs_assessed", made.audit_detail});
        return made;
      });
}

Result<void> NeedsAssessment::save_draft(const access::Actor& actor, const std::string& case_id,
                                         const NeedsAnswers& answers) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) {
    return fail("forbidden", "Your role does not allow this");
  }
  auto errors = check_notes(answers, domains_);
  for (const auto& [code, rating] : answers.ratings) {
    if (!rating.empty() && !casework::need_rating_from_code(rating)) {
      errors.push_back({casework::rating_field(code), "unknown", "Select one of the answers"});
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  std::map<std::string, std::string> ratings;
  for (const auto& d : domains_) {
    auto it = answers.ratings.find(d.code);
    if (it != answers.ratings.end() && !it->second.empty()) ratings[d.code] = it->second;
  }
  const auto content = cipher_.seal(json::serialize(json::object{
      {"ratings", object_of(ratings)}, {"notes", object_of(kept_notes(answers, domains_))}}));
  return store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto found = VG_TRY(unit.cases().find(case_id));
    if (!found || !access::decide(actor, access::Action::kWorkCase, case_subject(*found)).allowed) {
      return not_found("The case");
    }
    if (found->status == casework::CaseStatus::kClosed) {
      return fail("conflict", "The case is closed", {{"version", "closed", "The case is closed"}});
    }
    const auto now = clock_.now();
    VG_CHECK(unit.support().save_draft({case_id, actor.user_id, kNeedsForm, content, now}));
    return unit.append_audit({audit_entry(
        now, actor.user_id, "case.needs_draft_saved", "case", case_id,
        json::serialize(json::object{{"rated", static_cast<std::int64_t>(ratings.size())}}))});
  });
}

}  // namespace vg::app
