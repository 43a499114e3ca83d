#include "app/audit/read_audit_writer.h"

#include <spdlog/spdlog.h>

namespace vg::app {

ReadAuditWriter::ReadAuditWriter(store::Store& store, std::chrono::milliseconds every)
    : store_(store), every_(every), thread_([this] { run(); }) {}

ReadAuditWriter::~ReadAuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  flush();
}

void ReadAuditWriter::record(accounts::AuditEntry entry) {
  std::lock_guard lock(mutex_);
  waiting_.push_back(std::move(entry));
}

bool ReadAuditWriter::flush() {
  std::lock_guard writing(writing_);
  std::vector<accounts::AuditEntry> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(waiting_);
  }
  if (batch.empty()) return true;
  auto written = store_.write([&](store::UnitOfWork& unit) { return unit.append_audit(batch); });
  if (written) return true;
  // Kept, in order, ahead of anything recorded since: the next flush tries again.
  spdlog::error("audit: {} case reads could not be written yet: {}", batch.size(), written.error().message);
  std::lock_guard lock(mutex_);
  waiting_.insert(waiting_.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
  return false;
}

void ReadAuditWriter::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, every_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    flush();
    lock.lock();
  }
}

}  // namespace vg::app
