// The routing what-if's replay: figures worked out by hand on a small period, and on a larger
// generated one the same figures as routing each referral alone through decide() with the open
// cases counted afresh for it.
#include "domain/routing/replay.h"

#include <gtest/gtest.h>

#include <random>

#include "domain/routing/rule_labels.h"

namespace vg::routing {
namespace {

const std::string kA = "aaaaaaaa-0000-4000-8000-000000000001";
const std::string kB = "bbbbbbbb-0000-4000-8000-000000000002";
const std::string kG = "99999999-0000-4000-8000-000000000009";
const std::string kAsb = "55555555-0000-4000-8000-000000000005";

RuleSet parsed(const std::string& rules) {
  return parse_rule_set(R"({"area":"merseyside","version":"v1","reference_prefix":"MY","fallback_service":")" +
                            kG + R"(","rules":)" + rules + "}",
                        {})
      .value();
}

const std::string kHateToA = R"([{"id":"hate","explain":"A hate crime","when":{"flags":["hate_crime"]},
  "services":[{"service":")" + kA + R"("}]}])";
const std::string kHateToBThenA = R"([{"id":"hate","explain":"A hate crime","when":{"flags":["hate_crime"]},
  "services":[{"service":")" + kB + R"(","priority":1},{"service":")" + kA + R"(","priority":2}]}])";

ServiceStates services() {
  ServiceStates s;
  s.add({kA, "Hate crime advocacy", 2, 99});  // open cases given are ignored: the replay counts
  s.add({kB, "Hate crime helpline", 1, 0});
  s.add({kG, "Victim support", 0, 0});
  return s;
}

ReplayReferral referral(std::int32_t day, bool hate, std::int32_t closed = kNeverClosed) {
  ReplayReferral r;
  r.inputs.flags = hate ? std::uint32_t{kHateCrime} : 0u;
  r.inputs.age_band = "18_to_64";
  r.inputs.victim_type = "person";
  r.inputs.risk_level = "standard";
  r.received_day = day;
  r.closed_day = closed;
  return r;
}

const ServiceComparison& service(const ReplayFigures& f, const std::string& id) {
  for (const auto& s : f.services) {
    if (s.service_id == id) return s;
  }
  throw std::runtime_error("no figures for " + id);
}

TEST(Replay, FiguresWorkedOutByHand) {
  const auto now_rules = parsed(kHateToA);
  const auto draft_rules = parsed(kHateToBThenA);
  const auto states = services();
  const std::vector<ReplayReferral> period = {referral(10, true, 12), referral(10, true), referral(11, true),
                                              referral(12, false), referral(13, true)};
  const std::vector<OpenCases> open = {{kA, 11, 1}};
  const auto f = replay({now_rules, states}, {draft_rules, states}, period, open, 2);

  EXPECT_EQ(f.referrals, 5);
  // In force: A takes r0 (2 of 2 with the case open at the start), so r1, r2 (the old case gone,
  // r1 still there) and r4 (r0 closed, r1 and r2 still there) queue at A; r3 goes to the fallback.
  EXPECT_EQ(f.current, (OutcomeCounts{.routed = 2, .queued = 3, .signposted = 0}));
  EXPECT_EQ(service(f, kA).current, (ServiceLoad{.referrals = 4, .queued = 3, .capacity = 2, .open_at_start = 1, .peak_open = 3}));
  EXPECT_EQ(service(f, kG).current, (ServiceLoad{.referrals = 1, .queued = 0, .capacity = 0, .open_at_start = 0, .peak_open = 1}));
  EXPECT_EQ(service(f, kB).current, (ServiceLoad{.referrals = 0, .queued = 0, .capacity = 1, .open_at_start = 0, .peak_open = 0}));
  // The draft: B takes r0 and (once r0 closed) r4; A takes r1 and r2; nobody waits.
  EXPECT_EQ(f.draft, (OutcomeCounts{.routed = 5, .queued = 0, .signposted = 0}));
  EXPECT_EQ(service(f, kA).draft, (ServiceLoad{.referrals = 2, .queued = 0, .capacity = 2, .open_at_start = 1, .peak_open = 2}));
  EXPECT_EQ(service(f, kB).draft, (ServiceLoad{.referrals = 2, .queued = 0, .capacity = 1, .open_at_start = 0, .peak_open = 1}));

  EXPECT_EQ(f.changed, 4) << "all but the fallback referral";
  ASSERT_EQ(f.sample.size(), 2u) << "the first two changed, as asked";
  EXPECT_EQ(f.sample[0].referral, 0u);
  EXPECT_EQ(f.sample[0].current.service_id, kA);
  EXPECT_EQ(f.sample[0].draft.service_id, kB);
  EXPECT_EQ(f.sample[1].referral, 1u);
  EXPECT_EQ(f.sample[1].current.outcome, Outcome::kQueued);
  EXPECT_EQ(f.sample[1].draft.outcome, Outcome::kRouted);
  EXPECT_EQ(f.sample[1].draft.service_id, kA);
  // Both explanations as they would have been then: A full at 2 of 2 for the rules in force.
  const auto& lines = f.sample[1].current.explanation_facts;
  ASSERT_FALSE(lines.empty());
  const bool full_line = std::any_of(lines.begin(), lines.end(), [](const ExplanationFact& l) {
    return l.kind == LineKind::kFull && l.open_cases == 2 && l.capacity == 2;
  });
  EXPECT_TRUE(full_line);
  EXPECT_EQ(lines.back().kind, LineKind::kQueued);
  EXPECT_FALSE(f.sample[1].draft.explanation_facts.empty());
}

TEST(Replay, NoChangeWhenTheDraftIsTheRulesInForce) {
  const auto rules = parsed(kHateToA);
  const auto states = services();
  const std::vector<ReplayReferral> period = {referral(1, true), referral(2, false), referral(3, true, 4)};
  const auto f = replay({rules, states}, {rules, states}, period, {}, 20);
  EXPECT_EQ(f.changed, 0);
  EXPECT_TRUE(f.sample.empty());
  EXPECT_EQ(f.current, f.draft);
}

// Rules that test every kind of condition, so the replay's own interning is checked against
// routing_facts() for all of them.
const std::string kWide = R"([
  {"id":"marac","explain":"A MARAC referral is required","when":{"marac_required":true},"services":[{"service":")" + kB + R"("}]},
  {"id":"young","explain":"Under 18 and vulnerable","when":{"age_bands":["under_18"],"enhanced_reasons":["vulnerable:*"]},"services":[{"service":")" + kA + R"("}]},
  {"id":"race","explain":"A hate crime against race","when":{"flags":["hate_crime"],"hate_strands":["race"]},"services":[{"service":")" + kA + R"("},{"service":")" + kB + R"(","priority":2}]},
  {"id":"high","explain":"High risk","when":{"risk_levels":["high"]},"services":[{"service":")" + kB + R"("}]},
  {"id":"housing","explain":"Needs housing help in Liverpool","when":{"needs":["shelter_and_accommodation"],"local_authorities":["E08000012"]},"services":[{"service":")" + kG + R"("}]},
  {"id":"burglary","explain":"A burglary of a business","when":{"offence_categories":["burglary"],"victim_types":["business"]},"services":[{"service":")" + kA + R"("}]},
  {"id":"asb","explain":"Anti-social behaviour","when":{"eligible":false},"services":[{"service":")" + kAsb + R"("}]}])";

std::vector<ReplayReferral> generated(int count, unsigned seed) {
  std::mt19937 random(seed);
  auto pick = [&](std::initializer_list<const char*> options) {
    return std::string(*(options.begin() + random() % options.size()));
  };
  std::vector<ReplayReferral> out;
  std::int32_t day = 20000;
  for (int i = 0; i < count; ++i) {
    ReplayReferral r;
    day += static_cast<std::int32_t>(random() % 3 == 0);
    r.received_day = day;
    r.closed_day = random() % 4 == 0 ? kNeverClosed : day + static_cast<std::int32_t>(random() % 30);
    auto& in = r.inputs;
    in.flags = random() & 0xffu;
    in.offence_category = pick({"burglary", "assault", "", "fraud"});
    in.age_band = pick({"under_18", "18_to_64", "65_and_over", ""});
    in.victim_type = pick({"person", "business"});
    in.risk_level = pick({"standard", "medium", "high"});
    if (random() % 2) in.enhanced_reasons.push_back(pick({"vulnerable:under_18", "persistently_targeted", "vulnerable:mental_disorder"}));
    in.local_authority = pick({"E08000012", "E08000011", ""});
    if (random() % 2) in.needs.push_back(pick({"shelter_and_accommodation", "finance_and_benefits"}));
    if (random() % 3 == 0) in.hate_strands.push_back(pick({"race", "religion"}));
    in.marac_required = random() % 10 == 0;
    in.eligible = (in.flags & kNonCrimeAsb) == 0;
    out.push_back(std::move(r));
  }
  return out;
}

// One rule set's figures the slow way: every referral alone through decide(), each service's open
// cases counted for it from the start's cases and every earlier decision not yet closed.
struct OneByOne {
  OutcomeCounts outcomes;
  std::map<std::string, ServiceLoad> loads;
  std::vector<RoutingDecision> decisions;
};

OneByOne one_by_one(const RuleSet& rules, const ServiceStates& directory, const std::vector<ReplayReferral>& period,
                    const std::vector<OpenCases>& open) {
  OneByOne out;
  for (const auto& s : directory.all()) out.loads[s.id].capacity = s.capacity;
  for (const auto& o : open) out.loads[o.service_id].open_at_start += o.count;
  for (auto& [id, load] : out.loads) load.peak_open = load.open_at_start;
  for (std::size_t i = 0; i < period.size(); ++i) {
    const auto day = period[i].received_day;
    ServiceStates states;
    for (auto s : directory.all()) {
      s.open_cases = 0;
      for (const auto& o : open) {
        if (o.service_id == s.id && o.closed_day > day) s.open_cases += o.count;
      }
      for (std::size_t j = 0; j < i; ++j) {
        const auto& d = out.decisions[j];
        if (d.outcome != Outcome::kSignposted && d.service_id == s.id && period[j].closed_day > day) ++s.open_cases;
      }
      states.add(s);
    }
    auto d = decide(rules, routing_facts(period[i].inputs, rules), states, Explain::kNone);
    if (d.outcome == Outcome::kRouted) ++out.outcomes.routed;
    if (d.outcome == Outcome::kQueued) ++out.outcomes.queued;
    if (d.outcome == Outcome::kSignposted) ++out.outcomes.signposted;
    if (d.outcome != Outcome::kSignposted && !d.service_id.empty()) {
      auto& load = out.loads[d.service_id];
      ++load.referrals;
      if (d.outcome == Outcome::kQueued) ++load.queued;
      if (const auto* s = states.find(d.service_id)) load.peak_open = std::max(load.peak_open, s->open_cases + 1);
    }
    out.decisions.push_back(std::move(d));
  }
  return out;
}

TEST(Replay, EqualsRoutingEachReferralOneByOne) {
  const auto now_rules = parsed(kHateToA);
  const auto draft_rules = parsed(kWide);
  auto states = services();
  states.add({kAsb, "ASB support", 3, 0});
  const auto period = generated(1500, 15);
  const std::vector<OpenCases> open = {{kA, 20003, 2}, {kB, kNeverClosed, 1}, {kG, 20010, 4}};
  const auto f = replay({now_rules, states}, {draft_rules, states}, period, open, 20);

  const auto now = one_by_one(now_rules, states, period, open);
  const auto next = one_by_one(draft_rules, states, period, open);
  EXPECT_EQ(f.current, now.outcomes);
  EXPECT_EQ(f.draft, next.outcomes);
  EXPECT_GT(f.draft.queued, 0) << "the period must fill some service, or capacity is not tested";
  for (const auto& s : f.services) {
    EXPECT_EQ(s.current, now.loads.count(s.service_id) ? now.loads.at(s.service_id) : ServiceLoad{}) << s.service_id;
    EXPECT_EQ(s.draft, next.loads.count(s.service_id) ? next.loads.at(s.service_id) : ServiceLoad{}) << s.service_id;
  }
  std::int64_t changed = 0;
  for (std::size_t i = 0; i < period.size(); ++i) {
    const auto& a = now.decisions[i];
    const auto& b = next.decisions[i];
    if (a.outcome != b.outcome || a.service_id != b.service_id) ++changed;
  }
  EXPECT_EQ(f.changed, changed);
  ASSERT_EQ(f.sample.size(), 20u);
  for (const auto& c : f.sample) {
    EXPECT_EQ(c.current.service_id, now.decisions[c.referral].service_id);
    EXPECT_EQ(c.draft.service_id, next.decisions[c.referral].service_id);
  }
}

}  // namespace
}  // namespace vg::routing
