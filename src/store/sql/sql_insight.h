// Referral facts over either backend, on a unit of work's connection (SqlInsightRows) or a read of
// its own (SqlInsight): one definition of every statement for SQLite and PostgreSQL. Store-
// internal. Insight's reads add rows up; only the store's own checks read one row back.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "domain/insight/fact_groups.h"
#include "domain/insight/month_period.h"
#include "domain/insight/replay_facts.h"
#include "domain/insight/support.h"
#include "domain/result.h"
#include "domain/text/iso_date.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"
#include "store/insight_refresh_steps.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

namespace insight_sql {

inline constexpr const char* kIntakeColumns =
    "fact_id, area, local_authority, received_on, received_month, channel, offence_category, "
    "offence_group, victim_type, age_band, funding_stream, non_crime_asb, enhanced, vulnerable, "
    "repeat_victim, dash_high, domestic_abuse, hate_crime, sexual_offence, routing_outcome, service_id";
inline constexpr const char* kProgressColumns =
    "accepted, contacted_on, assessed_on, supported_on, closed_on, close_reason, first_contact_met, "
    "needs_assessment_met, needs_at_assessment, outcomes, onward_services, restorative_justice_met";
// Migration 0045's intake fact and 0046's routing inputs, after the progress columns.
inline constexpr const char* kCodeColumns = "police_referral_met, routing_inputs";

inline boost::json::array codes_array(const std::vector<std::string>& codes) {
  boost::json::array a;
  for (const auto& c : codes) a.emplace_back(c);
  return a;
}

// The routing inputs as stored (migration 0046): one JSON object of codes; NULL when not known.
inline std::optional<std::string> routing_json(const std::optional<routing::RoutingInputs>& in) {
  if (!in) return std::nullopt;
  boost::json::object o;
  o["flags"] = codes_array(routing::flag_codes(in->flags));
  o["offence_category"] = in->offence_category;
  o["age_band"] = in->age_band;
  o["victim_type"] = in->victim_type;
  o["risk_level"] = in->risk_level;
  o["enhanced_reasons"] = codes_array(in->enhanced_reasons);
  o["local_authority"] = in->local_authority;
  o["needs"] = codes_array(in->needs);
  o["hate_strands"] = codes_array(in->hate_strands);
  o["marac_required"] = in->marac_required;
  o["eligible"] = in->eligible;
  return boost::json::serialize(o);
}

inline Result<std::optional<routing::RoutingInputs>> routing_column(const SqlRow& row, int column) {
  if (row.is_null(column)) return std::optional<routing::RoutingInputs>{};
  auto unreadable = [] { return fail("internal", "A stored referral fact's routing inputs do not read"); };
  boost::system::error_code ec;
  auto value = boost::json::parse(row.text(column), ec);
  if (ec || !value.is_object()) return unreadable();
  const auto& o = value.as_object();
  auto text = [&](std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  auto texts = [&](std::string_view key) {
    std::vector<std::string> out;
    if (const auto* v = o.if_contains(key); v && v->is_array()) {
      for (const auto& item : v->as_array()) {
        if (item.is_string()) out.emplace_back(item.as_string());
      }
    }
    return out;
  };
  auto flag = [&](std::string_view key, bool fallback) {
    const auto* v = o.if_contains(key);
    return v && v->is_bool() ? v->as_bool() : fallback;
  };
  routing::RoutingInputs in;
  for (const auto& code : texts("flags")) in.flags |= routing::flag_from_code(code);
  in.offence_category = text("offence_category");
  in.age_band = text("age_band");
  in.victim_type = text("victim_type");
  in.risk_level = text("risk_level");
  in.enhanced_reasons = texts("enhanced_reasons");
  in.local_authority = text("local_authority");
  in.needs = texts("needs");
  in.hate_strands = texts("hate_strands");
  in.marac_required = flag("marac_required", false);
  in.eligible = flag("eligible", true);
  return std::optional<routing::RoutingInputs>{std::move(in)};
}

inline std::optional<std::string> date_text(const std::optional<insight::Date>& d) {
  if (!d) return std::nullopt;
  return text::iso_date(*d);
}

inline std::string codes_json(const std::map<std::string, std::string>& codes) {
  boost::json::object o;
  for (const auto& [k, v] : codes) o[k] = v;
  return boost::json::serialize(o);
}

inline std::string codes_json(const std::vector<std::string>& codes) {
  boost::json::array a;
  for (const auto& c : codes) a.emplace_back(c);
  return boost::json::serialize(a);
}

// The progress columns' values, in kProgressColumns' order, then `last` when given (the row's
// fact_id, for an update). One braced list: g++ 12 at -O3 misreads a SqlValue pushed on after it
// as maybe uninitialised.
inline SqlParams progress_params(const insight::CaseProgressFacts& p, std::optional<std::string> last = {}) {
  SqlParams params{p.accepted, date_text(p.contacted_on), date_text(p.assessed_on), date_text(p.supported_on),
                   date_text(p.closed_on), p.close_reason, p.first_contact_met, p.needs_assessment_met,
                   codes_json(p.needs_at_assessment), codes_json(p.outcomes), codes_json(p.onward_services),
                   p.restorative_justice_met, last ? SqlValue(std::move(*last)) : SqlValue()};
  if (!last) params.pop_back();
  return params;
}

inline Result<std::optional<insight::Date>> date_column(const SqlRow& row, int column) {
  if (row.is_null(column)) return std::optional<insight::Date>{};
  auto d = text::parse_iso_date(row.text(column));
  if (!d) return fail("internal", "A stored referral fact holds a date that does not read");
  return std::optional<insight::Date>{*d};
}

inline std::optional<bool> optional_bool(const SqlRow& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.boolean(column);
}

// A stored JSON object of codes (need -> rating, need -> outcome) as its pairs, entries that are
// not strings skipped; `what` names it in the error.
inline Result<std::vector<std::pair<std::string, std::string>>> code_pairs(std::string_view text, const char* what) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return fail("internal", what);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [k, v] : value.as_object()) {
    if (v.is_string()) pairs.emplace_back(std::string(k), std::string(v.as_string()));
  }
  return pairs;
}

// A stored JSON array of codes ("service_id:state"), entries that are not strings skipped.
inline Result<std::vector<std::string>> code_list(std::string_view text, const char* what) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_array()) return fail("internal", what);
  std::vector<std::string> codes;
  for (const auto& v : value.as_array()) {
    if (v.is_string()) codes.emplace_back(v.as_string());
  }
  return codes;
}

inline Result<insight::ReferralFacts> facts_from_row(const SqlRow& row) {
  insight::ReferralFacts f;
  f.fact_id = row.text(0);
  f.area = row.text(1);
  f.local_authority = row.text(2);
  auto received = VG_TRY(date_column(row, 3));
  if (!received) return fail("internal", "A stored referral fact has no date of receipt");
  f.received_on = *received;
  // 4: received_month, derived
  f.channel = row.text(5);
  f.offence_category = row.text(6);
  f.offence_group = row.text(7);
  f.victim_type = row.text(8);
  f.age_band = row.text(9);
  f.funding_stream = row.text(10);
  f.non_crime_asb = row.boolean(11);
  f.enhanced = row.boolean(12);
  f.vulnerable = row.boolean(13);
  f.repeat_victim = row.boolean(14);
  f.dash_high = row.boolean(15);
  f.domestic_abuse = row.boolean(16);
  f.hate_crime = row.boolean(17);
  f.sexual_offence = row.boolean(18);
  f.routing_outcome = row.text(19);
  f.service_id = row.text(20);
  auto& p = f.progress;
  p.accepted = row.boolean(21);
  p.contacted_on = VG_TRY(date_column(row, 22));
  p.assessed_on = VG_TRY(date_column(row, 23));
  p.supported_on = VG_TRY(date_column(row, 24));
  p.closed_on = VG_TRY(date_column(row, 25));
  p.close_reason = row.text(26);
  p.first_contact_met = optional_bool(row, 27);
  p.needs_assessment_met = optional_bool(row, 28);
  // Not VG_TRY on these vectors: g++ 12 takes one moved out of its statement expression for one
  // freed.
  auto needs = code_pairs(row.text(29), "A stored referral fact's needs do not read");
  auto outcomes = code_pairs(row.text(30), "A stored referral fact's outcomes do not read");
  auto onward = code_list(row.text(31), "A stored referral fact's service path does not read");
  if (!needs) return std::unexpected(std::move(needs.error()));
  if (!outcomes) return std::unexpected(std::move(outcomes.error()));
  if (!onward) return std::unexpected(std::move(onward.error()));
  for (auto& [need, rating] : *needs) p.needs_at_assessment[need] = std::move(rating);
  for (auto& [need, outcome] : *outcomes) p.outcomes[need] = std::move(outcome);
  p.onward_services = std::move(*onward);
  p.restorative_justice_met = optional_bool(row, 32);
  f.police_referral_met = optional_bool(row, 33);
  f.routing = VG_TRY(routing_column(row, 34));
  return f;
}

// The period's filter: $1 area, $2 first month, $3 last month.
inline constexpr const char* kInPeriod = "FROM referral_facts WHERE area = $1 AND received_month >= $2 AND received_month <= $3";

// A stored YYYY-MM month; `what` names it in the error.
inline Result<std::chrono::year_month> month_of(std::string_view text, const char* what) {
  auto read = insight::parse_month_period(text, text, std::chrono::year{9999} / std::chrono::December);
  if (!read) return fail("internal", what);
  return read->first;
}

// The same over the figures kept per month (migration 0048), leaving out the stale months, which
// are counted from the facts instead.
inline std::string kept_in_period(const char* table) {
  return std::string("FROM ") + table +
         " k WHERE area = $1 AND month >= $2 AND month <= $3 AND NOT EXISTS "
         "(SELECT 1 FROM insight_stale_months s WHERE s.area = k.area AND s.month = k.month)";
}

// The period's FactGroups, one per service, funding stream and enhanced rights, from rows that
// may name a key more than once (kept months and stale ones, or each set of outcomes).
class GroupFolder {
 public:
  // A row of: service_id, funding_stream, enhanced, then the counts in kGroupCountColumns' order
  // from column `first`.
  void add_counts(const SqlRow& row, int first = 3) {
    auto& g = group(row);
    g.referrals += row.int64(first);
    g.contacted += row.int64(first + 1);
    g.supported += row.int64(first + 2);
    g.closed += row.int64(first + 3);
    g.assessed += row.int64(first + 4);
    add(g.first_contact, row, first + 5);
    add(g.needs_assessment, row, first + 7);
    add(g.police_referral, row, first + 9);
    add(g.restorative_justice, row, first + 11);
  }
  // A row of: service_id, funding_stream, enhanced, need, outcome, referrals.
  void add_outcome(const SqlRow& row) { group(row).outcomes[row.text(3)][row.text(4)] += row.int64(5); }
  // A row of: service_id, funding_stream, enhanced, outcomes (a fact's JSON object), then the
  // counts: the outcomes counted once per referral of the row. A period has few distinct sets
  // of outcomes among many rows, so each is read once.
  Result<void> add_fact_row(const SqlRow& row) {
    add_counts(row, 4);
    auto text = row.text(3);
    auto read = outcomes_.find(text);
    if (read == outcomes_.end()) {
      auto pairs = code_pairs(text, "A stored referral fact's outcomes do not read");
      if (!pairs) return std::unexpected(std::move(pairs.error()));
      read = outcomes_.emplace(std::move(text), std::move(*pairs)).first;
    }
    auto& g = group(row);
    for (const auto& [need, outcome] : read->second) g.outcomes[need][outcome] += row.int64(4);
    return {};
  }
  std::vector<insight::FactGroup> groups() && {
    std::vector<insight::FactGroup> out;
    out.reserve(groups_.size());
    for (auto& [key, g] : groups_) out.push_back(std::move(g));
    return out;
  }

 private:
  using Key = std::tuple<std::string, std::string, bool>;
  insight::FactGroup& group(const SqlRow& row) {
    Key key{row.text(0), row.text(1), row.boolean(2)};
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      insight::FactGroup g;
      g.service_id = std::get<0>(key);
      g.funding_stream = std::get<1>(key);
      g.enhanced = std::get<2>(key);
      it = groups_.emplace(std::move(key), std::move(g)).first;
    }
    return it->second;
  }
  static void add(insight::MetCount& count, const SqlRow& row, int column) {
    count.met += row.int64(column);
    count.breached += row.int64(column + 1);
  }
  std::map<Key, insight::FactGroup> groups_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>> outcomes_;
};

inline constexpr const char* kGroupCountColumns =
    "referrals, contacted, supported, closed, assessed, first_contact_met, first_contact_breached, "
    "needs_assessment_met, needs_assessment_breached, police_referral_met, police_referral_breached, "
    "restorative_justice_met, restorative_justice_breached";

// "SUM(a), SUM(b)" for the columns "a, b".
inline std::string sums_of(std::string_view columns) {
  std::string out;
  std::size_t from = 0;
  while (from < columns.size()) {
    auto to = columns.find(", ", from);
    if (to == std::string_view::npos) to = columns.size();
    if (!out.empty()) out += ", ";
    out += "SUM(" + std::string(columns.substr(from, to - from)) + ")";
    from = to + 2;
  }
  return out;
}

// `counts` as the rows kept for one month: (dimension, value, funding stream, referrals), one per
// stream's figure (the all-streams figures are their sums), none for a zero.
inline std::vector<std::tuple<std::string, std::string, std::string, std::int64_t>> kept_rows(
    const insight::DemandCounts& counts) {
  std::vector<std::tuple<std::string, std::string, std::string, std::int64_t>> rows;
  for (const auto& [stream, figures] : counts.by_stream) {
    for (const auto& [dimension, values] : figures) {
      for (const auto& [value, n] : values) {
        if (n != 0) rows.emplace_back(dimension, value, stream, n);
      }
    }
  }
  return rows;
}

// One month's figures as refresh_month keeps them, and the version of the month's stale mark
// they were counted at (migration 0051).
struct MonthFigures {
  std::int64_t version = 0;
  insight::DemandCounts counts;
  std::vector<insight::FactGroup> groups;
};

}  // namespace insight_sql

template <typename Connection>
class SqlInsightRows final : public InsightRows {
  static constexpr const char* kUnreadableStaleMonth = "A stale insight month does not read";

 public:
  explicit SqlInsightRows(Connection& conn) : conn_(conn) {}

  Result<void> insert(const std::vector<insight::ReferralFacts>& facts) override {
    if (facts.empty()) return {};
    std::vector<SqlParams> rows;
    rows.reserve(facts.size());
    for (const auto& f : facts) {
      const auto received = text::iso_date(f.received_on);
      SqlParams row{f.fact_id,         f.area,           f.local_authority, received,       received.substr(0, 7),
                    f.channel,         f.offence_category, f.offence_group, f.victim_type,   f.age_band,
                    f.funding_stream,  f.non_crime_asb,  f.enhanced,        f.vulnerable,     f.repeat_victim,
                    f.dash_high,       f.domestic_abuse, f.hate_crime,      f.sexual_offence, f.routing_outcome,
                    f.service_id};
      for (auto& v : insight_sql::progress_params(f.progress)) row.push_back(std::move(v));
      row.push_back(f.police_referral_met);
      row.push_back(insight_sql::routing_json(f.routing));
      rows.push_back(std::move(row));
    }
    // Per row, a fact_id stored already is skipped, not an error: the data step races the intake.
    VG_CHECK(insert_rows(conn_,
                         std::string("INSERT INTO referral_facts (") + insight_sql::kIntakeColumns + ", " +
                             insight_sql::kProgressColumns + ", " +
                             insight_sql::kCodeColumns + ")",
                         rows, " ON CONFLICT (fact_id) DO NOTHING"));
    return {};
  }

  Result<void> update_progress(const std::string& fact_id, const insight::CaseProgressFacts& progress) override {
    VG_CHECK(conn_.run(
        "UPDATE referral_facts SET accepted = $1, contacted_on = $2, assessed_on = $3, supported_on = $4, "
        "closed_on = $5, close_reason = $6, first_contact_met = $7, needs_assessment_met = $8, "
        "needs_at_assessment = $9, outcomes = $10, onward_services = $11, restorative_justice_met = $12 "
        "WHERE fact_id = $13",
        insight_sql::progress_params(progress, fact_id)));
    return {};
  }

  Result<std::optional<insight::ReferralFacts>> find(const std::string& fact_id) {
    return first_of<insight::ReferralFacts>(
        conn_,
        select_from(std::string(insight_sql::kIntakeColumns) + ", " + insight_sql::kProgressColumns + ", " +
                        insight_sql::kCodeColumns,
                    "referral_facts WHERE fact_id = $1"),
        {fact_id}, insight_sql::facts_from_row);
  }

  // The area's figures over `period`: those kept for its months, and the stale months counted from
  // their facts. Run in one read transaction, so a refresh is seen whole or not at all.
  Result<insight::DemandCounts> demand(const std::string& area, const insight::MonthPeriod& period) {
    const SqlParams params{area, insight::month_code(period.first), insight::month_code(period.last)};
    insight::DemandCounts out;
    for (const auto& flag : insight::kFlagCodes) out.flags[flag] = 0;
    VG_CHECK(conn_.run("SELECT dimension, value, funding_stream, SUM(referrals) " +
                           insight_sql::kept_in_period("insight_month_counts") +
                           " GROUP BY dimension, value, funding_stream",
                       params, [&](const SqlRow& row) -> Result<void> {
                         insight::add_stream_figure(out, row.text(2), row.text(0), row.text(1), row.int64(3));
                         return {};
                       }));
    auto stale = stale_in(area, period);
    if (!stale) return std::unexpected(std::move(stale.error()));
    for (const auto& month : *stale) insight::add_counts(out, VG_TRY(count_demand(area, {month, month})));
    return out;
  }

  Result<std::vector<insight::FactGroup>> fact_groups(const std::string& area, const insight::MonthPeriod& period) {
    const SqlParams params{area, insight::month_code(period.first), insight::month_code(period.last)};
    insight_sql::GroupFolder folder;
    VG_CHECK(conn_.run(std::string("SELECT service_id, funding_stream, enhanced, ") +
                           insight_sql::sums_of(insight_sql::kGroupCountColumns) + " " +
                           insight_sql::kept_in_period("insight_month_groups") +
                           " GROUP BY service_id, funding_stream, enhanced",
                       params, [&](const SqlRow& row) -> Result<void> {
                         folder.add_counts(row);
                         return {};
                       }));
    VG_CHECK(conn_.run("SELECT service_id, funding_stream, enhanced, need, outcome, SUM(referrals) " +
                           insight_sql::kept_in_period("insight_month_outcomes") +
                           " GROUP BY service_id, funding_stream, enhanced, need, outcome",
                       params, [&](const SqlRow& row) -> Result<void> {
                         folder.add_outcome(row);
                         return {};
                       }));
    auto stale = stale_in(area, period);
    if (!stale) return std::unexpected(std::move(stale.error()));
    for (const auto& month : *stale) VG_CHECK(count_groups_into(folder, area, {month, month}));
    return std::move(folder).groups();
  }

  Result<std::vector<InsightMonth>> stale_months(int limit) {
    return rows_of<InsightMonth>(conn_, "SELECT area, month FROM insight_stale_months ORDER BY area, month LIMIT $1",
                                 {limit}, [](const SqlRow& row) -> Result<InsightMonth> {
                                   return InsightMonth{
                                       row.text(0), VG_TRY(insight_sql::month_of(row.text(1), kUnreadableStaleMonth))};
                                 });
  }

  // The month's figures counted from its facts, with the version of its stale mark they were
  // counted at; none when the month is not stale. Run in one read snapshot.
  Result<std::optional<insight_sql::MonthFigures>> count_month(const std::string& area, std::chrono::year_month month) {
    const auto code = insight::month_code(month);
    std::optional<std::int64_t> version;
    VG_CHECK(conn_.run("SELECT version FROM insight_stale_months WHERE area = $1 AND month = $2", {area, code},
                       [&](const SqlRow& row) -> Result<void> {
                         version = row.int64(0);
                         return {};
                       }));
    if (!version) return std::optional<insight_sql::MonthFigures>{};
    insight_sql::MonthFigures figures;
    figures.version = *version;
    figures.counts = VG_TRY(count_demand(area, {month, month}));
    auto groups = count_groups(area, {month, month});
    if (!groups) return std::unexpected(std::move(groups.error()));
    figures.groups = std::move(*groups);
    return std::optional<insight_sql::MonthFigures>{std::move(figures)};
  }

  // Inside the caller's write transaction: the month's stale mark cleared if it is still at the
  // version `figures` were counted at, and then its kept figures replaced by them. False, and
  // nothing changed, when a fact of the month was written since.
  Result<bool> keep_month(const std::string& area, std::chrono::year_month month,
                          const insight_sql::MonthFigures& figures) {
    const auto code = insight::month_code(month);
    const auto cleared = VG_TRY(conn_.run(
        "DELETE FROM insight_stale_months WHERE area = $1 AND month = $2 AND version = $3 RETURNING 1",
        {area, code, figures.version}));
    if (cleared == 0) return false;
    VG_CHECK(conn_.run("DELETE FROM insight_month_counts WHERE area = $1 AND month = $2", {area, code}));
    VG_CHECK(conn_.run("DELETE FROM insight_month_groups WHERE area = $1 AND month = $2", {area, code}));
    VG_CHECK(conn_.run("DELETE FROM insight_month_outcomes WHERE area = $1 AND month = $2", {area, code}));
    std::vector<SqlParams> counts;
    for (auto& [dimension, value, stream, n] : insight_sql::kept_rows(figures.counts)) {
      counts.push_back({area, code, std::move(dimension), std::move(value), std::move(stream), n});
    }
    VG_CHECK(insert_rows(conn_,
                         "INSERT INTO insight_month_counts (area, month, dimension, value, funding_stream, referrals)",
                         counts));
    std::vector<SqlParams> groups, outcomes;
    for (const auto& g : figures.groups) {
      groups.push_back({area, code, g.service_id, g.funding_stream, g.enhanced, g.referrals, g.contacted, g.supported,
                        g.closed, g.assessed, g.first_contact.met, g.first_contact.breached, g.needs_assessment.met,
                        g.needs_assessment.breached, g.police_referral.met, g.police_referral.breached,
                        g.restorative_justice.met, g.restorative_justice.breached});
      for (const auto& [need, by_outcome] : g.outcomes) {
        for (const auto& [outcome, n] : by_outcome) {
          outcomes.push_back({area, code, g.service_id, g.funding_stream, g.enhanced, need, outcome, n});
        }
      }
    }
    VG_CHECK(insert_rows(conn_,
                         std::string("INSERT INTO insight_month_groups (area, month, service_id, funding_stream, "
                                     "enhanced, ") +
                             insight_sql::kGroupCountColumns + ")",
                         groups));
    VG_CHECK(insert_rows(conn_,
                         "INSERT INTO insight_month_outcomes (area, month, service_id, funding_stream, enhanced, need, "
                         "outcome, referrals)",
                         outcomes));
    return true;
  }

  // The figures counted from the facts themselves, as refresh_month keeps them: every figure per
  // funding stream (each query grouped by it too), the all-streams figures their sums.
  Result<insight::DemandCounts> count_demand(const std::string& area, const insight::MonthPeriod& period) {
    const SqlParams params{area, insight::month_code(period.first), insight::month_code(period.last)};
    insight::DemandCounts out;
    for (const auto& flag : insight::kFlagCodes) out.flags[flag] = 0;
    std::string totals = "SELECT funding_stream, COUNT(*), "
                         "COALESCE(SUM(CASE WHEN accepted THEN 1 ELSE 0 END), 0), "
                         "COALESCE(SUM(CASE WHEN contacted_on IS NOT NULL THEN 1 ELSE 0 END), 0), "
                         "COALESCE(SUM(CASE WHEN supported_on IS NOT NULL THEN 1 ELSE 0 END), 0)";
    for (const auto& flag : insight::kFlagCodes) {
      // Column names from the fixed list, never from input.
      totals += ", COALESCE(SUM(CASE WHEN " + flag + " THEN 1 ELSE 0 END), 0)";
    }
    totals += " ";
    totals += insight_sql::kInPeriod;
    totals += " GROUP BY funding_stream";
    VG_CHECK(conn_.run(totals, params, [&](const SqlRow& row) -> Result<void> {
      const auto stream = row.text(0);
      int column = 1;
      for (const auto* total : {"referrals", "accepted", "contacted", "supported"}) {
        insight::add_stream_figure(out, stream, "totals", total, row.int64(column++));
      }
      for (const auto& flag : insight::kFlagCodes) insight::add_stream_figure(out, stream, "flags", flag, row.int64(column++));
      return {};
    }));
    std::string by;
    for (const auto& dimension : insight::kDimensionCodes) {
      if (!by.empty()) by += " UNION ALL ";
      by += "SELECT funding_stream, '" + dimension + "', " + dimension + ", COUNT(*) " + insight_sql::kInPeriod +
            " GROUP BY funding_stream, " + dimension;
    }
    by += std::string(" UNION ALL SELECT funding_stream, '") + insight::kRepeatByOffenceGroup +
          "', offence_group, COUNT(*) " + insight_sql::kInPeriod +
          " AND repeat_victim GROUP BY funding_stream, offence_group";
    VG_CHECK(conn_.run(by, params, [&](const SqlRow& row) -> Result<void> {
      insight::add_stream_figure(out, row.text(0), row.text(1), row.text(2), row.int64(3));
      return {};
    }));
    // Days taken: each pair of dates once, banded here (the dialects count days apart differently).
    std::string days;
    for (const auto& [dimension, column] : {std::pair{"days_to_contact", "contacted_on"},
                                            std::pair{"days_to_assessment", "assessed_on"},
                                            std::pair{"days_to_support", "supported_on"}}) {
      if (!days.empty()) days += " UNION ALL ";
      days += std::string("SELECT funding_stream, '") + dimension + "', received_on, " + column + ", COUNT(*) " +
              insight_sql::kInPeriod + " AND " + column + " IS NOT NULL GROUP BY funding_stream, received_on, " +
              column;
    }
    VG_CHECK(conn_.run(days, params, [&](const SqlRow& row) -> Result<void> {
      const auto from = text::parse_iso_date(row.text(2));
      const auto to = text::parse_iso_date(row.text(3));
      if (!from || !to) return fail("internal", "A stored referral fact holds a date that does not read");
      const auto taken = (std::chrono::sys_days{*to} - std::chrono::sys_days{*from}).count();
      insight::add_stream_figure(out, row.text(0), row.text(1), insight::days_band(taken), row.int64(4));
      return {};
    }));
    // Needs, outcomes and onward referrals: each distinct stored set once, its codes counted here.
    VG_CHECK(conn_.run(std::string("SELECT funding_stream, 'n', needs_at_assessment, COUNT(*) ") +
                           insight_sql::kInPeriod +
                           " GROUP BY funding_stream, needs_at_assessment UNION ALL SELECT funding_stream, 'o', "
                           "outcomes, COUNT(*) " +
                           insight_sql::kInPeriod +
                           " GROUP BY funding_stream, outcomes UNION ALL SELECT funding_stream, 's', onward_services, "
                           "COUNT(*) " +
                           insight_sql::kInPeriod + " GROUP BY funding_stream, onward_services",
                       params, [&](const SqlRow& row) -> Result<void> {
                         constexpr const char* kUnreadable = "A stored referral fact's needs or services do not read";
                         const auto stream = row.text(0);
                         const auto kind = row.text(1);
                         const auto n = row.int64(3);
                         if (kind == "s") {
                           auto services = insight_sql::code_list(row.text(2), kUnreadable);
                           if (!services) return std::unexpected(std::move(services.error()));
                           for (const auto& entry : *services) {
                             insight::add_stream_figure(out, stream, insight::kOnwardReferrals, entry, n);
                           }
                           return {};
                         }
                         auto pairs = insight_sql::code_pairs(row.text(2), kUnreadable);
                         if (!pairs) return std::unexpected(std::move(pairs.error()));
                         const auto& dimension = kind == "n" ? insight::kNeedsAtAssessment : insight::kOutcomesAtClose;
                         for (const auto& [need, code] : *pairs) {
                           insight::add_stream_figure(out, stream, dimension, insight::pair_code(need, code), n);
                         }
                         return {};
                       }));
    return out;
  }

  Result<std::vector<insight::FactGroup>> count_groups(const std::string& area, const insight::MonthPeriod& period) {
    insight_sql::GroupFolder folder;
    VG_CHECK(count_groups_into(folder, area, period));
    return std::move(folder).groups();
  }

  // The period's facts added up into `folder`, as refresh_month keeps them.
  Result<void> count_groups_into(insight_sql::GroupFolder& folder, const std::string& area,
                                 const insight::MonthPeriod& period) {
    const SqlParams params{area, insight::month_code(period.first), insight::month_code(period.last)};
    auto met = [](const char* column) {
      return std::string("COALESCE(SUM(CASE WHEN ") + column + " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN NOT " +
             column + " THEN 1 ELSE 0 END), 0)";
    };
    const std::string sql =
        "SELECT service_id, funding_stream, enhanced, outcomes, COUNT(*), "
        "COALESCE(SUM(CASE WHEN contacted_on IS NOT NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN supported_on IS NOT NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN closed_on IS NOT NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN assessed_on IS NOT NULL THEN 1 ELSE 0 END), 0), " +
        met("first_contact_met") + ", " + met("needs_assessment_met") + ", " + met("police_referral_met") + ", " +
        met("restorative_justice_met") + " " + insight_sql::kInPeriod +
        " GROUP BY service_id, funding_stream, enhanced, outcomes";
    VG_CHECK(conn_.run(sql, params, [&](const SqlRow& row) { return folder.add_fact_row(row); }));
    return {};
  }

  Result<void> set_routing_inputs(const std::string& fact_id, const routing::RoutingInputs& inputs) override {
    VG_CHECK(conn_.run("UPDATE referral_facts SET routing_inputs = $1 WHERE fact_id = $2",
                       {insight_sql::routing_json(inputs), fact_id}));
    return {};
  }

  Result<std::vector<insight::ReplayFacts>> replay_facts(const std::string& area, const insight::MonthPeriod& period) {
    const SqlParams params{area, insight::month_code(period.first), insight::month_code(period.last)};
    return rows_of<insight::ReplayFacts>(
        conn_,
        std::string("SELECT routing_inputs, received_on, closed_on ") + insight_sql::kInPeriod +
            " ORDER BY received_on, fact_id",
        params, [](const SqlRow& row) -> Result<insight::ReplayFacts> {
          insight::ReplayFacts f;
          f.routing = VG_TRY(insight_sql::routing_column(row, 0));
          auto received = VG_TRY(insight_sql::date_column(row, 1));
          if (!received) return fail("internal", "A stored referral fact has no date of receipt");
          f.received_on = *received;
          f.closed_on = VG_TRY(insight_sql::date_column(row, 2));
          return f;
        });
  }

  Result<std::vector<insight::OpenCaseGroup>> open_cases_on(const std::string& area, insight::Date day) {
    const auto on = text::iso_date(day);
    return rows_of<insight::OpenCaseGroup>(
        conn_,
        "SELECT service_id, closed_on, COUNT(*) FROM referral_facts WHERE area = $1 AND received_on < $2 "
        "AND routing_outcome IN ('routed', 'queued') AND service_id <> '' "
        "AND (closed_on IS NULL OR closed_on >= $2) GROUP BY service_id, closed_on ORDER BY service_id, COALESCE(closed_on, '')",
        {area, on}, [](const SqlRow& row) -> Result<insight::OpenCaseGroup> {
          insight::OpenCaseGroup g;
          g.service_id = row.text(0);
          g.closed_on = VG_TRY(insight_sql::date_column(row, 1));
          g.count = row.int64(2);
          return g;
        });
  }

  Result<std::vector<std::string>> facts_without_routing_inputs(const std::string& after_id, int limit) {
    return rows_of<std::string>(conn_,
                                "SELECT f.fact_id FROM referral_facts f JOIN referrals r ON r.id = f.fact_id "
                                "WHERE f.fact_id > $1 AND f.routing_inputs IS NULL ORDER BY f.fact_id LIMIT $2",
                                {after_id, limit}, [](const SqlRow& row) { return text_of(row); });
  }

  Result<std::vector<std::string>> referrals_without_facts(const std::string& after_id, int limit) {
    return rows_of<std::string>(conn_,
                                "SELECT r.id FROM referrals r WHERE r.id > $1 AND NOT EXISTS "
                                "(SELECT 1 FROM referral_facts f WHERE f.fact_id = r.id) ORDER BY r.id LIMIT $2",
                                {after_id, limit}, [](const SqlRow& row) { return text_of(row); });
  }

 private:
  // The area's stale months within `period`.
  Result<std::vector<std::chrono::year_month>> stale_in(const std::string& area, const insight::MonthPeriod& period) {
    return rows_of<std::chrono::year_month>(
        conn_, "SELECT month FROM insight_stale_months WHERE area = $1 AND month >= $2 AND month <= $3",
        {area, insight::month_code(period.first), insight::month_code(period.last)},
        [](const SqlRow& row) { return insight_sql::month_of(row.text(0), kUnreadableStaleMonth); });
  }

  Connection& conn_;
};

// InsightRepository over either backend's database: the rows' reads, each on a read of its own.
template <typename Db>
class SqlInsight final : public InsightRepository, public InsightRefreshSteps {
 public:
  explicit SqlInsight(Db& db) : db_(db) {}

  Result<std::optional<insight::ReferralFacts>> find(const std::string& fact_id) override {
    return read_on<std::optional<insight::ReferralFacts>>(
        db_, [&](auto& conn) { return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).find(fact_id); });
  }
  // Both read kept figures, stale marks and facts in one snapshot.
  Result<insight::DemandCounts> demand(const std::string& area, const insight::MonthPeriod& period) override {
    return snapshot_on<insight::DemandCounts>(
        db_, [&](auto& conn) { return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).demand(area, period); });
  }
  Result<std::vector<insight::FactGroup>> fact_groups(const std::string& area, const insight::MonthPeriod& period) override {
    return snapshot_on<std::vector<insight::FactGroup>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).fact_groups(area, period);
    });
  }
  Result<std::vector<InsightMonth>> stale_months(int limit) override {
    return read_on<std::vector<InsightMonth>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).stale_months(limit);
    });
  }
  Result<void> refresh_month(const std::string& area, std::chrono::year_month month) override {
    VG_CHECK(refresh_month_with(area, month, {}));
    return {};
  }
  // Counting takes seconds on a big month, so it runs in a read snapshot, never holding the
  // writer (SQLite) or locking out writers (PostgreSQL). A fact written meanwhile has moved the
  // month's version on, so keep_month leaves the month stale; on PostgreSQL a writer whose mark
  // is not yet committed holds the mark's row, and the delete waits for it and then sees the new
  // version.
  Result<bool> refresh_month_with(const std::string& area, std::chrono::year_month month,
                                  const std::function<void()>& between) override {
    auto figures = snapshot_on<std::optional<insight_sql::MonthFigures>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).count_month(area, month);
    });
    if (!figures) return std::unexpected(std::move(figures.error()));
    if (!*figures) return false;  // not stale (another run kept it)
    if (between) between();
    bool kept = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      kept = VG_TRY(SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).keep_month(area, month, **figures));
      return {};
    }));
    return kept;
  }
  Result<std::vector<insight::ReplayFacts>> replay_facts(const std::string& area,
                                                         const insight::MonthPeriod& period) override {
    return read_on<std::vector<insight::ReplayFacts>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).replay_facts(area, period);
    });
  }
  Result<std::vector<insight::OpenCaseGroup>> open_cases_on(const std::string& area, insight::Date day) override {
    return read_on<std::vector<insight::OpenCaseGroup>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).open_cases_on(area, day);
    });
  }
  Result<std::vector<std::string>> facts_without_routing_inputs(const std::string& after_id, int limit) override {
    return read_on<std::vector<std::string>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).facts_without_routing_inputs(after_id, limit);
    });
  }
  Result<std::vector<std::string>> referrals_without_facts(const std::string& after_id, int limit) override {
    return read_on<std::vector<std::string>>(db_, [&](auto& conn) {
      return SqlInsightRows<std::remove_reference_t<decltype(conn)>>(conn).referrals_without_facts(after_id, limit);
    });
  }

 private:
  Db& db_;
};

}  // namespace vg::store
