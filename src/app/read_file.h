// Reading a whole file the program is given (configuration, reference data, templates) into
// memory. Reads only; never decides what the text means.
#pragma once

#include <filesystem>
#include <string>

#include "domain/result.h"

namespace vg::app {

// The file's bytes as they are; not_found ("cannot read PATH") when it cannot be opened.
Result<std::string> read_file(const std::filesystem::path& path);

}  // namespace vg::app
