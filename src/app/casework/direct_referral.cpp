#include "app/casework/direct_referral.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "app/security/random_token.h"
#include "domain/casework/case_consent.h"
#include "domain/casework/onward_referral.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string string_field(const std::string& detail, const char* name) {
  boost::system::error_code ec;
  auto v = json::parse(detail, ec);
  const auto* f = !ec && v.is_object() ? v.as_object().if_contains(name) : nullptr;
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

casework::CaseEvent system_event(const casework::CaseRecord& c, accounts::Instant now, std::string kind,
                                 std::string detail) {
  return {0, c.id, now, std::string(kDirectReferralActor), std::move(kind), std::move(detail)};
}

}  // namespace

Result<void> refer_directly(store::UnitOfWork& unit, store::DirectoryRepository& directory,
                            const casework::CaseRecord& c, const std::string& service_id,
                            accounts::Instant now, std::vector<casework::CaseEvent>& events,
                            std::vector<accounts::AuditEntry>& audit) {
  if (service_id.empty() || c.status == casework::CaseStatus::kClosed) return {};
  auto service = VG_TRY(directory.find_service(service_id));
  if (!service || service->status != "active") return {};
  // The one consent check for every share: a case awaiting consent waits, marked.
  if (!casework::may_share(c.consent_state)) {
    events.push_back(system_event(c, now, "direct_referral_waiting",
                                  json::serialize(json::object{{"service_id", service->id},
                                                               {"service_name", service->name}})));
    return {};
  }
  for (const auto& earlier : VG_TRY(unit.onward_referrals().for_case(c.id))) {
    if (earlier.service_id == service->id && casework::partner_may_see(earlier.state)) return {};
  }
  std::optional<intake::ConsentRecord> on_referral;
  auto stored = VG_TRY(unit.referrals().with_ids({c.id}));
  if (!stored.empty()) {
    if (auto parsed = parse_referral_json(stored.front().document)) on_referral = parsed->consent;
  }
  const auto scope = casework::consent_scope_in_force(VG_TRY(unit.cases().events(c.id)), on_referral);
  casework::OnwardReferral r;
  r.shared_fields = VG_TRY(casework::fields_to_share({}, scope));  // what every partner must see, no more
  r.id = random_uuid();
  r.case_id = c.id;
  r.service_id = service->id;
  r.directory_organization_id = service->organization_id;
  r.area = c.area;
  r.sent_by = std::string(kDirectReferralActor);
  r.sent_at = now;
  r.respond_by = casework::onward_respond_by(england_and_wales_bank_holidays(), deadlines::london_date(now));
  VG_CHECK(unit.onward_referrals().insert(r));
  const std::string respond_by = text::iso_date(r.respond_by);
  events.push_back(system_event(c, now, "onward_referral_sent",
                                json::serialize(json::object{{"onward_referral_id", r.id},
                                                             {"service_id", r.service_id},
                                                             {"service_name", service->name},
                                                             {"respond_by", respond_by},
                                                             {"direct", true}})));
  audit.push_back(audit_entry(now, std::string(kDirectReferralActor), "case.onward_referral_sent", "case", c.id,
                              json::serialize(json::object{{"onward_referral_id", r.id},
                                                           {"service_id", r.service_id},
                                                           {"respond_by", respond_by},
                                                           {"direct", true}})));
  return {};
}

std::string direct_referral_waiting(const std::vector<casework::CaseEvent>& events) {
  std::string waiting;
  for (const auto& e : events) {
    if (e.kind == "direct_referral_waiting") waiting = string_field(e.detail, "service_id");
    if (e.kind == "onward_referral_sent" && !waiting.empty() && string_field(e.detail, "service_id") == waiting) {
      waiting.clear();
    }
  }
  return waiting;
}

}  // namespace vg::app
