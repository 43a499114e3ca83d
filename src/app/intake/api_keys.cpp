#include "app/intake/api_keys.h"

#include "app/audit/audit_entry.h"
#include "app/audit/refusal_tally.h"
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
  trusted_keys_.forget_if([&](const intake::ApiKey& key) { return key.id == id; });
  return {};
}

Result<intake::ApiKey> ApiKeys::authenticate(std::string_view secret, const std::string& address) {
  if (secret.empty()) return refuse(address, "missing");
  if (secret.size() < 8 || secret.size() > 200) return refuse(address, "malformed");
  const auto hash = sha256_hex(secret);
  const auto now = clock_.now();
  if (auto trusted = trusted_keys_.find(hash, now)) return *trusted;
  auto key = VG_TRY(store_.referrals().find_api_key_by_secret_hash(hash));
  if (!key) return refuse(address, "unknown");
  if (key->revoked_at) return refuse(address, "revoked", &*key);
  trusted_keys_.keep(hash, *key, now);
  return *key;
}

// Never the secret, nor anything of it, in the entry; a revoked key is named (a case system
// still sending it needs telling), an unknown one cannot be.
Result<intake::ApiKey> ApiKeys::refuse(const std::string& address, std::string_view reason,
                                       const intake::ApiKey* revoked) {
  if (refusals_) {
    refusals_->count("api-key:" + address,
                     audit_entry(clock_, revoked ? "api-key:" + revoked->id : "system:api",
                                 "api_key.refused", "api_key", revoked ? revoked->id : "",
                                 "{\"reason\":\"" + std::string(reason) + "\"}"));
  }
  return fail("unauthorized", "Send a valid API key");
}

}  // namespace vg::app
