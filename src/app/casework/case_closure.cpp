#include "app/casework/case_closure.h"

#include <boost/json.hpp>

#include "app/casework/case_access.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// The ratings at the needs assessment, if the needs were assessed.
Result<std::optional<casework::NeedRatings>> assessed_ratings(store::UnitOfWork& unit,
                                                              const std::string& case_id) {
  for (const auto& a : VG_TRY(unit.support().assessments(case_id))) {
    if (a.stage == "assessment") return std::optional<casework::NeedRatings>(a.ratings);
  }
  return std::optional<casework::NeedRatings>{};
}

}  // namespace

Result<CaseClosureView> CaseClosure::open(const access::Actor& actor, const std::string& case_id) {
  CaseClosureView view;
  view.domains = domains_;
  view.header = VG_TRY(
      read_case_support(store_, clock_, actor, case_id, "case.closure_read",
                        [&](const casework::CaseRecord&, store::UnitOfWork& unit) -> Result<void> {
                          for (const auto& a : VG_TRY(unit.support().assessments(case_id))) {
                            if (a.stage == "assessment") view.assessed = a.ratings;
                            if (a.stage == "close") view.at_close = a.ratings;
                          }
                          view.closure = VG_TRY(unit.support().closure(case_id));
                          return {};
                        }));
  return view;
}

Result<casework::Closing> CaseClosure::preview(const access::Actor& actor,
                                               const std::string& case_id,
                                               const casework::ClosingAnswers& answers) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) {
    return fail("forbidden", "Your role does not allow this");
  }
  casework::Closing closing;
  // Read-only, but in a unit of work so the case and its assessment are read together.
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto found = VG_TRY(unit.cases().find(case_id));
    if (!found || !access::decide(actor, access::Action::kWorkCase, case_subject(*found)).allowed) {
      return not_found("The case");
    }
    closing = VG_TRY(casework::check_closing(found->status, VG_TRY(assessed_ratings(unit, case_id)),
                                             domains_, answers));
    return {};
  }));
  return closing;
}

Result<casework::CaseRecord> CaseClosure::close(const access::Actor& actor,
                                                const std::string& case_id,
                                                std::int64_t expected_version,
                                                const casework::ClosingAnswers& answers) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version, "case.closed",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        const auto assessed = VG_TRY(assessed_ratings(unit, c.id));
        auto closing = VG_TRY(casework::check_closing(c.status, assessed, domains_, answers));
        const auto now = clock_.now();
        std::map<std::string, std::string> outcomes;
        json::object counts{{"yes", 0}, {"partly", 0}, {"no", 0}, {"no_need", 0}};
        for (const auto& [code, o] : closing.outcomes) {
          outcomes[code] = std::string(casework::to_code(o));
          auto& n = counts[casework::to_code(o)];
          n = n.as_int64() + 1;
        }
        if (assessed) {
          // Rated again at close: the ratings are the measure; no notes at this stage.
          VG_CHECK(unit.support().save_assessment(
              {c.id, "close", closing.at_close, {}, actor.user_id, now}));
        }
        VG_CHECK(unit.support().insert_closure(
            {c.id, std::string(casework::to_code(closing.reason)), outcomes, actor.user_id, now}));
        c.status = casework::CaseStatus::kClosed;
        CaseChangeMade made;
        json::object detail{{"reason", casework::to_code(closing.reason)},
                            {"measured", assessed.has_value()}};
        detail["outcomes"] = counts;
        made.audit_detail = json::serialize(detail);
        made.events.push_back({0, {}, {}, {}, "case_closed", made.audit_detail});
        return made;
      });
}

}  // namespace vg::app
