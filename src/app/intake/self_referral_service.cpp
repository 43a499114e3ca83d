#include "app/intake/self_referral_service.h"

#include <sodium.h>

#include <boost/json.hpp>

#include <future>
#include <stdexcept>

#include "app/security/random_token.h"

namespace vg::app {
namespace {

namespace json = boost::json;

constexpr std::string_view kSubmitted = "submitted";
constexpr std::string_view kSending = "sending";
constexpr std::chrono::hours kRateWindow{1};

// 32 bytes derived from the token for one purpose (BLAKE2b keyed by the purpose).
std::string derive(std::string_view token, std::string_view purpose) {
  unsigned char out[crypto_secretbox_KEYBYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size());
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string id_hash(std::string_view token) { return to_hex(derive(token, "vg-draft-id")); }

std::string seal(std::string_view token, const std::string& plain) {
  const std::string key = derive(token, "vg-draft-key");
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key.data()));
  std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(box.data()),
                    box.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

std::optional<std::string> open(std::string_view token, const std::string& sealed) {
  std::string box(sealed.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  const std::string key = derive(token, "vg-draft-key");
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  const std::size_t cipher_length = length - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_length - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, cipher_length, nonce,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return std::nullopt;
  }
  return plain;
}

// Tokens are ours (64 hex characters); anything else is refused before touching the store.
bool plausible_token(std::string_view token) {
  return token.size() == 64 &&
         token.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::chrono::system_clock::time_point window_start(std::chrono::system_clock::time_point now) {
  return std::chrono::floor<std::chrono::hours>(now);
}

}  // namespace

SelfReferralService::SelfReferralService(store::Store& store, const Clock& clock,
                                         ReferralIntake& intake, SelfReferralLimits limits)
    : store_(store),
      clock_(clock),
      intake_(intake),
      limits_(std::move(limits)),
      // One worker is plenty: deleting a draft is one indexed row. 256 waiting is far beyond
      // any real rush of exits; past it a draft simply expires with the rest.
      cleanup_(std::make_unique<WorkPool>(1, 256)) {
  if (limits_.address_key.empty()) {
    address_key_.resize(crypto_generichash_KEYBYTES);
    randombytes_buf(address_key_.data(), address_key_.size());
  } else {
    address_key_ = derive(limits_.address_key, "vg-address-key");
  }
  limits_.address_key.clear();  // only the derived key is kept
}

Result<void> SelfReferralService::count_hit(std::string_view what, std::string_view address,
                                            int limit) {
  const auto now = clock_.now();
  // Old windows go with the next hit: nothing needs a separate clean-up job.
  VG_CHECK(store_.public_forms().purge(now, window_start(now) - kRateWindow));
  const std::string bucket = std::string(what) + ":" + to_hex(derive(address, address_key_));
  const auto hits = VG_TRY(store_.public_forms().add_hit(bucket, window_start(now)));
  if (hits > limit) {
    return fail("rate_limited", "Too many requests from this address. Try again later");
  }
  return {};
}

Result<std::string> SelfReferralService::start(std::string_view address) {
  VG_CHECK(count_hit("draft", address, limits_.drafts_per_hour));
  std::string token = random_hex(32);
  VG_CHECK(save(token, self_referral::Answers{}));
  return token;
}

Result<std::optional<SelfReferralService::Draft>> SelfReferralService::read(std::string_view token) {
  if (!plausible_token(token)) return std::optional<Draft>{};
  auto sealed = VG_TRY(store_.public_forms().find_draft(id_hash(token), clock_.now()));
  if (!sealed) return std::optional<Draft>{};
  auto plain = open(token, *sealed);
  if (!plain) return std::optional<Draft>{};
  boost::system::error_code ec;
  auto value = json::parse(*plain, ec);
  if (ec || !value.is_object()) return std::optional<Draft>{};
  return std::optional<Draft>(Draft{std::move(*sealed), std::move(value.as_object())});
}

Result<std::optional<self_referral::Answers>> SelfReferralService::load(std::string_view token) {
  auto draft = VG_TRY(read(token));
  if (!draft) return std::optional<self_referral::Answers>{};
  return std::optional<self_referral::Answers>(std::move(draft->answers));
}

Result<void> SelfReferralService::save(std::string_view token,
                                       const self_referral::Answers& answers) {
  if (!plausible_token(token)) return fail("not_found", "The draft does not exist");
  return store_.public_forms().save_draft(id_hash(token), seal(token, json::serialize(answers)),
                                          clock_.now() + limits_.draft_lifetime);
}

Result<void> SelfReferralService::discard(std::string_view token) {
  if (!plausible_token(token)) return {};
  return store_.public_forms().delete_draft(id_hash(token));
}

void SelfReferralService::discard_soon(std::string_view token) {
  if (!plausible_token(token)) return;
  // Not deleted now (the database is down): the draft expires with the rest, and once its
  // cookie is gone nobody holds the token that opens it.
  (void)cleanup_->try_submit([this, token = std::string(token)] { (void)discard(token); });
}

Result<SelfReferralService::Claimed> SelfReferralService::claim(std::string_view token,
                                                                std::string_view address) {
  auto draft = VG_TRY(read(token));
  if (!draft) return fail("not_found", "The draft does not exist");
  auto& answers = draft->answers;
  if (answers.contains(kSubmitted) || answers.contains(kSending)) {
    return fail("conflict", "The referral was already sent");
  }
  if (self_referral::first_unanswered(answers) != "check") {
    return fail("validation_failed", "Some questions have no answer");
  }
  // Claimed, not just read: of two sends of one draft (a double click), only one changes it
  // from these answers to "sending"; the other sees it being sent and waits for the reference.
  const auto now = clock_.now();
  const std::string sending = seal(token, json::serialize(self_referral::Answers{{kSending, true}}));
  if (!VG_TRY(store_.public_forms().replace_draft(id_hash(token), draft->sealed, sending,
                                                  now + limits_.draft_lifetime, now))) {
    return fail("conflict", "The referral was already sent");
  }
  if (auto allowed = count_hit("referral", address, limits_.referrals_per_hour); !allowed) {
    (void)save(token, answers);  // not sent: the answers stay for a later try
    return std::unexpected(allowed.error());
  }
  std::string body = self_referral::referral_json(answers, to_rfc3339(now));
  return Claimed{std::move(answers), std::move(body)};
}

Result<SubmittedSelfReferral> SelfReferralService::finish(const std::string& token,
                                                          const self_referral::Answers& answers,
                                                          const Result<IntakeOutcome>& sent) {
  if (!sent) {
    (void)save(token, answers);  // nothing was stored: keep the answers so nothing is lost
    return std::unexpected(sent.error());
  }
  SubmittedSelfReferral out;
  out.reference = sent->referral.reference;
  boost::system::error_code unreadable;
  const auto assessment = json::parse(sent->referral.assessment, unreadable);
  if (!unreadable && assessment.is_object()) {
    const auto& a = assessment.as_object();
    if (const auto* deadlines = a.if_contains("deadlines"); deadlines && deadlines->is_array()) {
      for (const auto& d : deadlines->as_array()) {
        if (d.at("code").as_string() == "first_contact") out.contact_by = std::string(d.at("due_date").as_string());
      }
    }
    if (const auto* consent = a.if_contains("consent"); consent && consent->is_object()) {
      out.held_for_consent = !consent->at("may_share_with_partners").as_bool();
    }
  }
  out.contact_methods = self_referral::answer_list(answers, "contact_methods");
  out.contact_times_given = !self_referral::answer_text(answers, "contact_times").empty();
  out.area = self_referral::area_of(self_referral::answer_text(answers, "local_authority"));
  // Only what the confirmation page says stays; the answers are gone from the draft.
  json::array methods;
  for (const auto& m : out.contact_methods) methods.emplace_back(m);
  self_referral::Answers done;
  done[kSubmitted] = json::object{{"reference", out.reference},
                                  {"contact_by", out.contact_by},
                                  {"held_for_consent", out.held_for_consent},
                                  {"contact_methods", std::move(methods)},
                                  {"contact_times_given", out.contact_times_given},
                                  {"area", out.area}};
  VG_CHECK(save(token, done));
  return out;
}

void SelfReferralService::submit_async(std::string_view token, std::string_view address,
                                       std::function<void(FinishSend)> ready) {
  auto claimed = claim(token, address);
  if (!claimed) {
    return ready([error = std::move(claimed.error())]() -> Result<SubmittedSelfReferral> {
      return std::unexpected(error);
    });
  }
  intake_.submit_async(
      claimed->body, {}, {}, "public:self_referral",
      [this, token = std::string(token), answers = std::move(claimed->answers),
       ready = std::move(ready)](Result<IntakeOutcome> sent) mutable {
        ready([this, token = std::move(token), answers = std::move(answers),
               sent = std::move(sent)] { return finish(token, answers, sent); });
      });
}

Result<SubmittedSelfReferral> SelfReferralService::submit(std::string_view token,
                                                          std::string_view address) {
  // The last step runs here, on the caller's thread, as submit_async's callers do on theirs.
  std::promise<FinishSend> ready;
  auto step = ready.get_future();
  submit_async(token, address, [&ready](FinishSend finish) { ready.set_value(std::move(finish)); });
  return step.get()();
}

Result<bool> SelfReferralService::being_sent(std::string_view token) {
  auto answers = VG_TRY(load(token));
  return answers.has_value() && answers->contains(kSending);
}

Result<std::optional<SubmittedSelfReferral>> SelfReferralService::submitted(std::string_view token) {
  auto answers = VG_TRY(load(token));
  if (!answers) return std::optional<SubmittedSelfReferral>{};
  const auto* s = answers->if_contains(kSubmitted);
  if (s == nullptr || !s->is_object()) return std::optional<SubmittedSelfReferral>{};
  SubmittedSelfReferral out;
  out.reference = std::string(s->at("reference").as_string());
  out.contact_by = std::string(s->at("contact_by").as_string());
  out.held_for_consent = s->at("held_for_consent").as_bool();
  // Drafts sent before these were kept have none of them: the page then says less.
  const auto& kept = s->as_object();
  if (const auto* methods = kept.if_contains("contact_methods"); methods && methods->is_array()) {
    for (const auto& m : methods->as_array()) {
      if (m.is_string()) out.contact_methods.emplace_back(m.as_string());
    }
  }
  if (const auto* given = kept.if_contains("contact_times_given"); given && given->is_bool()) {
    out.contact_times_given = given->as_bool();
  }
  if (const auto* area = kept.if_contains("area"); area && area->is_string()) out.area = area->as_string();
  return std::optional<SubmittedSelfReferral>(std::move(out));
}

}  // namespace vg::app
