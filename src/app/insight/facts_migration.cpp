#include "app/insight/facts_migration.h"

#include <boost/json.hpp>

#include "app/insight/case_facts.h"
#include "app/intake/referral_json.h"
#include "domain/deadlines/working_days.h"
#include "domain/insight/referral_facts.h"
#include "domain/routing/routing_facts.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// Small enough not to hold the writer long while servers run.
constexpr int kBatch = 500;

std::string text_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> texts_at(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& item : v->as_array()) {
      if (item.is_string()) out.emplace_back(item.as_string());
    }
  }
  return out;
}

// The stored assessment (app/intake/routed_referral's JSON) read back into the parts the facts
// are taken from; false when it does not read.
bool read_assessment(const std::string& stored, intake::RoutedReferral& routed) {
  boost::system::error_code ec;
  auto value = json::parse(stored, ec);
  if (ec || !value.is_object()) return false;
  const auto& o = value.as_object();
  auto& a = routed.assessment;
  a.age_band = text_at(o, "age_band");
  a.enhanced_reasons = texts_at(o, "enhanced_reasons");
  if (const auto* v = o.if_contains("intimidated"); v && v->is_bool()) a.intimidated = v->as_bool();
  a.eligibility = text_at(o, "eligibility") == "non_crime_asb" ? assessment::Eligibility::kNonCrimeAsb
                                                               : assessment::Eligibility::kEligible;
  for (auto f : {routing::FundingStream::kVictimsGrant, routing::FundingStream::kAsbSupport, routing::FundingStream::kNone}) {
    if (routing::funding_code(f) == text_at(o, "funding_stream")) routed.decision.funding = f;
  }
  if (const auto* risk = o.if_contains("risk"); risk && risk->is_object()) {
    for (auto level : {intake::RiskLevel::kStandard, intake::RiskLevel::kMedium, intake::RiskLevel::kHigh}) {
      if (routing::risk_level_code(level) == text_at(risk->as_object(), "level")) a.risk.level = level;
    }
    a.risk.marac_reasons = texts_at(risk->as_object(), "marac_reasons");
    if (const auto* marac = risk->as_object().if_contains("marac_required"); marac && marac->is_bool()) {
      a.risk.marac_required = marac->as_bool();
    }
  }
  // The police referral clock as intake set it, for whether the referral came within it.
  if (const auto* clocks = o.if_contains("deadlines"); clocks && clocks->is_array()) {
    for (const auto& c : clocks->as_array()) {
      if (!c.is_object() || text_at(c.as_object(), "code") != "police_referral") continue;
      if (auto due = text::parse_iso_date(text_at(c.as_object(), "due_date"))) {
        routed.deadlines.push_back({"police_referral", *due, {}, 0});
      }
    }
  }
  return true;
}

// The facts of a referral stored before they existed, with its case's progress when it has one.
Result<insight::ReferralFacts> stored_facts(store::UnitOfWork& unit, const intake::StoredReferral& row,
                                            const std::vector<assessment::OffenceCategory>& categories,
                                            bool& partly) {
  intake::RoutedReferral routed;
  auto referral = parse_referral_json(row.document);
  if (referral) routed.referral = std::move(*referral);
  const bool assessed = read_assessment(row.assessment, routed);
  partly = !referral || !assessed;
  routed.referral.received_at = row.received_at;
  routed.referral.area = row.area;
  auto f = insight::intake_facts(routed, categories);
  f.fact_id = row.id;
  // Routing inputs guessed from half a referral would replay wrongly: none, and the what-if
  // counts the referral apart.
  if (partly) f.routing.reset();
  f.channel = row.channel;
  f.routing_outcome = row.outcome;
  f.service_id = row.service_id;
  if (auto c = VG_TRY(unit.cases().find(row.id))) {
    f.local_authority = c->local_authority;
    f.offence_category = c->offence_category;
    f.enhanced = f.enhanced || c->enhanced;
    f.progress = VG_TRY(case_progress_facts(unit, *c));
  }
  return f;
}

}  // namespace

Result<RoutingInputsMigrationReport> migrate_routing_inputs(store::Store& store, const Clock& clock) {
  RoutingInputsMigrationReport report;
  if (VG_TRY(store.referrals().data_migration_done(kRoutingInputsMigration))) return report;
  std::string after;
  for (;;) {
    const auto ids = VG_TRY(store.insight().facts_without_routing_inputs(after, kBatch));
    if (ids.empty()) break;
    after = ids.back();
    RoutingInputsMigrationReport batch;
    VG_CHECK(store.write([&](store::UnitOfWork& unit) -> Result<void> {
      batch = {};
      for (const auto& row : VG_TRY(unit.referrals().with_ids(ids))) {
        intake::RoutedReferral routed;
        auto referral = parse_referral_json(row.document);
        if (!referral || !read_assessment(row.assessment, routed)) {
          ++batch.unreadable;
          continue;
        }
        VG_CHECK(unit.insight().set_routing_inputs(row.id, routing::routing_inputs(*referral, routed.assessment)));
        ++batch.written;
      }
      return {};
    }));
    report.written += batch.written;
    report.unreadable += batch.unreadable;
  }
  VG_CHECK(store.referrals().record_data_migration(kRoutingInputsMigration, clock.now()));
  return report;
}

Result<FactsMigrationReport> migrate_referral_facts(store::Store& store, const Clock& clock,
                                                    const std::vector<assessment::OffenceCategory>& categories) {
  FactsMigrationReport report;
  if (VG_TRY(store.referrals().data_migration_done(kReferralFactsMigration))) return report;
  std::string after;
  for (;;) {
    const auto ids = VG_TRY(store.insight().referrals_without_facts(after, kBatch));
    if (ids.empty()) break;
    after = ids.back();
    FactsMigrationReport batch;
    VG_CHECK(store.write([&](store::UnitOfWork& unit) -> Result<void> {
      batch = {};
      std::vector<insight::ReferralFacts> facts;
      for (const auto& row : VG_TRY(unit.referrals().with_ids(ids))) {
        bool partly = false;
        facts.push_back(VG_TRY(stored_facts(unit, row, categories, partly)));
        if (partly) ++batch.partly_read;
      }
      batch.written = static_cast<int>(facts.size());
      return unit.insight().insert(facts);
    }));
    report.written += batch.written;
    report.partly_read += batch.partly_read;
  }
  VG_CHECK(store.referrals().record_data_migration(kReferralFactsMigration, clock.now()));
  return report;
}

}  // namespace vg::app
