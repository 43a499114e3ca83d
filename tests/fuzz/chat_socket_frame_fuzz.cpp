// Fuzz target for the chat WebSocket's frame reader (http/chat_socket_frame.h), the one parser of
// what a chat client sends over its socket, and for the notifier's payload reader
// (store/chat_notifier.h) on the same bytes. No crash; a refusal is one field error with a
// message on a known field; an accepted read frame has a number of 1 or more; an accepted
// signal reads back from its own text unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/chat_socket_frame.h"
#include "store/chat_notifier.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto frame = vg::http::read_chat_client_frame(text);
  if (!frame) {
    const auto& e = frame.error();
    if (e.code != "validation_failed" || e.fields.size() != 1 || e.fields[0].message.empty()) std::abort();
    const auto& field = e.fields[0].field;
    if (field != "frame" && field != "type" && field != "text" && field != "seq") std::abort();
  } else if (frame->kind == vg::http::ChatClientFrame::Kind::kRead && frame->seq < 1) {
    std::abort();
  }
  if (auto signal = vg::store::read_signal(text)) {
    const auto again = vg::store::read_signal(vg::store::signal_text(*signal));
    if (!again || again->kind != signal->kind || again->chat_id != signal->chat_id || again->seq != signal->seq) {
      std::abort();
    }
  }
  return 0;
}
