// Where a refuge is must not be published through its organisation either. A service whose
// location is confidential keeps only its front door (service_document.h); HSDS also lets an
// organisation carry locations of its own, and for the organisation that runs a refuge those may
// be the refuge. So an organisation that runs any such service keeps no locations at all.
// Applied to every change to the directory before it is stored (the admin forms, the HSDS
// import), so nothing of where it is reaches the store, whichever of the organisation and the
// service arrives first.
#pragma once

#include "app/directory/taxonomy_index.h"
#include "domain/directory/directory_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// Drops the locations of every organisation in `batch` that runs a confidential service (in
// `batch`, or stored already), and adds to `batch`, without its locations, every stored
// organisation that holds some and runs a confidential service in `batch`.
Result<void> keep_no_locations_for_confidential(directory::DirectoryBatch& batch,
                                                store::DirectoryRepository& directory,
                                                const TaxonomyIndex& taxonomy);

}  // namespace vg::app
