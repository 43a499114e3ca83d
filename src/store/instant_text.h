// Instants as the store writes them: fixed-width RFC 3339 UTC with nanoseconds, so they sort as
// text, compare exactly and round-trip without loss. Store-internal; never parses user input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/accounts/account_records.h"

namespace vg::store {

// "2026-11-23T09:00:00.000000000Z". Fixed width for every instant system_clock can hold.
std::string format_instant(accounts::Instant at);

// Parses exactly what format_instant writes; nullopt for anything else.
std::optional<accounts::Instant> parse_instant(std::string_view text);

}  // namespace vg::store
