#include "domain/casework/case_consent.h"

namespace vg::casework {
namespace {

constexpr std::string_view kConsented = "consented";
constexpr std::string_view kUnlessOptedOut = "refer_unless_opted_out";
constexpr std::string_view kAwaiting = "awaiting_consent";
constexpr std::string_view kOptedOut = "opted_out";
constexpr std::string_view kWithdrawn = "withdrawn";

std::unexpected<Error> cannot(std::string message) {
  return fail("conflict", message, {{"change", "not_now", std::move(message)}});
}

}  // namespace

bool may_share(std::string_view consent_state) {
  return consent_state == kConsented || consent_state == kUnlessOptedOut;
}

Result<std::string> consent_after(std::string_view state, ConsentChange change) {
  switch (change) {
    case ConsentChange::kGive:
      if (state == kConsented) return cannot("Consent is already recorded");
      return std::string(kConsented);
    case ConsentChange::kRefuse:
      if (state == kConsented) return cannot("Consent was given: record its withdrawal instead");
      if (state == kOptedOut) return cannot("Their refusal is already recorded");
      if (state == kWithdrawn) return cannot("Consent is already withdrawn");
      return std::string(kOptedOut);
    case ConsentChange::kWithdraw:
      if (state != kConsented && state != kUnlessOptedOut) {
        return cannot("There is no consent in force to withdraw");
      }
      return std::string(kWithdrawn);
  }
  return cannot("Unknown change");
}

std::string_view to_code(ConsentChange change) {
  switch (change) {
    case ConsentChange::kGive: return "give";
    case ConsentChange::kRefuse: return "refuse";
    case ConsentChange::kWithdraw: return "withdraw";
  }
  return "give";
}

std::optional<ConsentChange> consent_change_from_code(std::string_view code) {
  for (auto c : {ConsentChange::kGive, ConsentChange::kRefuse, ConsentChange::kWithdraw}) {
    if (to_code(c) == code) return c;
  }
  return std::nullopt;
}

std::string_view consent_state_label(std::string_view state) {
  if (state == kConsented) return "Consent given";
  if (state == kUnlessOptedOut) return "Referred unless they object";
  if (state == kAwaiting) return "Awaiting consent";
  if (state == kOptedOut) return "Refused";
  if (state == kWithdrawn) return "Consent withdrawn";
  return "Unknown";
}

}  // namespace vg::casework
