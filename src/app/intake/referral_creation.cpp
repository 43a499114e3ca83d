#include "app/intake/referral_creation.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "app/casework/direct_referral.h"
#include "app/intake/person_key_digest.h"
#include "domain/deadlines/working_days.h"
#include "domain/insight/referral_facts.h"
#include "domain/intake/referral_reference.h"

namespace vg::app {
namespace {

using accounts::AuditEntry;
using intake::IdempotencyRecord;
using intake::StoredReferral;
using Kind = IntakeOutcome::Kind;

using CrimeKey = std::tuple<std::string, std::string, std::string>;

CrimeKey crime_key(const StoredReferral& r) {
  return {r.police_force_code, r.crime_reference, r.victim_key};
}

// The same sender: an organisation's own earlier referral. The public (no organisation) is never
// the same sender twice, so one self-referral can never learn of another.
bool same_sender(const StoredReferral& a, const StoredReferral& b) {
  return !a.source_organisation_id.empty() && a.source_organisation_id == b.source_organisation_id;
}

// The force's own referral: only the force owning a crime reference may send on the police
// channel (the intake binds every sender to its force codes), so its referral is never held.
bool from_the_force(const StoredReferral& r) { return r.channel == "police"; }

// Rule 1's refusal: the key came before with a different request.
Result<IntakeOutcome> idempotency_key_reused() {
  return fail("conflict", "This Idempotency-Key was already used for a different request",
              {{"idempotency_key", "reused",
                "This Idempotency-Key was already used for a different request"}});
}

// A match key more referrals than this share (a switchboard's or a refuge's number, say) names
// no one person, and is not linked on.
constexpr int kCommonKeyAbove = 50;

// A stored referral held as a possible duplicate by a new one of the group.
struct Hold {
  std::string id;  // a stored referral held now
  std::string of;  // the force's referral it may repeat
  std::size_t by;  // the item that holds it
};

// Rule 4: a new referral of a person whom an open case of its area already knows by a match key
// (name with date of birth, phone) is flagged as a possible duplicate of the earliest such case,
// unless a crime links it already; a later item of the group sharing a key with an earlier one
// is flagged as that one's. As with crimes, the force's own referral is never the one held by
// another sender's: when the force's referral comes second, the earlier one is held instead,
// unless the force has an earlier referral of the person, whose repeat it is flagged as. Cases of other areas are never linked: their gateway team could neither
// see nor merge them. Answers the digests to store for every fresh item.
Result<std::vector<store::PersonKeyRow>> flag_repeated_people(store::ReferralRows& tx,
                                                              const std::vector<const NewReferral*>& items,
                                                              const std::vector<std::size_t>& fresh,
                                                              std::map<std::size_t, std::string>& held_items,
                                                              std::vector<Hold>& holds) {
  std::map<std::size_t, std::vector<std::string>> digests;
  std::vector<std::string> all;
  for (auto i : fresh) {
    for (const auto& key : items[i]->opening.match_keys) {
      digests[i].push_back(person_key_digest(key));
      all.push_back(digests[i].back());
    }
  }
  std::vector<store::PersonKeyRow> rows;
  if (all.empty()) return rows;
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  const auto matches = VG_TRY(tx.open_cases_with_person_keys(all, kCommonKeyAbove));
  // (digest, area) → the earliest open case's position in `matches` (which is earliest first),
  // and the earliest of the force's own.
  std::map<std::pair<std::string, std::string>, std::size_t> earliest, earliest_force;
  for (std::size_t m = 0; m < matches.size(); ++m) {
    earliest.try_emplace({matches[m].digest, matches[m].area}, m);
    if (matches[m].channel == "police") earliest_force.try_emplace({matches[m].digest, matches[m].area}, m);
  }
  std::map<std::pair<std::string, std::string>, std::size_t> earlier_item;  // within the group
  auto held_now = [&](const std::string& id) {
    return std::any_of(holds.begin(), holds.end(), [&](const Hold& h) { return h.id == id; });
  };
  // The smallest position any of `keys` has in `first`.
  auto first_of = [](const auto& first, const std::vector<std::string>& keys, const std::string& area) {
    std::optional<std::size_t> at;
    for (const auto& d : keys) {
      if (auto f = first.find({d, area}); f != first.end() && (!at || f->second < *at)) at = f->second;
    }
    return at;
  };
  for (auto i : fresh) {
    const auto& referral = items[i]->referral;
    const auto stored = first_of(earliest, digests[i], referral.area);
    const auto stored_force = first_of(earliest_force, digests[i], referral.area);
    const auto grouped = first_of(earlier_item, digests[i], referral.area);
    if (!from_the_force(referral)) {
      if (stored) {
        held_items.try_emplace(i, matches[*stored].case_id);
      } else if (grouped) {
        held_items.try_emplace(i, items[*grouped]->referral.id);
      }
    } else if (stored_force) {
      held_items.try_emplace(i, matches[*stored_force].case_id);  // the force's own repeat
    } else if (stored) {
      if (const auto& m = matches[*stored]; !m.linked && !held_now(m.case_id)) holds.push_back({m.case_id, referral.id, i});
    } else if (grouped) {
      const auto& earlier = items[*grouped]->referral;
      if (from_the_force(earlier)) {
        held_items.try_emplace(i, earlier.id);
      } else {
        held_items.try_emplace(*grouped, referral.id);
      }
    }
    for (const auto& d : digests[i]) {
      earlier_item.try_emplace({d, referral.area}, i);
      rows.push_back({d, referral.id});
    }
  }
  return rows;
}

// The facts a new referral is counted by: the opening's, with what the stored row decides.
insight::ReferralFacts facts_of(const StoredReferral& row, const casework::CaseOpening& opening,
                                const casework::CaseRecord& opened) {
  insight::ReferralFacts f = opening.facts;
  f.fact_id = row.id;
  f.area = row.area;
  f.channel = row.channel;
  f.received_on = deadlines::london_date(row.received_at);
  f.local_authority = opening.local_authority;
  f.offence_category = opening.offence_category;
  f.routing_outcome = row.outcome;
  f.service_id = row.service_id;
  if (f.victim_type.empty()) f.victim_type = "person";
  if (f.age_band.empty()) f.age_band = "unknown";
  f.progress = insight::case_progress({&opened, {}, {}, {}, {}, {}, {}});
  return f;
}

// The rules, over one unit of work's reads and writes.
Result<void> create_group(store::UnitOfWork& unit, store::DirectoryRepository& directory,
                          const std::vector<const NewReferral*>& items,
                          std::vector<Result<IntakeOutcome>>& answers) {
  answers.assign(items.size(), IntakeOutcome{});
  auto& tx = unit.referrals();
  using IdempotencyKey = store::ReferralRows::IdempotencyKey;

  // What is stored already: every read the rules need, once for the whole group.
  std::map<IdempotencyKey, IdempotencyRecord> stored_records;
  std::map<std::string, StoredReferral> stored_by_id;
  std::multimap<CrimeKey, StoredReferral> stored_by_crime;  // every sender's
  std::vector<IdempotencyKey> keys;
  std::vector<const StoredReferral*> reported;
  for (const auto* item : items) {
    if (item->idempotency) keys.emplace_back(item->idempotency->organisation_id, item->idempotency->key);
    if (intake::has_crime_reference(item->referral)) reported.push_back(&item->referral);
  }
  if (!keys.empty()) {
    std::vector<std::string> ids;
    for (auto& record : VG_TRY(tx.idempotency_records(keys))) {
      ids.push_back(record.referral_id);
      IdempotencyKey key{record.organisation_id, record.key};
      stored_records.emplace(std::move(key), std::move(record));
    }
    if (!ids.empty()) {
      for (auto& r : VG_TRY(tx.with_ids(ids))) stored_by_id.emplace(r.id, std::move(r));
    }
  }
  if (!reported.empty()) {
    for (auto& r : VG_TRY(tx.with_crime_references(reported))) {
      auto key = crime_key(r);
      stored_by_crime.emplace(std::move(key), std::move(r));
    }
  }

  // The rules, item by item. A new referral claims its idempotency key and crime reference for
  // the items after it; an answer about one of them waits until it has its reference.
  struct Later {
    std::size_t item;
    std::size_t of_item;
    Kind kind;  // kReplayed or kDuplicate
  };
  std::vector<std::size_t> fresh;
  std::vector<Later> later;
  std::map<IdempotencyKey, std::size_t> claimed_keys;
  std::map<CrimeKey, std::vector<std::size_t>> claimed_crimes;  // new items, every sender's
  std::map<std::size_t, std::string> held_items;                   // item → the referral it may repeat
  std::vector<Hold> holds;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = *items[i];
    if (item.idempotency) {
      const IdempotencyKey key{item.idempotency->organisation_id, item.idempotency->key};
      if (auto claimed = claimed_keys.find(key); claimed != claimed_keys.end()) {
        if (items[claimed->second]->idempotency->request_hash != item.idempotency->request_hash) {
          answers[i] = idempotency_key_reused();
        } else {
          later.push_back({i, claimed->second, Kind::kReplayed});
        }
        continue;
      }
      if (auto stored = stored_records.find(key); stored != stored_records.end()) {
        if (stored->second.request_hash != item.idempotency->request_hash) {
          answers[i] = idempotency_key_reused();
          continue;
        }
        auto earlier = stored_by_id.find(stored->second.referral_id);
        if (earlier == stored_by_id.end()) {
          return fail("internal", "An idempotency record points at no referral");
        }
        answers[i] = IntakeOutcome{Kind::kReplayed, earlier->second};
        continue;
      }
    }
    if (intake::has_crime_reference(item.referral)) {
      auto key = crime_key(item.referral);
      auto& claimed = claimed_crimes[key];
      const auto [first_stored, end_stored] = stored_by_crime.equal_range(key);
      // Rule 2: the sender's own earlier referral of this crime and victim is the answer.
      if (auto own = std::find_if(claimed.begin(), claimed.end(),
                                  [&](std::size_t j) { return same_sender(items[j]->referral, item.referral); });
          own != claimed.end()) {
        later.push_back({i, *own, Kind::kDuplicate});
        continue;
      }
      if (auto own = std::find_if(first_stored, end_stored,
                                  [&](const auto& s) { return same_sender(s.second, item.referral); });
          own != end_stored) {
        answers[i] = IntakeOutcome{Kind::kDuplicate, own->second};
        continue;
      }
      // Rule 2b: another sender's referral of it is never the answer (that would tell this sender
      // about a referral it did not send) and never makes this one vanish: both are kept, and the
      // one not from the force is held until a person decides.
      if (from_the_force(item.referral)) {
        for (auto s = first_stored; s != end_stored; ++s) {
          const bool held_now = std::any_of(holds.begin(), holds.end(),
                                            [&](const Hold& h) { return h.id == s->second.id; });
          if (!from_the_force(s->second) && s->second.possible_duplicate_of.empty() && !held_now) {
            holds.push_back({s->second.id, item.referral.id, i});
          }
        }
        for (auto j : claimed) {
          if (!from_the_force(items[j]->referral)) held_items.try_emplace(j, item.referral.id);
        }
      } else {
        std::string of;
        for (auto s = first_stored; s != end_stored && of.empty(); ++s) {
          if (from_the_force(s->second)) of = s->second.id;
        }
        for (auto j : claimed) {
          if (of.empty() && from_the_force(items[j]->referral)) of = items[j]->referral.id;
        }
        if (of.empty() && first_stored != end_stored) of = first_stored->second.id;
        if (of.empty() && !claimed.empty()) of = items[claimed.front()]->referral.id;
        if (!of.empty()) held_items.emplace(i, std::move(of));
      }
      claimed.push_back(i);
    }
    // Rule 2 writes nothing, not even the key: only a new referral claims it.
    if (item.idempotency) {
      claimed_keys.emplace(IdempotencyKey{item.idempotency->organisation_id, item.idempotency->key}, i);
    }
    fresh.push_back(i);
  }
  if (fresh.empty()) return {};
  const auto person_keys = VG_TRY(flag_repeated_people(tx, items, fresh, held_items, holds));

  // References in item order, per prefix, then every row at once.
  std::map<std::string, std::int64_t> next_number;
  for (auto i : fresh) ++next_number[items[i]->reference_prefix];
  for (auto& [prefix, number] : next_number) {
    number = VG_TRY(tx.take_reference_numbers(prefix, number));
  }
  std::vector<StoredReferral> rows;
  std::vector<IdempotencyRecord> records;
  std::vector<AuditEntry> audit;
  rows.reserve(fresh.size());
  audit.reserve(fresh.size());
  std::map<std::size_t, std::size_t> row_of_item;
  for (auto i : fresh) {
    const auto& item = *items[i];
    StoredReferral row = item.referral;
    row.reference = intake::reference_for(item.reference_prefix, next_number[item.reference_prefix]++);
    if (auto held = held_items.find(i); held != held_items.end()) row.possible_duplicate_of = held->second;
    if (item.idempotency) {
      IdempotencyRecord record = *item.idempotency;
      record.referral_id = row.id;
      records.push_back(std::move(record));
    }
    AuditEntry entry = item.audit;
    entry.entity_id = row.id;
    audit.push_back(std::move(entry));
    row_of_item[i] = rows.size();
    rows.push_back(std::move(row));
  }
  std::vector<std::pair<std::string, std::string>> held_now;
  for (const auto& hold : holds) {
    AuditEntry entry = items[hold.by]->audit;  // by whoever's referral holds it
    entry.action = "referral.hold_possible_duplicate";
    entry.entity_id = hold.id;
    entry.detail = R"({"possible_duplicate_of":")" + hold.of + R"("})";  // ids only
    audit.push_back(std::move(entry));
    held_now.emplace_back(hold.id, hold.of);
  }
  // Every referral opens its case, held by its area's gateway team (the first, when an area
  // has several) or by none until the area has one.
  std::set<std::string> area_set;
  for (const auto& row : rows) area_set.insert(row.area);
  const auto teams = VG_TRY(unit.cases().teams_in_areas({area_set.begin(), area_set.end()}));
  std::vector<casework::CaseRecord> cases;
  std::vector<casework::CaseDeadline> clocks;
  cases.reserve(fresh.size());
  for (auto i : fresh) {
    const auto& row = rows[row_of_item[i]];
    auto team = std::find_if(teams.begin(), teams.end(), [&](const auto& t) { return t.area == row.area; });
    cases.push_back(casework::opened_case(row, items[i]->opening, team == teams.end() ? nullptr : &*team));
    for (auto& clock : casework::opened_clocks(row.id, items[i]->opening)) clocks.push_back(std::move(clock));
  }
  VG_CHECK(tx.insert(rows));
  VG_CHECK(tx.insert_idempotency_records(records));
  VG_CHECK(tx.insert_person_keys(person_keys));
  VG_CHECK(unit.cases().insert(cases, clocks));
  // Insight's de-identified facts, with the referral they describe (domain/insight/referral_facts.h).
  std::vector<insight::ReferralFacts> facts;
  facts.reserve(fresh.size());
  for (std::size_t k = 0; k < fresh.size(); ++k) facts.push_back(facts_of(rows[row_of_item[fresh[k]]], items[fresh[k]]->opening, cases[k]));
  VG_CHECK(unit.insight().insert(facts));
  // Routing's chosen specialist receives the case directly when the area's rules say so, in
  // this same transaction (or, awaiting consent, the case is marked to send it once given).
  std::vector<casework::CaseEvent> direct_events;
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    const auto& opening = items[fresh[k]]->opening;
    if (opening.refer_directly_to.empty()) continue;
    VG_CHECK(app::refer_directly(unit, directory, cases[k], opening.refer_directly_to, cases[k].opened_at,
                                 direct_events, audit));
  }
  if (!direct_events.empty()) VG_CHECK(unit.cases().append_events(direct_events));
  VG_CHECK(unit.append_audit(audit));
  // After the cases: holding a stored referral marks its case too.
  VG_CHECK(tx.hold_as_possible_duplicates(held_now));

  for (const auto& l : later) answers[l.item] = IntakeOutcome{l.kind, rows[row_of_item[l.of_item]]};
  for (auto i : fresh) answers[i] = IntakeOutcome{Kind::kCreated, std::move(rows[row_of_item[i]])};
  return {};
}

}  // namespace

Result<void> ReferralCreation::create_together(const std::vector<const NewReferral*>& items,
                                               std::vector<Result<IntakeOutcome>>& answers) {
  return store_.write([&](store::UnitOfWork& unit) { return create_group(unit, store_.directory(), items, answers); });
}

// Group commit: the whole group in one transaction; if a statement fails there (an unknown
// organisation's foreign key, say), that transaction is undone and each item runs again in its
// own, so one bad item costs the others nothing but time.
std::vector<Result<IntakeOutcome>> ReferralCreation::create_each(const std::vector<NewReferral>& items) {
  std::vector<Result<IntakeOutcome>> answers(items.size());
  std::vector<const NewReferral*> group;
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (auto checked = intake::check_reference_prefix(items[i].reference_prefix); !checked) {
      answers[i] = std::unexpected(checked.error());
      continue;
    }
    group.push_back(&items[i]);
    positions.push_back(i);
  }
  if (group.empty()) return answers;

  auto run_and_place = [&](const std::vector<const NewReferral*>& members,
                           const std::vector<std::size_t>& at) -> Result<void> {
    std::vector<Result<IntakeOutcome>> got(members.size());
    VG_CHECK(create_together(members, got));
    for (std::size_t j = 0; j < at.size(); ++j) answers[at[j]] = std::move(got[j]);
    return {};
  };
  auto together = run_and_place(group, positions);
  if (together) return answers;
  if (group.size() == 1) {
    answers[positions.front()] = std::unexpected(together.error());
    return answers;
  }
  for (std::size_t j = 0; j < group.size(); ++j) {
    if (auto alone = run_and_place({group[j]}, {positions[j]}); !alone) {
      answers[positions[j]] = std::unexpected(alone.error());
    }
  }
  return answers;
}

Result<std::vector<IntakeOutcome>> ReferralCreation::create_batch(
    std::vector<OpeningReferral> referrals, const std::string& reference_prefix,
    const accounts::AuditEntry& audit) {
  VG_CHECK(intake::check_reference_prefix(reference_prefix));
  std::vector<NewReferral> items;
  items.reserve(referrals.size());
  for (auto& r : referrals) {
    items.push_back(NewReferral{std::move(r.referral), reference_prefix, std::nullopt, audit,
                                std::move(r.opening)});
  }
  std::vector<const NewReferral*> group;
  group.reserve(items.size());
  for (const auto& item : items) group.push_back(&item);
  std::vector<Result<IntakeOutcome>> answers;
  VG_CHECK(create_together(group, answers));
  std::vector<IntakeOutcome> out;
  out.reserve(answers.size());
  // Without idempotency keys nothing is refused by reading: every answer is a referral.
  for (auto& answer : answers) out.push_back(VG_TRY(std::move(answer)));
  return out;
}

Result<IntakeOutcome> ReferralCreation::create(const NewReferral& item) {
  auto answers = create_each({item});
  return std::move(answers.front());
}

}  // namespace vg::app
