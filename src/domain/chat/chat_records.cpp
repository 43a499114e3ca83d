#include "domain/chat/chat_records.h"

#include <array>
#include <utility>

namespace vg::chat {
namespace {

template <typename E, std::size_t N>
std::string_view code_of(const std::array<std::pair<E, std::string_view>, N>& codes, E value) {
  for (const auto& [v, code] : codes) {
    if (v == value) return code;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& codes, std::string_view code) {
  for (const auto& [v, c] : codes) {
    if (c == code) return v;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<ChatState, std::string_view>, 3> kStates{{
    {ChatState::kWaiting, "waiting"}, {ChatState::kActive, "active"}, {ChatState::kEnded, "ended"}}};
constexpr std::array<std::pair<ChatParty, std::string_view>, 2> kParties{{
    {ChatParty::kVictim, "victim"}, {ChatParty::kAdvisor, "advisor"}}};
constexpr std::array<std::pair<ChatEventKind, std::string_view>, 5> kKinds{{
    {ChatEventKind::kStarted, "started"},
    {ChatEventKind::kMessage, "message"},
    {ChatEventKind::kTaken, "taken"},
    {ChatEventKind::kEnded, "ended"},
    {ChatEventKind::kReferred, "referred"}}};
constexpr std::array<std::pair<EndReason, std::string_view>, 3> kReasons{{
    {EndReason::kVictimLeft, "victim_left"},
    {EndReason::kVictimExited, "victim_exited"},
    {EndReason::kAdvisorEnded, "advisor_ended"}}};

}  // namespace

std::string_view to_code(ChatState state) { return code_of(kStates, state); }
std::string_view to_code(ChatParty party) { return code_of(kParties, party); }
std::string_view to_code(ChatEventKind kind) { return code_of(kKinds, kind); }
std::string_view to_code(EndReason reason) { return code_of(kReasons, reason); }
std::optional<ChatState> chat_state_from_code(std::string_view code) { return value_of(kStates, code); }
std::optional<ChatParty> chat_party_from_code(std::string_view code) { return value_of(kParties, code); }
std::optional<ChatEventKind> chat_event_kind_from_code(std::string_view code) { return value_of(kKinds, code); }
std::optional<EndReason> end_reason_from_code(std::string_view code) { return value_of(kReasons, code); }

}  // namespace vg::chat
