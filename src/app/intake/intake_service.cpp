#include "app/intake/intake_service.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <future>

#include "app/audit/audit_entry.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"
#include "app/security/random_token.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {
namespace {

namespace json = boost::json;


std::string channel_code(intake::Channel c) {
  switch (c) {
    case intake::Channel::kPolice: return "police";
    case intake::Channel::kSelf: return "self";
    case intake::Channel::kPartner: return "partner";
    case intake::Channel::kPhone: return "phone";
    case intake::Channel::kChat: return "chat";
  }
  return "";
}

std::string normalised(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// The stored form of a referral that passed every check, with its decision.
intake::StoredReferral stored_referral(const intake::Referral& referral, const RoutedReferral& routed,
                                       const AreaPack& pack, const std::string& organisation_id,
                                       std::string document) {
  intake::StoredReferral stored;
  stored.id = time_ordered_uuid(referral.received_at);
  stored.area = pack.rules.area;
  stored.channel = channel_code(referral.channel);
  stored.received_at = referral.received_at;
  stored.source_organisation_id = organisation_id;
  if (referral.reported_to_police) {
    stored.police_force_code = referral.police_force_code;
    stored.crime_reference = normalised(referral.crime_reference);
    stored.victim_key = victim_key(referral);
  }
  stored.consent_state = consent_state_code(routed.assessment.consent.state);
  stored.outcome = routing::outcome_code(routed.decision.outcome);
  stored.service_id = routed.decision.service_id;
  stored.rule_set_version = routed.decision.rule_set_version;
  stored.document = std::move(document);
  // Built in one arena on the stack (the decision runs to a few kilobytes): no allocation per
  // member, and all of it freed at once.
  unsigned char arena[16384];
  json::monotonic_resource memory(arena, sizeof arena);
  stored.assessment = json::serialize(routed_referral_json(routed, pack, &memory));
  return stored;
}

std::string reference_prefix(const AreaPack& pack, intake::Instant received_at) {
  return pack.rules.reference_prefix + "-" +
         std::to_string(static_cast<int>(deadlines::london_date(received_at).year())) + "-";
}

}  // namespace

std::string victim_key(const intake::Referral& r) {
  std::string who;
  if (r.victim_type == intake::VictimType::kBusiness) {
    who = "business|" + normalised(r.business.name);
  } else {
    who = "person|" + normalised(r.person.name) + "|";
    if (r.person.date_of_birth) {
      const auto& d = *r.person.date_of_birth;
      who += std::to_string(static_cast<int>(d.year())) + "-" +
             std::to_string(static_cast<unsigned>(d.month())) + "-" +
             std::to_string(static_cast<unsigned>(d.day()));
    }
  }
  return sha256_hex(who);
}

IntakeService::IntakeService(store::Store& store, const Clock& clock, std::string config_dir)
    : store_(store),
      clock_(clock),
      config_dir_(std::move(config_dir)),
      creation_(store),
      writer_([this](const std::vector<NewReferral>& items) { return creation_.create_each(items); }) {}

Result<IntakeService::LoadedRules> IntakeService::load_rules_file(const std::string& area,
                                                                 const std::string& actor) {
  auto text = VG_TRY(read_routing_rules(config_dir_, area));
  auto pack = VG_TRY(load_area_pack(config_dir_, area, text));  // the whole pack must hold
  store::RuleSetRecord record;
  record.area = area;
  record.version = pack.rules.version;
  record.document = std::move(text);
  record.loaded_at = clock_.now();
  record.loaded_by = actor;
  auto audit = audit_entry(clock_, actor, "routing.rules.load", "rule_set", area + "@" + record.version,
                           json::serialize(json::object{{"area", area}, {"version", record.version}}));
  const bool added = VG_TRY(store_.rule_sets().add_rule_set(record, audit));
  return LoadedRules{area, record.version, added};
}

Result<std::vector<IntakeService::LoadedRules>> IntakeService::load_rule_sets(const std::string& actor,
                                                                             const std::string& area) {
  std::vector<LoadedRules> out;
  const auto areas = area.empty() ? area_names(config_dir_) : std::vector<std::string>{area};
  for (const auto& name : areas) out.push_back(VG_TRY(load_rules_file(name, actor)));
  std::lock_guard lock(packs_mutex_);
  packs_.clear();  // the next referral reads the rules now in force
  return out;
}

Result<std::shared_ptr<const AreaPack>> IntakeService::area_pack(const std::string& area) {
  // How long a server keeps using its copy of the rules before asking the store what is in
  // force: short enough that a newly loaded version is used within seconds everywhere.
  constexpr auto kRecheck = std::chrono::seconds(5);
  const auto now = clock_.now();
  std::lock_guard lock(packs_mutex_);
  auto it = packs_.find(area);
  if (it != packs_.end() && now >= it->second.checked_at && now - it->second.checked_at < kRecheck) {
    return it->second.pack;
  }
  auto unknown = [&] {
    return validation_failed({{"$.area", "unknown", "is not an area this gateway serves"}},
                             "The referral is not valid");
  };
  auto current = VG_TRY(store_.rule_sets().current_rule_set(area));
  if (!current) {
    // First use of an area on this database: its file becomes the first version.
    auto loaded = load_rules_file(area, "system:intake");
    if (!loaded) {
      if (loaded.error().code == "validation_failed") return unknown();
      return std::unexpected(loaded.error());
    }
    current = VG_TRY(store_.rule_sets().current_rule_set(area));
    if (!current) return fail("internal", "The routing rules just loaded cannot be read back");
  }
  if (it != packs_.end() && it->second.pack->rules.version == current->version) {
    it->second.checked_at = now;
    return it->second.pack;
  }
  auto pack = load_area_pack(config_dir_, area, current->document);
  if (!pack) {
    if (pack.error().code == "validation_failed" && it == packs_.end()) return unknown();
    return std::unexpected(pack.error());
  }
  auto shared = std::make_shared<const AreaPack>(std::move(*pack));
  packs_[area] = CachedPack{shared, now};
  {
    // Capacities come with the rules: recount against the new pack's services.
    std::lock_guard load_lock(load_mutex_);
    loads_.erase(area);
  }
  return shared;
}

Result<routing::ServiceStates> IntakeService::live_services(const AreaPack& pack) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(load_mutex_);
    auto it = loads_.find(pack.rules.area);
    if (it != loads_.end() && now >= it->second.counted_at &&
        now - it->second.counted_at < std::chrono::seconds(1)) {
      return it->second.services;
    }
  }
  routing::ServiceStates services = pack.services;
  for (const auto& [id, open] : VG_TRY(store_.referrals().open_cases_by_service(pack.rules.area))) {
    if (const auto* state = services.find(id)) {
      auto updated = *state;
      updated.open_cases = open;
      services.add(std::move(updated));
    }
  }
  std::lock_guard lock(load_mutex_);
  loads_[pack.rules.area] = Load{services, now};
  return services;
}

void IntakeService::count_new_case(const std::string& area, const std::string& service_id) {
  if (service_id.empty()) return;
  std::lock_guard lock(load_mutex_);
  auto it = loads_.find(area);
  if (it == loads_.end()) return;
  if (const auto* state = it->second.services.find(service_id)) {
    auto updated = *state;
    ++updated.open_cases;
    it->second.services.add(std::move(updated));
  }
}

Result<IntakeOutcome> IntakeService::submit(std::string_view body, const std::string& organisation_id,
                                            const std::string& idempotency_key,
                                            const std::string& actor) {
  std::promise<Result<IntakeOutcome>> answered;
  auto answer = answered.get_future();
  submit_async(body, organisation_id, idempotency_key, actor,
               [&answered](Result<IntakeOutcome> a) { answered.set_value(std::move(a)); });
  return answer.get();
}

void IntakeService::submit_async(std::string_view body, const std::string& organisation_id,
                                 const std::string& idempotency_key, const std::string& actor,
                                 IntakeDone done) {
  auto prepared = prepare_create(body, organisation_id, idempotency_key, actor);
  if (!prepared) return done(std::unexpected(std::move(prepared.error())));
  const bool takes_a_place = prepared->referral.outcome != "signposted";
  writer_.submit(std::move(*prepared), [this, takes_a_place, done = std::move(done)](
                                           Result<IntakeOutcome> outcome) {
    if (outcome && outcome->created() && takes_a_place) {
      count_new_case(outcome->referral.area, outcome->referral.service_id);
    }
    done(std::move(outcome));
  });
}

Result<intake::SenderScope> IntakeService::sender_scope(const std::string& organisation_id) {
  if (organisation_id.empty()) return intake::SenderScope{};
  constexpr auto kTrustFor = std::chrono::seconds(1);
  constexpr std::size_t kMaxKnown = 1024;
  const auto now = clock_.now();
  {
    std::lock_guard lock(scopes_mutex_);
    if (auto it = scopes_.find(organisation_id); it != scopes_.end() && now >= it->second.checked_at &&
                                                 now - it->second.checked_at < kTrustFor) {
      return it->second.scope;
    }
  }
  auto org = VG_TRY(store_.accounts().find_organisation(organisation_id));
  if (!org) {
    return fail("forbidden", "This organisation may not send referrals",
                {{"$", "not_permitted", "the sending organisation is not known"}});
  }
  intake::SenderScope scope{org->kind, org->areas, org->police_force_codes};
  std::lock_guard lock(scopes_mutex_);
  if (scopes_.size() >= kMaxKnown) scopes_.clear();
  scopes_[organisation_id] = KnownScope{scope, now};
  return scope;
}

// Refuses, naming each field, what the sender may not send (the areas it serves, its channel
// and, for a force, its own force codes).
static Result<void> check_scope(const intake::SenderScope& scope, const intake::Referral& referral) {
  auto violations = intake::scope_violations(scope, referral);
  if (violations.empty()) return {};
  return fail("forbidden", "This organisation may not send this referral", std::move(violations));
}

Result<NewReferral> IntakeService::prepare_create(std::string_view body,
                                                         const std::string& organisation_id,
                                                         const std::string& idempotency_key,
                                                         const std::string& actor) {
  auto referral = VG_TRY(parse_referral_json(body));
  // The gateway's own clock says when it was received: the Victims' Code clocks start here.
  referral.received_at = clock_.now();
  auto pack = VG_TRY(pack_for(referral, [this](const std::string& area) { return area_pack(area); }));
  // Invalid input (422) first, then what this sender may not send (403).
  VG_CHECK(check_scope(VG_TRY(sender_scope(organisation_id)), referral));
  auto services = VG_TRY(live_services(*pack));
  auto routed = VG_TRY(
      assess_and_route(*pack, services, referral, england_and_wales_bank_holidays(), true));

  NewReferral out;
  out.referral = stored_referral(referral, routed, *pack, organisation_id, std::string(body));
  const auto& stored = out.referral;
  if (!idempotency_key.empty()) {
    intake::IdempotencyRecord rec;
    rec.organisation_id = organisation_id;
    rec.key = idempotency_key;
    rec.request_hash = sha256_hex(body);
    rec.created_at = stored.received_at;
    out.idempotency = std::move(rec);
  }
  out.reference_prefix = reference_prefix(*pack, stored.received_at);
  out.audit = audit_entry(clock_, actor, "referral.create", "referral", stored.id,
                          json::serialize(json::object{{"area", stored.area},
                                                       {"channel", stored.channel},
                                                       {"outcome", stored.outcome}}));
  return out;
}

Result<json::object> IntakeService::preview(std::string_view body) {
  auto referral = VG_TRY(parse_referral_json(body));
  referral.received_at = clock_.now();
  auto pack = VG_TRY(pack_for(referral, [this](const std::string& area) { return area_pack(area); }));
  auto services = VG_TRY(live_services(*pack));
  auto routed = VG_TRY(assess_and_route(*pack, services, referral, england_and_wales_bank_holidays(), true));
  return routed_referral_json(routed, *pack);
}

Result<PreparedFeedBatch> IntakeService::prepare_feed_batch(const std::vector<FeedRow>& rows,
                                                            const std::string& organisation_id,
                                                            const std::string& actor) {
  PreparedFeedBatch out;
  out.actor = actor;
  const auto scope = VG_TRY(sender_scope(organisation_id));
  out.outcomes.resize(rows.size());
  std::map<std::string, routing::ServiceStates> batch_services;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.outcomes[i].line = rows[i].line;
    auto referral = referral_from_json(rows[i].referral, "$");
    if (!referral) {
      out.outcomes[i].errors = referral.error().fields;
      continue;
    }
    referral->received_at = clock_.now();
    std::vector<FieldError> errors;
    if (referral->channel != intake::Channel::kPolice) {
      errors.push_back({"$.channel", "not_police", "a bulk feed holds police referrals only"});
    }
    const bool said_channel = !errors.empty();
    auto pack = pack_for(*referral, [this](const std::string& area) { return area_pack(area); });
    if (!pack) {
      errors.insert(errors.end(), pack.error().fields.begin(), pack.error().fields.end());
    } else {
      for (auto& e : intake::scope_violations(scope, *referral)) {
        if (!(said_channel && e.field == "$.channel")) errors.push_back(std::move(e));
      }
    }
    if (!errors.empty()) {
      out.outcomes[i].errors = std::move(errors);
      continue;
    }
    // Read once per area and batch: this batch's own cases are counted in after it is stored.
    auto loaded = batch_services.find(referral->area);
    if (loaded == batch_services.end()) {
      auto services = live_services(**pack);
      if (!services) return std::unexpected(services.error());
      loaded = batch_services.emplace(referral->area, std::move(*services)).first;
    }
    auto routed = assess_and_route(**pack, loaded->second, *referral, england_and_wales_bank_holidays(), true);
    if (!routed) {
      out.outcomes[i].errors = routed.error().fields;
      continue;
    }
    auto stored = stored_referral(*referral, *routed, **pack, organisation_id,
                                  json::serialize(rows[i].referral));
    out.groups[reference_prefix(**pack, stored.received_at)].emplace_back(i, std::move(stored));
  }
  return out;
}

Result<std::vector<FeedRowOutcome>> IntakeService::store_feed_batch(PreparedFeedBatch batch) {
  auto out = std::move(batch.outcomes);
  for (auto& [prefix, members] : batch.groups) {
    std::vector<intake::StoredReferral> referrals;
    referrals.reserve(members.size());
    for (auto& [index, stored] : members) referrals.push_back(std::move(stored));
    auto audit = audit_entry(clock_, batch.actor, "referral.import", "referral", {},
                             json::serialize(json::object{{"rows", referrals.size()}, {"prefix", prefix}}));
    auto created = VG_TRY(creation_.create_batch(std::move(referrals), prefix, audit));
    for (const auto& c : created) {
      if (c.created() && c.referral.outcome != "signposted") {
        count_new_case(c.referral.area, c.referral.service_id);
      }
    }
    for (std::size_t j = 0; j < members.size() && j < created.size(); ++j) {
      auto& o = out[members[j].first];
      o.kind = created[j].created() ? FeedRowOutcome::Kind::kAccepted : FeedRowOutcome::Kind::kDuplicate;
      o.reference = created[j].referral.reference;
    }
  }
  return out;
}

Result<NewApiKey> IntakeService::create_api_key(const std::string& organisation_id,
                                                const std::string& label, const std::string& actor) {
  auto org = VG_TRY(store_.accounts().find_organisation(organisation_id));
  if (!org) {
    return validation_failed({{"org", "unknown", "there is no organisation with that id"}},
                             "Unknown organisation");
  }
  if (label.size() > 200) {
    return validation_failed({{"label", "too_long", "must be 200 characters or fewer"}}, "Bad label");
  }
  NewApiKey out;
  out.secret = "vgk_" + random_hex(32);
  out.key.id = random_uuid();
  out.key.organisation_id = organisation_id;
  out.key.label = label;
  out.key.secret_hash = sha256_hex(out.secret);
  out.key.created_at = clock_.now();
  VG_CHECK(store_.referrals().create_api_key(
      out.key, audit_entry(clock_, actor, "api_key.create", "api_key", out.key.id)));
  return out;
}

Result<void> IntakeService::revoke_api_key(const std::string& id, const std::string& actor) {
  VG_CHECK(store_.referrals().revoke_api_key(
      id, clock_.now(), audit_entry(clock_, actor, "api_key.revoke", "api_key", id)));
  std::lock_guard lock(keys_mutex_);
  std::erase_if(trusted_keys_, [&](const auto& entry) { return entry.second.key.id == id; });
  return {};
}

Result<intake::ApiKey> IntakeService::authenticate(std::string_view secret) {
  // How long a key found valid is trusted before it is looked up again: a busy case system then
  // costs the database one lookup a second instead of one per referral, and a key revoked by
  // another process stops working within that second (at once in the process that revoked it).
  constexpr auto kTrustFor = std::chrono::seconds(1);
  constexpr std::size_t kMaxTrusted = 1024;  // live keys are few; a flood of new ones starts over
  if (secret.size() < 8 || secret.size() > 200) {
    return fail("unauthorized", "Send a valid API key");
  }
  const auto hash = sha256_hex(secret);
  const auto now = clock_.now();
  {
    std::lock_guard lock(keys_mutex_);
    if (auto it = trusted_keys_.find(hash); it != trusted_keys_.end()) {
      if (now >= it->second.checked_at && now - it->second.checked_at < kTrustFor) return it->second.key;
      trusted_keys_.erase(it);
    }
  }
  auto key = VG_TRY(store_.referrals().find_api_key_by_secret_hash(hash));
  if (!key || key->revoked_at) return fail("unauthorized", "Send a valid API key");
  std::lock_guard lock(keys_mutex_);
  if (trusted_keys_.size() >= kMaxTrusted) trusted_keys_.clear();
  trusted_keys_[hash] = TrustedKey{*key, now};
  return *key;
}

}  // namespace vg::app
