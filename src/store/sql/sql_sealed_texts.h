// The sealed texts of both backends (sealed_text_repository.h): one list of the places the notes
// key seals text, one definition of every statement. Store-internal. A place added to the schema
// that seals with the notes key must be added to kSealedPlaces, or a key rotation would leave it
// under the old key (the conformance test counts every place through count_by_key).
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/sealed_text_repository.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"

namespace vg::store {

namespace sealed_sql {

// A table's sealed column, the column naming its key, and the columns naming a row (a whole
// number marked so it is sent back as one). An empty key id marks a row with nothing sealed,
// unless `plain` is set: then a row with an empty key id for which that condition holds keeps its
// value plain (the fields the store seals itself, sealed_fields.h, written before migration 0047
// or without a key), and the rotation seals it.
struct SealedPlace {
  const char* table;
  const char* key_id;
  const char* sealed;
  std::vector<const char*> row;
  std::vector<bool> row_is_number;
  const char* plain = nullptr;
};

inline const std::array<SealedPlace, 11>& places() {
  static const std::array<SealedPlace, 11> kSealedPlaces = {{
      {"case_notes", "key_id", "sealed", {"id"}, {false}},
      {"case_needs_assessments", "notes_key_id", "notes_sealed", {"case_id", "stage"}, {false, false}},
      {"case_plan_actions", "text_key_id", "text_sealed", {"id"}, {false}},
      {"case_form_drafts", "key_id", "sealed", {"case_id", "user_id", "form"}, {false, false, false}},
      {"case_break_glass", "note_key_id", "note_sealed", {"id"}, {false}},
      {"chat_events", "body_key_id", "body_sealed", {"chat_id", "seq"}, {false, true}},
      {"chat_concerns", "note_key_id", "note_sealed", {"id"}, {false}},
      // An erased referral's document says only that it was erased: nothing to seal.
      {"referrals", "document_key_id", "document", {"id"}, {false}, "document <> '{\"erased\":true}'"},
      {"case_risk_assessments", "dash_key_id", "dash_answers", {"id"}, {false}, "dash_answers <> ''"},
      {"case_risk_assessments", "sdash_key_id", "sdash_answers", {"id"}, {false}, "sdash_answers <> ''"},
      {"case_risk_assessments", "judgement_key_id", "judgement_reason", {"id"}, {false}, "judgement_reason <> ''"},
  }};
  return kSealedPlaces;
}

inline std::string column_name(const SealedPlace& p) { return std::string(p.table) + "." + p.sealed; }

inline const SealedPlace* place_named(const std::string& column) {
  for (const auto& p : places()) {
    if (column_name(p) == column) return &p;
  }
  return nullptr;
}

inline std::string joined(const std::vector<const char*>& names) {
  std::string out;
  for (const char* n : names) out.append(out.empty() ? "" : ", ").append(n);
  return out;
}

// The rows of `p` holding a text: sealed under some key, or plain where the place keeps plain ones.
inline std::string holding_text(const SealedPlace& p) {
  std::string out = std::string("(") + p.key_id + " <> ''";
  if (p.plain) out.append(" OR (").append(p.key_id).append(" = '' AND ").append(p.plain).append(")");
  return out + ")";
}

}  // namespace sealed_sql

template <typename Db>
class SqlSealedTexts final : public SealedTextRepository {
 public:
  explicit SqlSealedTexts(Db& db) : db_(db) {}

  Result<std::map<std::string, std::int64_t>> count_by_key() override {
    std::map<std::string, std::int64_t> counts;
    VG_CHECK(db_.read_one([&](auto& conn) -> Result<void> {
      for (const auto& p : sealed_sql::places()) {
        // Plain texts are counted under the empty key id.
        VG_CHECK(conn.run(std::string("SELECT ") + p.key_id + ", COUNT(*) FROM " + p.table + " WHERE " +
                              sealed_sql::holding_text(p) + " GROUP BY " + p.key_id,
                          {}, [&](const SqlRow& row) -> Result<void> {
                            counts[row.text(0)] += row.int64(1);
                            return {};
                          }));
      }
      return {};
    }));
    return counts;
  }

  Result<std::vector<SealedCell>> sealed_under_other_keys(const std::string& key_id, int limit,
                                                          const SealedCell* after) override {
    const sealed_sql::SealedPlace* after_place = nullptr;
    if (after) {
      after_place = sealed_sql::place_named(after->column);
      if (!after_place || !fits(*after_place, after->row)) {
        return validation_failed({{"after", "unknown", "Not a place the notes key seals text"}},
                                 "A sealed text names no place the store keeps one");
      }
    }
    std::vector<SealedCell> cells;
    VG_CHECK(db_.read_one([&](auto& conn) -> Result<void> {
      cells.clear();
      bool reached = after_place == nullptr;
      for (const auto& p : sealed_sql::places()) {
        const int wanted = limit - static_cast<int>(cells.size());
        if (wanted <= 0) break;
        const bool resume = &p == after_place;
        reached = reached || resume;
        if (!reached) continue;
        const std::string row_columns = sealed_sql::joined(p.row);
        SqlParams params{key_id, wanted};
        std::string sql = std::string("SELECT ") + p.key_id + ", " + p.sealed + ", " + row_columns + " FROM " +
                          p.table + " WHERE " + p.key_id + " <> $1 AND " + sealed_sql::holding_text(p);
        if (resume) {
          std::string values;
          for (std::size_t i = 0; i < p.row.size(); ++i) {
            values.append(i == 0 ? "" : ", ").append(add_param(params, row_value(p, i, after->row[i])));
          }
          sql.append(" AND (").append(row_columns).append(") > (").append(values).append(")");
        }
        VG_CHECK(conn.run(sql + " ORDER BY " + row_columns + " LIMIT $2", params,
                          [&](const SqlRow& row) -> Result<void> {
                            SealedCell cell;
                            cell.column = sealed_sql::column_name(p);
                            cell.text = {row.text(0), row.text(1)};
                            for (std::size_t i = 0; i < p.row.size(); ++i) {
                              const int at = static_cast<int>(i) + 2;
                              cell.row.push_back(p.row_is_number[i] ? std::to_string(row.int64(at)) : row.text(at));
                            }
                            cells.push_back(std::move(cell));
                            return {};
                          }));
      }
      return {};
    }));
    return cells;
  }

  Result<int> replace(const std::vector<std::pair<SealedCell, casework::SealedText>>& cells,
                      const AuditEntry& audit) override {
    for (const auto& [cell, resealed] : cells) {
      const auto* p = sealed_sql::place_named(cell.column);
      if (!p || !fits(*p, cell.row)) {
        return validation_failed({{"column", "unknown", "Not a place the notes key seals text"}},
                                 "A sealed text names no place the store keeps one");
      }
    }
    int replaced = 0;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      replaced = 0;
      for (const auto& [cell, resealed] : cells) {
        const auto& p = *sealed_sql::place_named(cell.column);
        SqlParams params{resealed.key_id, resealed.sealed, cell.text.key_id, cell.text.sealed};
        std::string sql = std::string("UPDATE ") + p.table + " SET " + p.key_id + " = $1, " + p.sealed + " = $2 WHERE " +
                          p.key_id + " = $3 AND " + p.sealed + " = $4";
        for (std::size_t i = 0; i < p.row.size(); ++i) {
          const std::string placeholder = add_param(params, row_value(p, i, cell.row[i]));
          sql.append(" AND ").append(p.row[i]).append(" = ").append(placeholder);
        }
        replaced += static_cast<int>(VG_TRY(conn.run(sql + " RETURNING " + p.key_id, params)));
      }
      return append_audit(conn, audit);
    }));
    return replaced;
  }

 private:
  // Whether `row` names a row of `p`: as many values as its key, each whole number a number.
  static bool fits(const sealed_sql::SealedPlace& p, const std::vector<std::string>& row) {
    bool ok = row.size() == p.row.size();
    for (std::size_t i = 0; ok && i < row.size(); ++i) ok = !p.row_is_number[i] || number(row[i]);
    return ok;
  }

  // The `i`th value of a row `fits` accepted, as the column holds it.
  static SqlValue row_value(const sealed_sql::SealedPlace& p, std::size_t i, const std::string& text) {
    return p.row_is_number[i] ? SqlValue(*number(text)) : SqlValue(text);
  }

  static std::optional<std::int64_t> number(const std::string& text) {
    std::int64_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return n;
  }

  Db& db_;
};

}  // namespace vg::store
