// UnitOfWork over one SQL connection inside its write transaction, the same for both backends:
// case, case support, job and outbox rows are shared SQL; the backend brings its ReferralRows and its
// append_audit_entries (found by argument-dependent lookup in the connection's namespace).
#pragma once

#include <utility>
#include <vector>

#include "store/sql/sql_break_glass.h"
#include "store/sql/sql_case_merges.h"
#include "store/sql/sql_case_risk.h"
#include "store/sql/sql_case_support.h"
#include "store/sql/sql_cases.h"
#include "store/sql/sql_insight.h"
#include "store/sql/sql_jobs.h"
#include "store/sql/sql_onward_referrals.h"
#include "store/sql/sql_outbox.h"
#include "store/sql/sealed_fields.h"
#include "store/unit_of_work.h"

namespace vg::store {

template <typename Connection, typename Rows>
class SqlUnitOfWork final : public UnitOfWork {
 public:
  // `fields`: the store's sealing of the fields it seals (sealed_fields.h); `rows_args`: what the
  // backend's rows take besides the connection and those.
  template <typename... RowsArgs>
  SqlUnitOfWork(Connection& conn, const SealedFields& fields, RowsArgs&&... rows_args)
      : conn_(conn),
        referrals_(conn, fields, std::forward<RowsArgs>(rows_args)...),
        cases_(conn),
        support_(conn),
        jobs_(conn),
        outbox_(conn),
        onward_referrals_(conn),
        risk_assessments_(conn, fields),
        tasks_(conn),
        merges_(conn),
        break_glass_(conn),
        insight_(conn) {}

  ReferralRows& referrals() override { return referrals_; }
  CaseRows& cases() override { return cases_; }
  CaseSupportRows& support() override { return support_; }
  JobRows& jobs() override { return jobs_; }
  OutboxRows& outbox() override { return outbox_; }
  OnwardReferralRows& onward_referrals() override { return onward_referrals_; }
  RiskAssessmentRows& risk_assessments() override { return risk_assessments_; }
  CaseTaskRows& tasks() override { return tasks_; }
  CaseMergeRows& merges() override { return merges_; }
  BreakGlassRows& break_glass() override { return break_glass_; }
  InsightRows& insight() override { return insight_; }
  Result<void> append_audit(const std::vector<accounts::AuditEntry>& entries) override {
    return append_audit_entries(conn_, entries);
  }

 private:
  Connection& conn_;
  Rows referrals_;
  SqlCaseRows<Connection> cases_;
  SqlCaseSupportRows<Connection> support_;
  SqlJobRows<Connection> jobs_;
  SqlOutboxRows<Connection> outbox_;
  SqlOnwardReferralRows<Connection> onward_referrals_;
  SqlRiskAssessmentRows<Connection> risk_assessments_;
  SqlCaseTaskRows<Connection> tasks_;
  SqlCaseMergeRows<Connection> merges_;
  SqlBreakGlassRows<Connection> break_glass_;
  SqlInsightRows<Connection> insight_;
};

}  // namespace vg::store
