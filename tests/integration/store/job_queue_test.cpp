// Conformance: the job queue, the same on every backend. Each job runs once: a claimed job is
// invisible to other claimers (threads and a second store on the same database included) until
// its lease runs out.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class JobQueueTest : public StoreTest {
 protected:
  JobQueue& jobs() { return store_->jobs(); }

  static JobRequest job(int n, std::string dedupe = {}, Instant run_after = at(),
                        int max_attempts = 3) {
    JobRequest j;
    j.id = uuid(n);
    j.kind = "test.kind";
    j.payload = "{\"n\":" + std::to_string(n) + "}";
    j.run_after = run_after;
    j.max_attempts = max_attempts;
    j.dedupe_key = std::move(dedupe);
    j.created_at = at();
    return j;
  }

  void queue(const JobRequest& j) {
    auto queued = jobs().enqueue(j);
    ASSERT_TRUE(queued.has_value()) << queued.error().message;
    ASSERT_EQ(*queued, Enqueued::kQueued);
  }

  std::vector<ClaimedJob> claim(int max, Instant now = at(), const std::string& token = "lease-a",
                                minutes lease = minutes(5)) {
    auto claimed = jobs().claim(max, now, now + lease, token);
    EXPECT_TRUE(claimed.has_value()) << claimed.error().message;
    return claimed ? *claimed : std::vector<ClaimedJob>{};
  }

  JobRecord stored(int n) {
    auto found = jobs().find(uuid(n));
    EXPECT_TRUE(found.has_value() && found->has_value());
    return found && *found ? **found : JobRecord{};
  }
};

TEST_F(JobQueueTest, AQueuedJobIsClaimedWithItsPayloadAndOneAttempt) {
  queue(job(1));
  auto claimed = claim(10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, uuid(1));
  EXPECT_EQ(claimed[0].kind, "test.kind");
  EXPECT_EQ(claimed[0].payload, "{\"n\":1}");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].max_attempts, 3);
  EXPECT_EQ(claimed[0].lease_token, "lease-a");
  EXPECT_EQ(stored(1).status, JobStatus::kRunning);
}

TEST_F(JobQueueTest, ADedupeKeyRefusesASecondEnqueueQuietly) {
  queue(job(1, "deadline-breach:case-1:2026-03-10"));
  auto again = jobs().enqueue(job(2, "deadline-breach:case-1:2026-03-10"));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, Enqueued::kAlreadyQueued);
  EXPECT_FALSE(jobs().find(uuid(2)).value().has_value());
  // Not even once the first is done: the key means "never twice".
  auto claimed = claim(10);
  ASSERT_EQ(claimed.size(), 1u);
  ASSERT_TRUE(jobs().complete(claimed[0], at(seconds(1))).has_value());
  EXPECT_EQ(jobs().enqueue(job(3, "deadline-breach:case-1:2026-03-10")).value(),
            Enqueued::kAlreadyQueued);
  // Jobs without a key never collide.
  queue(job(4));
  queue(job(5));
}

TEST_F(JobQueueTest, AJobIdTakenIsAConflict) {
  queue(job(1));
  auto again = jobs().enqueue(job(1));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_F(JobQueueTest, OnlyDueJobsAreClaimedOldestFirstUpToTheLimit) {
  queue(job(1, {}, at(minutes(2))));
  queue(job(2, {}, at(minutes(1))));
  queue(job(3, {}, at(minutes(10))));  // not due yet
  queue(job(4, {}, at()));
  auto claimed = claim(2, at(minutes(5)));
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, uuid(4));
  EXPECT_EQ(claimed[1].id, uuid(2));
  auto rest = claim(10, at(minutes(5)), "lease-b");
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, uuid(1));
  EXPECT_TRUE(claim(10, at(minutes(5)), "lease-c").empty());
  EXPECT_EQ(claim(10, at(minutes(10)), "lease-d").size(), 1u);
}

TEST_F(JobQueueTest, AClaimedJobIsInvisibleToOtherClaimersUntilItsLeaseRunsOut) {
  queue(job(1));
  ASSERT_EQ(claim(10, at(), "lease-a", minutes(5)).size(), 1u);
  EXPECT_TRUE(claim(10, at(minutes(4)), "lease-b").empty());
  // Still held: reclaiming before the lease ends changes nothing.
  EXPECT_EQ(jobs().reclaim_expired(at(minutes(4))).value(), 0);
  EXPECT_TRUE(claim(10, at(minutes(4)), "lease-b").empty());
}

TEST_F(JobQueueTest, ACompletedJobIsDoneAndNeverClaimedAgain) {
  queue(job(1));
  auto claimed = claim(1);
  ASSERT_EQ(claimed.size(), 1u);
  ASSERT_TRUE(jobs().complete(claimed[0], at(seconds(3))).has_value());
  EXPECT_EQ(stored(1).status, JobStatus::kDone);
  EXPECT_TRUE(claim(10, at(std::chrono::hours(1)), "lease-b").empty());
  EXPECT_EQ(jobs().reclaim_expired(at(std::chrono::hours(1))).value(), 0);
}

TEST_F(JobQueueTest, OnlyTheLeaseHolderMayRecordAnOutcome) {
  queue(job(1));
  auto claimed = claim(1);
  ASSERT_EQ(claimed.size(), 1u);
  ClaimedJob impostor = claimed[0];
  impostor.lease_token = "someone-else";
  auto completed = jobs().complete(impostor, at());
  ASSERT_FALSE(completed.has_value());
  EXPECT_EQ(completed.error().code, "conflict");
  auto failed = jobs().fail(impostor, {"boom", at(minutes(1)), false}, at());
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "conflict");
  EXPECT_EQ(stored(1).status, JobStatus::kRunning);
}

TEST_F(JobQueueTest, AFailedJobWaitsUntilItsRetryTimeWithTheError) {
  queue(job(1));
  auto claimed = claim(1);
  ASSERT_EQ(claimed.size(), 1u);
  auto failed = jobs().fail(claimed[0], {"smtp_unavailable", at(minutes(2)), false}, at(seconds(5)));
  ASSERT_TRUE(failed.has_value()) << failed.error().message;
  EXPECT_EQ(*failed, JobStatus::kQueued);
  const auto record = stored(1);
  EXPECT_EQ(record.status, JobStatus::kQueued);
  EXPECT_EQ(record.last_error, "smtp_unavailable");
  EXPECT_EQ(record.run_after, at(minutes(2)));
  EXPECT_TRUE(claim(10, at(minutes(1)), "lease-b").empty());
  auto again = claim(10, at(minutes(2)), "lease-c");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
}

TEST_F(JobQueueTest, TheLastAttemptsFailureMakesADeadLetter) {
  queue(job(1, {}, at(), 2));
  auto first = claim(1);
  ASSERT_EQ(jobs().fail(first.at(0), {"e1", at(), false}, at()).value(), JobStatus::kQueued);
  auto second = claim(1, at(), "lease-b");
  ASSERT_EQ(jobs().fail(second.at(0), {"e2", at(), false}, at(seconds(9))).value(),
            JobStatus::kDead);
  EXPECT_TRUE(claim(10, at(std::chrono::hours(1)), "lease-c").empty());
  auto dead = jobs().list_dead({1, 10}).value();
  ASSERT_EQ(dead.total_items, 1);
  ASSERT_EQ(dead.items.size(), 1u);
  EXPECT_EQ(dead.items[0].id, uuid(1));
  EXPECT_EQ(dead.items[0].kind, "test.kind");
  EXPECT_EQ(dead.items[0].attempts, 2);
  EXPECT_EQ(dead.items[0].last_error, "e2");
  EXPECT_EQ(dead.items[0].updated_at, at(seconds(9)));
}

TEST_F(JobQueueTest, APermanentFailureIsDeadAtOnce) {
  queue(job(1, {}, at(), 5));
  auto claimed = claim(1);
  EXPECT_EQ(jobs().fail(claimed.at(0), {"provider_refused_400", at(), true}, at()).value(),
            JobStatus::kDead);
  EXPECT_EQ(stored(1).status, JobStatus::kDead);
  EXPECT_EQ(stored(1).attempts, 1);
}

TEST_F(JobQueueTest, AnExpiredLeaseIsReclaimedAndTheJobRunsAgain) {
  queue(job(1, {}, at(), 3));
  auto claimed = claim(1, at(), "died", minutes(5));
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(jobs().reclaim_expired(at(minutes(6))).value(), 1);
  EXPECT_EQ(stored(1).status, JobStatus::kQueued);
  EXPECT_EQ(stored(1).last_error, "lease_expired");
  auto again = claim(10, at(minutes(6)), "alive");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
  // The runner that died cannot record an outcome over the new one's.
  EXPECT_EQ(jobs().complete(claimed[0], at(minutes(7))).error().code, "conflict");
  ASSERT_TRUE(jobs().complete(again[0], at(minutes(7))).has_value());
  EXPECT_EQ(stored(1).status, JobStatus::kDone);
}

TEST_F(JobQueueTest, AnExpiredLeaseOnTheLastAttemptMakesADeadLetter) {
  queue(job(1, {}, at(), 1));
  ASSERT_EQ(claim(1, at(), "died", minutes(5)).size(), 1u);
  EXPECT_EQ(jobs().reclaim_expired(at(minutes(6))).value(), 1);
  const auto record = stored(1);
  EXPECT_EQ(record.status, JobStatus::kDead);
  EXPECT_EQ(record.last_error, "lease_expired");
}

TEST_F(JobQueueTest, DeadLettersArePagedMostRecentFirst) {
  for (int n = 1; n <= 5; ++n) {
    queue(job(n, {}, at(), 1));
  }
  auto claimed = claim(5);
  ASSERT_EQ(claimed.size(), 5u);
  for (const auto& c : claimed) {
    const int n = std::stoi(c.id.substr(c.id.size() - 2));
    ASSERT_TRUE(jobs().fail(c, {"e", at(), false}, at(seconds(n))).has_value());
  }
  auto first = jobs().list_dead({1, 2}).value();
  EXPECT_EQ(first.total_items, 5);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].id, uuid(5));
  EXPECT_EQ(first.items[1].id, uuid(4));
  auto last = jobs().list_dead({3, 2}).value();
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].id, uuid(1));
  EXPECT_FALSE(jobs().list_dead({0, 2}).has_value());
}

TEST_F(JobQueueTest, RetryingADeadLetterQueuesItWithFreshAttemptsAndAnAuditEntry) {
  queue(job(1, {}, at(), 1));
  auto claimed = claim(1);
  ASSERT_EQ(jobs().fail(claimed.at(0), {"e", at(), false}, at()).value(), JobStatus::kDead);
  const auto before = audit_count();
  ASSERT_TRUE(jobs().retry_dead(uuid(1), at(minutes(1)), audit_entry("job.retried", uuid(1)))
                  .has_value());
  EXPECT_EQ(audit_count(), before + 1);
  EXPECT_EQ(jobs().list_dead({1, 10}).value().total_items, 0);
  auto again = claim(1, at(minutes(1)), "lease-b");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  // Only a dead job can be retried: a running one, or none, is not found (and nothing is audited).
  auto running = jobs().retry_dead(uuid(1), at(minutes(1)), audit_entry("job.retried"));
  ASSERT_FALSE(running.has_value());
  EXPECT_EQ(running.error().code, "not_found");
  EXPECT_EQ(jobs().retry_dead(uuid(99), at(), audit_entry("job.retried")).error().code,
            "not_found");
  EXPECT_EQ(audit_count(), before + 1);
}

TEST_F(JobQueueTest, AJobQueuedInAUnitOfWorkLandsWithItsWritesOrNotAtAll) {
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    EXPECT_EQ(VG_TRY(unit.jobs().enqueue(job(1, "k1"))), Enqueued::kQueued);
                    // A taken key inside a unit of work is quiet too: the rest still lands.
                    EXPECT_EQ(VG_TRY(unit.jobs().enqueue(job(2, "k1"))), Enqueued::kAlreadyQueued);
                    return unit.append_audit({audit_entry("with.job")});
                  })
                  .has_value());
  EXPECT_EQ(stored(1).status, JobStatus::kQueued);
  auto failed = store_->write([&](UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(job(3)));
    return fail("validation_failed", "the use case changed its mind");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_FALSE(jobs().find(uuid(3)).value().has_value());
}

TEST_F(JobQueueTest, AnOutcomeRecordedInAUnitOfWorkRollsBackWithIt) {
  queue(job(1));
  auto claimed = claim(1);
  ASSERT_EQ(claimed.size(), 1u);
  auto failed = store_->write([&](UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.jobs().complete(claimed[0], at()));
    return fail("internal", "a later write failed");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(stored(1).status, JobStatus::kRunning);
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    return unit.jobs().complete(claimed[0], at());
                  })
                  .has_value());
  EXPECT_EQ(stored(1).status, JobStatus::kDone);
}

// Many claimers at once, on threads sharing one store's connections and on a second store of
// the same database: every job is claimed exactly once.
TEST_F(JobQueueTest, ClaimersAtOnceNeverGetTheSameJob) {
  use_reachable_database();
  auto second = open_store(url_, 4);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  constexpr int kJobs = 120;
  for (int n = 1; n <= kJobs; ++n) queue(job(n));
  std::vector<Store*> stores = {store_.get(), second->get(), store_.get(), second->get()};
  std::vector<std::vector<std::string>> claimed_by(stores.size());
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < stores.size(); ++t) {
    threads.emplace_back([&, t] {
      // Bounded: each round claims at least one job while any is left.
      for (int round = 0; round < kJobs; ++round) {
        auto claimed = stores[t]->jobs().claim(7, at(), at(minutes(5)), "lease-" + std::to_string(t));
        if (!claimed) {
          ++errors;
          return;
        }
        if (claimed->empty()) return;
        for (const auto& c : *claimed) claimed_by[t].push_back(c.id);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  std::multiset<std::string> all;
  for (const auto& ids : claimed_by) all.insert(ids.begin(), ids.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kJobs));
  for (int n = 1; n <= kJobs; ++n) EXPECT_EQ(all.count(uuid(n)), 1u) << uuid(n);
}

}  // namespace
}  // namespace vg::store::testing
