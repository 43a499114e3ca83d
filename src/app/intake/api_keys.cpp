#include "app/intake/api_keys.h"

#include "app/audit/audit_entry.h"
#include "app/security/random_token.h"

namespace vg::app {

Result<NewApiKey> ApiKeys::create_api_key(const std::string& organisation_id,
                                                const std::string& label, const std::string& actor) {
  auto org = VG_TRY(store_.accounts().find_organisation(organisation_id));
  if (!org) {
    return validation_failed({{"org", "unknown", "there is no organisation with that id"}},
                             "Unknown organisation");
  }
  if (label.size() > 200) {
    return validation_failed({{"label", "too_long", "must be 200 characters or fewer"}}, "Bad label");
  }
  NewApiKey out;
  out.secret = "vgk_" + random_hex(32);
  out.key.id = random_uuid();
  out.key.organisation_id = organisation_id;
  out.key.label = label;
  out.key.secret_hash = sha256_hex(out.secret);
  out.key.created_at = clock_.now();
  VG_CHECK(store_.referrals().create_api_key(
      out.key, audit_entry(clock_, actor, "api_key.create", "api_key", out.key.id)));
  return out;
}

Result<void> ApiKeys::revoke_api_key(const std::string& id, const std::string& actor) {
  VG_CHECK(store_.referrals().revoke_api_key(
      id, clock_.now(), audit_entry(clock_, actor, "api_key.revoke", "api_key", id)));
  std::lock_guard lock(keys_mutex_);
  std::erase_if(trusted_keys_, [&](const auto& entry) { return entry.second.key.id == id; });
  return {};
}

Result<intake::ApiKey> ApiKeys::authenticate(std::string_view secret) {
  // How long a key found valid is trusted before it is looked up again: a busy case system then
  // costs the database one lookup a second instead of one per referral, and a key revoked by
  // another process stops working within that second (at once in the process that revoked it).
  constexpr auto kTrustFor = std::chrono::seconds(1);
  constexpr std::size_t kMaxTrusted = 1024;  // live keys are few; a flood of new ones starts over
  if (secret.size() < 8 || secret.size() > 200) {
    return fail("unauthorized", "Send a valid API key");
  }
  const auto hash = sha256_hex(secret);
  const auto now = clock_.now();
  {
    std::lock_guard lock(keys_mutex_);
    if (auto it = trusted_keys_.find(hash); it != trusted_keys_.end()) {
      if (now >= it->second.checked_at && now - it->second.checked_at < kTrustFor) return it->second.key;
      trusted_keys_.erase(it);
    }
  }
  auto key = VG_TRY(store_.referrals().find_api_key_by_secret_hash(hash));
  if (!key || key->revoked_at) return fail("unauthorized", "Send a valid API key");
  std::lock_guard lock(keys_mutex_);
  if (trusted_keys_.size() >= kMaxTrusted) trusted_keys_.clear();
  trusted_keys_[hash] = TrustedKey{*key, now};
  return *key;
}

}  // namespace vg::app
