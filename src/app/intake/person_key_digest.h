// The digest the store keeps of a person match key (domain/casework/person_keys.h): BLAKE2b with
// a fixed label, so the index of keys holds no readable name, birth date or number. Never logs
// or returns the key itself.
#pragma once

#include <string>
#include <string_view>

namespace vg::app {

// 32 hex characters; the same key always gives the same digest, in every process.
std::string person_key_digest(std::string_view key);

}  // namespace vg::app
