#include "app/casework/case_merging.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/intake/referral_json.h"
#include "app/security/random_token.h"

namespace vg::app {
namespace {

namespace json = boost::json;
using casework::CaseRecord;

// Break glass opens only the case the reason was recorded on: another team's case is never listed
// beside this one by it.
bool may(const access::Actor& actor, access::Action action, const CaseRecord& c) {
  const auto decision = access::decide(actor, action, case_subject(c));
  return decision.allowed && decision.via != access::Scope::kBreakGlass;
}

std::string detail(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return json::serialize(o);
}

// The cases whose question is answered for `case_id`: decided not the same person, or merged with
// it (either way round, merge in force).
Result<std::set<std::string>> decided_with(store::UnitOfWork& unit, const std::string& case_id) {
  std::set<std::string> ids;
  for (const auto& d : VG_TRY(unit.merges().decisions(case_id))) {
    ids.insert(d.case_id == case_id ? d.other_case_id : d.case_id);
  }
  for (const auto& m : VG_TRY(unit.merges().merged_into(case_id))) ids.insert(m.merged_case_id);
  if (auto m = VG_TRY(unit.merges().in_force_of(case_id))) ids.insert(m->surviving_case_id);
  return ids;
}

// The flag after a decision: decisions only ever clear it, once no linked case is undecided.
Result<bool> still_possible_duplicate(store::UnitOfWork& unit, const CaseRecord& c) {
  if (!c.possible_duplicate) return false;
  const auto decided = VG_TRY(decided_with(unit, c.id));
  for (const auto& id : VG_TRY(unit.merges().linked_cases(c.id))) {
    if (!decided.contains(id)) return true;
  }
  return false;
}

Result<std::vector<casework::MatchKey>> likeness_of(store::UnitOfWork& unit, const std::string& a,
                                                    const std::string& b) {
  const auto referrals = VG_TRY(unit.referrals().with_ids({a, b}));
  if (referrals.size() != 2) return std::vector<casework::MatchKey>{};
  auto first = parse_referral_json(referrals[0].document);
  auto second = parse_referral_json(referrals[1].document);
  if (!first || !second) return std::vector<casework::MatchKey>{};
  return casework::likeness(*first, *second);
}

Result<bool> linked(store::UnitOfWork& unit, const std::string& case_id, const std::string& other_id) {
  const auto ids = VG_TRY(unit.merges().linked_cases(case_id));
  return std::find(ids.begin(), ids.end(), other_id) != ids.end();
}

std::unexpected<Error> not_a_candidate() {
  return validation_failed({{"other", "not_candidate", "Select one of this case's possible duplicates"}});
}

// The second case of a decision, read and checked inside the first one's change_case: the same
// access (never telling whether it exists) and the same refusal of a stale copy.
Result<CaseRecord> other_case(store::UnitOfWork& unit, const access::Actor& actor, const std::string& id,
                              std::int64_t expected_version) {
  auto found = VG_TRY(unit.cases().find(id));
  if (!found || !may(actor, access::Action::kWorkCase, *found)) return not_found("The case");
  if (found->version != expected_version) {
    return fail("conflict", "Someone else changed the other case since you opened it",
                {{"version", "stale", "Someone else changed the other case since you opened it"}});
  }
  return *found;
}

// Stores the second case's change as change_case stores the first's: version + 1, its events, an
// audit entry of its own (so the audit log answers "what happened to this case" for each).
Result<void> store_other(store::UnitOfWork& unit, const access::Actor& actor, CaseRecord& other,
                         std::int64_t expected_version, accounts::Instant now, const std::string& kind,
                         const std::string& event_detail, const std::string& audit_action) {
  other.updated_at = now;
  VG_CHECK(unit.cases().update(other, expected_version));
  other.version = expected_version + 1;
  VG_CHECK(unit.merges().set_possible_duplicate(other.id, other.possible_duplicate));
  VG_CHECK(unit.cases().append_events({{0, other.id, now, actor.user_id, kind, event_detail}}));
  return unit.append_audit({audit_entry(now, actor.user_id, audit_action, "case", other.id, event_detail)});
}

Result<std::pair<CaseRecord, CaseRecord>> read_both(store::Store& store, const access::Actor& actor,
                                                    const std::string& case_id, const std::string& other_id) {
  // The case asked about first: one the person may not work is answered as not there at all,
  // before anything about the other is looked at.
  auto a = VG_TRY(store.cases().find(case_id));
  if (!a || !may(actor, access::Action::kWorkCase, *a)) return not_found("The case");
  auto b = VG_TRY(store.cases().find(other_id));
  if (!b || !may(actor, access::Action::kWorkCase, *b)) return not_a_candidate();
  return std::pair{std::move(*a), std::move(*b)};
}

}  // namespace

Result<DuplicatesView> CaseMerging::duplicates(const access::Actor& actor, const std::string& case_id) {
  DuplicatesView view;
  view.header = VG_TRY(read_case_support(
      store_, clock_, actor, case_id, "case.duplicates_read",
      [&](const CaseRecord& c, store::UnitOfWork& unit) -> Result<void> {
        const auto decided = VG_TRY(unit.merges().decisions(c.id));
        std::set<std::string> answered;
        for (const auto& d : decided) answered.insert(d.case_id == c.id ? d.other_case_id : d.case_id);
        for (const auto& m : VG_TRY(unit.merges().merged_into(c.id))) answered.insert(m.merged_case_id);
        if (auto m = VG_TRY(unit.merges().in_force_of(c.id))) answered.insert(m->surviving_case_id);
        const bool may_work_this = may(actor, access::Action::kWorkCase, c);
        for (const auto& id : VG_TRY(unit.merges().linked_cases(c.id))) {
          auto other = VG_TRY(unit.cases().find(id));
          // Another organisation's case, or another area's: not listed, not counted, not hinted at.
          if (!other || !may(actor, access::Action::kReadReferral, *other)) continue;
          if (answered.contains(id)) {
            auto d = std::find_if(decided.begin(), decided.end(),
                                  [&](const auto& x) { return x.case_id == id || x.other_case_id == id; });
            if (d != decided.end()) view.not_same.push_back({*other, *d});
            continue;
          }
          DuplicateCandidate candidate;
          candidate.likeness = VG_TRY(likeness_of(unit, c.id, id));
          candidate.survives = &casework::surviving_case(c, *other) == &*other;
          const auto& keeps = candidate.survives ? *other : c;
          const auto& goes = candidate.survives ? c : *other;
          candidate.may_merge = may_work_this && may(actor, access::Action::kWorkCase, *other) &&
                                casework::check_merge(keeps, goes).has_value();
          candidate.record = std::move(*other);
          view.candidates.push_back(std::move(candidate));
        }
        return {};
      }));
  view.state = VG_TRY(state(actor, view.header.record));
  return view;
}

Result<MergeState> CaseMerging::state(const access::Actor& actor, const CaseRecord& c) {
  MergeState s;
  if (c.status == casework::CaseStatus::kMerged) {
    s.merged = VG_TRY(store_.case_merges().in_force_of(c.id));
    if (s.merged) {
      auto surviving = VG_TRY(store_.cases().find(s.merged->surviving_case_id));
      if (surviving && may(actor, access::Action::kReadReferral, *surviving)) {
        s.may_undo = may(actor, access::Action::kWorkCase, c) && may(actor, access::Action::kWorkCase, *surviving);
        s.surviving = std::move(*surviving);
      }
    }
  }
  for (auto& m : VG_TRY(store_.case_merges().merged_into(c.id))) {
    auto merged = VG_TRY(store_.cases().find(m.merged_case_id));
    if (!merged || !may(actor, access::Action::kReadReferral, *merged)) continue;
    auto events = VG_TRY(store_.cases().events(m.merged_case_id));
    s.absorbed.push_back(AbsorbedCase{std::move(m), std::move(*merged), std::move(events)});
  }
  return s;
}

Result<MergePreview> CaseMerging::preview(const access::Actor& actor, const std::string& case_id,
                                          const std::string& other_id) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) return fail("forbidden", "Your role does not allow this");
  auto [a, b] = VG_TRY(read_both(store_, actor, case_id, other_id));
  MergePreview p;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    if (!VG_TRY(linked(unit, case_id, other_id)) || VG_TRY(decided_with(unit, case_id)).contains(other_id)) {
      return not_a_candidate();
    }
    p.likeness = VG_TRY(likeness_of(unit, case_id, other_id));
    return {};
  }));
  p.surviving = casework::surviving_case(a, b);
  p.merged = p.surviving.id == a.id ? b : a;
  VG_CHECK(casework::check_merge(p.surviving, p.merged));
  return p;
}

Result<CaseRecord> CaseMerging::merge(const access::Actor& actor, const std::string& case_id, std::int64_t version,
                                      const std::string& other_id, std::int64_t other_version) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) return fail("forbidden", "Your role does not allow this");
  // Which case survives depends only on when each was received and its reference, which never
  // change: read once here, then everything is checked again inside the unit of work.
  auto [a, b] = VG_TRY(read_both(store_, actor, case_id, other_id));
  const bool this_survives = casework::surviving_case(a, b).id == a.id;
  const std::string surviving_id = this_survives ? case_id : other_id;
  const std::string merged_id = this_survives ? other_id : case_id;
  const std::int64_t surviving_version = this_survives ? version : other_version;
  const std::int64_t merged_version = this_survives ? other_version : version;
  const std::string merge_id = random_uuid();
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, surviving_id, surviving_version, "case.merged",
      [&](CaseRecord& surviving, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        const auto now = clock_.now();
        auto merged = VG_TRY(other_case(unit, actor, merged_id, merged_version));
        if (!VG_TRY(linked(unit, surviving_id, merged_id)) ||
            VG_TRY(decided_with(unit, surviving_id)).contains(merged_id)) {
          return not_a_candidate();
        }
        VG_CHECK(casework::check_merge(surviving, merged));
        casework::CaseMergeRecord record;
        record.id = merge_id;
        record.surviving_case_id = surviving_id;
        record.merged_case_id = merged_id;
        record.merged_by = actor.user_id;
        record.merged_at = now;
        record.merged_status_before = merged.status;
        record.merged_flag_before = merged.possible_duplicate;
        record.surviving_flag_before = surviving.possible_duplicate;
        VG_CHECK(unit.merges().insert(record));
        casework::apply_merge(merged);
        VG_CHECK(store_other(unit, actor, merged, merged_version, now, "merged_into",
                             detail({{"merge_id", merge_id}, {"case_id", surviving_id}}), "case.merged"));
        surviving.possible_duplicate = VG_TRY(still_possible_duplicate(unit, surviving));
        VG_CHECK(unit.merges().set_possible_duplicate(surviving.id, surviving.possible_duplicate));
        CaseChangeMade made;
        made.audit_detail = detail({{"merge_id", merge_id}, {"merged_case_id", merged_id}});
        made.events.push_back({0, {}, {}, {}, "case_merged_in", detail({{"merge_id", merge_id}, {"case_id", merged_id}})});
        return made;
      });
}

Result<CaseRecord> CaseMerging::undo(const access::Actor& actor, const std::string& merged_case_id,
                                     std::int64_t version, std::int64_t surviving_version) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) return fail("forbidden", "Your role does not allow this");
  auto merged_case = VG_TRY(store_.cases().find(merged_case_id));
  if (!merged_case || !may(actor, access::Action::kWorkCase, *merged_case)) return not_found("The case");
  auto merge = VG_TRY(store_.case_merges().in_force_of(merged_case_id));
  if (!merge) {
    return fail("conflict", "This case is not merged", {{"merge", "not_merged", "This case is not merged"}});
  }
  CaseRecord restored;
  VG_CHECK(change_case(
      store_, clock_, actor, access::Action::kWorkCase, merge->surviving_case_id, surviving_version, "case.unmerged",
      [&](CaseRecord& surviving, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        const auto now = clock_.now();
        auto in_force = VG_TRY(unit.merges().in_force_of(merged_case_id));
        if (!in_force || in_force->id != merge->id) {
          return fail("conflict", "This merge has been undone already",
                      {{"merge", "undone", "This merge has been undone already"}});
        }
        auto merged = VG_TRY(other_case(unit, actor, merged_case_id, version));
        VG_CHECK(casework::check_undo(*in_force, merged));
        VG_CHECK(unit.merges().mark_undone(in_force->id, now, actor.user_id));
        casework::apply_undo(*in_force, merged);
        VG_CHECK(store_other(unit, actor, merged, version, now, "merge_undone",
                             detail({{"merge_id", in_force->id}, {"case_id", surviving.id}}), "case.unmerged"));
        surviving.possible_duplicate = in_force->surviving_flag_before;
        VG_CHECK(unit.merges().set_possible_duplicate(surviving.id, surviving.possible_duplicate));
        restored = merged;
        CaseChangeMade made;
        made.audit_detail = detail({{"merge_id", in_force->id}, {"merged_case_id", merged_case_id}});
        made.events.push_back({0, {}, {}, {}, "merge_undone", detail({{"merge_id", in_force->id}, {"case_id", merged_case_id}})});
        return made;
      }));
  return restored;
}

Result<CaseRecord> CaseMerging::not_same_person(const access::Actor& actor, const std::string& case_id,
                                                std::int64_t version, const std::string& other_id,
                                                std::int64_t other_version, const std::string& reason) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) return fail("forbidden", "Your role does not allow this");
  auto why = casework::not_same_reason_from_code(reason);
  if (!why) return validation_failed({{"reason", "required", "Select why they are not the same person"}});
  auto [a, b] = VG_TRY(read_both(store_, actor, case_id, other_id));
  (void)a;
  (void)b;
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, version, "case.not_duplicate",
      [&](CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        const auto now = clock_.now();
        auto other = VG_TRY(other_case(unit, actor, other_id, other_version));
        if (!VG_TRY(linked(unit, case_id, other_id)) || VG_TRY(decided_with(unit, case_id)).contains(other_id)) {
          return not_a_candidate();
        }
        auto decision = casework::not_same_decision(case_id, other_id, *why);
        decision.decided_by = actor.user_id;
        decision.decided_at = now;
        VG_CHECK(unit.merges().insert_decision(decision));
        other.possible_duplicate = VG_TRY(still_possible_duplicate(unit, other));
        VG_CHECK(store_other(unit, actor, other, other_version, now, "not_same_person",
                             detail({{"case_id", case_id}, {"reason", reason}}), "case.not_duplicate"));
        c.possible_duplicate = VG_TRY(still_possible_duplicate(unit, c));
        VG_CHECK(unit.merges().set_possible_duplicate(c.id, c.possible_duplicate));
        CaseChangeMade made;
        made.audit_detail = detail({{"other_case_id", other_id}, {"reason", reason}});
        made.events.push_back({0, {}, {}, {}, "not_same_person", detail({{"case_id", other_id}, {"reason", reason}})});
        return made;
      });
}

}  // namespace vg::app
