#include "domain/routing/replay.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace vg::routing {
namespace {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The distinct codes of the period's referrals, each numbered once; a rule set then maps the
// numbers to its own codes with one table, so no referral's text is looked up per rule set.
class Vocabulary {
 public:
  int id(std::string_view code) {
    if (auto it = ids_.find(code); it != ids_.end()) return it->second;
    const int next = static_cast<int>(names_.size());
    names_.emplace_back(code);
    ids_.emplace(std::string(code), next);
    return next;
  }
  std::vector<int> in(const RuleSet& rules) const {
    std::vector<int> out;
    out.reserve(names_.size());
    for (const auto& name : names_) out.push_back(rules.codes.find(name));
    return out;
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int, TextHash, std::equal_to<>> ids_;
};

// A referral's inputs as vocabulary numbers (-1: none). Its lists sit in one shared pool:
// reasons (with their families) [at, reasons_end), needs to needs_end, hate strands to end.
struct Numbered {
  std::uint32_t flags = 0;
  int offence = -1;
  int age_band = -1;
  int victim_type = -1;
  int risk = -1;
  int local_authority = -1;
  std::uint32_t at = 0;
  std::uint32_t reasons_end = 0;
  std::uint32_t needs_end = 0;
  std::uint32_t end = 0;
  bool marac = false;
  bool eligible = true;
};

Numbered numbered(const RoutingInputs& in, Vocabulary& words, std::vector<int>& pool) {
  Numbered n;
  n.flags = in.flags;
  if (!in.offence_category.empty()) n.offence = words.id(in.offence_category);
  n.age_band = words.id(in.age_band.empty() ? std::string_view("unknown") : std::string_view(in.age_band));
  n.victim_type = words.id(in.victim_type);
  n.risk = words.id(in.risk_level);
  if (!in.local_authority.empty()) n.local_authority = words.id(in.local_authority);
  n.at = static_cast<std::uint32_t>(pool.size());
  for (const auto& reason : in.enhanced_reasons) {
    pool.push_back(words.id(reason));
    // The family too, as routing_facts gives it.
    if (const auto family = reason_family(reason); !family.empty()) pool.push_back(words.id(family));
  }
  n.reasons_end = static_cast<std::uint32_t>(pool.size());
  for (const auto& need : in.needs) pool.push_back(words.id(need));
  n.needs_end = static_cast<std::uint32_t>(pool.size());
  for (const auto& strand : in.hate_strands) pool.push_back(words.id(strand));
  n.end = static_cast<std::uint32_t>(pool.size());
  n.marac = in.marac_required;
  n.eligible = in.eligible;
  return n;
}

// One rule set's simulation: its services' open cases as the period goes, and its tallies.
class Side {
 public:
  Side(const ReplaySide& side, const Vocabulary& words, std::span<const OpenCases> open_at_start)
      : rules_(side.rules), services_(side.services), codes_(words.in(side.rules)) {
    for (const auto& s : services_.all()) {
      auto& state = *services_.find(s.id);
      state.open_cases = 0;
      loads_[s.id].capacity = s.capacity;
    }
    for (const auto& open : open_at_start) {
      auto* state = services_.find(open.service_id);
      if (state == nullptr || open.count <= 0) continue;
      state->open_cases += open.count;
      loads_[open.service_id].open_at_start += open.count;
      if (open.closed_day != kNeverClosed) {
        for (int i = 0; i < open.count; ++i) closing_.emplace(open.closed_day, state);
      }
    }
    for (auto& [id, load] : loads_) load.peak_open = load.open_at_start;
  }

  // Cases that closed before `day` give their places back.
  void close_before(std::int32_t day) {
    while (!closing_.empty() && closing_.top().first <= day) {
      --closing_.top().second->open_cases;
      closing_.pop();
    }
  }

  RoutingDecision decide(const Numbered& n, const std::vector<int>& pool, Explain explain) {
    auto code = [&](int word) { return word < 0 ? -1 : codes_[static_cast<std::size_t>(word)]; };
    auto fill = [&](CodeSet& set, std::uint32_t from, std::uint32_t to) {
      set.clear();
      for (auto i = from; i < to; ++i) {
        const int c = code(pool[i]);
        if (c >= 0 && std::find(set.begin(), set.end(), c) == set.end()) set.push_back(c);
      }
      std::sort(set.begin(), set.end());
    };
    facts_.flags = n.flags;
    facts_.offence_category = code(n.offence);
    facts_.age_band = code(n.age_band);
    facts_.victim_type = code(n.victim_type);
    facts_.risk_level = code(n.risk);
    facts_.local_authority = code(n.local_authority);
    fill(facts_.enhanced_reasons, n.at, n.reasons_end);
    fill(facts_.needs, n.reasons_end, n.needs_end);
    fill(facts_.hate_strands, n.needs_end, n.end);
    facts_.marac_required = n.marac;
    facts_.eligible = n.eligible;
    return routing::decide(rules_, facts_, services_, explain);
  }

  // The decision takes effect: counted, and its case holds a place until it closes.
  void apply(const RoutingDecision& d, std::int32_t closed_day) {
    switch (d.outcome) {
      case Outcome::kRouted: ++outcomes_.routed; break;
      case Outcome::kQueued: ++outcomes_.queued; break;
      case Outcome::kSignposted: ++outcomes_.signposted; return;
    }
    if (d.service_id.empty()) return;
    auto& load = loads_[d.service_id];
    ++load.referrals;
    if (d.outcome == Outcome::kQueued) ++load.queued;
    auto* state = services_.find(d.service_id);
    if (state == nullptr) return;  // not in the directory: no place to hold
    ++state->open_cases;
    load.peak_open = std::max(load.peak_open, state->open_cases);
    if (closed_day != kNeverClosed) closing_.emplace(closed_day, state);
  }

  const OutcomeCounts& outcomes() const { return outcomes_; }
  const std::map<std::string, ServiceLoad, std::less<>>& loads() const { return loads_; }

 private:
  using Closing = std::pair<std::int32_t, ServiceState*>;
  const RuleSet& rules_;
  ServiceStates services_;  // a copy: its open cases are the simulation's
  std::vector<int> codes_;  // vocabulary number → this rule set's code
  RoutingFacts facts_;      // reused for every referral: its lists keep their memory
  std::priority_queue<Closing, std::vector<Closing>, std::greater<>> closing_;
  std::map<std::string, ServiceLoad, std::less<>> loads_;
  OutcomeCounts outcomes_;
};

bool differs(const RoutingDecision& a, const RoutingDecision& b) {
  return a.outcome != b.outcome || a.service_id != b.service_id;
}

}  // namespace

ReplayFigures replay(const ReplaySide& current, const ReplaySide& draft,
                     std::span<const ReplayReferral> referrals, std::span<const OpenCases> open_at_start,
                     std::size_t sample_limit) {
  Vocabulary words;
  std::vector<int> pool;
  std::vector<Numbered> numbers;
  numbers.reserve(referrals.size());
  for (const auto& r : referrals) numbers.push_back(numbered(r.inputs, words, pool));

  Side now(current, words, open_at_start);
  Side next(draft, words, open_at_start);
  ReplayFigures out;
  out.referrals = static_cast<std::int64_t>(referrals.size());
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const auto& r = referrals[i];
    now.close_before(r.received_day);
    next.close_before(r.received_day);
    auto a = now.decide(numbers[i], pool, Explain::kNone);
    auto b = next.decide(numbers[i], pool, Explain::kNone);
    if (differs(a, b)) {
      ++out.changed;
      if (out.sample.size() < sample_limit) {
        // Decided again with their explanations, against the same open cases.
        out.sample.push_back({i, now.decide(numbers[i], pool, Explain::kFacts),
                              next.decide(numbers[i], pool, Explain::kFacts)});
      }
    }
    now.apply(a, r.closed_day);
    next.apply(b, r.closed_day);
  }
  out.current = now.outcomes();
  out.draft = next.outcomes();
  std::map<std::string, ServiceComparison, std::less<>> by_id;
  for (const auto& [id, load] : now.loads()) {
    auto& c = by_id[id];
    c.service_id = id;
    c.current = load;
  }
  for (const auto& [id, load] : next.loads()) {
    auto& c = by_id[id];
    c.service_id = id;
    c.draft = load;
  }
  for (auto& [id, c] : by_id) out.services.push_back(std::move(c));
  return out;
}

}  // namespace vg::routing
