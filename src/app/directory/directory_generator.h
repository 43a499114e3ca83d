// Invented services for large directories (benchmarks, load tests): plausible names, terms,
// areas and illustrative contact details, the same for the same seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/directory/directory_forms.h"
#include "app/directory/taxonomy_index.h"

namespace vg::app {

// `count` services spread over `organization_ids`, with ids derived from `seed` and the index,
// so running it again updates the same services instead of adding more.
std::vector<ServiceForm> generate_services(int count, std::uint64_t seed,
                                           const std::vector<std::string>& organization_ids,
                                           const TaxonomyIndex& taxonomy);

}  // namespace vg::app
