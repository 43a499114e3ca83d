#include "http/chat_socket_frame.h"

#include <boost/json.hpp>

namespace vg::http {
namespace {

std::unexpected<Error> refused(std::string field, std::string code, std::string message) {
  return validation_failed({{std::move(field), std::move(code), std::move(message)}}, "The message was not understood");
}

}  // namespace

Result<ChatClientFrame> read_chat_client_frame(std::string_view json) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) return refused("frame", "invalid", "must be a JSON object");
  const auto& o = parsed.as_object();
  const auto* type = o.if_contains("type");
  if (type == nullptr || !type->is_string()) return refused("type", "required", "must say what the message is");
  const std::string_view kind = type->as_string();
  ChatClientFrame frame;
  if (kind == "message") {
    const auto* text = o.if_contains("text");
    if (text == nullptr || !text->is_string()) return refused("text", "required", "Enter a message");
    frame.kind = ChatClientFrame::Kind::kMessage;
    frame.text = std::string(text->as_string());
    return frame;
  }
  if (kind == "typing") {
    frame.kind = ChatClientFrame::Kind::kTyping;
    return frame;
  }
  if (kind == "read") {
    const auto* seq = o.if_contains("seq");
    if (seq == nullptr || !seq->is_int64() || seq->as_int64() < 1) {
      return refused("seq", "invalid", "must be the number of an event shown");
    }
    frame.kind = ChatClientFrame::Kind::kRead;
    frame.seq = seq->as_int64();
    return frame;
  }
  return refused("type", "invalid", "must be message, typing or read");
}

}  // namespace vg::http
