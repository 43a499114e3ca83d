#include "app/casework/onward_referrals.h"

#include <boost/json.hpp>

#include <algorithm>

#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/directory/local_authorities.h"
#include "app/intake/referral_json.h"
#include "app/security/random_token.h"
#include "domain/casework/case_consent.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::vector<std::string> area_local_authorities(const std::string& area) {
  std::vector<std::string> out;
  for (const auto& la : local_authorities()) {
    if (area_id(la.police_force_area) == area) out.push_back(la.code);
  }
  return out;
}

bool serves_area(const directory::ServiceRecord& s, const std::string& area) {
  const auto codes = area_local_authorities(area);
  return std::any_of(s.area_codes.begin(), s.area_codes.end(),
                     [&](const std::string& c) { return std::find(codes.begin(), codes.end(), c) != codes.end(); });
}

json::array codes_of(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

}  // namespace

Result<OnwardSection> OnwardReferrals::open(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record) return not_found("The case");
  const auto subject = case_subject(*record);
  VG_CHECK(case_read_right(store_, clock_.now(), actor, *record));
  OnwardSection section;
  section.referrals = VG_TRY(store_.onward_referrals().for_case(case_id));
  for (const auto& r : section.referrals) {
    auto service = VG_TRY(store_.directory().find_service(r.service_id));
    section.service_names.push_back(service ? service->name : std::string("A service no longer listed"));
  }
  std::optional<intake::ConsentRecord> on_referral;
  if (auto referral = VG_TRY(store_.referrals().find(case_id))) {
    if (auto parsed = parse_referral_json(referral->document)) on_referral = parsed->consent;
  }
  section.consent_scope = casework::consent_scope_in_force(VG_TRY(store_.cases().events(case_id)), on_referral);
  section.may_work = access::decide(actor, access::Action::kWorkCase, subject).allowed;
  section.record = std::move(*record);
  return section;
}

Result<std::vector<directory::ServiceRecord>> OnwardReferrals::services(const std::string& area) {
  directory::ServiceQuery query;
  query.area_codes = area_local_authorities(area);
  if (query.area_codes.empty()) return std::vector<directory::ServiceRecord>{};
  query.status = "active";
  query.per_page = 200;
  auto page = VG_TRY(store_.directory().search_services(query));
  std::sort(page.items.begin(), page.items.end(),
            [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
  return page.items;
}

Result<casework::CaseRecord> OnwardReferrals::send(const access::Actor& actor, const std::string& case_id,
                                                   std::int64_t expected_version, const OnwardSend& request) {
  if (request.service_id.empty()) return validation_failed({{"service_id", "required", "Select a service"}});
  auto service = VG_TRY(store_.directory().find_service(request.service_id));
  if (!service || service->status != "active") {
    return validation_failed({{"service_id", "unknown", "Select a service from the list"}});
  }
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version, "case.onward_referral_sent",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        // The one consent check for every share: nothing of a case awaiting consent leaves it.
        if (!casework::may_share(c.consent_state)) {
          return validation_failed({{"service_id", "no_consent",
                                     "Nothing of this case may be shared until consent is recorded"}},
                                   "Nothing of this case may be shared until consent is recorded");
        }
        if (c.status == casework::CaseStatus::kClosed) {
          return fail("conflict", "The case is closed", {{"service_id", "closed", "The case is closed"}});
        }
        if (!serves_area(*service, c.area)) {
          return validation_failed({{"service_id", "not_in_area", "Select a service in the case's area"}});
        }
        for (const auto& earlier : VG_TRY(unit.onward_referrals().for_case(c.id))) {
          if (earlier.service_id == service->id && casework::partner_may_see(earlier.state)) {
            return validation_failed(
                {{"service_id", "already_referred", "This case is already referred to " + service->name}});
          }
        }
        auto stored = VG_TRY(unit.referrals().with_ids({c.id}));
        if (stored.empty()) return not_found("The case");
        auto referral = parse_referral_json(stored.front().document);
        if (!referral) return fail("internal", "The case's referral could not be read");
        const auto scope = casework::consent_scope_in_force(VG_TRY(unit.cases().events(c.id)), referral->consent);
        casework::OnwardReferral r;
        r.shared_fields = VG_TRY(casework::fields_to_share(request.shared_fields, scope));
        const auto now = clock_.now();
        r.id = random_uuid();
        r.case_id = c.id;
        r.service_id = service->id;
        r.directory_organization_id = service->organization_id;
        r.area = c.area;
        r.sent_by = actor.user_id;
        r.sent_at = now;
        r.respond_by = casework::onward_respond_by(england_and_wales_bank_holidays(), deadlines::london_date(now));
        VG_CHECK(unit.onward_referrals().insert(r));
        CaseChangeMade made;
        made.audit_detail = json::serialize(json::object{{"onward_referral_id", r.id},
                                                         {"service_id", r.service_id},
                                                         {"respond_by", text::iso_date(r.respond_by)},
                                                         {"shared_fields", codes_of(r.shared_fields)}});
        auto event = json::object{{"onward_referral_id", r.id},
                                  {"service_id", r.service_id},
                                  {"service_name", service->name},
                                  {"respond_by", text::iso_date(r.respond_by)}};
        made.events.push_back({0, {}, {}, {}, "onward_referral_sent", json::serialize(event)});
        return made;
      });
}

Result<casework::CaseRecord> OnwardReferrals::withdraw(const access::Actor& actor, const std::string& case_id,
                                                       std::int64_t expected_version,
                                                       const std::string& onward_referral_id) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version, "case.onward_referral_withdrawn",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        auto r = VG_TRY(unit.onward_referrals().find(onward_referral_id));
        if (!r || r->case_id != c.id) return not_found("The onward referral");
        r->state = VG_TRY(casework::onward_state_after(r->state, casework::OnwardChange::kWithdraw,
                                                       casework::OnwardParty::kCaseworker));
        r->withdrawn_at = clock_.now();
        VG_CHECK(unit.onward_referrals().update(*r, r->version));
        auto service = VG_TRY(store_.directory().find_service(r->service_id));
        CaseChangeMade made;
        made.audit_detail =
            json::serialize(json::object{{"onward_referral_id", r->id}, {"service_id", r->service_id}});
        made.events.push_back({0, {}, {}, {}, "onward_referral_withdrawn",
                               json::serialize(json::object{{"onward_referral_id", r->id},
                                                            {"service_id", r->service_id},
                                                            {"service_name", service ? service->name : ""}})});
        return made;
      });
}

}  // namespace vg::app
