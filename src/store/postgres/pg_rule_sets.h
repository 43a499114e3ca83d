// Routing rule sets on PostgreSQL. Store-internal; reached through Store::rule_sets().
#pragma once

#include "store/postgres/pg_database.h"
#include "store/store.h"

namespace vg::store::postgres {

class PgRuleSets final : public RuleSetRepository {
 public:
  explicit PgRuleSets(Pool& pool) : pool_(pool) {}

  Result<bool> add_rule_set(const RuleSetRecord& rule_set, const AuditEntry& audit) override;
  Result<std::optional<RuleSetRecord>> current_rule_set(const std::string& area) override;
  Result<std::optional<RuleSetRecord>> find_rule_set(const std::string& area,
                                                     const std::string& version) override;
  Result<std::vector<RuleSetRecord>> list_rule_sets(const std::string& area) override;

 private:
  Result<std::vector<RuleSetRecord>> select(const std::string& where, const Params& params);
  Result<bool> try_add(const RuleSetRecord& rule_set, const AuditEntry& audit);

  Pool& pool_;
};

}  // namespace vg::store::postgres
