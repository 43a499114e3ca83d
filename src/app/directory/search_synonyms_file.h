// Reads the areas' search synonyms (config/areas/AREA/synonyms.txt) into one list for the
// directory's search. Reads files only; never touches the store or decides how a search runs.
#pragma once

#include <memory>
#include <string>

#include "domain/directory/search_synonyms.h"
#include "domain/result.h"

namespace vg::app {

// Every area's synonyms.txt under `config_dir`/areas, merged (a search may span areas). An area
// without the file adds nothing; a file with a mistake stops start-up, its path and line named.
Result<std::shared_ptr<const directory::SearchSynonyms>> load_search_synonyms(const std::string& config_dir);

}  // namespace vg::app
