#include "domain/accounts/refusal_audit.h"

#include <string>

namespace vg::accounts {

bool audits_refusal(std::int64_t count) {
  if (count < 1) return false;
  if (count <= kRefusalsEachAudited) return true;
  // 10, 20, 50 times a power of ten.
  std::int64_t power = 1;
  while (count / power >= 10 && count % power == 0) power *= 10;
  if (count % power != 0) return false;
  const std::int64_t leading = count / power;
  return leading == 1 || leading == 2 || leading == 5;
}

AuditEntry with_refusal_count(AuditEntry entry, std::int64_t count) {
  const std::string member = "\"refusals\":" + std::to_string(count);
  const auto& d = entry.detail;
  if (d.size() < 2 || d.front() != '{' || d.back() != '}') {
    entry.detail = "{" + member + "}";
  } else if (d.find_first_not_of(" \t\r\n", 1) == d.size() - 1) {
    entry.detail = "{" + member + "}";
  } else {
    entry.detail = std::string("{").append(member).append(",").append(d.substr(1));
  }
  return entry;
}

}  // namespace vg::accounts
