// The whole directory in and out as Open Referral HSDS 3.0 JSON: import-directory, demo data's
// taxonomy, export-directory. An import lands whole, with its audit entry, or not at all.
#pragma once

#include <string>
#include <string_view>

#include "app/clock.h"
#include "app/directory/directory_generation.h"
#include "app/directory/taxonomy_cache.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct ImportSummary {
  int organizations = 0;
  int services = 0;
  int taxonomies = 0;
  int taxonomy_terms = 0;
  int service_at_locations = 0;
};

class DirectoryTransfer {
 public:
  // In a process that also searches: `taxonomy` and `generation` are the ones its
  // DirectorySearch reads, so an import shows in its answers at once; they must outlive this.
  DirectoryTransfer(store::Store& store, const Clock& clock, TaxonomyCache& taxonomy,
                    DirectoryGeneration& generation);
  // In a process that only imports or exports (the command line): nothing to keep in step.
  DirectoryTransfer(store::Store& store, const Clock& clock);

  // HSDS 3.0 JSON: a single service/organization/taxonomy/term object, an array of them, or a
  // paged API body. Every problem is reported with its JSON path; nothing lands unless all is valid.
  Result<ImportSummary> import_hsds(std::string_view json, const std::string& actor);
  // Everything, as one JSON document that import_hsds reads back to the same data.
  Result<std::string> export_hsds();

 private:
  store::Store& store_;
  const Clock& clock_;
  TaxonomyCache* taxonomy_ = nullptr;
  DirectoryGeneration* generation_ = nullptr;
};

}  // namespace vg::app
