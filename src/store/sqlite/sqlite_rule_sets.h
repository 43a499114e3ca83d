// Routing rule sets on SQLite. Store-internal; reached through Store::rule_sets().
#pragma once

#include "store/sqlite/sqlite_database.h"
#include "store/store.h"

namespace vg::store::sqlite {

class SqliteRuleSets final : public RuleSetRepository {
 public:
  explicit SqliteRuleSets(Database& db) : db_(db) {}

  Result<bool> add_rule_set(const RuleSetRecord& rule_set, const AuditEntry& audit) override;
  Result<std::optional<RuleSetRecord>> current_rule_set(const std::string& area) override;
  Result<std::optional<RuleSetRecord>> find_rule_set(const std::string& area,
                                                     const std::string& version) override;
  Result<std::vector<RuleSetRecord>> list_rule_sets(const std::string& area) override;

 private:
  Result<std::vector<RuleSetRecord>> select(const std::string& where, const std::vector<std::string>& params);

  Database& db_;
};

}  // namespace vg::store::sqlite
