// The job runner against a real (in-memory SQLite) store and a fixed clock: each job's handler
// runs once per claim; failures wait with a doubling backoff; the last attempt's failure, or a
// permanent one, is a dead letter; an outcome's own writes land with it or not at all.
#include "app/jobs/job_runner.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("sqlite::memory:", 2);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate().has_value());
    runner_ = std::make_unique<JobRunner>(*store_, clock_, options_);
    runner_->on_event([this](const JobEvent& e) {
      std::string event(to_code(e.kind));
      event.append(":").append(e.job_kind).append(":").append(e.error);
      events_.push_back(std::move(event));
    });
  }

  void queue(const std::string& id, const std::string& kind, int max_attempts = 3,
             std::chrono::seconds delay = 0s) {
    store::JobRequest job;
    job.id = id;
    job.kind = kind;
    job.payload = "{}";
    job.run_after = clock_.now() + delay;
    job.max_attempts = max_attempts;
    job.created_at = clock_.now();
    ASSERT_EQ(store_->jobs().enqueue(job).value(), store::Enqueued::kQueued);
  }

  store::JobRecord stored(const std::string& id) { return store_->jobs().find(id).value().value(); }

  JobRunSummary run(int max = 10) {
    auto summary = runner_->run_due(max);
    EXPECT_TRUE(summary.has_value()) << summary.error().message;
    return summary ? *summary : JobRunSummary{};
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  JobRunnerOptions options_{300s, 30s, 600s};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<JobRunner> runner_;
  std::vector<std::string> events_;
};

TEST(RetryDelay, DoublesFromTheFirstRetryUpToTheLongest) {
  const JobRunnerOptions options{300s, 30s, 600s};
  EXPECT_EQ(retry_delay(1, options), 30s);
  EXPECT_EQ(retry_delay(2, options), 60s);
  EXPECT_EQ(retry_delay(3, options), 120s);
  EXPECT_EQ(retry_delay(5, options), 480s);
  EXPECT_EQ(retry_delay(6, options), 600s);
  EXPECT_EQ(retry_delay(1000, options), 600s);
}

TEST_F(JobRunnerTest, ADueJobRunsOnceAndIsDone) {
  int runs = 0;
  runner_->handle("greet", [&](const store::ClaimedJob& job) {
    ++runs;
    EXPECT_EQ(job.payload, "{}");
    return JobOutcome::done();
  });
  queue("j1", "greet");
  auto summary = run();
  EXPECT_EQ(summary.claimed, 1);
  EXPECT_EQ(summary.done, 1);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(stored("j1").status, store::JobStatus::kDone);
  EXPECT_EQ(run().claimed, 0);
  clock_.advance(3600s);
  EXPECT_EQ(run().claimed, 0);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(events_, (std::vector<std::string>{"done:greet:"}));
}

TEST_F(JobRunnerTest, AJobNotYetDueWaits) {
  int runs = 0;
  runner_->handle("later", [&](const store::ClaimedJob&) {
    ++runs;
    return JobOutcome::done();
  });
  queue("j1", "later", 3, 60s);
  EXPECT_EQ(run().claimed, 0);
  clock_.advance(60s);
  EXPECT_EQ(run().done, 1);
  EXPECT_EQ(runs, 1);
}

TEST_F(JobRunnerTest, FailuresRetryWithBackoffThenDeadLetterWithTheLastError) {
  int runs = 0;
  runner_->handle("flaky", [&](const store::ClaimedJob& job) {
    ++runs;
    std::string why = "smtp_unavailable_";
    return JobOutcome::retry(why.append(std::to_string(job.attempts)));
  });
  queue("j1", "flaky", 3);
  EXPECT_EQ(run().retried, 1);
  EXPECT_EQ(stored("j1").run_after, clock_.now() + 30s);
  clock_.advance(29s);
  EXPECT_EQ(run().claimed, 0);  // not before its backoff
  clock_.advance(1s);
  EXPECT_EQ(run().retried, 1);
  EXPECT_EQ(stored("j1").run_after, clock_.now() + 60s);
  clock_.advance(60s);
  auto last = run();
  EXPECT_EQ(last.dead, 1);
  EXPECT_EQ(runs, 3);
  const auto dead = store_->jobs().list_dead({1, 10}).value();
  ASSERT_EQ(dead.items.size(), 1u);
  EXPECT_EQ(dead.items[0].last_error, "smtp_unavailable_3");
  EXPECT_EQ(dead.items[0].attempts, 3);
  clock_.advance(3600s);
  EXPECT_EQ(run().claimed, 0);
  EXPECT_EQ(events_.back(), "dead:flaky:smtp_unavailable_3");
}

TEST_F(JobRunnerTest, APermanentFailureIsADeadLetterAtOnce) {
  runner_->handle("refused", [](const store::ClaimedJob&) {
    return JobOutcome::dead("provider_400");
  });
  queue("j1", "refused", 5);
  EXPECT_EQ(run().dead, 1);
  EXPECT_EQ(stored("j1").attempts, 1);
  EXPECT_EQ(stored("j1").last_error, "provider_400");
}

TEST_F(JobRunnerTest, AJobOfAKindWithNoHandlerIsADeadLetter) {
  queue("j1", "unknown.kind", 5);
  EXPECT_EQ(run().dead, 1);
  EXPECT_EQ(stored("j1").last_error, "no_handler");
}

TEST_F(JobRunnerTest, AHandlerThatThrowsIsRetried) {
  runner_->handle("buggy", [](const store::ClaimedJob&) -> JobOutcome {
    throw std::runtime_error("bug");
  });
  queue("j1", "buggy", 2);
  EXPECT_EQ(run().retried, 1);
  EXPECT_EQ(stored("j1").last_error, "handler_threw");
}

TEST_F(JobRunnerTest, AnOutcomesWritesLandWithItAndSeeWhereTheJobWent) {
  std::vector<store::JobStatus> seen;
  runner_->handle("audited", [&](const store::ClaimedJob& job) {
    auto also = [&, id = job.id](store::UnitOfWork& unit, store::JobStatus went) -> Result<void> {
      seen.push_back(went);
      accounts::AuditEntry entry;
      entry.at = clock_.now();
      entry.actor = std::string(JobRunner::kActor);
      entry.action = "job.test";
      entry.entity_type = "job";
      entry.entity_id = id;
      entry.detail = "{}";
      return unit.append_audit({entry});
    };
    return job.attempts == 1 ? JobOutcome::retry("first", also) : JobOutcome::done(also);
  });
  queue("j1", "audited");
  EXPECT_EQ(run().retried, 1);
  clock_.advance(30s);
  EXPECT_EQ(run().done, 1);
  EXPECT_EQ(seen, (std::vector{store::JobStatus::kQueued, store::JobStatus::kDone}));
  const auto entries = store_->audit().read(0, 10).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].actor, "system:jobs");
}

TEST_F(JobRunnerTest, AnOutcomeWhoseWritesFailLeavesTheJobToBeReclaimed) {
  int runs = 0;
  runner_->handle("fragile", [&](const store::ClaimedJob&) {
    ++runs;
    if (runs > 1) return JobOutcome::done();
    return JobOutcome::done([](store::UnitOfWork&, store::JobStatus) -> Result<void> {
      return fail("internal", "the write failed");
    });
  });
  queue("j1", "fragile", 3);
  auto first = run();
  EXPECT_EQ(first.lost, 1);
  EXPECT_EQ(stored("j1").status, store::JobStatus::kRunning);  // nothing of the outcome landed
  EXPECT_EQ(run().claimed, 0);                                // still held by its lease
  clock_.advance(301s);
  auto second = run();
  EXPECT_EQ(second.reclaimed, 1);
  EXPECT_EQ(second.done, 1);
  EXPECT_EQ(runs, 2);
}

TEST_F(JobRunnerTest, ARunClaimsAtMostItsLimit) {
  int runs = 0;
  runner_->handle("many", [&](const store::ClaimedJob&) {
    ++runs;
    return JobOutcome::done();
  });
  for (const char* id : {"j0", "j1", "j2", "j3", "j4"}) queue(id, "many");
  EXPECT_EQ(run(2).claimed, 2);
  EXPECT_EQ(run(2).claimed, 2);
  EXPECT_EQ(run(2).claimed, 1);
  EXPECT_EQ(runs, 5);
}

}  // namespace
}  // namespace vg::app
