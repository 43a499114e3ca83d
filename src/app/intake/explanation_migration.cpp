#include "app/intake/explanation_migration.h"

#include <boost/json.hpp>

#include "app/intake/decision_explanation.h"
#include "domain/routing/explanation_reader.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// A batch is read, converted and written in one transaction: small enough not to hold the writer
// long while servers run.
constexpr int kBatch = 500;

std::vector<routing::ExplanationLine> lines_of(const json::array& shown) {
  std::vector<routing::ExplanationLine> out;
  for (const auto& v : shown) {
    if (!v.is_object()) return {};
    const auto& o = v.as_object();
    const auto* text = o.if_contains("text");
    const auto* matched = o.if_contains("matched");
    const auto* rule = o.if_contains("rule");
    if (!text || !text->is_string() || !matched || !matched->is_bool() ||
        (rule && !rule->is_string()) || o.size() != (rule ? 3u : 2u)) {
      return {};
    }
    out.push_back({rule ? std::string(rule->as_string()) : std::string(), matched->as_bool(),
                   std::string(text->as_string())});
  }
  return out;
}

// `assessment` with its "explanation" replaced, in place, by `facts`.
json::object with_facts(const json::object& assessment, json::object facts) {
  json::object out;
  out.reserve(assessment.size());
  for (const auto& member : assessment) {
    if (member.key() == "explanation") {
      out["explanation_facts"] = std::move(facts);
    } else {
      out[member.key()] = member.value();
    }
  }
  return out;
}

}  // namespace

Result<ExplanationMigrationReport> migrate_stored_explanations(store::Store& store,
                                                               const Clock& clock) {
  ExplanationMigrationReport report;
  if (VG_TRY(store.referrals().data_migration_done(kExplanationFactsMigration))) return report;
  DecisionExplanations explanations(store);
  std::string after;
  for (;;) {
    const auto rows = VG_TRY(store.referrals().text_explanations_after(after, kBatch));
    if (rows.empty()) break;
    std::vector<store::ReferralRepository::AssessmentChange> changes;
    for (const auto& [id, stored] : rows) {
      after = id;
      boost::system::error_code ec;
      auto value = json::parse(stored, ec);
      if (ec || !value.is_object()) continue;  // not ours to mend: left exactly as it is
      const auto& o = value.as_object();
      const auto* shown = o.if_contains("explanation");
      const auto* area = o.if_contains("area");
      const auto* version = o.if_contains("rule_set_version");
      if (!shown || !shown->is_array() || !area || !area->is_string() || !version ||
          !version->is_string()) {
        continue;
      }
      std::optional<json::object> converted;
      auto rules = explanations.rule_set(std::string(area->as_string()), std::string(version->as_string()));
      const auto lines = lines_of(shown->as_array());
      if (rules && !lines.empty()) {
        if (auto read = routing::read_explanation(lines, **rules)) {
          auto candidate = with_facts(o, explanation_facts_json(read->facts, **rules, read->names));
          // What the row will show, checked against what it showed: anything else stays text.
          auto check = candidate;
          if (show_explanation(check, **rules) && json::value(check) == value) {
            converted = std::move(candidate);
          }
        }
      }
      if (converted) {
        ++report.converted;
      } else {
        converted = with_facts(o, json::object{{"renderer", kVerbatimRenderer}, {"lines", shown->as_array()}});
        ++report.kept_as_text;
      }
      changes.push_back({id, stored, json::serialize(*converted)});
    }
    if (!changes.empty()) VG_CHECK(store.referrals().replace_assessments(changes));
  }
  VG_CHECK(store.referrals().record_data_migration(kExplanationFactsMigration, clock.now()));
  return report;
}

}  // namespace vg::app
