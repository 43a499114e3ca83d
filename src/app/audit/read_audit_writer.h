// Who looked at what, written in batches: a page that shows a case's personal data records the
// read here and answers at once; a writer thread appends the batch to the audit log within a
// second, in one transaction. Changes are never recorded here: they are audited in their own
// transaction. A read recorded when the process stops is still written (the destructor flushes).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/accounts/account_records.h"
#include "store/store.h"

namespace vg::app {

class ReadAuditWriter {
 public:
  // `every`: the longest a recorded read waits before it is written.
  explicit ReadAuditWriter(store::Store& store, std::chrono::milliseconds every = std::chrono::milliseconds(500));
  // Writes what is waiting, then stops the thread.
  ~ReadAuditWriter();
  ReadAuditWriter(const ReadAuditWriter&) = delete;
  ReadAuditWriter& operator=(const ReadAuditWriter&) = delete;

  void record(accounts::AuditEntry entry);
  // Writes what is waiting now (tests; shutdown). False when the store refused the batch, which
  // is then kept and tried again.
  bool flush();

 private:
  void run();

  store::Store& store_;
  const std::chrono::milliseconds every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<accounts::AuditEntry> waiting_;
  bool stopping_ = false;
  std::mutex writing_;  // one batch at a time, in order
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace vg::app
