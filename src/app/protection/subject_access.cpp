#include "app/protection/subject_access.h"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/intake/person_key_digest.h"
#include "app/security/random_token.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/needs.h"
#include "domain/casework/support_records.h"
#include "domain/casework/onward_referral.h"
#include "domain/chat/chat_records.h"
#include "domain/deadlines/working_days.h"
#include "domain/intake/referral_records.h"
#include "domain/protection/legal_hold.h"
#include "domain/protection/subject_search.h"
#include "domain/text/iso_date.h"
#include "domain/text/rfc3339.h"
#include "store/unit_of_work.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// More than any one case gathers in years of work; a bound, not a page.
constexpr int kMostAuditEntries = 100000;
constexpr int kMostChatEvents = 100000;
constexpr int kMostRiskAssessments = 1000;

json::value parsed(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return json::value(text);
  return v;
}

template <std::size_t N>
json::array answers(const std::optional<std::array<intake::Answer, N>>& list) {
  json::array out;
  if (!list) return out;
  for (auto a : *list) out.push_back(json::string(a == intake::Answer::kYes ? "yes" : a == intake::Answer::kNo ? "no" : "not_known"));
  return out;
}

json::array codes(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.push_back(json::string(i));
  return out;
}

}  // namespace

Result<std::vector<SubjectCase>> SubjectAccess::find(const access::Actor& actor, std::string_view reference,
                                                     std::string_view name, std::string_view date_of_birth) {
  if (!access::role_may(actor.role, access::Action::kExportSubjectAccess)) {
    return fail("forbidden", "Your role does not allow this");
  }
  const auto search = VG_TRY(protection::read_subject_search(reference, name, date_of_birth,
                                                             deadlines::london_date(clock_.now())));
  std::vector<std::string> ids;
  if (!search.reference.empty()) {
    auto referral = VG_TRY(store_.referrals().find_by_reference(search.reference));
    if (referral) ids.push_back(referral->id);
  } else {
    ids = VG_TRY(retention_.referrals_with_person_key(person_key_digest(search.person_match_key)));
  }
  // Merged duplicates belong to the same person: the cases merged into one found, and the one a
  // found case was merged into.
  std::set<std::string> seen(ids.begin(), ids.end());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::vector<std::string> linked;
    for (const auto& m : VG_TRY(store_.case_merges().merged_into(ids[i]))) linked.push_back(m.merged_case_id);
    if (auto m = VG_TRY(store_.case_merges().in_force_of(ids[i]))) linked.push_back(m->surviving_case_id);
    for (auto& id : linked) {
      if (seen.insert(id).second) ids.push_back(std::move(id));
    }
  }
  std::vector<SubjectCase> found;
  for (const auto& id : ids) {
    auto record = VG_TRY(store_.cases().find(id));
    if (!record || !access::decide(actor, access::Action::kExportSubjectAccess, case_subject(*record)).allowed) continue;
    SubjectCase item;
    item.record = std::move(*record);
    if (auto m = VG_TRY(store_.case_merges().in_force_of(id))) {
      if (auto surviving = VG_TRY(store_.cases().find(m->surviving_case_id))) item.merged_into = surviving->reference;
    }
    item.erased = VG_TRY(retention_.erasure(id)).has_value();
    found.push_back(std::move(item));
  }
  std::sort(found.begin(), found.end(), [](const SubjectCase& a, const SubjectCase& b) {
    return a.record.opened_at < b.record.opened_at || (a.record.opened_at == b.record.opened_at && a.record.id < b.record.id);
  });
  return found;
}

Result<json::object> SubjectAccess::export_cases(const access::Actor& actor, const std::vector<std::string>& case_ids,
                                                 std::string_view format) {
  if (!access::role_may(actor.role, access::Action::kExportSubjectAccess)) {
    return fail("forbidden", "Your role does not allow this");
  }
  if (case_ids.empty()) {
    return fail("validation_failed", "Choose the cases to export", {{"case_id", "required", "Find the person's cases first"}});
  }
  // Every case is checked before anything is placed or audited.
  std::vector<casework::CaseRecord> records;
  std::set<std::string> seen;
  for (const auto& id : case_ids) {
    if (!seen.insert(id).second) continue;
    auto record = VG_TRY(store_.cases().find(id));
    if (!record || !access::decide(actor, access::Action::kExportSubjectAccess, case_subject(*record)).allowed) {
      return fail("not_found", "The case was not found");
    }
    records.push_back(std::move(*record));
  }
  const auto now = clock_.now();
  json::array cases;
  for (const auto& record : records) {
    // The request is in progress: retention must not erase the case under it.
    bool held = false;
    for (const auto& h : VG_TRY(retention_.holds(record.id))) {
      held = held || (h.in_force() && h.reason == protection::HoldReason::kSubjectAccessRequest);
    }
    if (!held) {
      protection::LegalHold hold;
      hold.id = random_uuid();
      hold.case_id = record.id;
      hold.reason = protection::HoldReason::kSubjectAccessRequest;
      hold.placed_by = actor.user_id;
      hold.placed_at = now;
      const auto detail = json::serialize(json::object{{"hold_id", hold.id}, {"reason", protection::to_code(hold.reason)}});
      VG_CHECK(retention_.place_hold(hold, audit_entry(now, actor.user_id, "case.hold_placed", "case", record.id, detail)));
    }
    cases.push_back(VG_TRY(case_export(record)));
    VG_CHECK(store_.audit().append(audit_entry(now, actor.user_id, "case.subject_access_exported", "case", record.id,
                                               json::serialize(json::object{{"format", format}}))));
  }
  return json::object{{"generated_at", to_rfc3339(now)}, {"cases", std::move(cases)}};
}

Result<json::object> SubjectAccess::case_export(const casework::CaseRecord& c) {
  json::object out{{"reference", c.reference},
                   {"case_id", c.id},
                   {"area", c.area},
                   {"came_by", c.channel},
                   {"offence_category", c.offence_category},
                   {"status", casework::to_code(c.status)},
                   {"opened_at", to_rfc3339(c.opened_at)},
                   {"last_changed_at", to_rfc3339(c.updated_at)}};
  if (auto m = VG_TRY(store_.case_merges().in_force_of(c.id))) {
    if (auto surviving = VG_TRY(store_.cases().find(m->surviving_case_id))) out["merged_into"] = surviving->reference;
  }
  if (auto erased = VG_TRY(retention_.erasure(c.id))) {
    out["personal_data_erased_at"] = to_rfc3339(erased->erased_at);
  }
  if (auto referral = VG_TRY(store_.referrals().find(c.id))) {
    out["referral_as_received"] = parsed(referral->document);
    out["received_at"] = to_rfc3339(referral->received_at);
    if (!referral->crime_reference.empty()) out["crime_reference"] = referral->crime_reference;
    out["assessment"] = parsed(referral->assessment);
  }
  json::array timeline;
  for (const auto& e : VG_TRY(store_.cases().events(c.id))) {
    timeline.push_back(json::object{{"at", to_rfc3339(e.at)}, {"what", e.kind}, {"detail", parsed(e.detail)}});
  }
  out["timeline"] = std::move(timeline);

  json::array risks;
  for (const auto& r : VG_TRY(store_.case_risk().assessments(c.id, kMostRiskAssessments))) {
    json::object o{{"assessed_at", to_rfc3339(r.assessed_at)},
                   {"level", casework::to_code(r.result.level)},
                   {"dash_answers", answers(r.answers.dash)},
                   {"sdash_answers", answers(r.answers.sdash)},
                   {"police_callouts_last_12_months", r.answers.police_callouts_last_12_months},
                   {"child_at_risk", r.answers.child_at_risk},
                   {"marac_required", r.result.marac_required},
                   {"marac_reasons", codes(r.result.marac_reasons)}};
    if (r.result.dash_score) o["dash_score"] = *r.result.dash_score;
    if (r.answers.last_marac_referral) o["last_marac_referral"] = text::iso_date(*r.answers.last_marac_referral);
    if (r.answers.judgement) o["judgement"] = casework::to_code(*r.answers.judgement);
    if (!r.answers.judgement_reason.empty()) o["judgement_reason"] = r.answers.judgement_reason;
    risks.push_back(std::move(o));
  }
  out["risk_assessments"] = std::move(risks);

  json::array onward;
  for (const auto& o : VG_TRY(store_.onward_referrals().for_case(c.id))) {
    json::object item{{"service_id", o.service_id},
                      {"state", casework::to_code(o.state)},
                      {"sent_at", to_rfc3339(o.sent_at)},
                      {"shared", codes(o.shared_fields)}};
    if (!o.reason.empty()) item["decline_reason"] = o.reason;
    if (!o.outcome.empty()) item["outcome"] = o.outcome;
    onward.push_back(std::move(item));
  }
  out["onward_referrals"] = std::move(onward);

  // Free text is sealed at rest: opened here, for the person it is about.
  json::array needs, plan, notes, complaints;
  std::optional<casework::CaseClosureRecord> closure;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    needs.clear();
    plan.clear();
    notes.clear();
    complaints.clear();
    for (const auto& n : VG_TRY(unit.support().assessments(c.id))) {
      json::object ratings;
      for (const auto& [domain, rating] : n.ratings) ratings[domain] = casework::to_code(rating);
      json::object item{{"stage", n.stage}, {"assessed_at", to_rfc3339(n.assessed_at)}, {"ratings", std::move(ratings)}};
      if (!n.notes.sealed.empty()) {
        auto opened = VG_TRY(cipher_.open(n.notes));
        item["notes"] = parsed(opened);
      }
      needs.push_back(std::move(item));
    }
    for (const auto& a : VG_TRY(unit.support().plan_actions(c.id))) {
      auto what = VG_TRY(cipher_.open(a.text));
      json::object item{{"what", what}, {"due", text::iso_date(a.due)}};
      if (a.done_at) item["done_at"] = to_rfc3339(*a.done_at);
      plan.push_back(std::move(item));
    }
    for (const auto& n : VG_TRY(unit.support().notes(c.id))) {
      auto words = VG_TRY(cipher_.open(n.text));
      notes.push_back(json::object{{"written_at", to_rfc3339(n.written_at)}, {"text", words}});
    }
    for (const auto& k : VG_TRY(unit.support().complaints(c.id))) {
      json::object item{{"received_on", text::iso_date(k.received_on)}, {"about", k.summary}, {"outcome", k.outcome}};
      if (k.closed_on) item["closed_on"] = text::iso_date(*k.closed_on);
      complaints.push_back(std::move(item));
    }
    closure = VG_TRY(unit.support().closure(c.id));
    return {};
  }));
  out["needs"] = std::move(needs);
  out["support_plan"] = std::move(plan);
  out["notes"] = std::move(notes);
  out["complaints"] = std::move(complaints);
  if (closure) out["closed"] = json::object{{"at", to_rfc3339(closure->closed_at)}, {"reason", closure->reason}};

  json::array chat;
  if (auto found = VG_TRY(store_.chats().find_by_referral(c.id))) {
    for (const auto& e : VG_TRY(store_.chats().events_after(found->id, 0, kMostChatEvents))) {
      if (e.kind != chat::ChatEventKind::kMessage) continue;
      auto words = VG_TRY(cipher_.open(e.body));
      chat.push_back(json::object{{"at", to_rfc3339(e.at)}, {"from", chat::to_code(e.party)}, {"text", words}});
    }
  }
  out["chat_transcript"] = std::move(chat);

  // Who accessed the record and when: the role and organisation of each person (their names are
  // the organisation's to give), the service itself for its jobs, a partner's system for its key.
  std::map<std::string, std::pair<std::string, std::string>> people;  // user id → role, organisation
  std::map<std::string, std::string> organisations;
  json::array accessed;
  for (const auto& a : VG_TRY(retention_.audit_of(c.id, kMostAuditEntries))) {
    std::string role, organisation;
    if (a.actor.starts_with("system:") || a.actor.starts_with("job:")) {
      role = "Victim Gateway (automatic)";
    } else if (a.actor.starts_with("api-key:")) {
      role = "An organisation's case system";
    } else {
      auto known = people.find(a.actor);
      if (known == people.end()) {
        std::pair<std::string, std::string> who{"A former member of staff", ""};
        if (auto user = VG_TRY(store_.accounts().find_user(a.actor))) {
          who.first = std::string(accounts::to_label(user->role));
          auto name = organisations.find(user->organisation_id);
          if (name == organisations.end()) {
            auto org = VG_TRY(store_.accounts().find_organisation(user->organisation_id));
            name = organisations.emplace(user->organisation_id, org ? org->name : std::string()).first;
          }
          who.second = name->second;
        }
        known = people.emplace(a.actor, std::move(who)).first;
      }
      role = known->second.first;
      organisation = known->second.second;
    }
    json::object item{{"at", to_rfc3339(a.at)}, {"action", a.action}, {"role", role}};
    if (!organisation.empty()) item["organisation"] = organisation;
    accessed.push_back(std::move(item));
  }
  out["accessed_by"] = std::move(accessed);
  return out;
}

}  // namespace vg::app
