// One service in a search's answer, by reference into what holds it (the index a search ran on,
// or the page the store returned), with its list item when the index rendered one. Never owns
// or copies the record: it is valid only while the answer that holds it lives.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "domain/directory/directory_records.h"

namespace vg::app {

// What a list endpoint writes for one service, made once per service when an index is built
// (so the same bytes every search, without rescanning its document); nullopt when the record
// cannot be rendered, which the endpoint then reports as it would have without an index.
using ServiceListItemRenderer =
    std::function<std::optional<std::string>(const directory::ServiceRecord&)>;

class ServiceHit {
 public:
  ServiceHit(const directory::ServiceRecord& record, const std::string* list_item,
             std::optional<std::uint64_t> fingerprint = std::nullopt)
      : record_(&record), list_item_(list_item), fingerprint_(fingerprint) {}

  const directory::ServiceRecord& record() const { return *record_; }
  // So a hit reads like the record it names: `hit->name`, `const ServiceRecord& r = hit`.
  const directory::ServiceRecord* operator->() const { return record_; }
  operator const directory::ServiceRecord&() const { return *record_; }  // NOLINT: by design

  // The record's pre-rendered list item, or null when there is none (the store's search, no
  // renderer, or one that could not render it): the caller renders it itself then.
  const std::string* list_item() const { return list_item_; }
  // service_fingerprint(record()) when the index made it once for the record; nullopt from the
  // store's search, when the caller hashes the record itself.
  std::optional<std::uint64_t> fingerprint() const { return fingerprint_; }

 private:
  const directory::ServiceRecord* record_;
  const std::string* list_item_;
  std::optional<std::uint64_t> fingerprint_;
};

// A page of hits with whatever they point into, kept alive as long as the page is.
struct ServiceHitPage {
  directory::PageOf<ServiceHit> page;
  std::shared_ptr<const void> holder;
};

}  // namespace vg::app
