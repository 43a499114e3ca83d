// Fuzz target for the configuration file reader (cli/config.h, parse_config: TOML, then the
// checks on every setting). No crash; a refusal names at least one key; an accepted
// configuration holds no negative count or size, whatever number the file gave.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = vg::cli::parse_config(text, "fuzz.toml");
  if (!config) {
    if (config.error().fields.empty()) std::abort();
    for (const auto& f : config.error().fields) {
      if (f.field.empty() || f.message.empty()) std::abort();
    }
    return 0;
  }
  const auto& c = *config;
  for (const long long n :
       {static_cast<long long>(c.threads), static_cast<long long>(c.db_pool_size),
        static_cast<long long>(c.request_timeout_seconds), static_cast<long long>(c.session_idle_minutes),
        static_cast<long long>(c.api_cache_seconds), static_cast<long long>(c.session_absolute_hours),
        static_cast<long long>(c.lockout_threshold), static_cast<long long>(c.lockout_minutes),
        static_cast<long long>(c.self_referral_drafts_per_hour),
        static_cast<long long>(c.self_referrals_per_hour), static_cast<long long>(c.jobs_poll_seconds)}) {
    if (n < 0) std::abort();
  }
  return 0;
}
