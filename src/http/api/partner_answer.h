// A partner's answer to an onward referral, as its case system sends it to
// POST /api/v1/onward-referrals/{id}/answer: {"answer": "accept" | "decline" | "complete",
// "reason": …, "outcome": …}. Reads the body only; whether the answer may be given, and whether
// the reason or outcome is one the area knows, is app::PartnerInbox's to decide.
#pragma once

#include <expected>
#include <string_view>

#include "app/casework/partner_inbox.h"
#include "http/http_message.h"

namespace vg::http::api {

// The answer, or the problem to send: 400 when the body is not a JSON object, 422 naming every
// member at fault (unknown, not a string, an answer that is none of the three).
std::expected<app::PartnerAnswer, Response> read_partner_answer(std::string_view body);

}  // namespace vg::http::api
