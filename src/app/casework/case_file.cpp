#include "app/casework/case_file.h"

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"

namespace vg::app {

Result<CaseView> CaseFile::open(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record) return not_found("The case");
  // Own team, own case, or another team's by a recorded reason (reason_required without one).
  const auto via = VG_TRY(case_read_right(store_, clock_.now(), actor, *record));
  auto referral = VG_TRY(store_.referrals().find(case_id));
  if (!referral) return not_found("The case");
  const auto subject = case_subject(*record);
  CaseView view{std::move(*record), std::move(*referral), VG_TRY(store_.cases().deadlines(case_id)),
                VG_TRY(store_.cases().events(case_id))};
  view.may_work = access::decide(actor, access::Action::kWorkCase, subject).allowed;
  view.may_allocate = access::decide(actor, access::Action::kAllocateCase, subject).allowed;
  // Who looked at the case, and by which right: the audit log shows it to the data protection
  // officer. The entry names the case, never what it holds.
  auto read = audit_entry(clock_, actor.user_id, "case.read", "case", case_id, case_read_detail(via));
  if (reads_) {
    reads_->record(std::move(read));
  } else {
    VG_CHECK(store_.audit().append(read));
  }
  return view;
}

Result<std::vector<casework::CaseEvent>> CaseFile::changes_since(const access::Actor& actor,
                                                                 const std::string& case_id,
                                                                 std::int64_t seen_version) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record) return not_found("The case");
  VG_CHECK(case_read_right(store_, clock_.now(), actor, *record));
  std::vector<casework::CaseEvent> changed;
  for (auto& e : VG_TRY(store_.cases().events(case_id))) {
    if (e.case_version > seen_version) changed.push_back(std::move(e));
  }
  return changed;
}

}  // namespace vg::app
