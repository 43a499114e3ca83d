#include "app/directory/postcode_csv.h"

#include <algorithm>
#include <cctype>

#include "app/directory/local_authorities.h"
#include "domain/directory/postcode.h"

namespace vg::app {

std::vector<std::string> split_csv_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cell));
      cell.clear();
    } else {
      cell.push_back(c);
    }
  }
  out.push_back(std::move(cell));
  return out;
}

Result<PostcodeCsvLayout> read_postcode_header(std::string_view line) {
  // A UTF-8 byte-order mark is common in files saved from spreadsheets.
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  auto names = split_csv_line(line);
  PostcodeCsvLayout layout;
  layout.columns = names.size();
  std::optional<std::size_t> postcode, lad;
  int postcode_rank = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string n = names[i];
    std::transform(n.begin(), n.end(), n.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const int rank = n == "pcds" ? 3 : (n == "pcd" || n == "pcd7" || n == "pcd8") ? 2 : 0;
    if (rank > postcode_rank) {
      postcode_rank = rank;
      postcode = i;
    }
    const bool lad_name = n == "laua" || n == "lad" ||
                          (n.size() == 7 && n.starts_with("lad") && n.ends_with("cd") &&
                           std::isdigit(static_cast<unsigned char>(n[3])) &&
                           std::isdigit(static_cast<unsigned char>(n[4])));
    if (lad_name && !lad) lad = i;
  }
  std::vector<FieldError> errors;
  if (!postcode) {
    errors.push_back({"header", "missing_column", "no postcode column (pcds, pcd, pcd7 or pcd8)"});
  }
  if (!lad) {
    errors.push_back({"header", "missing_column",
                      "no local authority column (laua, lad or ladNNcd, e.g. lad25cd)"});
  }
  if (!errors.empty()) {
    return validation_failed(std::move(errors), "This is not an ONS postcode lookup file");
  }
  layout.postcode_column = *postcode;
  layout.lad_column = *lad;
  return layout;
}

Result<std::optional<PostcodeCsvRow>> read_postcode_row(std::string_view line,
                                                        const PostcodeCsvLayout& layout) {
  auto cells = split_csv_line(line);
  if (cells.size() <= std::max(layout.postcode_column, layout.lad_column)) {
    return validation_failed({{"columns", "too_few",
                               "has " + std::to_string(cells.size()) + " columns; the header has " +
                                   std::to_string(layout.columns)}},
                             "Row is too short");
  }
  auto postcode = directory::normalise_postcode(cells[layout.postcode_column]);
  if (!postcode) {
    return validation_failed({{"postcode", "malformed", "is not a UK postcode"}}, "Bad postcode");
  }
  const std::string& lad = cells[layout.lad_column];
  if (!is_gss_code(lad)) {
    // ONS marks postcodes outside the four nations' districts with pseudo codes (L99999999,
    // M99999999) or leaves them empty: nothing to look up, not an error in the file.
    if (lad.empty() || lad.ends_with("99999999")) return std::optional<PostcodeCsvRow>{};
    return validation_failed({{"lad", "malformed", "is not a local authority GSS code"}},
                             "Bad local authority code");
  }
  return std::optional<PostcodeCsvRow>{PostcodeCsvRow{directory::postcode_key(*postcode), lad}};
}

}  // namespace vg::app
